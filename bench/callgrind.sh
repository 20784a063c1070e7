#!/usr/bin/env bash
# Instructions per input byte of the textwash CLI under callgrind: the whole
# program, Clean(), and the parts of Clean() that BENCHMARKS.md tabulates.
# Instruction counts do not vary from run to run as timings do on a shared
# machine, so changes are compared with them.
#
#   bench/callgrind.sh [--build-dir DIR] [--keep DIR] FILE...
#
#   --build-dir DIR   build tree with tools/textwash (env BUILD_DIR; default
#                     ./build); a Release build, with -g for per-line figures
#   --keep DIR        keep the callgrind.out files there (default: a
#                     temporary directory, removed afterwards)
#
# Each FILE (JSONL, e.g. from textwash_gen_corpus) is cleaned with
# `textwash -j 1 -q FILE -o /dev/null`. Needs valgrind (apt-get install
# valgrind). Prints one row per FILE and part.
set -euo pipefail

build_dir=${BUILD_DIR:-build}
keep=""
files=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "callgrind.sh: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1"); shift ;;
  esac
done
if [[ ${#files[@]} -eq 0 ]]; then
  echo "callgrind.sh: no input file (see --help)" >&2
  exit 2
fi
textwash=$build_dir/tools/textwash
if [[ ! -x $textwash ]]; then
  echo "callgrind.sh: $textwash not found; build the textwash_tool target" >&2
  exit 2
fi
for tool in valgrind callgrind_annotate; do
  if ! command -v "$tool" >/dev/null; then
    echo "callgrind.sh: $tool not found (apt-get install valgrind)" >&2
    exit 2
  fi
done
out_dir=$keep
if [[ -z $out_dir ]]; then
  out_dir=$(mktemp -d)
  trap 'rm -rf "$out_dir"' EXIT
fi
mkdir -p "$out_dir"

# The parts: a label and an extended regex for the function's name in
# callgrind_annotate's inclusive listing. A function may be listed more than
# once (under the files its code was inlined from); the largest count is the
# function with all it calls. The CLI cleans JSONL with CleanBatch(), which
# calls Clean() for texts that go alone: the larger count is all of it.
parts=(
  'Clean()|textwash::Cleaner::Clean(Batch)?\((std::basic_string_view<char, std::char_traits<char> >|std::span<std::basic_string_view<char, std::char_traits<char> > const, 18446744073709551615ul>), (textwash::Result|std::vector<textwash::Result, std::allocator<textwash::Result> >)\*\) const'
  'scan|textwash::internal::\(anonymous namespace\)::[A-Za-z0-9]*Scanner::Scan\('
  'exact regexes (RE2)|re2::RE2::Match\('
  'numeral runs|textwash::internal::FindNumeralRuns\('
  'folding|textwash::internal::FoldLine\('
  'noise|textwash::internal::FindNoise\('
  'layout|textwash::internal::AssembleEdits\('
  'ad scorer|textwash::internal::ScoreSentences\('
  'hygiene|textwash::internal::FindHygieneEdits\('
  'compiling regexes|re2::RE2::Init\('
)

printf '%-24s %-22s %12s\n' file part 'Ir/byte'
for file in "${files[@]}"; do
  name=$(basename "$file")
  bytes=$(stat -c %s "$file")
  out=$out_dir/callgrind.out.$name
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$textwash" -j 1 -q "$file" -o /dev/null >/dev/null 2>&1
  listing=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null)
  total=$(grep 'PROGRAM TOTALS' <<<"$listing" | awk '{gsub(",", "", $1); print $1}')
  printf '%-24s %-22s %12.2f\n' "$name" 'whole program' "$(bc -l <<<"$total / $bytes")"
  for part in "${parts[@]}"; do
    label=${part%%|*}
    pattern=${part#*|}
    count=$( (grep -E "$pattern" <<<"$listing" || true) |
      awk '{gsub(",", "", $1); if ($1 + 0 > max) max = $1 + 0} END {print max + 0}')
    printf '%-24s %-22s %12.2f\n' "$name" "$label" "$(bc -l <<<"$count / $bytes")"
  done
done
