# Tests of the benchmark tools in bench/; tests/gen_corpus_test.cc covers the
# corpus generator. This file is included by tests/CMakeLists.txt to add the
# tests, and run with `cmake -P` by the test that needs a script.
#
#   textwash.bench.memscan   textwash_memscan counts bytes and lines and
#                            tells valid UTF-8 (also across its 1 MB blocks)
#                            from overlongs, surrogates and cut sequences
#   textwash.bench.run_e2e   bench/run_e2e.sh on a tiny corpus (1M, -j 1,
#                            zh and en): it exits 0 and prints a row per
#                            language, twice: as text, then as Markdown
#                            with the cached corpus. Nothing is timed.
#
# It also gives tests/gen_corpus_test.cc the path of the generator.

if(CMAKE_SCRIPT_MODE_FILE AND MODE STREQUAL "memscan")
  # cmake -DMODE=memscan -DMEMSCAN=... -DWORK=... -P bench_smoke.cmake
  file(REMOVE_RECURSE "${WORK}")
  file(MAKE_DIRECTORY "${WORK}")
  string(REPEAT "a" 1048575 _block)  # "中" straddles the first 1 MB block
  string(ASCII 192 175 _overlong)
  string(ASCII 237 160 128 _surrogate)
  string(ASCII 228 184 _cut)
  set(_cases
    "valid|ok\n中文 😀\nno final line break|34|2|valid"
    "block|${_block}中\n|1048579|1|valid"
    "overlong|a${_overlong}b\n|5|1|invalid"
    "surrogate|${_surrogate}\n|4|1|invalid"
    "cut|text${_cut}|6|0|invalid")
  foreach(_case IN LISTS _cases)
    string(REPLACE "|" ";" _case "${_case}")
    list(GET _case 0 _name)
    list(GET _case 1 _text)
    list(GET _case 2 _bytes)
    list(GET _case 3 _lines)
    list(GET _case 4 _utf8)
    file(WRITE "${WORK}/${_name}.txt" "${_text}")
    execute_process(COMMAND "${MEMSCAN}" --validate-utf8 "${WORK}/${_name}.txt"
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    set(_want "^bytes ${_bytes} lines ${_lines} seconds [0-9.]+ MB/s [0-9.]+ utf8 ${_utf8}\n$")
    if(NOT _rc STREQUAL "0" OR NOT _out MATCHES "${_want}")
      message(FATAL_ERROR "${_name}: exit code ${_rc}, output \"${_out}\" ${_err}, "
                          "want bytes ${_bytes} lines ${_lines} utf8 ${_utf8}")
    endif()
  endforeach()
  execute_process(COMMAND "${MEMSCAN}" "${WORK}/no-such-file"
    RESULT_VARIABLE _rc OUTPUT_QUIET ERROR_QUIET)
  if(_rc STREQUAL "0")
    message(FATAL_ERROR "a missing file did not fail")
  endif()
  return()
elseif(CMAKE_SCRIPT_MODE_FILE)
  # cmake -DBASH=... -DSCRIPT=run_e2e.sh -DWORK=... -DTEXTWASH=... -DGEN=...
  #       -DMEMSCAN=... -P bench_smoke.cmake
  file(REMOVE_RECURSE "${WORK}")
  set(ENV{TEXTWASH_BIN} "${TEXTWASH}")
  set(ENV{GEN_CORPUS_BIN} "${GEN}")
  set(ENV{MEMSCAN_BIN} "${MEMSCAN}")
  set(_args --size 1M --threads 1 --langs "zh en" --runs 1 --work-dir "${WORK}")
  foreach(_pass text markdown)
    if(_pass STREQUAL "markdown")
      list(APPEND _args --markdown)
    endif()
    execute_process(COMMAND "${BASH}" "${SCRIPT}" ${_args}
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc STREQUAL "0")
      message(FATAL_ERROR "run_e2e.sh (${_pass}) exited with ${_rc}:\n${_out}\n${_err}")
    endif()
    foreach(_lang zh en)
      if(_pass STREQUAL "markdown")
        set(_row "\n\\| ${_lang} \\| 1 \\| 1\\.[0-9] \\| [0-9.]+ \\| [0-9.]+ \\| [-0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| 1\\.00 \\|\n")
      else()
        set(_row "\n${_lang} +1 +1\\.[0-9] +[0-9.]+ +[0-9.]+ +[-0-9.]+ +[0-9.]+ +[0-9.]+ +1\\.00\n")
      endif()
      if(NOT _out MATCHES "${_row}")
        message(FATAL_ERROR "run_e2e.sh (${_pass}) printed no ${_lang} row:\n${_out}\n${_err}")
      endif()
    endforeach()
  endforeach()
  if(NOT _err MATCHES "zh: reusing ")
    message(FATAL_ERROR "the second run did not reuse the corpus:\n${_err}")
  endif()
  return()
endif()

if(NOT TARGET textwash_gen_corpus)
  return()
endif()

if(TARGET textwash_tests)
  target_compile_definitions(textwash_tests PRIVATE
    TEXTWASH_GEN_CORPUS_BINARY="$<TARGET_FILE:textwash_gen_corpus>")
  add_dependencies(textwash_tests textwash_gen_corpus)
endif()

add_test(NAME textwash.bench.memscan
  COMMAND ${CMAKE_COMMAND} -DMODE=memscan
          -DMEMSCAN=$<TARGET_FILE:textwash_memscan>
          -DWORK=${CMAKE_CURRENT_BINARY_DIR}/bench-memscan
          -P ${CMAKE_CURRENT_LIST_FILE})
set_tests_properties(textwash.bench.memscan PROPERTIES LABELS bench TIMEOUT 60)

find_program(TEXTWASH_BASH bash)
if(NOT TARGET textwash_tool OR NOT TEXTWASH_BASH)
  return()
endif()

add_test(NAME textwash.bench.run_e2e
  COMMAND ${CMAKE_COMMAND}
          -DBASH=${TEXTWASH_BASH}
          -DSCRIPT=${PROJECT_SOURCE_DIR}/bench/run_e2e.sh
          -DWORK=${CMAKE_CURRENT_BINARY_DIR}/bench-smoke
          -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DGEN=$<TARGET_FILE:textwash_gen_corpus>
          -DMEMSCAN=$<TARGET_FILE:textwash_memscan>
          -P ${CMAKE_CURRENT_LIST_FILE})
set_tests_properties(textwash.bench.run_e2e PROPERTIES LABELS bench TIMEOUT 300)

# The microbenchmarks run (one short pass of Clean on a 1 MB corpus): they
# build and work. Nothing is timed.
if(TARGET textwash_bench)
  add_test(NAME textwash.bench.stages
    COMMAND textwash_bench --corpus_mb=1 --benchmark_min_time=0.01
            "--benchmark_filter=BM_(Clean/0|CleanTwice/0|Create/0|StageScan/0|Hostile/1/1/)")
  set_tests_properties(textwash.bench.stages PROPERTIES LABELS bench TIMEOUT 300)
endif()
