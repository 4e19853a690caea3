# Shared by the consumers/*/run.sh fixtures (sourced, not run).

# install_fixture <fixture dir> <scratch dir> <core tarball>: copies the fixture into the scratch
# folder and installs its pinned dependencies and the tarball from the npm registry, as a user
# would. The scratch folder must lie outside the repository, so that Node and TypeScript find no
# workspace node_modules above it.
install_fixture() {
  local fixture=$1 scratch=$2 tarball=$3 repo
  repo=$(cd "$fixture/../.." && pwd -P)
  mkdir -p "$scratch"
  scratch=$(cd "$scratch" && pwd -P)
  case "$scratch/" in
    "$repo"/*) echo "install_fixture: $scratch is inside the repository $repo" >&2; return 1 ;;
  esac
  cp -R "$fixture/." "$scratch/"
  rm -rf "$scratch/node_modules"
  # onnxruntime-node's postinstall downloads CUDA files; the CPU binaries ship in its tarball.
  (cd "$scratch" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error "$tarball")
}

# adapter_tarball <core tarball> <adapter name>: the path of packages/<name>'s tarball, which
# scripts/test-consumers.sh packs next to the core tarball (fails when it is not there).
adapter_tarball() {
  local found
  found=$(ls "$(dirname "$1")"/webrerank-"$2"-*.tgz 2>/dev/null | head -n 1)
  [ -n "$found" ] || { echo "adapter_tarball: no webrerank-$2 tarball beside $1 (scripts/test-consumers.sh packs it)" >&2; return 1; }
  (cd "$(dirname "$found")" && echo "$(pwd -P)/$(basename "$found")")
}

# install_adapter_fixture <fixture dir> <scratch dir> <core tarball>: install_fixture, then both
# adapters' tarballs (packed beside core's) into it; the caller continues in the scratch dir.
install_adapter_fixture() {
  local langchain llamaindex
  langchain=$(adapter_tarball "$3" langchain)
  llamaindex=$(adapter_tarball "$3" llamaindex)
  install_fixture "$1" "$2" "$3"
  (cd "$2" && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --loglevel=error "$langchain" "$llamaindex")
}
