#!/usr/bin/env bash
# Runs the libFuzzer targets of a build made with -DTEXTWASH_BUILD_FUZZERS=ON,
# all at once, each for SECONDS of wall time, seeded from tests/data and
# rules/. Corpora, logs and any crashing inputs go under OUT_DIR:
#
#   OUT_DIR/<target>.log         libFuzzer's log (ends with its final stats)
#   OUT_DIR/corpus/<target>/     the inputs it kept
#   OUT_DIR/artifacts/<target>/  crash-*, timeout-*, oom-* inputs, if any
#
# Exits non-zero if a target found anything. A crashing input is fixed and
# then kept in fuzz/regressions/<target>/, which ctest replays.
#
#   fuzz/run.sh build-asan 60 /tmp/fuzz-ci               # what CI runs
#   nice -n 19 fuzz/run.sh build-asan 1800 /tmp/fuzz clean
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 BUILD_DIR SECONDS OUT_DIR [clean|rules|jsonl ...]" >&2
  exit 2
fi
build="$(realpath "$1")"
seconds="$2"
out="$(realpath -m "$3")"
shift 3
targets=("$@")
((${#targets[@]} > 0)) || targets=(clean rules jsonl)
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "${out}"

# The clean target's dictionary: every literal of the built-in packs (the
# scanner is not instrumented, so libFuzzer cannot learn them from it).
python3 - "${src}/rules" > "${out}/clean.dict" <<'PY'
import pathlib, sys, tomllib
words = set()
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.toml")):
    for rule in tomllib.loads(path.read_text("utf-8")).get("rule", []):
        words.update(w for w in rule.get("literals", []) if w)
for word in sorted(words):
    data = word.encode("utf-8")
    if len(data) <= 64:  # libFuzzer's longest dictionary word
        print('"' + "".join(chr(b) if 32 <= b < 127 and b not in b'"\\'
                            else "\\x%02x" % b for b in data) + '"')
PY

declare -A seeds=(
  [clean]="${src}/tests/data"
  [rules]="${src}/rules ${src}/tests/data/cli"
  [jsonl]="${src}/tests/data"
)
declare -A dicts=(
  [clean]="${out}/clean.dict"
  [rules]="${src}/fuzz/rules.dict"
  [jsonl]="${src}/fuzz/jsonl.dict"
)
declare -A max_len=([clean]=4096 [rules]=8192 [jsonl]=4096)

pids=()
for t in "${targets[@]}"; do
  binary="${build}/fuzz/textwash_${t}_fuzzer"
  [[ -x "${binary}" ]] || { echo "run.sh: no ${binary}" >&2; exit 2; }
  mkdir -p "${out}/corpus/${t}" "${out}/artifacts/${t}"
  # shellcheck disable=SC2086  # seeds[] holds several directories
  "${binary}" "${out}/corpus/${t}" ${seeds[${t}]} "${src}/fuzz/regressions/${t}" \
    -max_total_time="${seconds}" -timeout=30 -rss_limit_mb=4096 \
    -max_len="${max_len[${t}]}" -dict="${dicts[${t}]}" -print_final_stats=1 \
    -artifact_prefix="${out}/artifacts/${t}/" > "${out}/${t}.log" 2>&1 &
  pids+=($!)
done

status=0
for i in "${!targets[@]}"; do
  t="${targets[i]}"
  rc=0
  wait "${pids[i]}" || rc=$?
  summary="$(grep -E '^#[0-9]+[[:space:]]+DONE' "${out}/${t}.log" | tail -n 1 || true)"
  echo "fuzz ${t}: exit ${rc}: ${summary:-no final stats}"
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
    "${out}/${t}.log" | sed 's/^/  /' || true
  # slow-unit-* files only say that an input took over 10 s once (a busy
  # machine can do that); crashes, leaks, timeouts and OOMs are failures.
  found=0
  for kind in crash leak timeout oom; do
    if compgen -G "${out}/artifacts/${t}/${kind}-*" > /dev/null; then found=1; fi
  done
  if ((rc != 0 || found)); then
    echo "fuzz ${t}: FAILED; see ${out}/${t}.log and ${out}/artifacts/${t}/" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*check failed)' "${out}/${t}.log" | head -n 5 >&2 || true
    status=1
  fi
done
exit "${status}"
