// A static file server for a built app, with the headers a deployment needs for onnxruntime's
// threads (COOP/COEP) and the right types (application/wasm for streaming compilation).
//   node serve.mjs <dir> <port>
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const [dir, port] = process.argv.slice(2);
const root = resolve(dir);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.onnx': 'application/octet-stream' };

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = join(root, normalize(path.endsWith('/') ? `${path}index.html` : path));
  let size;
  try {
    size = statSync(file).isFile() ? statSync(file).size : undefined;
  } catch {
    size = undefined;
  }
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  if (size === undefined || !file.startsWith(root)) {
    res.writeHead(404, headers).end('not found');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': size });
  createReadStream(file).pipe(res);
}).listen(Number(port), '127.0.0.1');
