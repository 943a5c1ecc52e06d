#!/usr/bin/env bash
# Real-window check: QGIS desktop under Xvfb, the plugin installed from the release zip into
# a fresh profile; runs scripts/qgis_desktop_check.py inside it (toolbox, a dialog run, the
# demo project opened) and leaves desktop_check.json and PNGs in the output folder.
# Usage: scripts/qgis_desktop_check.sh OUTPUT_FOLDER [EXPORT_CSV] [DEMO_PROJECT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:?output folder}")"
export DSPT_CHECK_EXPORT="$(realpath -m "${2:-}")"
export DSPT_CHECK_PROJECT="${3:+$(realpath -m "$3")}"
mkdir -p "$out"
profile="$(mktemp -d)"
xvfb_pid=""
# Only a started Xvfb is stopped: `kill 0` would stop this script's whole process group
# (the test run that called it) when anything fails before Xvfb starts.
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$profile"' EXIT
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
DISPLAY="$display" DSPT_CHECK_OUT="$out" timeout 150 env -u PYTHONPATH -u QT_QPA_PLATFORM \
  qgis --profiles-path "$profile" --nologo --noversioncheck \
  --code "$PWD/scripts/qgis_desktop_check.py" >"$out/qgis_desktop.log" 2>&1 || true
cat "$out/desktop_check.json"
