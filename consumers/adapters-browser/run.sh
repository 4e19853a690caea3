#!/usr/bin/env bash
# Browser consumer of the adapters: a Vite app (package.json, index.html, src/main.ts here, and
# consumers/vite-app's vite.config.ts) with @webrerank/core, @webrerank/langchain and
# @webrerank/llamaindex installed from their packed tarballs and LangChain.js, LlamaIndex.TS and
# Vite from the npm registry, outside the repository. `vite build`, `vite preview`, then
# consumers/_browser/check.mjs in Chromium: the page's rank() equals the Node engine within 1e-4,
# and what ContextualCompressionRetriever and RetrieverQueryEngine returned through the adapters
# equals that rank() (best 3, same scores); bad input gives RerankerError codes; every request
# to the app's own origin, no console errors. Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd -P)
source "$here/../lib.sh"

install_adapter_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
cp "$repo/consumers/vite-app/vite.config.ts" vite.config.ts

# The test model, served by the app itself in the hub's layout (public/ is copied into dist/).
pnpm --silent --dir "$repo" testkit generate --preset tiny --out "$scratch/model" >/dev/null
mkdir -p public/hub/webrerank-test/tiny/resolve
cp -r "$scratch/model" public/hub/webrerank-test/tiny/resolve/main

npm run --silent build
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
port=$(free_port)
./node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort >"$scratch/preview.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
node "$repo/consumers/_browser/check.mjs" --url "http://127.0.0.1:$port/" --model "$scratch/model" --label adapters-browser
