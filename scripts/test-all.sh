#!/usr/bin/env bash
# Sets the machine up (scripts/setup.sh), then runs every test: lint, typecheck, unit and
# integration tests (vitest), browser tests (Playwright on Debian's Chromium).
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
export ONNXRUNTIME_NODE_INSTALL=skip

bash scripts/setup.sh
pnpm test
