// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Hygiene and noise read the text 16 to 64 bytes at a time. These tests put
// what they look for at every offset of such blocks, in lines shorter and
// longer than one, with characters split across block edges.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

using testing::ExpectResultContract;
using testing::MakeCleaner;

// `ascii` letters, then `cjk` common ideographs: any byte length, with
// three-byte characters across every block edge as the length grows.
std::string Filler(int ascii, int cjk) {
  static constexpr std::string_view kHan[] = {"中", "文", "字", "体",
                                              "测", "试", "内", "容"};
  std::string s(static_cast<size_t>(ascii), 'a');
  for (int k = 0; k < cjk; ++k) s += kHan[k % 8];
  return s;
}

struct Insert {
  const char* name;
  std::string in;
  std::string want;
};

// Puts each insert after Filler(ascii, cjk) for each cjk up to `max_cjk`,
// and before 0 to 40 ideographs. An insert at the very start is left out
// (line breaks there go with the blank line they make), and so, if
// `ascii_apart`, are ASCII letters right before the insert (they would
// change an ASCII insert).
void ExpectEverywhere(const Cleaner& cleaner, const std::vector<Insert>& inserts,
                      int max_cjk, bool ascii_apart) {
  for (const Insert& x : inserts) {
    for (int cjk = 0; cjk <= max_cjk; ++cjk) {
      for (int ascii = 0; ascii < 3; ++ascii) {
        for (int after : {0, 1, 5, 17, 40}) {
          if (cjk == 0 && (ascii == 0 || ascii_apart)) continue;
          const std::string before = Filler(ascii, cjk);
          const std::string rest = Filler(0, after);
          const std::string in = before + x.in + rest;
          const Result r = cleaner.Clean(in);
          ASSERT_EQ(r.text, before + x.want + rest)
              << x.name << " after " << before.size() << " bytes, then " << rest.size();
          ExpectResultContract(cleaner, in, r);
        }
      }
    }
  }
}

TEST(BlockEdgesTest, HygieneAtEveryOffset) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const std::string fffd = "\xEF\xBF\xBD";
  ExpectEverywhere(*cleaner,
                   {
                       {"zero width", "\u200B", ""},
                       {"two zero widths", "\u200B\u2060", ""},
                       {"bom inside", "\xEF\xBB\xBF", ""},
                       {"soft hyphen", "\u00AD", ""},
                       {"control", "\x01", ""},
                       {"delete", "\x7F", ""},
                       {"c1 control", "\xC2\x9B", ""},
                       {"crlf", "\r\n", "\n"},
                       {"lone cr", "\r", "\n"},
                       {"next line", "\xC2\x85", "\n"},
                       {"line separator", "\u2028", "\n"},
                       {"invalid byte", "\xFF", fffd},
                       {"lone continuation", "\x80", fffd},
                       {"truncated", "\xE4\xB8", fffd},
                       {"truncated ef", "\xEF\xBC", fffd},
                       {"overlong", "\xE0\x80\xAF", fffd + fffd + fffd},
                       {"surrogate", "\xED\xA0\x80", fffd + fffd + fffd},
                       {"kept: quotes", "“好”", "“好”"},
                       {"kept: full-width marks", "，！", "，！"},
                       {"kept: ef bb but no bom", "\xEF\xBB\x80", "\xEF\xBB\x80"},
                       {"kept: hangul", "한국", "한국"},
                       {"kept: tab", "\t", "\t"},
                       {"kept: emoji", "😀", "😀"},
                   },
                   20, /*ascii_apart=*/false);
}

TEST(BlockEdgesTest, NoiseAtEveryOffset) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  ExpectEverywhere(*cleaner,
                   {
                       {"rare run", "纞嬶鬐鼃", ""},
                       {"long rare run", "纞嬶鬐鼃犫麢", ""},
                       {"kept: three rare", "纞嬶鬐", "纞嬶鬐"},
                       {"kept: rare run broken", "纞嬶中鬐鼃", "纞嬶中鬐鼃"},
                       {"jammer token", "hNl7Yx3", ""},
                       {"kept: a model name", "iPhone15Pro", "iPhone15Pro"},
                   },
                   40, /*ascii_apart=*/true);
}

TEST(BlockEdgesTest, TagRunAfterEveryOffset) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  for (std::string_view end : {"。", "！", "？", "”"}) {
    for (int cjk = 1; cjk <= 40; ++cjk) {
      const std::string kept = Filler(0, cjk) + std::string(end);
      for (std::string_view tags :
           {"工作计划 卫生院工作计划 范文", "工作计划\u3000卫生院工作计划\u3000范文"}) {
        const std::string in = kept + std::string(tags);
        const Result r = cleaner->Clean(in);
        EXPECT_EQ(r.text, kept) << in;
        ExpectResultContract(*cleaner, in, r);
      }
      // A sentence after the tags: nothing follows its last sentence end.
      const std::string in = kept + "工作计划 卫生院工作计划 范文。";
      EXPECT_EQ(cleaner->Clean(in).text, in);
    }
  }
}

TEST(BlockEdgesTest, LongAsciiLines) {
  auto cleaner = MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  // Symbol salad alone on its line goes whatever its length, past the 255
  // blocks of 16 bytes that tokens are counted in before a sum.
  for (int copies : {1, 2, 7, 170, 171, 200}) {
    std::string salad;
    for (int k = 0; k < copies; ++k) salad += " 5 M: Z. ^, f8 K& ]4 i";
    const std::string in = "正文。\n" + salad + "\n正文。";
    EXPECT_EQ(cleaner->Clean(in).text, "正文。\n正文。") << salad.size();
  }
  // Prose of any length stays.
  std::string prose;
  for (int k = 0; k < 300; ++k) {
    prose += "The quick brown fox jumps over the lazy dog. ";
    const std::string in = prose + "End";
    ASSERT_EQ(cleaner->Clean(in).text, in) << in.size();
  }
}

}  // namespace
}  // namespace textwash
