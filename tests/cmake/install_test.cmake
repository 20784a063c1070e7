# Install test: installs this build into a scratch prefix, then builds and runs
# a consumer against it twice, the ways users will: with
# find_package(textwash CONFIG) and with `pkg-config --static`. A broken export,
# config file or .pc file fails here instead of on a user's machine.
#
#   textwash.install.setup         cmake --install into tests/install-prefix
#   textwash.install.find_package  tests/install via find_package + textwash::textwash
#   textwash.install.pkg_config    examples/basic.cc via pkg-config --static
#   textwash.docs.example          the README's example is examples/basic.cc

set(_tw_install_dir ${PROJECT_SOURCE_DIR}/tests/install)

add_test(NAME textwash.docs.example
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -P ${_tw_install_dir}/check_example.cmake)

if(NOT TEXTWASH_INSTALL)
  return()  # no install rules to test
endif()
if(CMAKE_CROSSCOMPILING)
  message(STATUS "textwash: install test skipped: cross-compiling")
  return()
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(STATUS "textwash: install test skipped: absolute CMAKE_INSTALL_LIBDIR "
                 "or CMAKE_INSTALL_INCLUDEDIR would install outside the scratch prefix")
  return()
endif()

set(_tw_install_prefix ${CMAKE_CURRENT_BINARY_DIR}/install-prefix)

add_test(NAME textwash.install.setup
  COMMAND ${CMAKE_COMMAND}
          -DBINARY_DIR=${PROJECT_BINARY_DIR}
          -DPREFIX=${_tw_install_prefix}
          -DCONFIG=$<CONFIG>
          -P ${_tw_install_dir}/install.cmake)
set_tests_properties(textwash.install.setup PROPERTIES
  FIXTURES_SETUP textwash_installed
  LABELS install
  TIMEOUT 120)

add_test(NAME textwash.install.find_package
  COMMAND ${CMAKE_COMMAND}
          -DSOURCE_DIR=${_tw_install_dir}
          -DBINARY_DIR=${CMAKE_CURRENT_BINARY_DIR}/install-consumer-cmake
          -DPREFIX=${_tw_install_prefix}
          -DGENERATOR=${CMAKE_GENERATOR}
          -DMAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}
          -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
          "-DCXX_FLAGS=${CMAKE_CXX_FLAGS}"
          "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
          -DCONFIG=$<CONFIG>
          -P ${_tw_install_dir}/find_package_consumer.cmake)
set_tests_properties(textwash.install.find_package PROPERTIES
  FIXTURES_REQUIRED textwash_installed
  LABELS install
  TIMEOUT 600)

if(PKG_CONFIG_EXECUTABLE)
  add_test(NAME textwash.install.pkg_config
    COMMAND ${CMAKE_COMMAND}
            -DPKG_CONFIG=${PKG_CONFIG_EXECUTABLE}
            -DPREFIX=${_tw_install_prefix}
            -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
            -DSOURCE=${PROJECT_SOURCE_DIR}/examples/basic.cc
            -DBINARY_DIR=${CMAKE_CURRENT_BINARY_DIR}/install-consumer-pkgconfig
            -DCXX_COMPILER=${CMAKE_CXX_COMPILER}
            "-DCXX_FLAGS=${CMAKE_CXX_FLAGS}"
            "-DLINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
            -P ${_tw_install_dir}/pkg_config_consumer.cmake)
  set_tests_properties(textwash.install.pkg_config PROPERTIES
    FIXTURES_REQUIRED textwash_installed
    LABELS install
    TIMEOUT 300)
endif()

unset(_tw_install_dir)
unset(_tw_install_prefix)
