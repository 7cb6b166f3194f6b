#!/usr/bin/env bash
# The two commands on a really fresh machine: builds a minimal Debian 12 system with debootstrap,
# adds only git, make and python3, clones this repository into it (its last commit) and runs
# `make test` there as root, the way a new machine or CI would. Run it before a release.
#
#   sudo scripts/fresh-debian.sh [FOLDER]   the system goes to FOLDER (default below); it is
#                                           made anew each time unless REUSE=1 is set, which
#                                           keeps a base system built earlier in FOLDER
#
# Needs root (debootstrap, chroot, mounts) and the Debian mirror (MIRROR=...); installs
# debootstrap with apt-get when missing. The exit code is `make test`'s; the log is kept in
# FOLDER.log. Mounts inside FOLDER are undone on exit, also on failure or Ctrl-C.
#
# The new system trusts what a stock Debian trusts, plus the one thing this machine needs to
# reach the package index: when pip here is told of a certificate bundle (PIP_CERT, or `cert =`
# in /etc/pip.conf, as behind a proxy that inspects HTTPS), that bundle is handed in to pip
# inside too; so are the http(s)_proxy variables.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
ROOT=$(realpath -m "${1:-$REPO/build/fresh-debian}")  # build/ is ignored by git
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
LOG="$ROOT.log"
INSIDE=/root/massage-desktop
MOUNTS=(proc sys dev dev/pts dev/shm)

say() { echo "fresh-debian: $*" | tee -a "$LOG" >&2; }

[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: run it as root (sudo $0)" >&2; exit 1; }
case "$ROOT" in /|/usr|/var|/tmp|/home|/root) echo "fresh-debian: pick a new folder" >&2; exit 1;; esac

unmount_all() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    if mountpoint -q "$ROOT/${MOUNTS[i]}"; then
      umount "$ROOT/${MOUNTS[i]}" 2>/dev/null || umount -l "$ROOT/${MOUNTS[i]}"
    fi
  done
}
trap unmount_all EXIT

mount_all() {
  mount -t proc proc "$ROOT/proc"
  mount -t sysfs sysfs "$ROOT/sys"
  mount --bind /dev "$ROOT/dev"
  mount --bind /dev/pts "$ROOT/dev/pts"
  mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"
}

build_base() {
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap \
      || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; }
  fi
  unmount_all
  rm -rf --one-file-system "$ROOT"
  say "building a minimal Debian ($SUITE) in $ROOT from $MIRROR"
  debootstrap --variant=minbase --include=git,make,python3 "$SUITE" "$ROOT" "$MIRROR" >>"$LOG"
  # Services are not started inside a chroot (dbus, for one, would try).
  printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  touch "$ROOT/.base-ready"
}

mkdir -p "$(dirname "$ROOT")"
: > "$LOG"
if [ "${REUSE:-0}" = 1 ] && [ -f "$ROOT/.base-ready" ]; then
  say "reusing the base system in $ROOT"
else
  build_base
fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
PASS=()
host_ca=${PIP_CERT:-$(sed -n 's/^[[:space:]]*cert[[:space:]]*=[[:space:]]*//p' /etc/pip.conf 2>/dev/null | tail -1)}
if [ -n "$host_ca" ] && [ -f "$host_ca" ]; then
  cp "$host_ca" "$ROOT/etc/host-pip-ca.pem"
  PASS+=(PIP_CERT=/etc/host-pip-ca.pem)
  say "pip inside uses this machine's certificate bundle $host_ca"
fi
for var in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [ -z "${!var:-}" ] || PASS+=("$var=${!var}")
done
rm -rf "${ROOT:?}$INSIDE"
git clone -q --no-hardlinks "$REPO" "$ROOT$INSIDE"
say "cloned $(git -C "$REPO" rev-parse --short HEAD) into $INSIDE"

mount_all
say "running make test inside (log: $LOG)"
set +e
env -i HOME=/root LANG=C.UTF-8 TERM=dumb "${PASS[@]}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  chroot "$ROOT" bash -c "cd $INSIDE && make test" 2>&1 | tee -a "$LOG"
code=${PIPESTATUS[0]}
set -e
say "make test exited with $code"
# pytest -ra names every skipped test; on a machine make set up, none may be.
if grep -Eq '^SKIPPED|[0-9]+ skipped' "$LOG"; then
  say "some tests were skipped: a fresh machine set up by make should run them all"
  [ "$code" -ne 0 ] || code=1
fi
exit "$code"
