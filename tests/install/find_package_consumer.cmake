# cmake -P script: configures, builds and runs tests/install (a consumer that
# calls find_package(textwash CONFIG REQUIRED)) against the installed PREFIX.
#   -DSOURCE_DIR=tests/install -DBINARY_DIR=... -DPREFIX=...
#   -DGENERATOR=... [-DMAKE_PROGRAM=...] [-DCXX_COMPILER=...] [-DCXX_FLAGS=...]
#   [-DLINKER_FLAGS=...] [-DCONFIG=...]
foreach(_var SOURCE_DIR BINARY_DIR PREFIX GENERATOR)
  if(NOT ${_var})
    message(FATAL_ERROR "find_package_consumer.cmake: ${_var} is not set")
  endif()
endforeach()

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: ${step} failed (${rc})")
  endif()
endfunction()

file(REMOVE_RECURSE "${BINARY_DIR}")
set(_args
  -S "${SOURCE_DIR}" -B "${BINARY_DIR}" -G "${GENERATOR}"
  "-DCMAKE_PREFIX_PATH=${PREFIX}"
  # Only the scratch prefix may satisfy find_package(textwash).
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
if(MAKE_PROGRAM)
  list(APPEND _args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND _args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(CXX_FLAGS)
  list(APPEND _args "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}")
endif()
if(LINKER_FLAGS)
  list(APPEND _args "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
endif()
if(CONFIG)
  list(APPEND _args "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()
run("configuring the consumer" "${CMAKE_COMMAND}" ${_args})

# The package must come from the scratch prefix, not from an older install.
file(STRINGS "${BINARY_DIR}/CMakeCache.txt" _dir REGEX "^textwash_DIR:")
string(REGEX REPLACE "^textwash_DIR:[A-Z]+=" "" _dir "${_dir}")
file(REAL_PATH "${PREFIX}" _prefix)
file(REAL_PATH "${_dir}" _dir)
string(FIND "${_dir}/" "${_prefix}/" _at)
if(NOT _at EQUAL 0)
  message(FATAL_ERROR "install test: found textwash in ${_dir}, not under ${_prefix}")
endif()

set(_config_args)
if(CONFIG)
  set(_config_args --config "${CONFIG}")
  set(_ctest_config_args -C "${CONFIG}")
endif()
run("building the consumer" "${CMAKE_COMMAND}" --build "${BINARY_DIR}" ${_config_args})
run("running the consumer" "${CMAKE_CTEST_COMMAND}" --test-dir "${BINARY_DIR}"
    --output-on-failure --no-tests=error ${_ctest_config_args})
