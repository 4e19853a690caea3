#!/usr/bin/env bash
# TypeScript consumer of the adapters: a page and a Node file using @webrerank/langchain and
# @webrerank/llamaindex typecheck against the installed tarballs' .d.ts and the real LangChain.js
# and LlamaIndex.TS declarations, with strict, exactOptionalPropertyTypes and erasableSyntaxOnly,
# under moduleResolution bundler and under NodeNext. The files hold type-level assertions
# (@ts-expect-error) that fail the check when the types are too loose. skipLibCheck is on
# (tsconfig.base.json says why); one more run with it off must show no error in our files.
# Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
source "$here/../lib.sh"

install_adapter_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
for context in page node; do
  for resolution in bundler nodenext; do
    if [ "$resolution" = nodenext ]; then flags=(--module nodenext --moduleResolution nodenext); else flags=(); fi
    echo "tsc -p tsconfig.$context.json ($resolution)"
    npx --no-install tsc -p "tsconfig.$context.json" "${flags[@]}"
  done
  echo "tsc -p tsconfig.$context.json --skipLibCheck false: errors in src/ or @webrerank/ declarations"
  ours=$(npx --no-install tsc -p "tsconfig.$context.json" --skipLibCheck false | grep -E '^(src/|node_modules/@webrerank/)' || true)
  [ -z "$ours" ] || { printf '%s\n' "$ours" >&2; exit 1; }
done
