#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), then runs every test: lint, typecheck, unit and
# integration tests (vitest), browser tests (Playwright on Debian's Chromium), the consumer
# fixtures on the packed tarball (scripts/test-consumers.sh: npm registry access), then the
# benchmark harness on the tiny model (`pnpm bench --quick`: proves it runs; its timings mean nothing).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
export ONNXRUNTIME_NODE_INSTALL=skip

bash scripts/setup.sh
pnpm test
bash scripts/test-consumers.sh
pnpm bench --quick --out "${TMPDIR:-/tmp}/webrerank-bench-quick.json"
