// The three-line worker file the README tells users to write.
import { exposeReranker } from '../../packages/core/src/worker/index.js';

exposeReranker();
