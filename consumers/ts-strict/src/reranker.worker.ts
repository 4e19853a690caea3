// The worker file an app writes when it bundles the worker itself.
import { exposeReranker } from '@webrerank/core/worker';

exposeReranker();
