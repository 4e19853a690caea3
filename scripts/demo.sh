#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), generates the local test model, builds the demo and
# serves it with the production headers (COOP/COEP + CSP) at http://127.0.0.1:4173/. No internet
# needed: the default model is the tiny test model, served by the app itself under /hub.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
export ONNXRUNTIME_NODE_INSTALL=skip

URL='http://127.0.0.1:4173/'

log() { printf '[demo] %s\n' "$*" >&2; }

bash scripts/setup.sh

# The tiny test model (deterministic, generated locally: nothing is downloaded).
if ! out=$(pnpm testkit generate --preset tiny --out packages/testkit/models/tiny 2>&1); then
  printf '%s\n' "$out" | tail -n 20 >&2
  log 'warning: generating the test model failed; serving the demo without it'
fi

if ! out=$(./node_modules/.bin/vite build 2>&1); then
  printf '%s\n' "$out" >&2
  log 'building the demo failed'
  exit 1
fi

./node_modules/.bin/vite preview --logLevel warn &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT INT TERM

# Wait until the server answers, then say where it is.
ready=false
for _ in $(seq 1 150); do
  if ! kill -0 "$server" 2>/dev/null; then
    wait "$server" || true
    log "vite preview exited (is port 4173 already in use?)"
    exit 1
  fi
  if node -e "fetch('$URL').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; then
    ready=true
    break
  fi
  sleep 0.2
done
if [ "$ready" != true ]; then
  log "vite preview did not answer at $URL"
  exit 1
fi

printf '\n  webrerank demo: %s\n  default model: the tiny test model (random weights), served locally, no internet needed\n  (Ctrl+C to stop)\n\n' "$URL"
wait "$server"
