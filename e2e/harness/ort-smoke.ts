// Page side of the smoke test: start the worker, pass the query string on, publish the answer.
import { runHarness } from './lib/report';
import type { SmokeReply, SmokeRequest } from './ort-smoke.protocol';

const params = new URLSearchParams(location.search);
const request: SmokeRequest = {
  hub: params.get('hub') ?? '',
  executionProviders: (params.get('ep') ?? 'wasm,webgpu').split(','),
  pairs: Number(params.get('pairs') ?? '4'),
  build: params.get('build') === 'jsep' ? 'jsep' : 'webgpu',
};

runHarness(async () => {
  if (!request.hub) throw new Error('missing ?hub=<hub server url>');
  const worker = new Worker(new URL('./ort-smoke.worker.ts', import.meta.url), { type: 'module' });
  const reply = await new Promise<SmokeReply>((done, fail) => {
    worker.onmessage = (event: MessageEvent<SmokeReply>) => done(event.data);
    worker.onerror = (event) => fail(new Error(`worker error: ${event.message}`));
    worker.postMessage(request);
  });
  worker.terminate();
  if (!reply.ok) throw new Error(reply.error);
  document.querySelector('#out')!.textContent = JSON.stringify(reply.result, null, 2);
  return reply.result;
});
