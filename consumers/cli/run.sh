#!/usr/bin/env bash
# The `webrerank` bin from the installed tarball, on plain Node: `npx webrerank score` prints
# FlagEmbedding's scores of the xlmr-tiny reference model within 1e-4, with default options and
# with --normalize --max-length 32. Usage: run.sh <core tarball> <scratch dir>
set -euo pipefail
tarball=$1 scratch=$2
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
model=$here/../../packages/testkit/reference/xlmr-tiny
source "$here/../lib.sh"

install_fixture "$here" "$scratch" "$tarball"
cd "$scratch"
node pairs.mjs "$model/expected.json" default >pairs.jsonl
node pairs.mjs "$model/expected.json" max32_norm >pairs-max32.jsonl
npx --no-install webrerank score --model "$model" --input pairs.jsonl --dtype fp32 | node check.mjs "$model/expected.json" default
npx --no-install webrerank score --model "$model" --input - --dtype fp32 --normalize --max-length 32 <pairs-max32.jsonl | node check.mjs "$model/expected.json" max32_norm
# Mistakes exit 1 with a message, not a stack trace.
if npx --no-install webrerank score --model "$model" >out.txt 2>err.txt; then echo 'no --input: exit 0' >&2; exit 1; fi
grep -q 'INVALID_OPTION' err.txt || { echo 'no --input: no INVALID_OPTION on stderr' >&2; cat err.txt >&2; exit 1; }
echo 'no --input: INVALID_OPTION, exit 1'
