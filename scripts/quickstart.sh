#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build, and export every
# figure and report of the default graph to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh build
[ -f build/build.ninja ] || meson setup build --buildtype=release
meson compile -C build
./build/stakegraph export graphs/iom-tuerkiye-customs.gv -o out/
echo "Wrote:"
ls -1 out/
