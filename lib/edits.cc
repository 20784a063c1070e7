// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
#include "lib/edits.h"

#include <algorithm>
#include <string>
#include <utility>

namespace textwash::internal {

std::vector<Edit> ComposeEdits(std::vector<Edit> first, std::vector<Edit> second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  const size_t n = first.size();
  // Where each edit of `first` put its replacement in B, and A - B after it.
  std::vector<size_t> out_begin(n), out_end(n);
  std::vector<long long> shift(n + 1);
  for (size_t k = 0; k < n; ++k) {
    const Edit& f = first[k];
    out_begin[k] = static_cast<size_t>(static_cast<long long>(f.begin) - shift[k]);
    out_end[k] = out_begin[k] + f.replacement.size();
    shift[k + 1] = shift[k] + static_cast<long long>(f.end - f.begin) -
                   static_cast<long long>(f.replacement.size());
  }
  // The first edit whose output does not end at or before B offset `p`
  // (out_end never decreases), searched from `from` on.
  auto first_after = [&](size_t from, size_t p) {
    while (from < n && out_end[from] <= p) ++from;
    return from;
  };
  auto to_a = [&](size_t k, size_t p) {
    return static_cast<size_t>(static_cast<long long>(p) + shift[k]);
  };

  std::vector<Edit> out;
  out.reserve(n + second.size());
  size_t next = 0;  // the first edit of `first` not yet passed on or taken over
  for (Edit& e : second) {
    const size_t b = e.begin, end = e.end;
    const size_t kb = first_after(next, b);
    while (next < kb) out.push_back(std::move(first[next++]));
    std::string prefix, suffix;
    size_t a_begin = to_a(kb, b);
    if (kb < n && out_begin[kb] < b) {  // starts inside a replacement
      a_begin = first[kb].begin;
      prefix = first[kb].replacement.substr(0, b - out_begin[kb]);
    }
    const size_t ke = first_after(kb, end);
    size_t a_end = to_a(ke, end);
    size_t taken = ke;
    if (ke < n && out_begin[ke] < end) {  // ends inside a replacement
      a_end = first[ke].end;
      suffix = first[ke].replacement.substr(end - out_begin[ke]);
      taken = ke + 1;
    }
    next = std::max(next, taken);
    e.begin = a_begin;
    e.end = a_end;
    if (!prefix.empty() || !suffix.empty()) {
      e.replacement = std::move(prefix) + e.replacement + suffix;
    }
    out.push_back(std::move(e));
  }
  while (next < n) out.push_back(std::move(first[next++]));
  return out;
}

}  // namespace textwash::internal
