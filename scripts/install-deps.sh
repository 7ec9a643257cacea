#!/usr/bin/env bash
# Installs the Debian 12 packages Factory VPN needs to build, test and run its demo.
# Idempotent: when everything is present it only checks and returns.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates clang-format openssl
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  qtkeychain-qt6-dev libsodium-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n qt6-svg-dev
  libqrencode-dev libqt6sql6-sqlite libqt6svg6
  wireguard-tools wireguard-go iproute2 iputils-ping nftables procps
  xvfb xauth dbus-x11 gnome-keyring libsecret-tools trayer imagemagick xdotool
)

missing=()
for p in "${PACKAGES[@]}"; do
  case "$p" in *-) continue ;; esac
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
