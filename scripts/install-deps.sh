#!/usr/bin/env bash
# Installs what exengine needs from Debian 12 packages: as root with apt-get, otherwise prints the
# exact command and stops. Usage: scripts/install-deps.sh [run|test]   (test adds the test tools)
set -euo pipefail
mode=${1:-run}
packages=(g++ cmake ninja-build meson pkg-config python3 git
  libboost1.81-dev libtomlplusplus-dev catch2 libcli11-dev libfmt-dev nlohmann-json3-dev libdtl-dev
  libarchive-dev nettle-dev zip util-linux procps)
if [ "$mode" = test ]; then
  # slurm-wlm and munge: tests/slurm_test.sh grades on a one-node Slurm cluster of this machine.
  # bubblewrap: bench/ compares its loop with the engine.
  packages+=(chromium tmux slurm-wlm munge bubblewrap)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "exengine needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
