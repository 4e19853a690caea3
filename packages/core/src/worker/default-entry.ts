// The worker createReranker starts when the caller passes no `worker` factory.
import { exposeReranker } from './index.js';

exposeReranker();
