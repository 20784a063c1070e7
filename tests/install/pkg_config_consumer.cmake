# cmake -P script: compiles and runs SOURCE (one file) with the flags that
# `pkg-config --static --cflags --libs textwash` gives for the installed PREFIX.
#   -DPKG_CONFIG=... -DPREFIX=... -DLIBDIR=lib -DSOURCE=basic.cc -DBINARY_DIR=...
#   -DCXX_COMPILER=... [-DCXX_FLAGS=...] [-DLINKER_FLAGS=...]
foreach(_var PKG_CONFIG PREFIX LIBDIR SOURCE BINARY_DIR CXX_COMPILER)
  if(NOT ${_var})
    message(FATAL_ERROR "pkg_config_consumer.cmake: ${_var} is not set")
  endif()
endforeach()

set(_pc "${PREFIX}/${LIBDIR}/pkgconfig/textwash.pc")
if(NOT EXISTS "${_pc}")
  message(FATAL_ERROR "install test: ${_pc} was not installed")
endif()

# textwash.pc finds its prefix from where it lies (${pcfiledir}), so the
# installed file is used as is: this also checks that it is relocatable.
file(REMOVE_RECURSE "${BINARY_DIR}")
file(MAKE_DIRECTORY "${BINARY_DIR}")
set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")

execute_process(
  COMMAND "${PKG_CONFIG}" --static --cflags --libs textwash
  OUTPUT_VARIABLE _flags OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "install test: pkg-config --static --cflags --libs textwash failed (${_rc})")
endif()
message(STATUS "pkg-config --static --cflags --libs textwash: ${_flags}")
separate_arguments(_flags UNIX_COMMAND "${_flags}")
separate_arguments(_cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
separate_arguments(_linker_flags UNIX_COMMAND "${LINKER_FLAGS}")

set(_exe "${BINARY_DIR}/textwash_consumer")
execute_process(
  COMMAND "${CXX_COMPILER}" -std=c++20 ${_cxx_flags} "${SOURCE}" -o "${_exe}"
          ${_flags} ${_linker_flags}
  RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "install test: compiling ${SOURCE} with the pkg-config flags failed (${_rc})")
endif()

# A shared textwash is found through LD_LIBRARY_PATH; a static one needs nothing.
set(ENV{LD_LIBRARY_PATH} "${PREFIX}/${LIBDIR}:$ENV{LD_LIBRARY_PATH}")
execute_process(COMMAND "${_exe}" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "install test: ${_exe} failed (${_rc})")
endif()
