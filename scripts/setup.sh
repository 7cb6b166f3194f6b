#!/usr/bin/env bash
# Installs what massage-desktop needs: Debian packages when missing, then .venv with the exact
# versions of requirements.lock (hash-checked) and the project itself, editable.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
# espeak-ng speaks; the x11/xcb libraries let Qt's xcb plugin open a window; libpulse0, libasound2
# and gstreamer-free Qt multimedia (FFmpeg backend, bundled) play sound; xvfb, sox and imagemagick
# let the tests and a developer look at and listen to the program without a screen or speakers;
# desktop-file-utils, appstream and shared-mime-info check and install the menu entry.
# dbus-daemon gives the screensaver and notification tests a private session bus. python3-venv is added below when
# this Python cannot make a virtual environment (Debian and Ubuntu ship it apart).
DEB_PACKAGES=(
  espeak-ng libespeak-ng1
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libpulse0 libasound2
  fonts-dejavu-core xvfb xauth sox x11-apps imagemagick
  desktop-file-utils appstream shared-mime-info dbus-daemon
  pulseaudio pulseaudio-utils
)

# Debian's python3 makes no venv without ensurepip, which is in python3-venv (or python3.X-venv
# for a Python other than the system's default python3).
venv_package() {
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null && return 0
  local version default
  version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  default=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
  if [ "$version" = "$default" ]; then echo python3-venv; else echo "python$version-venv"; fi
}

# dbus-daemon is its own package from Debian 12 and Ubuntu 22.04 on, part of dbus before.
dbus_package() {
  command -v dbus-daemon >/dev/null && return 0
  if apt-cache show dbus >/dev/null 2>&1 && ! apt-cache show dbus-daemon >/dev/null 2>&1; then
    echo dbus
  else
    echo dbus-daemon
  fi
}

missing_debs() {
  local p
  for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_debs() {
  command -v dpkg-query >/dev/null || { echo "setup: not a Debian system; install espeak-ng and Qt's xcb libraries yourself" >&2; return 0; }
  local missing extra
  read -r -a extra <<< "$(venv_package) $(dbus_package)"
  DEB_PACKAGES+=("${extra[@]}")
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

# The venv holds exactly what requirements.lock pins (made by `make lock` from pyproject.toml's
# ranges), then the project without dependencies; hatchling, the build backend, is in the lock
# too, so nothing unpinned is fetched. Done again only when the lock or pyproject.toml changes.
install_venv() {
  local stamp="$VENV/.installed" want
  want=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/massage-desktop" ]; then
    return 0
  fi
  # A venv made while ensurepip was missing has a python but no pip: make it again.
  if ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --require-hashes -r requirements.lock
  "$VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
  "$VENV/bin/python" -m pip check >/dev/null || {
    "$VENV/bin/python" -m pip check >&2
    echo "setup: requirements.lock does not fit pyproject.toml; run: make lock" >&2
    exit 1
  }
  echo "$want" > "$stamp"
}

install_debs
install_venv
