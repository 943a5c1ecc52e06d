#!/usr/bin/env bash
# test_in_root.sh VERSION [pytest arguments]: the QGIS-facing tests on QGIS VERSION (3.40 or
# 3.44), in its Debian root (scripts/qgis_root.sh builds and caches it).
#
# The checkout and the sample data are bind-mounted at their own paths inside the root, the
# checkout is installed there (editable, as `make setup` does in the venv) and the release
# zip, built here from the working tree, is what the qgis_process tests install into an empty
# profile. The organisation's plugin repository (`make repository`) is built here too, as its
# folder is after one build and after a newer one is published into it, for a server on
# 127.0.0.1 at a port free now (tests/integration/plugin_installer.py). Left out, each for a
# reason (pytest marker "host"): the browser tests (Chromium and Playwright are the host's),
# PostGIS (the host's server), packaging and translations (qgis-plugin-ci and pylupdate6 are
# host tools; they do not depend on the QGIS version), the PyQt6 type check (mypy and
# PyQt6's stubs are the host's: it reads the code, runs no QGIS), the desktop screenshots,
# the documentation site (Sphinx and its theme are the venv's; the tutorial runs here);
# and the pip install of the pipeline (PyPI cannot be reached from the root).
set -euo pipefail

version=${1:?usage: test_in_root.sh 3.40|3.44 [pytest arguments]}
shift
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$repo/.." && pwd)/shared
root=$(bash "$repo/scripts/qgis_root.sh" "$version")

work=$repo/build/root-$version
rm -rf "$work" && mkdir -p "$work"
zip=$("$repo/.venv/bin/python" -c '
import sys
from pathlib import Path
from scripts.package_plugin import metadata_version, package
print(package(metadata_version(), Path(sys.argv[1]), committed=False))' "$work")
(cd "$repo" && .venv/bin/python -c '
import sys
from pathlib import Path
from tests.integration.plugin_installer import publish_two_builds
publish_two_builds(Path(sys.argv[1]))' "$work/repository")

mounts=()
cleanup() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() {  # bind <host path> <path inside the root>
  mkdir -p "$root$2"
  mount --bind "$1" "$root$2"
  mounts+=("$root$2")
}
bind /proc /proc
bind /dev /dev
bind "$repo" "$repo"
[ -d "$shared" ] && bind "$shared" "$shared"
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"

in_root() {
  chroot "$root" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LC_ALL=C.UTF-8 \
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/tmp/runtime-root CI="${CI:-}" \
    DSPT_PLUGIN_ZIP="$zip" DSPT_REPOSITORY_BUILDS="$work/repository" DSPT_SKIP_PIP_INSTALL=1 \
    PYTHONDONTWRITEBYTECODE=1 "$@"
}
in_root sh -c "mkdir -p -m 700 /tmp/runtime-root && cd '$repo' && python3 -m pip install -q \
  --no-deps --no-build-isolation --break-system-packages --root-user-action=ignore -e ."
# The test runner's helpers Debian's root lacks (pure Python wheels, fetched on the host
# and cached in the root, as pytest-qgis is): tests in parallel, shared demo runs.
if ! in_root python3 -c "import xdist, filelock" 2>/dev/null; then
  python=$(in_root python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  mkdir -p "$root/opt/test-wheels"
  python3 -m pip download -q --disable-pip-version-check --only-binary=:all: \
    --python-version "$python" -d "$root/opt/test-wheels" "pytest-xdist>=3.5" "filelock>=3.12"
  in_root sh -c 'python3 -m pip install -q --no-index --break-system-packages \
    --root-user-action=ignore --find-links /opt/test-wheels pytest-xdist filelock'
fi
# What depends on the QGIS version: every test but those of the host's own tools (marker
# "host": the browser, PostgreSQL, packaging, translations, the desktop screenshots).
in_root sh -c "cd '$repo' && python3 -c 'from qgis.core import Qgis; print(\"QGIS\", Qgis.QGIS_VERSION)' \
  && python3 -m pytest -p no:cacheprovider -n ${TEST_WORKERS:-auto} --dist worksteal \
  -m 'not host' $*"
