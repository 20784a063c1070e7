# cmake -P script: installs the build tree BINARY_DIR into a fresh PREFIX.
#   -DBINARY_DIR=... -DPREFIX=... [-DCONFIG=...]
foreach(_var BINARY_DIR PREFIX)
  if(NOT ${_var})
    message(FATAL_ERROR "install.cmake: ${_var} is not set")
  endif()
endforeach()

# Start empty, so that files left by an earlier run cannot hide a broken install.
file(REMOVE_RECURSE "${PREFIX}")
set(_config_args)
if(CONFIG)
  set(_config_args --config "${CONFIG}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" --install "${BINARY_DIR}" --prefix "${PREFIX}" ${_config_args}
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BINARY_DIR} --prefix ${PREFIX} failed: ${_rc}")
endif()
