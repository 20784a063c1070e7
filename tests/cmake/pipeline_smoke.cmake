# Smoke tests of the pipeline features of the real textwash binary;
# tests/pipeline_test.cc covers them through RunCli(). This file is included
# by tests/CMakeLists.txt, and run with `cmake -P` by the tests that need a
# script.
#
#   textwash.cli.zstd_round_trip   write .jsonl.zst, read it back, compare
#   textwash.cli.gzip_round_trip   the same with .jsonl.gz and -j 3
#   textwash.cli.stats             --stats prints the balanced summary
#
# It also gives tests/pipeline_test.cc the path of the binary, whose peak
# memory it measures.

if(CMAKE_SCRIPT_MODE_FILE)
  # cmake -DTEXTWASH=... -DINPUT=... -DWORK=... -DSUFFIX=.gz|.zst
  #       -DTHREADS=N -P pipeline_smoke.cmake
  file(MAKE_DIRECTORY "${WORK}")
  set(_packed "${WORK}/clean.jsonl${SUFFIX}")
  set(_plain "${WORK}/clean${SUFFIX}.jsonl")
  set(_back "${WORK}/back${SUFFIX}.jsonl")
  execute_process(COMMAND "${TEXTWASH}" -j ${THREADS} "${INPUT}" -o "${_packed}"
    RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc STREQUAL "0")
    message(FATAL_ERROR "textwash exited with ${_rc}:\n${_err}")
  endif()
  execute_process(COMMAND "${TEXTWASH}" -j 1 "${INPUT}" -o "${_plain}"
    RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  execute_process(COMMAND "${TEXTWASH}" --no-default-rules "${_packed}"
    -o "${_back}" RESULT_VARIABLE _rc ERROR_VARIABLE _err)
  if(NOT _rc STREQUAL "0")
    message(FATAL_ERROR "reading ${_packed} back exited with ${_rc}:\n${_err}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${_back}" "${_plain}"
    RESULT_VARIABLE _differ)
  if(_differ)
    message(FATAL_ERROR "${_back} differs from ${_plain}")
  endif()
  return()
endif()

if(NOT TARGET textwash_tool OR NOT TARGET textwash_tests)
  return()
endif()

target_compile_definitions(textwash_tests PRIVATE
  TEXTWASH_CLI_BINARY="$<TARGET_FILE:textwash_tool>")
add_dependencies(textwash_tests textwash_tool)

set(_tw_pipeline_data ${PROJECT_SOURCE_DIR}/tests/data/cli)
set(_tw_pipeline_work ${CMAKE_CURRENT_BINARY_DIR}/pipeline-smoke)

add_test(NAME textwash.cli.zstd_round_trip
  COMMAND ${CMAKE_COMMAND} -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DINPUT=${_tw_pipeline_data}/tricky.jsonl
          -DWORK=${_tw_pipeline_work} -DSUFFIX=.zst -DTHREADS=2
          -P ${CMAKE_CURRENT_LIST_FILE})

add_test(NAME textwash.cli.gzip_round_trip
  COMMAND ${CMAKE_COMMAND} -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DINPUT=${_tw_pipeline_data}/tricky.jsonl
          -DWORK=${_tw_pipeline_work} -DSUFFIX=.gz -DTHREADS=3
          -P ${CMAKE_CURRENT_LIST_FILE})

add_test(NAME textwash.cli.stats
  COMMAND textwash_tool --stats -o ${_tw_pipeline_work}/stats.out.jsonl
          ${_tw_pipeline_data}/tricky.jsonl)
set_tests_properties(textwash.cli.stats PROPERTIES
  PASS_REGULAR_EXPRESSION
  "documents   5 in = 5 written \\+ 0 dropped \\+ 0 rejected\n")

set_tests_properties(
  textwash.cli.zstd_round_trip textwash.cli.gzip_round_trip textwash.cli.stats
  PROPERTIES LABELS cli TIMEOUT 60)

unset(_tw_pipeline_data)
unset(_tw_pipeline_work)
