#!/usr/bin/env bash
# Installs the system packages csat needs to build, test and demo (Debian/Ubuntu, with apt-get).
# Elsewhere it prints the list and stops. Usage: scripts/deps.sh [extra packages...]
set -euo pipefail
packages=(g++ make cmake pkg-config libeigen3-dev libboost-dev catch2 libcli11-dev nlohmann-json3-dev
          libtomlplusplus-dev libzip-dev libexpat1-dev libreadstat-dev "$@")

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  missing=("${packages[@]}")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "csat needs these packages (Debian names); install them with your package manager:" >&2
  printf '  %s\n' "${packages[@]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "scripts/deps.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "scripts/deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
