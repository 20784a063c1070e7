// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Clean() allocates per document, not per line: the allocations of a
// document of 2N lines and of one of N lines differ by a handful (buffers
// that grow by doubling), whatever the lines hold. Masking contacts is the
// exception: RE2 allocates each time it finds the groups of a match, so a
// masked contact costs a few allocations (a document's contacts, not its
// lines, count there). It is its own binary because it replaces the global
// operator new to count.

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "textwash/textwash.h"

namespace {
std::atomic<long> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept {
  return operator new(n, t);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace textwash {
namespace {

// Line `i` of a document in which most kinds of junk come back every few
// lines: markers inside sentences, contacts (plain and obfuscated), ad and
// template lines, page counters, repeated lines, English boilerplate.
// With `contacts` false, the lines that would hold a contact hold other
// junk.
std::string Line(int i, bool contacts) {
  const std::string n = std::to_string(i);
  const int kind = i % 12;
  if (!contacts && (kind == 2 || kind == 3 || kind == 8 || kind == 10)) {
    return "当前第" + n + "页，##pagebreak##本文档由用户上传，如有侵权请联系删除。";
  }
  switch (kind) {
    case 0: return "第" + n + "段：各地区各部门要切实加强组织领导，##paidbegin##确保各项任务落到实处。";
    case 1: return "我们在第" + n + "次调查中发现，样本的分布与预期一致，结论是稳健的。";
    case 2: return "查找更多最新资料，请加微信：abc_" + n + "，或拨打 138 0013 " + std::to_string(8000 + i % 1000) + "。";
    case 3: return "【哒哒素材库】——每天更新材料1000多篇，有意加入请联系QQ：12345" + n;
    case 4: return "还剩" + n + "页未读，继续阅读";
    case 5: return "The committee met on day " + n + " and approved the budget after a long debate.";
    case 6: return "Subscribe to continue reading. Follow us on twitter for more.";
    case 7: return "第" + n + "页共200页";
    case 8: return "公众号：老！船-长君 " + n + " 关注领取资料";
    case 9: return "文档可编辑，word版本可编辑，欢迎下载。";
    case 10: return "联系邮箱 user" + n + "@example.com 或访问 www.example" + n + ".com";
    default: return "这是第" + n + "行正文，讨论了教育、医疗和住房三个方面的问题。";
  }
}

// A title, then `lines` lines; contacts on the first `contact_lines` only.
std::string Document(int lines, int contact_lines) {
  std::string doc = "关于进一步加强基层治理的若干意见\n";
  for (int i = 0; i < lines; ++i) doc += Line(i, i < contact_lines) + "\n";
  return doc;
}

long AllocationsOfClean(const Cleaner& cleaner, const std::string& doc, Result* result) {
  const long before = g_allocations.load();
  cleaner.Clean(doc, result);
  return g_allocations.load() - before;
}

void ExpectNoAllocationPerLine(const Options& options, int contact_lines) {
  if (Cleaner::engine() != "hyperscan") {
    // RE2::Set, the other engine's scanner, allocates in every search, and
    // later passes search each run of changed lines.
    GTEST_SKIP() << "the " << Cleaner::engine() << " engine allocates per scanned range";
  }
  auto cleaner = Cleaner::Create(options);
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  constexpr int kLines = 2000;
  const std::string small = Document(kLines, contact_lines);
  const std::string large = Document(2 * kLines, contact_lines);
  Result result;
  // Warm: the regex engines build their automata on first use, and the
  // per-thread buffers grow to the largest document.
  for (int k = 0; k < 2; ++k) {
    (*cleaner)->Clean(large, &result);
    (*cleaner)->Clean(small, &result);
  }
  ASSERT_GT(result.edits.size(), static_cast<size_t>(kLines / 2))
      << "the document should be full of junk";
  const long a = AllocationsOfClean(**cleaner, small, &result);
  const long b = AllocationsOfClean(**cleaner, large, &result);
  // Vectors that double: a few more for twice the lines; one per line
  // would be 2000 more.
  EXPECT_LE(b - a, 64) << "allocations: " << a << " for " << kLines << " lines, " << b
                       << " for " << 2 * kLines;
}

TEST(AllocationTest, CleanDoesNotAllocatePerLine) {
  ExpectNoAllocationPerLine(Options(), /*contact_lines=*/1 << 30);
}

TEST(AllocationTest, MaskingAllocatesPerContactNotPerLine) {
  Options options;
  options.pii = PiiMode::kMask;
  ExpectNoAllocationPerLine(options, /*contact_lines=*/120);
}

// CleanBatch() keeps what a group of texts needs between its stages in
// buffers each thread reuses: texts of twice the lines cost a few more
// allocations each (vectors that double), not one more a line, and a text
// costs no more than one Clean() call.
TEST(AllocationTest, CleanBatchDoesNotAllocatePerLine) {
  if (Cleaner::engine() != "hyperscan") {
    GTEST_SKIP() << "the " << Cleaner::engine() << " engine allocates per scanned range";
  }
  auto cleaner = Cleaner::Create(Options());
  ASSERT_TRUE(cleaner.ok()) << cleaner.status().ToString();
  constexpr int kTexts = 200, kLines = 20;
  std::vector<std::string> small, large;
  for (int i = 0; i < kTexts; ++i) {
    small.push_back(Document(kLines, 1 << 30));
    large.push_back(Document(2 * kLines, 1 << 30));
  }
  const std::vector<std::string_view> small_views(small.begin(), small.end());
  const std::vector<std::string_view> large_views(large.begin(), large.end());
  std::vector<Result> results;
  for (int k = 0; k < 2; ++k) {
    (*cleaner)->CleanBatch(large_views, &results);
    (*cleaner)->CleanBatch(small_views, &results);
  }
  long before = g_allocations.load();
  (*cleaner)->CleanBatch(small_views, &results);
  const long a = g_allocations.load() - before;
  before = g_allocations.load();
  (*cleaner)->CleanBatch(large_views, &results);
  const long b = g_allocations.load() - before;
  // A few more a text are its vectors that double (its edits, its output);
  // one a line would be kLines more a text.
  EXPECT_LE(b - a, 4 * kTexts) << "allocations: " << a << " for " << kTexts << " texts of "
                               << kLines << " lines, " << b << " for texts of " << 2 * kLines;
  Result one;
  for (const std::string_view text : small_views) (*cleaner)->Clean(text, &one);
  before = g_allocations.load();
  for (const std::string_view text : small_views) (*cleaner)->Clean(text, &one);
  const long c = g_allocations.load() - before;
  EXPECT_LE(a, c) << "CleanBatch: " << a << " allocations, Clean one text at a time: " << c;
}

TEST(AllocationTest, TheCounterSeesAllocations) {
  const long before = g_allocations.load();
  auto* v = new std::string(100, 'x');
  delete v;
  EXPECT_GE(g_allocations.load() - before, 2);
}

}  // namespace
}  // namespace textwash
