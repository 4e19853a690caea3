#!/usr/bin/env bash
# Consumer fixture 2: the same app as consumers/vite-app (../_browser/main.ts), built by webpack 5
# with ts-loader, @webrerank/core from the packed tarball, everything else from the registry,
# outside the repository.
#   run.sh <abs path of the @webrerank/core tarball> <scratch dir>
# Why webpack: the most used bundler after Vite, and it understands both patterns the library and
# onnxruntime-web rely on without plugins: `new Worker(new URL('…', import.meta.url))` and
# `new URL('….wasm', import.meta.url)` (esbuild handles neither; rollup needs plugins for both).
# The build must emit the library's worker, onnxruntime's builds as separate chunks and their
# .wasm; consumers/_browser/check.mjs then checks in Chromium that they load, that rank() scores
# equal the Node engine's, that every request goes to the app's own origin, no console errors.
set -euo pipefail
TARBALL=$1 SCRATCH=$2
HERE=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
REPO=$(cd "$HERE/../.." && pwd -P)
source "$HERE/../lib.sh"
export npm_config_update_notifier=false

install_fixture "$HERE" "$SCRATCH" "$TARBALL"
cd "$SCRATCH"
mkdir -p src
cp "$REPO/consumers/_browser/main.ts" src/main.ts

npm run --silent build
# The library's worker, onnxruntime's chunks (one per build) and both .wasm are emitted.
ls dist
[ "$(find dist -name '*.wasm' | wc -l)" -eq 2 ] || { echo "webpack-app: expected 2 .wasm files in dist" >&2; exit 1; }

# The test model, served by the app itself in the hub's layout.
pnpm --silent --dir "$REPO" testkit generate --preset tiny --out "$PWD/model" >/dev/null
mkdir -p dist/hub/webrerank-test/tiny/resolve
cp -r model dist/hub/webrerank-test/tiny/resolve/main

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
node "$REPO/consumers/_browser/serve.mjs" dist "$PORT" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.2; done
node "$REPO/consumers/_browser/check.mjs" --url "http://127.0.0.1:$PORT/" --model "$PWD/model" --label webpack-app
