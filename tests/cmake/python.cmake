# Tests of the Python module (python/): the pytest suite in python/tests, run
# by Debian's /usr/bin/python3 (or -DPython3_EXECUTABLE) with
# PYTHONPATH=<build>/python. This file is included by tests/CMakeLists.txt.
#
#   textwash.python.api       python/tests except test_dask.py: clean(),
#                             clean_batch(), edits, options, errors,
#                             clean_file() and merge_stats() against the CLI
#   textwash.python.dask      python/tests/test_dask.py: clean_shards() on a
#                             2-worker LocalCluster gives the CLI's bytes
#                             and stats
#   textwash.python.example   examples/dask_clean.py --demo runs
#   textwash.install.python   the installed package imports and cleans
#
# The tests get the built command and corpus generator as TEXTWASH_CLI and
# TEXTWASH_GEN_CORPUS.

if(NOT TARGET textwash_python)
  return()
endif()

set(_tw_python_env
  ${CMAKE_COMMAND} -E env
  PYTHONPATH=${TEXTWASH_PYTHON_DIR}
  PYTHONDONTWRITEBYTECODE=1
  TEXTWASH_CLI=$<TARGET_FILE:textwash_tool>
  TEXTWASH_GEN_CORPUS=$<TARGET_FILE:textwash_gen_corpus>
  TEXTWASH_ENGINE=${TEXTWASH_ENGINE})
set(_tw_pytest ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider)
set(_tw_python_tests ${PROJECT_SOURCE_DIR}/python/tests)

add_test(NAME textwash.python.api
  COMMAND ${_tw_python_env} ${_tw_pytest}
          --basetemp=${CMAKE_CURRENT_BINARY_DIR}/python-api-tmp
          ${_tw_python_tests} --ignore=${_tw_python_tests}/test_dask.py)
add_test(NAME textwash.python.dask
  COMMAND ${_tw_python_env} ${_tw_pytest}
          --basetemp=${CMAKE_CURRENT_BINARY_DIR}/python-dask-tmp
          ${_tw_python_tests}/test_dask.py)
add_test(NAME textwash.python.example
  COMMAND ${_tw_python_env} ${Python3_EXECUTABLE}
          ${PROJECT_SOURCE_DIR}/examples/dask_clean.py
          --demo ${CMAKE_CURRENT_BINARY_DIR}/python-demo)
set_tests_properties(textwash.python.example PROPERTIES
  PASS_REGULAR_EXPRESSION "on Dask: 21 documents in = 18 written \\+ 0 dropped \\+ 3 rejected")
set_tests_properties(
  textwash.python.api textwash.python.dask textwash.python.example
  PROPERTIES LABELS python TIMEOUT 300)

if(TEST textwash.install.setup AND NOT IS_ABSOLUTE "${TEXTWASH_PYTHON_INSTALL_DIR}")
  add_test(NAME textwash.install.python
    COMMAND ${CMAKE_COMMAND} -E env
            PYTHONPATH=${CMAKE_CURRENT_BINARY_DIR}/install-prefix/${TEXTWASH_PYTHON_INSTALL_DIR}
            PYTHONDONTWRITEBYTECODE=1
            ${Python3_EXECUTABLE} -c
            "import textwash, textwash.dask; assert textwash.__file__.startswith('${CMAKE_CURRENT_BINARY_DIR}/install-prefix/'), textwash.__file__; print(textwash.Cleaner().clean('意识形态##paidbegin##责任制').text)")
  set_tests_properties(textwash.install.python PROPERTIES
    FIXTURES_REQUIRED textwash_installed
    PASS_REGULAR_EXPRESSION "^意识形态责任制\n$"
    LABELS install
    TIMEOUT 60)
endif()

unset(_tw_python_env)
unset(_tw_pytest)
unset(_tw_python_tests)
