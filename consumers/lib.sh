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
