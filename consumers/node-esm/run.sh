#!/usr/bin/env bash
# Plain Node ESM on the installed tarball: `node app.mjs` (no tsx) scores the xlmr-tiny
# reference model (packages/testkit/reference, committed) with the wasm and node backends,
# equal to FlagEmbedding within 1e-4, and ranks. Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
source "$here/../lib.sh"

install_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
node app.mjs "$here/../../packages/testkit/reference/xlmr-tiny"
