#!/usr/bin/env bash
# Installs the dependencies (Debian 12), then builds and tests textwash with
# both scanning engines: ./build (Hyperscan, the default) and ./build-re2
# (RE2::Set only). Both builds include the Python module, whose pytest suite
# runs under ctest with Debian's /usr/bin/python3. Exits non-zero if
# anything fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh

# build_and_test DIR [CMAKE_ARGS...]
build_and_test() {
  local dir="$1"
  shift
  local generator=()
  if [[ ! -f "${dir}/CMakeCache.txt" ]]; then
    generator=(-G Ninja)
  fi
  echo "==== ${dir}: configure"
  cmake -S . -B "${dir}" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DTEXTWASH_BUILD_TESTS=ON -DTEXTWASH_BUILD_PYTHON=ON "$@" &&
    echo "==== ${dir}: build" &&
    cmake --build "${dir}" --parallel "$(nproc)" &&
    echo "==== ${dir}: test" &&
    ctest --test-dir "${dir}" --output-on-failure -j2
}

failed=()
build_and_test build -DTEXTWASH_USE_HYPERSCAN=ON -DTEXTWASH_BUILD_BENCHMARKS=ON ||
  failed+=("build (hyperscan)")
build_and_test build-re2 -DTEXTWASH_USE_HYPERSCAN=OFF || failed+=("build-re2 (re2)")

echo
if ((${#failed[@]} > 0)); then
  printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test.sh: all builds and tests passed (hyperscan and re2)"
