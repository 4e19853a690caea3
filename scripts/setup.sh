#!/usr/bin/env bash
# Installs what a fresh Debian machine with Node 20 + npm lacks to build, test and serve
# webrerank: pnpm 12, Debian's Chromium (for the Playwright tests) and the workspace
# dependencies. Idempotent; prints nothing unless it installs something or fails.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

# onnxruntime-node's postinstall downloads CUDA files; the CPU binaries ship in its tarball.
export ONNXRUNTIME_NODE_INSTALL=skip

log() { printf '[setup] %s\n' "$*" >&2; }

# Runs a command quietly; shows its output only when it fails.
quiet() {
  local out
  if ! out=$("$@" 2>&1); then
    printf '%s\n' "$out" >&2
    log "failed: $*"
    return 1
  fi
}

# sudo for system-wide installs, only when not root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "need root (or sudo) to run: $*"
    return 1
  fi
}

pnpm_major() {
  local version
  version=$(pnpm --version 2>/dev/null | grep -Eo '^[0-9]+' | tail -n 1) || true
  printf '%s\n' "${version:-0}"
}

# 1. pnpm 12
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm_major)" -lt 12 ]; then
  log 'installing pnpm 12 (npm i -g pnpm@12)'
  npm_prefix=$(npm prefix -g)
  if [ -w "$npm_prefix" ] || [ "$(id -u)" -eq 0 ]; then
    quiet npm i -g pnpm@12
  else
    quiet as_root npm i -g pnpm@12
  fi
  hash -r
  if [ "$(pnpm_major)" -lt 12 ]; then
    log "pnpm 12 is not first on PATH after installing it (found: $(command -v pnpm || echo none))"
    exit 1
  fi
fi

# 2. Chromium for the browser tests (Playwright's own browser download is not used).
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    log "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
    exit 1
  fi
  log 'installing Debian chromium (apt-get install chromium)'
  quiet as_root apt-get update
  quiet as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

# 3. Workspace dependencies, exactly as locked.
quiet pnpm install --frozen-lockfile --config.confirm-modules-purge=false
