# Smoke tests of the real textwash binary; tests/cli_test.cc covers the
# behaviour through RunCli(). This file is included by tests/CMakeLists.txt to
# add the tests, and run with `cmake -P` by the tests that need a script.
#
#   textwash.cli.golden_seed        clean a golden seed to a file, compare
#   textwash.cli.stdin              the same seed through stdin and stdout
#   textwash.cli.version            --version prints the version, exits 0
#   textwash.cli.help               --help exits 0 and shows the exit codes
#   textwash.cli.bad_rules          a bad rule file makes the run fail
#   textwash.cli.bad_rules_message  ... with exit code 2 and FILE:LINE:COL
#   textwash.cli.rules_check        `rules check` accepts a good rule file
#   textwash.cli.usage_error        an unknown flag exits 2

if(CMAKE_SCRIPT_MODE_FILE)
  # cmake -DMODE=compare -DTEXTWASH=... -DINPUT=... -DWANT=... -DOUTPUT=...
  #       [-DUSE_STDIN=ON] -P cli_smoke.cmake
  # cmake -DMODE=exit -DTEXTWASH=... -DARGS=a|b|c -DWANT_EXIT=N
  #       -DWANT_STDERR=TEXT -P cli_smoke.cmake
  if(MODE STREQUAL "compare")
    get_filename_component(_dir "${OUTPUT}" DIRECTORY)
    file(MAKE_DIRECTORY "${_dir}")
    file(REMOVE "${OUTPUT}")
    if(USE_STDIN)
      execute_process(COMMAND "${TEXTWASH}" -
        INPUT_FILE "${INPUT}" OUTPUT_FILE "${OUTPUT}"
        RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    else()
      execute_process(COMMAND "${TEXTWASH}" "${INPUT}" -o "${OUTPUT}"
        RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    endif()
    if(NOT _rc STREQUAL "0")
      message(FATAL_ERROR "textwash exited with ${_rc}:\n${_err}")
    endif()
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${OUTPUT}" "${WANT}"
      RESULT_VARIABLE _differ)
    if(_differ)
      message(FATAL_ERROR "${OUTPUT} differs from ${WANT}")
    endif()
  elseif(MODE STREQUAL "exit")
    string(REPLACE "|" ";" _args "${ARGS}")
    execute_process(COMMAND "${TEXTWASH}" ${_args}
      RESULT_VARIABLE _rc OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
    if(NOT _rc STREQUAL "${WANT_EXIT}")
      message(FATAL_ERROR "exit code ${_rc}, want ${WANT_EXIT}; stderr:\n${_err}")
    endif()
    string(FIND "${_err}" "${WANT_STDERR}" _at)
    if(_at EQUAL -1)
      message(FATAL_ERROR "stderr lacks \"${WANT_STDERR}\":\n${_err}")
    endif()
  else()
    message(FATAL_ERROR "unknown MODE \"${MODE}\"")
  endif()
  return()
endif()

if(NOT TARGET textwash_tool)
  return()
endif()

set(_tw_cli_seed ${PROJECT_SOURCE_DIR}/tests/data/golden/seed_001_5e55ffca6ee2661c)
set(_tw_cli_rules ${PROJECT_SOURCE_DIR}/tests/data/cli)
set(_tw_cli_work ${CMAKE_CURRENT_BINARY_DIR}/cli-smoke)

add_test(NAME textwash.cli.golden_seed
  COMMAND ${CMAKE_COMMAND} -DMODE=compare
          -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DINPUT=${_tw_cli_seed}.in.txt
          -DWANT=${_tw_cli_seed}.want.txt
          -DOUTPUT=${_tw_cli_work}/seed_001.out.txt
          -P ${CMAKE_CURRENT_LIST_FILE})

add_test(NAME textwash.cli.stdin
  COMMAND ${CMAKE_COMMAND} -DMODE=compare -DUSE_STDIN=ON
          -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DINPUT=${_tw_cli_seed}.in.txt
          -DWANT=${_tw_cli_seed}.want.txt
          -DOUTPUT=${_tw_cli_work}/seed_001.stdout.txt
          -P ${CMAKE_CURRENT_LIST_FILE})

add_test(NAME textwash.cli.version COMMAND textwash_tool --version)
set_tests_properties(textwash.cli.version PROPERTIES
  PASS_REGULAR_EXPRESSION "^textwash ${PROJECT_VERSION}\n$")

add_test(NAME textwash.cli.help COMMAND textwash_tool --help)
set_tests_properties(textwash.cli.help PROPERTIES
  PASS_REGULAR_EXPRESSION "Exit codes:")

add_test(NAME textwash.cli.bad_rules
  COMMAND textwash_tool --rules ${_tw_cli_rules}/bad_category.toml
          ${_tw_cli_seed}.in.txt)
set_tests_properties(textwash.cli.bad_rules PROPERTIES WILL_FAIL TRUE)

add_test(NAME textwash.cli.bad_rules_message
  COMMAND ${CMAKE_COMMAND} -DMODE=exit
          -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DARGS=--rules|${_tw_cli_rules}/bad_category.toml|${_tw_cli_seed}.in.txt
          -DWANT_EXIT=2
          "-DWANT_STDERR=textwash: ${_tw_cli_rules}/bad_category.toml:7:12: unknown category"
          -P ${CMAKE_CURRENT_LIST_FILE})

add_test(NAME textwash.cli.rules_check
  COMMAND textwash_tool rules check ${_tw_cli_rules}/user_rules.toml)
set_tests_properties(textwash.cli.rules_check PROPERTIES
  PASS_REGULAR_EXPRESSION "user_rules.toml: ok \\(4 rules\\)\n")

add_test(NAME textwash.cli.usage_error
  COMMAND ${CMAKE_COMMAND} -DMODE=exit
          -DTEXTWASH=$<TARGET_FILE:textwash_tool>
          -DARGS=--no-such-flag
          -DWANT_EXIT=2
          "-DWANT_STDERR=textwash: The following argument was not expected: --no-such-flag"
          -P ${CMAKE_CURRENT_LIST_FILE})

set_tests_properties(
  textwash.cli.golden_seed textwash.cli.stdin textwash.cli.version
  textwash.cli.help textwash.cli.bad_rules textwash.cli.bad_rules_message
  textwash.cli.rules_check textwash.cli.usage_error
  PROPERTIES LABELS cli TIMEOUT 60)

unset(_tw_cli_seed)
unset(_tw_cli_rules)
unset(_tw_cli_work)
