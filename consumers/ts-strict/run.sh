#!/usr/bin/env bash
# TypeScript consumer: the page, worker and Node files typecheck against the installed tarball's
# .d.ts with strict, exactOptionalPropertyTypes, erasableSyntaxOnly and skipLibCheck false, under
# moduleResolution bundler and under NodeNext. Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
source "$here/../lib.sh"

install_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
for context in page worker node; do
  for resolution in bundler nodenext; do
    if [ "$resolution" = nodenext ]; then flags=(--module nodenext --moduleResolution nodenext); else flags=(); fi
    echo "tsc -p tsconfig.$context.json ($resolution)"
    npx --no-install tsc -p "tsconfig.$context.json" "${flags[@]}"
  done
done
