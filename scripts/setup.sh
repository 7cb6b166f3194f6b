#!/usr/bin/env bash
# Installs what massage-desktop needs: Debian packages when missing, then .venv with the project.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# espeak-ng speaks; the x11/xcb libraries let Qt's xcb plugin open a window; libpulse0, libasound2
# and gstreamer-free Qt multimedia (FFmpeg backend, bundled) play sound; xvfb, sox and imagemagick
# let the tests and a developer look at and listen to the program without a screen or speakers.
DEB_PACKAGES=(
  espeak-ng libespeak-ng1
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libpulse0 libasound2
  fonts-dejavu-core xvfb xauth sox x11-apps imagemagick
  pulseaudio pulseaudio-utils
)

missing_debs() {
  local p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_debs() {
  command -v dpkg-query >/dev/null || { echo "setup: not a Debian system; install espeak-ng and Qt's xcb libraries yourself" >&2; return 0; }
  local missing
  missing=$(missing_debs | tr '\n' ' ')
  [ -z "${missing// }" ] && return 0
  echo "setup: installing system packages: $missing"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo"; else
      echo "setup: need root to install: $missing" >&2
      echo "setup: run: sudo apt-get install $missing" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  if ! $sudo apt-get install -y -q --no-install-recommends $missing; then
    $sudo apt-get update -q
    # shellcheck disable=SC2086
    $sudo apt-get install -y -q --no-install-recommends $missing || {
      echo "setup: could not install: $missing. Run: sudo apt-get install $missing" >&2
      exit 1
    }
  fi
}

install_venv() {
  local stamp="$VENV/.installed" want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/massage-desktop" ]; then
    return 0
  fi
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e ".[test,dev]"
  echo "$want" > "$stamp"
}

install_debs
install_venv
