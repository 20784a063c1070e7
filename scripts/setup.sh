#!/usr/bin/env bash
# Installs what textwash needs to build and test on Debian 12.
# Run as root, or as a user who may sudo. Does nothing when all is installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libre2-dev libicu-dev libtomlplusplus-dev libcli11-dev libsimdjson-dev
  libzstd-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev python3
  # Traditional to simplified Chinese (--to-simplified): the library and its
  # dictionaries.
  libopencc-dev libopencc-data
  # The Python module (python/) and its tests.
  python3-dev pybind11-dev python3-pytest python3-distributed python3-zstandard
  # The review page's browser test (tests/browser): headless Chromium.
  chromium
  # The sanitizer build and the fuzz targets (fuzz/): Clang, its runtimes
  # (ASan, UBSan, libFuzzer) and llvm-symbolizer for readable reports.
  clang libclang-rt-dev llvm
)
# Hyperscan is built for x86-64 only; elsewhere vectorscan provides the same
# library (libhs).
if [[ "$(dpkg --print-architecture)" == amd64 ]]; then
  packages+=(libhyperscan-dev)
else
  packages+=(libvectorscan-dev)
fi

missing=()
for package in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "${package}" 2>/dev/null || true)"
  if [[ "${status}" != installed ]]; then
    missing+=("${package}")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [[ "$(id -u)" != 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "setup: missing ${missing[*]}; run this script as root to install them" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "setup: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
