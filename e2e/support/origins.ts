// Fixed ports of the two Vite servers (strictPort: a busy port fails loudly instead of moving).
export const DEMO_PORT = 4173;
export const DEMO_ORIGIN = `http://127.0.0.1:${DEMO_PORT}`;
export const HARNESS_PORT = 4175;
export const HARNESS_ORIGIN = `http://127.0.0.1:${HARNESS_PORT}`;
