#!/usr/bin/env bash
# qgis_root.sh VERSION: print the path of a Debian root holding QGIS VERSION (3.40: Debian 13
# "trixie", 3.44: Debian unstable "sid"), building it first when it is not cached.
#
# The root is made with debootstrap from the mirror this machine's own apt sources name (no
# host is written here), gets QGIS, pandas, geopandas and the test tools from Debian, and
# pytest-qgis from a wheel downloaded on the host (pip inside the root cannot reach PyPI).
# It is cached in $DSPT_ROOTS (default ~/.cache/dspt-qgis/roots) and rebuilt when this script
# changes. Needs root (debootstrap, chroot, mount).
set -euo pipefail

version=${1:?usage: qgis_root.sh 3.40|3.44}
case "$version" in
  3.40) suite=trixie ;;
  3.44) suite=sid ;;
  *) echo "qgis_root.sh: no Debian suite known for QGIS $version (3.40 or 3.44)" >&2; exit 2 ;;
esac
roots=${DSPT_ROOTS:-$HOME/.cache/dspt-qgis/roots}
root=$roots/$suite
stamp=$(sha256sum "$0" | cut -c1-16)
if [ -f "$root/.dspt-ready" ] && [ "$(cat "$root/.dspt-ready")" = "$stamp" ]; then
  echo "$root"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "qgis_root.sh: building a Debian root needs root" >&2; exit 2; }

# The Debian mirror of this machine's apt sources (deb822 "URIs:" or one-line "deb URL").
mirror=$(
  shopt -s nullglob
  awk '/^URIs:/ {print $2} /^deb / {print ($2 ~ /^\[/ ? $3 : $2)}' \
    /etc/apt/sources.list.d/*.sources /dev/null $(ls /etc/apt/sources.list 2>/dev/null) \
    | grep -m1 -E '/debian/?$' || true
)
[ -n "$mirror" ] || { echo "qgis_root.sh: no Debian mirror in /etc/apt sources" >&2; exit 2; }
# sid's Release file can be older than its Valid-Until date on a mirror snapshot.
apt_options=(-o Acquire::Check-Valid-Until=false -o APT::Install-Recommends=false -y -q)

command -v debootstrap >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
echo "Building a Debian $suite root for QGIS $version in $root (from $mirror)" >&2
rm -rf "$root"
mkdir -p "$roots"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >&2
echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"

mount --bind /proc "$root/proc"
trap 'umount "$root/proc" 2>/dev/null || true' EXIT
in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }
in_root apt-get "${apt_options[@]}" update >&2
in_root apt-get "${apt_options[@]}" install \
  python3-qgis qgis-providers qgis xauth xvfb python3-pandas python3-openpyxl python3-geopandas \
  python3-pytest python3-hypothesis python3-pip python3-setuptools python3-venv git poppler-utils >&2

# pytest-qgis is not packaged by Debian: its wheel (pure Python) from PyPI, through the host.
python=$(in_root python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
wheels=$root/opt/wheels
mkdir -p "$wheels"
python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary=:all: \
  --python-version "$python" -d "$wheels" "pytest-qgis>=2.0"
in_root sh -c 'python3 -m pip install -q --no-index --no-deps --break-system-packages /opt/wheels/*.whl' >&2
echo "$stamp" >"$root/.dspt-ready"
echo "$root"
