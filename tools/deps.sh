#!/bin/sh
# deps.sh: installs what the project needs and is missing, on Debian 12.
# Debian packages (build, libraries, browser and a CJK font for it, benchmark tools, headless
# LibreOffice Calc: the tests open the exported workbooks in it), then the
# npm assets from package-lock.json. Safe to run again: it installs only what is missing.
set -eu
packages="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
libsodium-dev libxlsxwriter-dev libcurl4-openssl-dev nodejs npm chromium sqlite3 wrk
nginx-light tzdata unzip fonts-noto-cjk libreoffice-calc-nogui"
missing=""
for p in $packages; do
    case "$p" in
    # Node.js may come from another packaging (NodeSource bundles npm, and Debian's npm then
    # conflicts): a working command is what matters, not which package provides it.
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "deps: installing$missing"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci"
    npm ci --no-audit --no-fund
fi
echo "deps: ok"
