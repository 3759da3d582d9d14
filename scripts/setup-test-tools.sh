#!/usr/bin/env bash
# Installs, when missing and without asking, the system tools the browser checks
# need on a fresh Debian machine: Chromium (driven by Playwright through its
# executable path; no browser download), Chinese fonts (without them every
# glyph renders as an empty box), Java (runs the Nu HTML Checker) and npm
# (installs axe-core, vnu-jar and the plotly.js bundle from package-lock.json).
# Fails loudly, naming what is missing, when something cannot be installed.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    missing+=(fonts-noto-cjk)
fi
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -eq 0 ]; then
    echo "test tools: chromium, Chinese fonts, java and npm are present"
    exit 0
fi

echo "test tools: installing ${missing[*]} with apt-get"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    echo "test tools: cannot install ${missing[*]}: not root and no sudo; install them and re-run" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_install() {
    "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}
# Refresh the package lists only when an install from the current ones fails
# (a fresh machine has none yet).
if ! apt_install; then
    "${SUDO[@]}" apt-get update -q
    if ! apt_install; then
        echo "test tools: apt-get could not install ${missing[*]}" >&2
        exit 1
    fi
fi

if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    echo "test tools: fonts-noto-cjk installed but 'fc-list :lang=zh' lists no Chinese font" >&2
    exit 1
fi
echo "test tools: installed ${missing[*]}"
