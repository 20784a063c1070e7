# cmake -P script: checks that the first ```cpp block of README.md is part of
# examples/basic.cc, which the install test builds and runs.
#   -DSOURCE_DIR=<repository root>
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "check_example.cmake: SOURCE_DIR is not set")
endif()

file(READ "${SOURCE_DIR}/examples/basic.cc" _example)

file(READ "${SOURCE_DIR}/README.md" _readme)
string(FIND "${_readme}" "```cpp\n" _begin)
if(_begin EQUAL -1)
  message(FATAL_ERROR "README.md has no ```cpp block")
endif()
math(EXPR _begin "${_begin} + 7")
string(SUBSTRING "${_readme}" ${_begin} -1 _block)
string(FIND "${_block}" "```" _end)
string(SUBSTRING "${_block}" 0 ${_end} _block)
string(FIND "${_example}" "${_block}" _at)
if(_at EQUAL -1 OR _block STREQUAL "")
  message(FATAL_ERROR "the first ```cpp block of README.md is not part of examples/basic.cc:\n${_block}")
endif()
