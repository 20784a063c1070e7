# Build step of textwash_gen_corpus: writes the labelled corpus
# (tests/data/corpus/<group>/*.txt) into a C++ source file, so that the
# generator carries its source material and runs from any directory.
#
#   cmake -DCORPUS_DIR=tests/data/corpus -DOUTPUT=material.cc
#         -P embed_material.cmake
#
# Each file becomes a string literal of \xHH escapes (every byte escaped, so
# no escape can run into the next character), listed with its group (the
# folder name) and file name in path order.

if(NOT CORPUS_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -DCORPUS_DIR=DIR -DOUTPUT=FILE -P embed_material.cmake")
endif()

file(GLOB _files RELATIVE "${CORPUS_DIR}" "${CORPUS_DIR}/*/*.txt")
list(SORT _files)
if(NOT _files)
  message(FATAL_ERROR "no ${CORPUS_DIR}/*/*.txt files")
endif()

set(_out "// Generated from tests/data/corpus by bench/embed_material.cmake. Do not edit.\n")
string(APPEND _out "#include \"bench/material.h\"\n\nnamespace textwash_bench {\nnamespace {\n\n")
set(_table "")
set(_i 0)
foreach(_rel IN LISTS _files)
  file(READ "${CORPUS_DIR}/${_rel}" _hex HEX)
  file(SIZE "${CORPUS_DIR}/${_rel}" _size)
  string(REGEX REPLACE "(..)" "\\\\x\\1" _esc "${_hex}")
  # 32 bytes (128 characters of escapes) per source line.
  string(REPEAT "." 128 _dots)
  string(REGEX REPLACE "(${_dots})" "\\1\"\n    \"" _esc "${_esc}")
  get_filename_component(_group "${_rel}" DIRECTORY)
  get_filename_component(_name "${_rel}" NAME)
  string(APPEND _out "// ${_rel}\nconstexpr char kFile${_i}[] =\n    \"${_esc}\";\n\n")
  string(APPEND _table "    {\"${_group}\", \"${_name}\", {kFile${_i}, ${_size}}},\n")
  math(EXPR _i "${_i} + 1")
endforeach()
string(APPEND _out "}  // namespace\n\nconst MaterialFile kMaterialFiles[] = {\n${_table}};\n")
string(APPEND _out "const size_t kMaterialFileCount = ${_i};\n\n}  // namespace textwash_bench\n")

# Rewrite only on change, so that an unchanged corpus does not recompile.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" _old)
  if(_old STREQUAL _out)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${_out}")
