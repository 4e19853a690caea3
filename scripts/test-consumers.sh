#!/usr/bin/env bash
# Consumer fixtures (consumers/*/run.sh): builds @webrerank/core and the adapters
# (@webrerank/langchain, @webrerank/llamaindex), packs them as npm would publish them, and runs
# every fixture on the tarballs in a scratch folder outside the repository, with its dependencies
# from the npm registry. Prints one PASS/FAIL line per fixture, then the package sizes
# (scripts/size.mjs). Usage: scripts/test-consumers.sh [fixture name...]
set -uo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
export ONNXRUNTIME_NODE_INSTALL=skip
root=$(pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/webrerank-consumers-XXXXXX")
case "$(cd "$work" && pwd -P)/" in
  "$root"/*) echo "test-consumers: scratch $work is inside the repository; set TMPDIR elsewhere" >&2; exit 1 ;;
esac
trap 'rm -rf "$work"' EXIT

# pnpm pack runs the package's prepack (the build) and writes publishConfig-applied metadata.
if ! pnpm -C packages/core pack --pack-destination "$work" >"$work/pack.log" 2>&1; then
  cat "$work/pack.log" >&2
  echo 'test-consumers: FAIL pnpm pack of packages/core' >&2
  exit 1
fi
tarball=$(ls "$work"/webrerank-core-*.tgz)
# The adapters (packages/langchain, packages/llamaindex), packed beside core's tarball, where
# their fixtures find them (consumers/lib.sh adapter_tarball).
adapters=(langchain llamaindex)
for adapter in "${adapters[@]}"; do
  if ! pnpm -C "packages/$adapter" pack --pack-destination "$work" >"$work/pack-$adapter.log" 2>&1; then
    cat "$work/pack-$adapter.log" >&2
    echo "test-consumers: FAIL pnpm pack of packages/$adapter" >&2
    exit 1
  fi
done

passed=() failed=()
# What is published: dist/, README, LICENSE and package.json; no sources, tests or tsconfigs.
listing=$(tar -tzf "$tarball")
stray=$(printf '%s\n' "$listing" | grep -vE '^package/(dist/.+\.(js|d\.ts|js\.map)|README\.md|LICENSE|package\.json)$' || true)
if [ -z "$stray" ] && grep -qx 'package/dist/node/cli\.js' <<<"$listing"; then
  passed+=(tarball)
  echo "PASS tarball holds only dist/, README.md, LICENSE, package.json ($(printf '%s\n' "$listing" | wc -l) files)"
else
  failed+=(tarball)
  echo "FAIL tarball holds files it should not (or lacks dist/node/cli.js):"
  printf '  | %s\n' $stray
fi

# The adapters' tarballs: dist/, README, LICENSE and package.json, and @webrerank/core a peer
# at the version packed above (pnpm writes it for workspace:^).
core_version=$(node -p "require('./packages/core/package.json').version")
for adapter in "${adapters[@]}"; do
  adapter_tgz=$(ls "$work"/webrerank-"$adapter"-*.tgz)
  # The listing in a variable, as for core above: `tar | grep -q` under pipefail fails whenever
  # grep exits at its first match before tar has written everything (SIGPIPE, status 141).
  adapter_listing=$(tar -tzf "$adapter_tgz")
  stray=$(printf '%s\n' "$adapter_listing" | grep -vE '^package/(dist/.+\.(js|d\.ts|js\.map)|README\.md|LICENSE|package\.json)$' || true)
  peer=$(tar -xzOf "$adapter_tgz" package/package.json | node -e "let s='';process.stdin.on('data',(d)=>{s+=d}).on('end',()=>{console.log(JSON.parse(s).peerDependencies?.['@webrerank/core'] ?? 'none')})")
  if [ -z "$stray" ] && grep -qx 'package/README\.md' <<<"$adapter_listing" && [ "$peer" = "^$core_version" ]; then
    passed+=("tarball-$adapter")
    echo "PASS tarball of packages/$adapter holds only dist/, README.md, LICENSE, package.json; peer @webrerank/core $peer"
  else
    failed+=("tarball-$adapter")
    echo "FAIL tarball of packages/$adapter: stray files [${stray//$'\n'/ }], README.md missing, or peer @webrerank/core $peer (want ^$core_version)"
  fi
done

if [ $# -gt 0 ]; then names=("$@"); else names=(); for dir in consumers/*/; do [ -x "$dir/run.sh" ] && names+=("$(basename "$dir")"); done; fi
for name in "${names[@]}"; do
  log="$work/$name.log"
  if "consumers/$name/run.sh" "$tarball" "$work/$name" >"$log" 2>&1; then
    passed+=("$name")
    echo "PASS consumers/$name"
  else
    failed+=("$name")
    echo "FAIL consumers/$name (last lines of its log:)"
    tail -n 40 "$log" | sed 's/^/  | /'
  fi
done

node scripts/size.mjs "$tarball" || failed+=(size)
echo "consumers: ${#passed[@]} passed, ${#failed[@]} failed${failed:+ (${failed[*]})}"
[ ${#failed[@]} -eq 0 ]
