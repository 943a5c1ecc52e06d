#!/usr/bin/env bash
# Install the Debian packages the plugin is tested against (QGIS 3.22 LTR; the pandas and
# openpyxl QGIS's own Python uses when qgis_process runs the plugin; Chromium for the web
# report's browser tests; PostgreSQL 15 with PostGIS 3, which the tests start on loopback;
# PyQt6's pylupdate6 for the translations; poppler-utils to read the atlas PDF back in tests),
# only if missing.
set -euo pipefail
packages=(python3-qgis qgis-providers qgis xvfb python3-venv python3-pandas python3-openpyxl pyqt6-dev-tools poppler-utils chromium
          postgresql postgresql-15-postgis-3)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Node.js and npm for the web report's checkers in the tests (any install will do: Debian's,
# or NodeSource's, which ships npm inside its nodejs package).
command -v npm >/dev/null || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
