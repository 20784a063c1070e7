#!/usr/bin/env bash
# End-to-end benchmark of the textwash CLI on generated JSONL corpora.
#
# For each language: generates a corpus with textwash_gen_corpus (kept in the
# work directory and reused while the generator and its arguments stay the
# same), measures the ceiling with textwash_memscan (read + count lines), then
# times `textwash --format jsonl -j T -o /dev/null` for each thread count T,
# best of --runs runs, and checks from --stats-json that every input document
# was written. Prints one table row per language and thread count.
#
#   bench/run_e2e.sh [OPTIONS]
#
#   --build-dir DIR   build tree with tools/textwash and bench/ (env BUILD_DIR;
#                     default ./build); configure it with
#                     -DTEXTWASH_BUILD_BENCHMARKS=ON or -DTEXTWASH_BUILD_TESTS=ON
#   --size SIZE       corpus size per language, e.g. 200M (env SIZE; default 200M)
#   --threads "1 2"   thread counts (env THREADS; default "1 2")
#   --langs "zh en"   languages: zh, en, mixed (env LANGS; default "zh en")
#   --work-dir DIR    corpora, stats and timings (env WORK_DIR;
#                     default /tmp/textwash-bench)
#   --junk RATE       junk rate of the corpus (env JUNK; default 0.1)
#   --seed N          generator seed (env SEED; default 1)
#   --runs N          runs per measurement, best kept (env RUNS; default 3)
#   --markdown        print the table as Markdown (for BENCHMARKS.md)
#
# TEXTWASH_BIN, GEN_CORPUS_BIN and MEMSCAN_BIN override the binaries' paths
# (for multi-config build trees).
#
# Columns: input MB and MB/s count 1e6 bytes of JSONL input; seconds is the
# best wall time of the whole process; peak RSS is the largest of the runs
# (from /usr/bin/time); ceiling is textwash_memscan's MB/s on the same file;
# ratio is textwash MB/s / ceiling MB/s; speed-up is MB/s over the 1-thread
# MB/s.
# Progress goes to stderr, the table to stdout.
set -euo pipefail

build_dir="${BUILD_DIR:-./build}"
size="${SIZE:-200M}"
threads="${THREADS:-1 2}"
langs="${LANGS:-zh en}"
work_dir="${WORK_DIR:-/tmp/textwash-bench}"
junk="${JUNK:-0.1}"
seed="${SEED:-1}"
runs="${RUNS:-3}"
markdown=0

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit "$1"
}

while (($# > 0)); do
  case "$1" in
    --build-dir) build_dir="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --langs) langs="$2"; shift 2 ;;
    --work-dir) work_dir="$2"; shift 2 ;;
    --junk) junk="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --markdown) markdown=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "run_e2e.sh: unknown argument: $1" >&2; usage 2 ;;
  esac
done

die() {
  echo "run_e2e.sh: $*" >&2
  exit 1
}
log() { echo "run_e2e.sh: $*" >&2; }

textwash="${TEXTWASH_BIN:-${build_dir}/tools/textwash}"
gen="${GEN_CORPUS_BIN:-${build_dir}/bench/textwash_gen_corpus}"
memscan="${MEMSCAN_BIN:-${build_dir}/bench/textwash_memscan}"
for bin in "${textwash}" "${gen}" "${memscan}"; do
  [[ -x "${bin}" ]] || die "${bin} not found; build with: cmake -S . -B ${build_dir} -G Ninja" \
    "-DCMAKE_BUILD_TYPE=Release -DTEXTWASH_BUILD_BENCHMARKS=ON && cmake --build ${build_dir}"
done
[[ "${runs}" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not \"${runs}\""
for t in ${threads}; do
  [[ "${t}" =~ ^[1-9][0-9]*$ ]] || die "bad thread count \"${t}\""
done

time_bin=/usr/bin/time
if [[ ! -x "${time_bin}" ]]; then
  log "warning: ${time_bin} not found, so no peak RSS; install it with: apt-get install time"
  time_bin=""
fi

mkdir -p "${work_dir}"

# Runs "$@", writing "SECONDS PEAK_RSS_KB" to the file $1; fails if the
# command does. The wall time is measured here, to the millisecond; the RSS
# comes from /usr/bin/time, or is "-" without it.
timed() {
  local out="$1" start end rss="-"
  shift
  start=$(date +%s.%N)
  if [[ -n "${time_bin}" ]]; then
    "${time_bin}" -f '%M' -o "${out}.rss" "$@" || return  # (no set -e in a || context)
    rss=$(tail -n1 "${out}.rss")
  else
    "$@" || return
  fi
  end=$(date +%s.%N)
  awk -v s="${start}" -v e="${end}" -v rss="${rss}" 'BEGIN { printf "%.3f %s\n", e - s, rss }' >"${out}"
}

# The generator's identity: a corpus is reused only if the same generator
# binary made it with the same arguments.
gen_sum=$(cksum <"${gen}" | cut -d' ' -f1)

# Reads field "in" or "written" of the "documents" object of a stats file.
stats_documents() {
  sed -n "s/.*\"documents\":{[^}]*\"$2\":\([0-9]*\).*/\1/p" "$1"
}

rows=()
version=$("${textwash}" --version)
for lang in ${langs}; do
  stem="${work_dir}/corpus-${lang}-${size}-junk${junk}-seed${seed}"
  corpus="${stem}-${gen_sum}.jsonl"
  if [[ -s "${corpus}" ]]; then
    log "${lang}: reusing ${corpus}"
  else
    rm -f "${stem}"-*.jsonl  # made by an earlier build of the generator
    log "${lang}: generating ${corpus}"
    "${gen}" --lang "${lang}" --size "${size}" --junk "${junk}" --seed "${seed}" \
      --format jsonl -o "${corpus}.tmp"
    mv "${corpus}.tmp" "${corpus}"
  fi

  # The ceiling, best of the runs (the first also warms the page cache).
  ceiling=0
  lines=""
  for ((r = 0; r < runs; ++r)); do
    scan=$("${memscan}" "${corpus}")
    # bytes N lines N seconds S MB/s R
    read -r _ bytes _ lines _ _ _ mbps <<<"${scan}"
    ceiling=$(awk -v a="${ceiling}" -v b="${mbps}" 'BEGIN { print (b > a ? b : a) }')
  done
  input_mb=$(awk -v b="${bytes}" 'BEGIN { printf "%.1f", b / 1e6 }')
  log "${lang}: ${input_mb} MB, ${lines} documents, ceiling ${ceiling} MB/s"

  base_mbps=""
  for t in ${threads}; do
    best=""
    rss_max=0
    for ((r = 0; r < runs; ++r)); do
      stats="${work_dir}/stats-${lang}-j${t}.json"
      timing="${work_dir}/time-${lang}-j${t}.txt"
      rm -f "${stats}" "${timing}"
      timed "${timing}" "${textwash}" --format jsonl -q -j "${t}" -o /dev/null \
        --stats-json "${stats}" "${corpus}" ||
        die "textwash failed on ${corpus} with -j ${t}"
      read -r seconds rss <"${timing}"
      docs_in=$(stats_documents "${stats}" in)
      docs_written=$(stats_documents "${stats}" written)
      [[ -n "${docs_in}" && -n "${docs_written}" ]] || die "cannot read ${stats}"
      if [[ "${docs_in}" != "${lines}" || "${docs_written}" != "${lines}" ]]; then
        die "${lang} -j ${t}: ${lines} documents in the corpus, but the stats say" \
          "${docs_in} in and ${docs_written} written (${stats})"
      fi
      log "${lang} -j ${t} run $((r + 1)): ${seconds} s, peak RSS ${rss} KB"
      if [[ -z "${best}" ]] || awk -v a="${seconds}" -v b="${best}" 'BEGIN { exit !(a < b) }'; then
        best="${seconds}"
      fi
      if [[ "${rss}" != "-" ]] && ((rss > rss_max)); then rss_max="${rss}"; fi
    done
    row=$(awk -v lang="${lang}" -v t="${t}" -v bytes="${bytes}" -v s="${best}" \
      -v rss="${rss_max}" -v have_rss="${time_bin}" -v ceil="${ceiling}" -v base="${base_mbps}" \
      'BEGIN {
        mbps = s > 0 ? bytes / 1e6 / s : 0
        rss_mb = have_rss == "" ? "-" : sprintf("%.1f", rss / 1024)
        ratio = ceil > 0 ? mbps / ceil : 0
        speedup = base == "" ? (t == 1 ? "1.00" : "-") : sprintf("%.2f", mbps / base)
        printf "%s\t%d\t%.1f\t%.3f\t%.1f\t%s\t%.1f\t%.4f\t%s\n", lang, t, bytes / 1e6, s, mbps,
               rss_mb, ceil, ratio, speedup
      }')
    if [[ "${t}" == 1 ]]; then
      base_mbps=$(cut -f5 <<<"${row}")
    fi
    rows+=("${row}")
  done
done

header=$'lang\tthreads\tinput MB\tseconds\tMB/s\tpeak RSS MB\tceiling MB/s\tratio\tspeed-up'
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)
echo "${version}; ${cpu:-unknown CPU}, $(nproc) cores; corpus ${size} per language," \
  "junk ${junk}, seed ${seed}; best of ${runs} runs"
if ((markdown)); then
  echo
  { echo "${header}"; printf '%s\n' "${rows[@]}"; } | awk -F'\t' '
    NR == 1 {
      line = "|"; sep = "|"
      for (i = 1; i <= NF; ++i) { line = line " " $i " |"; sep = sep (i <= 2 ? "---|" : "---:|") }
      print line; print sep; next
    }
    { line = "|"; for (i = 1; i <= NF; ++i) line = line " " $i " |"; print line }'
else
  { echo "${header}"; printf '%s\n' "${rows[@]}"; } | awk -F'\t' '
    { for (i = 1; i <= NF; ++i) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
    NF > nf { nf = NF }
    END {
      for (r = 1; r <= NR; ++r) {
        line = ""
        for (i = 1; i <= nf; ++i) {
          pad = sprintf("%" (i <= 1 ? "-" : "") w[i] "s", cell[r, i])
          line = line (i > 1 ? "  " : "") pad
        }
        print line
      }
    }'
fi
