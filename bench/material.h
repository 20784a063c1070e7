// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// The labelled corpus (tests/data/corpus/<group>/*.txt), embedded into
// textwash_gen_corpus at build time by bench/embed_material.cmake.
#ifndef TEXTWASH_BENCH_MATERIAL_H_
#define TEXTWASH_BENCH_MATERIAL_H_

#include <cstddef>
#include <string_view>

namespace textwash_bench {

struct MaterialFile {
  const char* group;      // folder: zh_ads, zh_site, en, mixed
  const char* name;       // file name
  std::string_view text;  // the file's bytes
};

extern const MaterialFile kMaterialFiles[];
extern const size_t kMaterialFileCount;

}  // namespace textwash_bench

#endif  // TEXTWASH_BENCH_MATERIAL_H_
