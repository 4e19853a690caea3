// The layers a layerwise model can score from, read from its config.json.
/**
 * Every layer a layerwise model scores from: [start_layer, num_hidden_layers] of the config.json
 * the library loaded (info() does not name them), fetched again from the same folder.
 */
export async function layerRange(baseUrl: string, signal: AbortSignal): Promise<number[]> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const response = await fetch(`${base}config.json`, { signal });
  if (!response.ok) throw new Error(`could not read the layer range: ${base}config.json answered HTTP ${response.status}`);
  const config = (await response.json()) as { start_layer?: unknown; num_hidden_layers?: unknown };
  const { start_layer: start, num_hidden_layers: last } = config;
  if (typeof start !== 'number' || typeof last !== 'number' || !Number.isInteger(start) || !Number.isInteger(last) || start > last) {
    throw new Error(`config.json has no layer range (start_layer ${String(start)}, num_hidden_layers ${String(last)})`);
  }
  return Array.from({ length: last - start + 1 }, (_, i) => start + i);
}
