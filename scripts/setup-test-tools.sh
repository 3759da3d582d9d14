#!/usr/bin/env bash
# Installs, when missing and without asking, the system tools the browser checks
# need on a fresh Debian machine: Chromium (driven by Playwright through its
# executable path; no browser download), Chinese fonts (without them every
# glyph renders as an empty box), Java (runs the Nu HTML Checker) and npm
# (installs axe-core, vnu-jar and the plotly.js bundle from package-lock.json).
# Fails loudly, naming what is missing, when something cannot be installed.
#
# With --site (what `make site` runs): only what the build needs to draw the
# chart pictures, Chromium and the Chinese fonts. A Chromium named by
# BROWSER_PATH, or any the build looks for (fuling/charts/chromium.py), will
# do; FULING_CHART_PREVIEWS=0 (a build without pictures) needs none. When they
# cannot be installed it stops with one line saying what to run.
set -euo pipefail

site_only=false
[ "${1:-}" = "--site" ] && site_only=true

has_chromium() {
    if [ -n "${BROWSER_PATH:-}" ]; then
        [ -f "$BROWSER_PATH" ]
        return
    fi
    local name
    for name in chromium chromium-browser google-chrome google-chrome-stable chrome; do
        command -v "$name" >/dev/null 2>&1 && return 0
    done
    return 1
}

if $site_only && [ "${FULING_CHART_PREVIEWS:-}" = "0" ]; then
    echo "site tools: FULING_CHART_PREVIEWS=0, building without chart pictures"
    exit 0
fi

missing=()
if $site_only; then has_chromium || missing+=(chromium); else command -v chromium >/dev/null 2>&1 || missing+=(chromium); fi
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    missing+=(fonts-noto-cjk)
fi
if ! $site_only; then
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if $site_only; then
    what="site tools"
    present="chromium and Chinese fonts are present (chart pictures will be drawn)"
    # The one line a reader of `make site` needs when nothing can be installed here.
    cannot() {
        echo "make site: the chart pictures need ${missing[*]} ($1): run 'sudo apt-get install ${missing[*]}' (or set BROWSER_PATH) and 'make site' again, or build without pictures: 'FULING_CHART_PREVIEWS=0 make site'" >&2
        exit 1
    }
else
    what="test tools"
    present="chromium, Chinese fonts, java and npm are present"
    cannot() {
        echo "test tools: cannot install ${missing[*]}: $1; install them and re-run" >&2
        exit 1
    }
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "$what: $present"
    exit 0
fi

echo "$what: installing ${missing[*]} with apt-get"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    cannot "not root and no sudo"
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
        cannot "apt-get could not install them"
    fi
fi

if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    echo "$what: fonts-noto-cjk installed but 'fc-list :lang=zh' lists no Chinese font" >&2
    exit 1
fi
echo "$what: installed ${missing[*]}"
