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
  network-manager desktop-file-utils
  # Packaging (docs/packaging.md): sd_notify, man pages, the Debian tools that judge
  # the packages and the unit, what the packaged app depends on (pkexec), and the
  # tools the package and migration labs drive (wg-quick's PostUp iptables,
  # conntrack, strace for the unit's system-call filter).
  libsystemd-dev help2man man-db lintian appstream systemd pkexec iptables conntrack strace
  # libFuzzer and the sanitizer build (scripts/fuzz.sh, scripts/test.sh); llvm-14 has
  # llvm-symbolizer, which turns sanitizer reports into file:line stacks
  clang-14 libclang-rt-14-dev llvm-14
  # core/http's gzip (zlib) and TLS (OpenSSL), the TLS scan test (sslscan) and the HTTP benchmarks (wrk, curl)
  zlib1g-dev libssl-dev sslscan wrk curl
  # GET /metrics is judged by `promtool check metrics` (tst_hubmetrics, docs/metrics.md)
  prometheus
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

# network-manager is there for the NetworkManager lab test, which starts its own
# NetworkManager in a network namespace. On a machine that did not have it,
# installing it must neither start one on the host (it would take over the
# network) nor enable it at boot: a policy-rc.d that forbids starting services
# (unless the machine has one already, as Docker images do) and a disable after.
fresh_nm=0
case " ${missing[*]} " in *" network-manager "*) fresh_nm=1 ;; esac
placed_policy=0
if [ "$fresh_nm" = 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\n# install-deps.sh: no service starts while it installs packages\nexit 101\n' \
    | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod 755 /usr/sbin/policy-rc.d
  placed_policy=1
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ "$fresh_nm" = 1 ] && command -v systemctl >/dev/null; then
  $SUDO systemctl disable --quiet NetworkManager.service NetworkManager-wait-online.service 2>/dev/null || true
fi
if [ "$placed_policy" = 1 ]; then
  $SUDO rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
echo "install-deps: done"
