// A plain HTTP proxy on 127.0.0.1 in front of one of the test servers, which notes every request
// that reaches it and the bytes of each answer's body as sent (compressed where the server
// compressed it). What the browser took from its caches or its service worker never gets here,
// so this is what a visit downloads. It sees every request, from pages, workers, onnxruntime's
// pthread workers and service workers alike, which the browser's own network events may miss
// for requests a worker makes as it starts.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  path: string;
  status: number;
  /** Body bytes as sent by the server (after its Content-Encoding). */
  bytes: number;
}

export interface RecordingProxy {
  origin: string;
  requests: ProxiedRequest[];
  /** Requests the proxy has received whose answer has not ended yet. */
  inFlight(): number;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    const entry: ProxiedRequest = { path: req.url ?? '/', status: 0, bytes: 0 };
    let ended = false;
    const done = (): void => {
      if (ended) return;
      ended = true;
      inFlight--;
      requests.push(entry);
    };
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(entry.status, answer.headers);
        answer.on('data', (chunk: Buffer) => (entry.bytes += chunk.byteLength));
        answer.pipe(res);
        res.on('close', done);
      },
    );
    forward.on('error', (error) => {
      entry.status = 502;
      res.writeHead(502).end(String(error));
      done();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    inFlight: () => inFlight,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
