import type { BrowserContext } from '@playwright/test';

/** Cuts the network: the browser is offline, and anything that still tries is recorded and aborted. */
export async function cutNetwork(context: BrowserContext): Promise<string[]> {
  const attempts: string[] = [];
  await context.setOffline(true);
  await context.route('**', async (route) => {
    attempts.push(route.request().url());
    await route.abort('internetdisconnected');
  });
  return attempts;
}
