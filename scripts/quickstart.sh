#!/usr/bin/env bash
# Installs the dependencies (Debian 12), builds textwash (Release, ./build) and
# cleans the bundled sample, showing the text before and after.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/setup.sh

generator=()
if [[ ! -f build/CMakeCache.txt ]]; then
  generator=(-G Ninja)
fi
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
cmake --build build --target textwash_tool --parallel "$(nproc)"

textwash=./build/tools/textwash
sample=examples/sample.txt

# Shows carriage returns and zero-width spaces, which a terminal hides.
show_invisible() {
  sed -e $'s/\r/<CR>/g' -e $'s/\xe2\x80\x8b/<U+200B>/g' -e 's/$/¶/' "$@"
}

echo
echo "==== ${sample} (<CR> = carriage return, <U+200B> = zero-width space, ¶ = end of line)"
show_invisible "${sample}"
echo
echo "==== ${textwash} ${sample}"
"${textwash}" "${sample}" | show_invisible
help="$("${textwash}" --help 2>&1 || true)"
if [[ "${help}" == *--report* ]]; then
  report=build/sample.report.jsonl
  "${textwash}" --report "${report}" "${sample}" >/dev/null
  echo
  echo "==== ${textwash} --report ${report} ${sample}: what was removed, and why"
  python3 - "${report}" <<'PY'
import json
import sys


def quote(text):
    """JSON-quotes text, showing invisible characters as \\uXXXX."""
    return "".join(c if c.isprintable() else "\\u%04x" % ord(c)
                   for c in json.dumps(text, ensure_ascii=False))


with open(sys.argv[1], encoding="utf-8") as report:
    for line in report:
        for edit in json.loads(line)["edits"]:
            if "replacement" in edit:
                change = "replaced %s with %s" % (
                    quote(edit["removed"]), quote(edit["replacement"]))
            else:
                change = "removed " + quote(edit["removed"])
            print("bytes %4d-%-4d %-8s %-20s %s" % (
                edit["begin"], edit["end"], edit["category"], edit["rule"],
                change))
PY
fi
