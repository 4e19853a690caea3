// Ports of the two Vite servers the browser tests use. They are picked free when the Playwright
// runner first loads its config and handed on through the environment, so its workers, the
// servers it starts (e2e/harness/vite.config.ts reads this file too) and the specs all agree,
// while two runs (two checkouts, two users) never share a port and never test each other's
// servers. Fixed ports reused a server already listening there: it once tested another
// checkout's preview. WEBRERANK_DEMO_PORT / WEBRERANK_HARNESS_PORT pin a port by hand.
import { execFileSync } from 'node:child_process';

// Synchronous (config files are loaded synchronously): a child process asks the OS for a free
// port and prints it. The servers bind it moments later with strictPort, so the rare port taken
// in between fails loudly instead of being reused.
function freePort(): number {
  const script = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function portFromEnv(name: string): number {
  const given = Number(process.env[name]);
  if (Number.isInteger(given) && given > 0) return given;
  const port = freePort();
  process.env[name] = String(port);
  return port;
}

export const DEMO_PORT = portFromEnv('WEBRERANK_DEMO_PORT');
export const DEMO_ORIGIN = `http://127.0.0.1:${DEMO_PORT}`;
export const HARNESS_PORT = portFromEnv('WEBRERANK_HARNESS_PORT');
export const HARNESS_ORIGIN = `http://127.0.0.1:${HARNESS_PORT}`;
