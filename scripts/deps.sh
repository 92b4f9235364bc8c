#!/usr/bin/env bash
# Installs the Debian 12 packages stakegraph needs, skipping those already installed.
# Usage: scripts/deps.sh [build|test]   (test adds what the test suite uses)
set -euo pipefail
packages=(build-essential meson ninja-build pkg-config libigraph-dev libgraphviz-dev
          libcmocka-dev libxml2-dev libfontconfig-dev zlib1g-dev fonts-dejavu-core
          fonts-noto-core scdoc)
# fonts-dejavu-core: DejaVu Sans, the figures' default font (Latin with Turkish, Greek,
# Cyrillic, Arabic and Hebrew in one family); libfontconfig-dev: the check of which characters
# the figure's font covers; zlib1g-dev: crc32() for the PNG figures' pHYs chunk.
if [ "${1:-build}" = test ]; then
    packages+=(valgrind libxml2-utils locales)
    # Issue 7's tests: the LaTeX report compiled with pdflatex and xelatex (booktabs is in
    # texlive-latex-recommended, longtable and array in -base; lmodern gives pdflatex's T1
    # fonts, fonts-lmodern comes with texlive-xetex), the annex built with pandoc, PDFs read
    # back with poppler-utils, the HTML report driven in headless chromium from python3, the
    # man page shown by man-db.
    # Measured on a clean Debian 12 machine: the three texlive packages about 2 minutes,
    # chromium 35 s, pandoc 15 s, lmodern 10 s, poppler-utils 7 s, scdoc 12 s.
    packages+=(texlive-latex-base texlive-latex-recommended texlive-xetex lmodern pandoc
               poppler-utils chromium python3 man-db)
    # The fuzz targets under libFuzzer (clang and its runtime).
    packages+=(clang-14 libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "Installing: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi
if [ "${1:-build}" = test ]; then
    # The tests compare output under a Turkish and a German locale with the C locale.
    for loc in tr_TR.UTF-8 de_DE.UTF-8; do
        if ! locale -a 2>/dev/null | grep -qi "^${loc%.UTF-8}.utf8$"; then
            SUDO=""
            [ "$(id -u)" -eq 0 ] || SUDO="sudo"
            $SUDO sed -i "s/^# *${loc} UTF-8/${loc} UTF-8/" /etc/locale.gen
            $SUDO locale-gen >/dev/null
        fi
    done
fi
