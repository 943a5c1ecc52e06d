#!/usr/bin/env bash
# test_in_root.sh VERSION [pytest arguments]: the QGIS-facing tests on QGIS VERSION (3.40 or
# 3.44), in its Debian root (scripts/qgis_root.sh builds and caches it).
#
# The checkout and the sample data are bind-mounted at their own paths inside the root, the
# checkout is installed there (editable, as `make setup` does in the venv) and the release
# zip, built here from the working tree, is what the qgis_process tests install into an empty
# profile. Left out, each for a reason: the browser tests (Chromium and Playwright are the
# host's), PostGIS (one server, the host's), packaging and translations (qgis-plugin-ci and
# pylupdate6 are host tools; they do not depend on the QGIS version), the pip install of the
# pipeline (PyPI cannot be reached from the root), the desktop screenshots and the
# documentation site (Sphinx and its theme are the venv's, the pages the host QGIS's reading
# of the algorithms; the tutorial itself runs here, test_tutorial.py).
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
    DSPT_PLUGIN_ZIP="$zip" DSPT_SKIP_PIP_INSTALL=1 PYTHONDONTWRITEBYTECODE=1 "$@"
}
in_root sh -c "mkdir -p -m 700 /tmp/runtime-root && cd '$repo' && python3 -m pip install -q \
  --no-deps --no-build-isolation --break-system-packages --root-user-action=ignore -e ."
in_root sh -c "cd '$repo' && python3 -c 'from qgis.core import Qgis; print(\"QGIS\", Qgis.QGIS_VERSION)' \
  && python3 -m pytest -p no:cacheprovider \
  --ignore=tests/integration/test_web_report.py --ignore=tests/integration/test_postgis.py \
  --ignore=tests/integration/test_packaging.py --ignore=tests/integration/test_translations.py \
  --ignore=tests/integration/test_desktop.py --ignore=tests/integration/test_docs.py \
  --ignore=tests/integration/test_docs_site.py $*"
