#!/bin/sh
# Install what the browser tests (tests/viz/test_browser.py) need: Debian's
# headless Chromium and a CJK font, so Chinese labels render as glyphs and not
# as empty boxes in screenshots.
#
# A no-op when both are present.  Where they cannot be installed (no root, no
# apt, no network) it says so and exits 0: the browser tests then skip with a
# message naming this script.
#
#   sh scripts/install-browser.sh
set -u

have_browser() {
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1
}

have_cjk_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -q .
}

if have_browser && have_cjk_font; then
    exit 0
fi

packages=""
have_browser || packages=" chromium"
have_cjk_font || packages="$packages fonts-noto-cjk"

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get here; install$packages yourself (browser tests will skip)" >&2
    exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo="sudo -n"
    else
        echo "install-browser: not root and no password-less sudo; install$packages yourself (browser tests will skip)" >&2
        exit 0
    fi
fi

echo "install-browser: installing$packages" >&2
# Package lists may be missing in a fresh container; update them only then,
# and again if the first install attempt fails on stale lists.
if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages >/dev/null 2>&1; then
    $sudo apt-get update >/dev/null 2>&1
    if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages >/dev/null; then
        echo "install-browser: apt-get could not install$packages (browser tests will skip)" >&2
        exit 0
    fi
fi
exit 0
