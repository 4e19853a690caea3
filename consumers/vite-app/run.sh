#!/usr/bin/env bash
# Consumer fixture 1: a Vite app made by create-vite's vanilla-ts template (its stock tsconfig:
# strict, bundler resolution, erasableSyntaxOnly, ...), with @webrerank/core installed from the
# packed tarball and everything else from the registry, outside the repository.
#   run.sh <abs path of the @webrerank/core tarball> <scratch dir>
# What a user adds to the template: src/main.ts (../_browser/main.ts) and vite.config.ts (here).
# Then `npm run build` (tsc && vite build), `vite preview`, and consumers/_browser/check.mjs in
# Chromium: rank() scores equal the Node engine's, every request to the app's own origin, no
# console errors, onnxruntime's wasm build loaded and never its webgpu build. The same check
# then runs against the dev server (`vite`).
set -euo pipefail
TARBALL=$(realpath "$1")
mkdir -p "$2"
SCRATCH=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
APP="$SCRATCH/vite-app"
case "$SCRATCH/" in "$REPO"/*) echo "vite-app: the scratch dir $SCRATCH is inside the repository" >&2; exit 1 ;; esac
export ONNXRUNTIME_NODE_INSTALL=skip npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# 1. The template, as `npm create vite@9.3.0 vite-app -- --template vanilla-ts` writes it.
rm -rf "$APP" "$SCRATCH/package"
(cd "$SCRATCH" && npm pack --silent create-vite@9.3.0 >/dev/null && tar xzf create-vite-9.3.0.tgz && rm create-vite-9.3.0.tgz)
mv "$SCRATCH/package/template-vanilla-ts" "$APP"
mv "$APP/_gitignore" "$APP/.gitignore"
rm -rf "$SCRATCH/package"
cd "$APP"
# The template's ranges (typescript ~7.0.2, vite ^8.3.4), pinned to what they gave when written.
npm pkg set name=vite-app devDependencies.typescript=7.0.2 devDependencies.vite=8.4.1

# 2. What the user adds: the library, the app, the config.
npm install --silent --save-exact "$TARBALL"
cp "$REPO/consumers/_browser/main.ts" src/main.ts
cp "$HERE/vite.config.ts" vite.config.ts

# 3. The test model, served by the app itself in the hub's layout (public/ is copied into dist/).
pnpm --silent --dir "$REPO" testkit generate --preset tiny --out "$SCRATCH/model" >/dev/null
mkdir -p public/hub/webrerank-test/tiny/resolve
cp -r "$SCRATCH/model" public/hub/webrerank-test/tiny/resolve/main

# 4. Build exactly as the template's script does, then check the build in Chromium.
npm run --silent build
ls dist/assets
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true' EXIT
# check <vite command...>: serves the app with that command on a free port, runs the check.
check() {
  local port label=$1
  shift
  port=$(free_port)
  ./node_modules/.bin/vite "$@" --host 127.0.0.1 --port "$port" --strictPort >"$SCRATCH/$label.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
  node "$REPO/consumers/_browser/check.mjs" --url "http://127.0.0.1:$port/" --model "$SCRATCH/model" --label "$label"
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}
check vite-app preview
check vite-app-dev

# 5. Vite's default worker format (iife) inlines onnxruntime into the worker file, whose threads
# then start that file instead of onnxruntime's: the load must fail saying so, not hang.
sed -i "s/worker: { format: 'es' },/worker: { format: 'iife' },/" vite.config.ts
grep -q "format: 'iife'" vite.config.ts
npm run --silent build
check_error() {
  local port
  port=$(free_port)
  ./node_modules/.bin/vite preview --host 127.0.0.1 --port "$port" --strictPort >"$SCRATCH/vite-app-iife.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done
  node "$REPO/consumers/_browser/check.mjs" --url "http://127.0.0.1:$port/" --model "$SCRATCH/model" --label vite-app-iife --expect-error "worker: { format: 'es' }"
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=
}
check_error
