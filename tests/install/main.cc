// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Cleans one string with the built-in rules and prints what was removed.
#include <iostream>
#include <string>

#include "textwash/textwash.h"

int main() {
  auto cleaner = textwash::Cleaner::Create(textwash::Options{});
  if (!cleaner.ok()) {  // a bad rule file or option
    std::cerr << cleaner.status().ToString() << "\n";
    return 2;
  }
  const std::string input = "意识形态##paidbegin##责任制\n";
  textwash::Result r = (*cleaner)->Clean(input);
  std::cout << r.text;  // 意识形态责任制
  for (const textwash::Edit& e : r.edits) {
    const textwash::RuleInfo& rule = (*cleaner)->rule(e.rule);
    std::cout << "removed bytes [" << e.begin << ", " << e.end << "): "
              << textwash::CategoryName(e.category) << ", rule " << rule.id
              << " (" << rule.source << ")\n";
  }
  // The edits are the whole story: applied to the input they give the text.
  const bool ok = r.text == "意识形态责任制\n" &&
                  textwash::ApplyEdits(input, r.edits) == r.text;
  return ok ? 0 : 1;
}
