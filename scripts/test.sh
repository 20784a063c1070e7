#!/usr/bin/env bash
# Installs the dependencies (Debian 12), then builds and tests textwash with
# both scanning engines: ./build (Hyperscan, the default) and ./build-re2
# (RE2::Set only). Both builds include the Python module, whose pytest suite
# runs under ctest with Debian's /usr/bin/python3. Then ./build-asan: Clang
# with AddressSanitizer and UndefinedBehaviorSanitizer at -O1 runs the whole
# C++ test suite (not the Python suites: the interpreter would need the
# sanitizer runtime preloaded), the saved fuzz inputs included, and each
# libFuzzer target (fuzz/) runs for 60 seconds. Exits non-zero if anything
# fails.
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
rm -rf build-asan/fuzz-run
build_and_test build-asan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" -DTEXTWASH_BUILD_PYTHON=OFF \
  -DTEXTWASH_SANITIZE=address,undefined -DTEXTWASH_BUILD_FUZZERS=ON &&
  echo "==== build-asan: fuzz" && fuzz/run.sh build-asan 60 build-asan/fuzz-run ||
  failed+=("build-asan (sanitizers, fuzzers)")

echo
if ((${#failed[@]} > 0)); then
  printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "test.sh: all builds and tests passed (hyperscan, re2, sanitizers and fuzzers)"
