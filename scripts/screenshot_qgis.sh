#!/usr/bin/env bash
# Real-window check: QGIS desktop under Xvfb with the plugin installed from the release zip,
# screenshots of the Processing Toolbox (DSPT group) and of an algorithm dialog.
# Usage: scripts/screenshot_qgis.sh [output folder, default docs/images]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-docs/images}")"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'kill "${xvfb_pid:-0}" 2>/dev/null || true; rm -rf "$profile"' EXIT
zip="$(.venv/bin/python -m scripts.package_plugin --dist "$profile/dist" | tail -n 1)"
mkdir -p "$profile/profiles/default/python/plugins"
.venv/bin/python -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
  "$zip" "$profile/profiles/default/python/plugins"
env -u PYTHONPATH QGIS_CUSTOM_CONFIG_PATH="$profile" QT_QPA_PLATFORM=offscreen \
  qgis_process.bin plugins enable dspt_qgis >/dev/null 2>&1
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
DISPLAY="$display" DSPT_SCREENSHOTS="$out" timeout 120 env -u PYTHONPATH -u QT_QPA_PLATFORM \
  qgis --profiles-path "$profile" --nologo --noversioncheck \
  --code "$PWD/scripts/qgis_screenshot_startup.py" >/dev/null 2>&1 || true
ls -1 "$out"/qgis_toolbox.png "$out"/qgis_icscomposite_dialog.png
