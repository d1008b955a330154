#!/bin/sh
# Installs the Debian packages krait's build, tests and demo need.
# Idempotent: asks dpkg what is missing and installs only that. Without root
# it names the missing packages and exits non-zero instead of half-working.
set -eu

PACKAGES="build-essential pkg-config
libsqlite3-dev libcurl4-openssl-dev libarchive-dev libjansson-dev libpcre2-dev
python3 python3-packaging python3-django python3-flask python3-jsonschema
node-spdx-license-ids node-spdx-exceptions python3-trove-classifiers
bandit bc"

missing=""
for pkg in $PACKAGES; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing Debian packages:$missing" >&2
    echo "install-deps: run as root (or: sudo apt-get install$missing)" >&2
    exit 1
fi

echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
