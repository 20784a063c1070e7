// Copyright 2026 The textwash Authors.
// SPDX-License-Identifier: Apache-2.0
//
// Detection with the default rules: obfuscated contacts, ads, site template
// text, PII masking, and the hard negatives that must stay.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_util.h"
#include "textwash/textwash.h"

namespace textwash {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string want;
};

void RunCases(const Cleaner& cleaner, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Result r = cleaner.Clean(c.in);
    EXPECT_EQ(r.text, c.want);
    testing::ExpectResultContract(cleaner, c.in, r);
  }
}

constexpr const char* kContent = "今年共完成改造项目12个。";

// Each obfuscation of a contact, in a promotional sentence glued to content:
// the promotion goes, the content stays.
TEST(DetectionTest, ObfuscatedContactsInPromotions) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const std::vector<std::string> contacts = {
      "电话1 3 8-0013 8000",    "手机１３８００１３８０００", "一三八零零一三八零零零",
      "V信：abc_2023",          "vx：abc_2023",              "wx abc_2023",
      "薇信abc_2023",           "威信：abc_2023",            "加 微 信：abc_2023",
      "公 众 号：某某资料君",   "扣扣：2 8 6 4 3 3 9 1 0",   "Q群：86437219",
      "【公众号：老！船-长君】", "QQ:286433910",              "微信号ＡＢＣ＿２０２３",
      "电话①③⑧⓪⓪①③⑧⓪⓪⓪",    "手机幺三八 零零幺三 八零零零", "电话138０013八000",
  };
  for (const std::string& contact : contacts) {
    SCOPED_TRACE(contact);
    const std::string in = std::string(kContent) + "需要资料请加" + contact + "。\n";
    const Result r = cleaner->Clean(in);
    EXPECT_EQ(r.text, std::string(kContent) + "\n");
    testing::ExpectResultContract(*cleaner, in, r);
  }
}

TEST(DetectionTest, UserSeedSentenceAndBareLabels) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"ad sentence glued to content",
       "三产辐射带动##paidbegin##能力不足。查找更多最新哒哒君资料，请加【公众号：老！船-长君】AAA：xx\n",
       "三产辐射带动能力不足。\n"},
      {"label deleted, only the colon left",
       "正文第一段。\n有意加入请联系：1 4367，：9 649564\n", "正文第一段。\n"},
      {"ad clause in the middle of a sentence",
       "耳机音质不错，想要内部价的朋友可以加vx：erji_2023咨询，通透模式略有电流感。\n",
       "耳机音质不错，通透模式略有电流感。\n"},
      {"short text after an ad at the line start stays",
       "想要资料的朋友加微信 abc12345 领取资料。还有其他内容。\n", "还有其他内容。\n"},
      {"question hook before the call",
       "The bass is strong. Need a deal? Call 1-800-555-0199 now!\n",
       "The bass is strong.\n"},
  });
}

TEST(DetectionTest, UrlsEndWhereCjkTextStarts) {
  Options options;
  options.pii = PiiMode::kMask;
  auto cleaner = testing::MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"url glued to CJK", "详情请访问https://www.example.com/a?b=1了解更多内容。下一句。",
       "详情请访问<URL>了解更多内容。下一句。"},
      {"email glued, upper case", "请发送至SALES@EXAMPLE.COM谢谢", "请发送至<EMAIL>谢谢"},
      {"full-width at", "邮箱yixue＠126.com。", "邮箱<EMAIL>。"},
      {"ipv4", "服务器地址 192.168.1.20 已更新", "服务器地址 <IP> 已更新"},
      {"mobile", "电话13800138000。", "电话<PHONE>。"},
      {"wechat id", "我的微信：abc_2023。", "我的微信：<ID>。"},
      {"qq number", "我的QQ：286433910。", "我的QQ：<ID>。"},
      {"an official account is no personal data", "该公众号：某某日报。", "该公众号：某某日报。"},
      {"valid id card", "身份证号11010519491231002X。", "身份证号<ID>。"},
      {"id card failing its check digit stays", "编号110105194912310021。",
       "编号110105194912310021。"},
  });
}

TEST(DetectionTest, PiiRemove) {
  Options options;
  options.pii = PiiMode::kRemove;
  auto cleaner = testing::MakeCleaner(options);
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"email removed", "write to a.b@example.org today", "write to  today"},
      {"url removed", "see https://example.com/x.", "see ."},
  });
}

TEST(DetectionTest, ContactsOutsidePromotionsStayByDefault) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"news quote of a hotline", "市民可拨打12345热线反映问题，或拨打110报警。",
       "市民可拨打12345热线反映问题，或拨打110报警。"},
      {"url cited as a source", "数据来自 https://data.stats.gov.cn 的年度报告。",
       "数据来自 https://data.stats.gov.cn 的年度报告。"},
      {"author email", "Corresponding author: j.doe@univ.example.edu",
       "Corresponding author: j.doe@univ.example.edu"},
  });
}

TEST(DetectionTest, AdsAndSiteTemplates) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  RunCases(*cleaner, {
      {"brand ad line",
       "正文。\n【某某素材库】——每天更新材料1000多篇，会员群+网盘群同步更新\n",
       "正文。\n"},
      {"trailing block takes its weaker lines along",
       "正文。\n\n【某某素材库】——每天更新，会员群同步更新\n\n需要的小伙伴请联系客服\n",
       "正文。\n"},
      {"a weak line alone at the end stays", "正文。\n\n需要的小伙伴请联系客服\n",
       "正文。\n\n需要的小伙伴请联系客服\n"},
      {"title word count", "某某对照检查材料（4092字）\n正文。\n", "某某对照检查材料\n正文。\n"},
      {"word count only on the title", "题目\n写一篇作文（600字）\n", "题目\n写一篇作文（600字）\n"},
      {"page footer spliced into a sentence", "要加强第2页共8页管理工作。\n",
       "要加强管理工作。\n"},
      {"preview prompt", "正文。\n还剩5页未读，继续阅读\n", "正文。\n"},
      {"breadcrumb", "您现在的位置：首页 > 新闻 > 正文\n正文。\n", "正文。\n"},
      {"view counter", "1523人已围观\n正文。\n", "正文。\n"},
      {"novel prompt", "第一章\n正文。看后求收藏（某某小说网）。\n", "第一章\n正文。\n"},
      {"english widgets",
       "Story text.\nADVERTISEMENT\nSubscribe to continue reading\nShare this article\n"
       "Follow us on Twitter\n© 2023 Example Media. All rights reserved.\n",
       "Story text.\n"},
      {"related list goes with its header",
       "Story text.\n\nRecommended for you\n- Five things to know\n- Why it matters\n\nEnd.\n",
       "Story text.\n\nEnd.\n"},
      {"jammer string", "钓鱼的方法 hNl7Yx3 很有效。\n", "钓鱼的方法很有效。\n"},
      {"tag run", "认真做好卫生工作。工作计划 卫生院工作计划 范文\n", "认真做好卫生工作。\n"},
      {"gambling anchors", "经济发展澳门赌场 博彩网站稳中向好。\n", "经济发展稳中向好。\n"},
      {"chunk number splitting a word",
       "各单位要进一步健全安全生产责任体系，明确各级领导和职能部门的安全职责，严格落实隐患排查治理\n\n3、制度，确保不出事故。\n",
       "各单位要进一步健全安全生产责任体系，明确各级领导和职能部门的安全职责，严格落实隐患排查治理制度，确保不出事故。\n"},
      {"chunk number alone on its line",
       "各单位要进一步健全安全生产责任体系，明确各级领导和职能部门的安全职责，在各车间建立和\n\n2\n\n义务消防队，定期演练。\n",
       "各单位要进一步健全安全生产责任体系，明确各级领导和职能部门的安全职责，在各车间建立和义务消防队，定期演练。\n"},
      {"a numbered list stays",
       "一、工作目标\n\n1、健全制度。\n\n2、加强管理。\n",
       "一、工作目标\n\n1、健全制度。\n\n2、加强管理。\n"},
      {"rare character run", "这款水壶纞嬶鬐鼃犫麢很好用。\n", "这款水壶很好用。\n"},
  });
}

TEST(DetectionTest, WhatMustStay) {
  auto cleaner = testing::MakeCleaner();
  ASSERT_NE(cleaner, nullptr);
  const std::vector<std::string> keep = {
      "工会会员大会审议通过了会费收缴办法。",
      "安装包可在官网下载，下载后双击运行即可。",
      "该公众号发布了一篇关于垃圾分类的文章，引发关注。",
      "干部要经常联系群众，倾听群众呼声。",
      "全年共发表1000多篇论文，2023年增长12%。",
      "版本号2.0.1.15，订单号20231115。",
      "共涉及*个村，投资x亿元，完成xx项。",
      "开展dangshi学习和mzshh准备工作。",
      "# 标题\n\n- 列表项一\n- 列表项二",
      "他说:好的,我们明天见!",
      "茉莉花 茉莉花 好一朵茉莉花",
      "Follow these steps to share the starter with a friend.",
      "The cookies were baked at 180 degrees.",
      "关键词：乡村振兴；数字经济；电子商务",
      "snake_case_name = 2*3*4",
      "臺灣經濟發展迅速，學術界龍飛鳳舞。",
      "鑫森淼焱垚是五行汉字的游戏。",
      "上一章我们讲到主人公离开了家乡。",
      "遇到问题请在百度上搜索相关资料。",
      "全市共有3000人阅读了该文件。",
      "比较大小：x > y > z 时取最大值。",
      "对加盟代理企业给予税收优惠。",
      "The police used a road block to stop the car on the highway.",
      "About 40% of internet users use ad blockers, according to a 2023 survey.",
      "我刚买了一台iPhone15Pro，很好用。",
      "报名时间：2023-05-12 10:30至2023-05-20 18:00。",
      "价格排序：苹果>香蕉>橙子",
      "2021年3月5日 阅兵式在北京举行",
      "社区居民可凭身份证到居委会免费领取口罩。",
      "The government must act now to curb emissions.",
      "该剧每日更新两集，与电视台同步更新。",
      "北京大学 清华大学 复旦大学",
      "本规定由公司管理部门负责制定并解释相关内容如下所述\n\n1、总则部分说明了适用范围",
  };
  for (const std::string& text : keep) {
    SCOPED_TRACE(text);
    EXPECT_EQ(cleaner->Clean(text).text, text);
  }
}

}  // namespace
}  // namespace textwash
