#!/usr/bin/env bash
# Installs the Debian 12 packages stakegraph needs, skipping those already installed.
# Usage: scripts/deps.sh [build|test]   (test adds what the test suite uses)
set -euo pipefail
packages=(build-essential meson ninja-build pkg-config libigraph-dev libgraphviz-dev
          libcmocka-dev libxml2-dev fonts-noto-core)
if [ "${1:-build}" = test ]; then
    packages+=(valgrind libxml2-utils locales)
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
