#!/usr/bin/env bash
# Plain Node ESM on the installed adapter tarballs: `node app.mjs` reranks LangChain Documents
# (alone and through ContextualCompressionRetriever) and LlamaIndex nodes (alone and through
# RetrieverQueryEngine) with the xlmr-tiny reference model, equal to webrerank's own rank and
# within 1e-4 of FlagEmbedding. Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
source "$here/../lib.sh"

install_adapter_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
# One @llamaindex/core in the tree: the adapter's peer is llamaindex's own copy, so nodes,
# postprocessors and engines share their classes.
copies=$(find node_modules -path '*/@llamaindex/core/package.json' | wc -l)
[ "$copies" -eq 1 ] || { echo "adapters-node: $copies copies of @llamaindex/core installed" >&2; find node_modules -path '*/@llamaindex/core/package.json' >&2; exit 1; }
node app.mjs "$here/../../packages/testkit/reference/xlmr-tiny"
