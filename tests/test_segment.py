"""Segmentation: mastheads, sections, item shapes, tables of contents, articles, offsets."""
from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.clean import clean, unwrap
from kg.segment import segment
from kg.sentences import sentences


def seg(text: str):
    return segment(clean(text))


def test_masthead_with_issue_and_total_issue():
    s = seg("优化营商环境简报\n2023年第3期（总第15期）\n某某市营商环境办公室  2023年4月2日\n"
            "【工作动态】\n市里推行容缺受理\n全市推行容缺受理，企业材料不全也可先行办理。")
    assert s.masthead.kind == "newsletter"
    assert s.masthead.title == "优化营商环境简报"
    assert s.masthead.issue == 3
    assert s.masthead.date == "2023-04-02"
    assert [it.section for it in s.items] == ["工作动态"]


def test_chinese_numeral_date_and_issue_line():
    s = seg("第105期\n二○二五年五月十四日\n【政务动态】\n区里上线新平台\n今天区里上线了新的办事平台，群众可以网上办理。")
    assert (s.masthead.issue, s.masthead.date) == (105, "2025-05-14")


def test_a_number_alone_under_the_series_title_is_the_issue():
    s = seg("政务服务工作简报（2023年第一季度）\n来源:某区政务服务局 发布时间:2023-04-20\n37\n某府准印证〔2001〕9号\n"
            "本期焦点\nØ 某区推行容缺受理，企业材料不全也可先行办理。")
    assert s.masthead.issue == 37
    assert [it.headline for it in s.items] == ["某区推行容缺受理,企业材料不全也可先行办理"]


def test_a_number_alone_above_any_title_is_no_issue():
    s = seg("12\n某县推行容缺受理\n某县今年推行容缺受理，办事更方便。")
    assert s.masthead.issue is None


def test_bullets_lost_to_encoding_still_open_items():
    s = seg("第12期\n本期焦点\n? 某区推行容缺受理，企业材料不全也可先行办理；\n\uf0d8 某区上线智能导办系统；")
    assert [it.headline for it in s.items] == ["某区推行容缺受理,企业材料不全也可先行办理", "某区上线智能导办系统"]


def test_letter_spaced_date_in_pdf_masthead():
    s = seg("工作动态\n（9）\n某县政务服务中心        2022 年 3 月 16 日\n【本县速览】\n"
            "县里开展帮办代办  县政务服务中心今天开展帮办代办活动，为企业提供全程服务。")
    assert s.masthead.date == "2022-03-16"
    assert s.masthead.publisher == "某县政务服务中心"
    assert s.items[0].headline == "县里开展帮办代办"


def test_square_bullet_sections_and_bullet_items():
    s = seg("工作简报\n第2期\n■ 区内动态\n◆ 区里开展培训\n区政务服务中心开展窗口人员培训，提升服务水平。\n"
            "■ 外区经验\n◆ 邻区推行一窗受理\n邻区全面推行一窗受理，群众办事更方便。")
    assert [(it.section, it.headline) for it in s.items] == [("区内动态", "区里开展培训"), ("外区经验", "邻区推行一窗受理")]


def test_a_sections_name_alone_on_its_line_heads_the_items_under_it():
    s = seg("政务服务工作动态\n第8期\n某市政务服务中心  2024年3月5日\n本地速览\n【甲县】甲县推行容缺受理\n"
            "3月1日起，甲县对暂缺次要材料的申请先行受理，企业办事少跑一趟。\n外地经验\n【乙市】乙市上线企业服务码\n"
            "乙市上线企业服务码，企业扫码即可提出诉求，平均三天办结。")
    assert [(it.section, it.headline) for it in s.items] == [
        ("本地速览", "【甲县】甲县推行容缺受理"), ("外地经验", "【乙市】乙市上线企业服务码")]


def test_a_short_headline_over_its_story_is_no_section():
    # 工作动态 names a section only over another headline; over a story it is the story's headline
    s = seg("简报\n第2期\n某县营商办  2024年1月2日\n【县内要闻】\n县里推行帮办\n全县推行帮办代办。\n"
            "工作动态\n全县推行帮办代办，为企业提供全程免费服务，已办结事项200件。\n"
            "县里开展培训\n县政务服务中心开展窗口人员培训，提升服务水平。")
    assert [(it.section, it.headline) for it in s.items] == [
        ("县内要闻", "县里推行帮办"), ("县内要闻", "工作动态"), ("县内要闻", "县里开展培训")]


def test_a_table_inside_an_item_adds_no_items():
    s = seg("某市营商环境简报\n2024年第7期\n某市营商环境事务中心\t2024年7月15日\n【改革创新】\n"
            "各县上半年改革举措亮点纷呈\n今年以来，各县围绕政务服务推出了一批改革举措，代表性举措如下表。\n"
            "序号\t县市区\t改革举措\t主要成效\n1\t甲区\t“交房即交证”\t14个项目实现交房即交证\n"
            "2\t乙县\t水电气网联合报装\t报装时间压缩至3个工作日\n"
            "从汇总情况看，各县改革举措针对性强。\n【工作动态】\n市政府调度迎评工作\n7月9日，副市长主持召开调度会。")
    assert [it.headline for it in s.items] == ["各县上半年改革举措亮点纷呈", "市政府调度迎评工作"]
    assert "水电气网联合报装" in s.clean.view[s.items[0].start:s.items[0].end]


def test_a_printed_bulletins_running_header_and_colophon_are_no_items():
    s = seg("内部资料 注意保存\n某市优化营商环境工作简报\n2024年第6期（总第38期）\n某市营商办 编  2024年6月18日\n"
            "【工作动态】\n全市推进会召开\n6月12日，全市推进会召开，副市长出席会议并讲话。\n- 1 -\n"
            "某市优化营商环境工作简报  2024年第6期\n会议要求，各地要加快推进改革。\n"
            "某区推行容缺受理\n某区对暂缺次要材料的申请先行受理。\n"
            "报：市委、市政府领导。\n某市营商办　　　2024年6月18日印发\n（共印60份）")
    assert [it.headline for it in s.items] == ["全市推进会召开", "某区推行容缺受理"]
    assert "简报" not in s.clean.view[s.items[0].start:s.items[-1].end]


def test_the_numbered_parts_an_item_announces_are_its_own():
    s = seg("某市营商环境工作动态\n第23期\n某市营商办\t2024年9月14日\n\n市政府召开优化营商环境专题会议\n"
            "9月10日，市政府召开专题会议，研究部署下一阶段重点工作。现将会议议定事项纪要如下：\n"
            "一、关于企业诉求办理\n会议指出，企业诉求办理平台运行以来累计受理诉求4260件。\n"
            "二、关于工程建设项目审批\n会议同意在甲旗开展工业项目拿地即开工试点。\n"
            "出席：张三、李四（副市长）\n\n某区推行容缺受理\n某区对暂缺次要材料的申请先行受理，企业少跑一趟。")
    assert [it.headline for it in s.items] == ["市政府召开优化营商环境专题会议", "某区推行容缺受理"]
    assert "拿地即开工" in s.clean.view[s.items[0].start:s.items[0].end]


def test_any_short_title_over_an_issue_line_is_the_series_title():
    s = seg("某省优化营商环境“红黑榜”\n（2024年第1期）\n\n某省优化营商环境工作领导小组办公室      2024年4月15日\n\n"
            "【红榜】\n\n★甲区企业开办“智能秒批”\n甲区上线企业设立登记智能审批系统，平均用时11分钟。")
    assert (s.masthead.title, s.masthead.issue, s.masthead.date) == ("某省优化营商环境“红黑榜”", 1, "2024-04-15")
    assert [it.section for it in s.items] == ["红榜"]


def test_table_of_contents_is_not_an_item():
    s = seg("第3期\n目录\n【动态】\n甲事项开展\n乙事项开展\n【动态】\n甲事项开展\n甲事项的正文写在这里，内容比标题长。\n"
            "乙事项开展\n乙事项的正文写在这里，内容也比标题长。")
    assert [it.headline for it in s.items] == ["甲事项开展", "乙事项开展"]
    assert all(len(it.sentences) >= 2 for it in s.items)


def test_a_section_heading_between_contents_and_body_heads_the_body():
    # the contents list headlines only; the first heading after them is the body's
    s = seg("第3期\n本期要目\n◆甲事项开展\n◆乙事项开展\n【工作动态】\n甲事项开展\n甲事项的正文写在这里，内容比标题长。\n"
            "【外地经验】\n乙事项开展\n乙事项的正文写在这里，内容也比标题长。")
    assert [(it.section, it.headline) for it in s.items] == [("工作动态", "甲事项开展"), ("外地经验", "乙事项开展")]


def test_bracketed_contents_and_entries_with_their_sections_are_no_items():
    s = seg("第9期\n【本期导读】\n● 甲区推行一窗受理\n● 乙县开展综合查一次\n【全市动态】\n"
            "甲区推行一窗受理　5月14日，甲区推行一窗受理，企业办事更方便。\n"
            "乙县开展综合查一次　乙县将多项检查合并为一次，减少企业迎检次数。")
    assert [(it.section, it.headline) for it in s.items] == [("全市动态", "甲区推行一窗受理"),
                                                             ("全市动态", "乙县开展综合查一次")]
    s = seg("第3期\n本期目录\n【工作动态】甲事项开展情况\n【外地经验】乙事项开展情况\n【工作动态】\n甲事项开展情况\n"
            "甲事项的正文写在这里，内容比标题长。\n【外地经验】\n乙事项开展情况\n乙事项的正文写在这里，内容也比标题长。")
    assert [(it.section, it.headline) for it in s.items] == [("工作动态", "甲事项开展情况"), ("外地经验", "乙事项开展情况")]


def test_a_masthead_repeated_under_a_web_pages_title_gives_the_issues_own_date_and_compiler():
    s = seg("某某简报（第12期）\n发布日期：2023-11-17　　信息来源：市营商办\n\n某某简报\n第12期\n"
            "甲市营商环境建设监督局　　　　2023年11月15日\n\n■ 全市动态\n\n甲市召开推进会\n11月9日，甲市召开推进会，部署工作。")
    m = s.masthead
    assert (m.title, m.issue, m.date, m.publisher) == ("某某简报", 12, "2023-11-15", "甲市营商环境建设监督局")
    assert [it.headline for it in s.items] == ["甲市召开推进会"]


def test_a_digests_items_open_on_the_place_they_report_on():
    s = seg("第9期\n【他山之石】\n甲市：“一业一证”让开店更简单。甲市在12个行业推行“一业一证”改革。\n"
            "乙区：惠企政策“免申即享”。乙区依托平台自动兑现政策资金。")
    assert [(it.section, it.headline) for it in s.items] == [("他山之石", "甲市:“一业一证”让开店更简单"),
                                                             ("他山之石", "乙区:惠企政策“免申即享”")]


def test_a_hard_wrapped_reports_head_keeps_its_delivery_and_speaker_lines():
    body = "".join(f"（{n}）某项工作稳步推进，全市各部门按照部署扎实开展各项工作，成效明显，群众满意度持\n续提升。\n"
                   for n in "一二三四五六七")
    s = seg("某市人大常委会会议文件（八）\n关于全市优化营商环境工作情况的报告\n"
            "——2024年6月25日在某市人大常委会第十九次会议上\n某市发展和改革委员会主任　马建国\n" + body)
    m = s.masthead
    assert (m.title, m.date, m.publisher) == ("关于全市优化营商环境工作情况的报告", "2024-06-25", "某市发展和改革委员会")


def test_a_bullet_before_a_sections_name_heads_the_section():
    s = seg("营商环境周报\n第21期\n◆本周要闻\n甲市推行一窗受理  甲市全面推行一窗受理，办事更快。\n"
            "◆县域动态\n乙县开展综合查一次  乙县合并检查，企业负担减轻。")
    assert [(it.section, it.headline) for it in s.items] == [("本周要闻", "甲市推行一窗受理"), ("县域动态", "乙县开展综合查一次")]


def test_numbered_contents_then_numbered_items_and_run_in_headlines():
    s = seg("政务服务工作简报\n第15期\n本期目录\n1. 甲市推行一窗受理改革\n2. 乙县建成十五分钟服务圈\n3. 丙区开展一业一证改革试点\n"
            "一、工作动态\n（一）甲市推行一窗受理改革\n甲市在政务服务中心全面推行一窗受理，群众办事只进一扇门。\n"
            "二、县区动态\n乙县建成十五分钟服务圈。乙县推动政务服务向乡镇延伸，在24个乡镇建成便民服务中心。\n"
            "丙区开展一业一证改革试点。作为全省首批试点地区，丙区在10个行业推行一业一证。\n"
            "责任编辑：何 敏　　　　（本期共印50份）")
    assert [(it.section, it.headline) for it in s.items] == [
        ("工作动态", "甲市推行一窗受理改革"), ("县区动态", "乙县建成十五分钟服务圈"), ("县区动态", "丙区开展一业一证改革试点")]


def test_links_to_related_stories_or_files_under_a_bullet_end_the_page():
    s = seg("某县推行一业一证\n来源：某县融媒体中心\n某县推行一业一证改革，企业办证更方便。\n■相关新闻\n某市召开项目观摩会")
    assert s.masthead.kind == "article" and len(s.items) == 1 and "观摩会" not in s.clean.view[s.items[0].start:s.items[0].end]
    s = seg("某市政策解读\n来源：某市发改委\n近日，某市印发若干措施。\n【相关文件】\n某市人民政府办公室关于印发若干措施的通知")
    assert s.masthead.kind == "article" and len(s.items) == 1


def test_a_reports_title_set_on_two_lines_under_its_papers_label():
    s = seg("某市人大常委会会议文件（3）\n某市人民政府关于2023年度\n优化营商环境工作情况的报告\n"
            "——2024年4月24日在某市人大常委会第十四次会议上\n某市人民政府副市长　张海波\n主任、各位副主任：\n现将工作情况报告如下。")
    assert (s.masthead.title, s.masthead.date, s.masthead.publisher) == (
        "某市人民政府关于2023年度优化营商环境工作情况的报告", "2024-04-24", "某市人民政府")


def test_an_official_documents_red_header_number_and_print_line():
    s = seg("某市人民政府办公室文件\n某政办发〔2024〕12号\n某市人民政府办公室\n关于印发某市2024年优化营商环境\n"
            "“十大攻坚行动”实施方案的通知\n各区人民政府，市各委、办、局：\n现将《实施方案》印发给你们，请认真贯彻落实。\n"
            "某市人民政府办公室\n2024年3月15日\n（此件公开发布）\n附件：1.重点任务清单\n抄送：市委各部门。\n"
            "某市人民政府办公室　　　　2024年3月15日印发")
    m = s.masthead
    assert (m.title, m.publisher, m.date) == (
        "某市人民政府办公室关于印发某市2024年优化营商环境“十大攻坚行动”实施方案的通知", "某市人民政府办公室", "2024-03-15")


def test_a_periodical_whose_issue_is_one_document_has_one_item():
    s = seg("某市人民政府\n专 题 会 议 纪 要\n〔2024〕第31期\n某市人民政府办公室　　　　2024年7月12日\n"
            "关于研究推进“高效办成一件事”\n有关工作的会议纪要\n　　7月9日，市政府召开专题会议。现纪要如下：\n"
            "　　一、关于推进工作\n　　会议指出，要加快推进。\n　　二、关于涉企服务\n　　会议要求，要做好服务。\n"
            "出席：郑某某　市委常委、常务副市长\n　　　李　俊　市数据局局长")
    m = s.masthead
    assert (m.title, m.issue, m.publisher, m.date) == ("专题会议纪要", 31, "某市人民政府办公室", "2024-07-12")
    assert [it.headline for it in s.items] == ["关于研究推进“高效办成一件事”有关工作的会议纪要"]


def test_cases_numbered_with_a_space_after_the_number():
    s = seg("某省优化营商环境典型案例（第三批）\n发布日期：2023-11-06　　来源：某省营商局\n为发挥示范作用，现印发如下。\n"
            "案例一　甲市甲区：企业开办一日办结\n【主要做法】甲区整合环节。\n案例二　乙市乙区：“乙区管家”服务企业\n【主要做法】乙区组建队伍。")
    assert [it.headline for it in s.items] == ["案例一  甲市甲区:企业开办一日办结", "案例二  乙市乙区:“乙区管家”服务企业"]


def test_a_labelled_publisher_line_an_editors_note_and_the_editor_are_no_items():
    s = seg("某区营商环境简报\n（第5期）\n\n主办：某区优化营商环境工作领导小组办公室\n2023年9月8日\n\n"
            "编者按：现将近期各单位工作动态编发如下，供学习参考。\n\n"
            "甲事项开展\n甲事项的正文写在这里，内容比标题长。\n\n责任编辑：某某")
    assert (s.masthead.issue, s.masthead.publisher) == (5, "某区优化营商环境工作领导小组办公室")
    assert [it.headline for it in s.items] == ["甲事项开展"]


def test_a_page_of_typical_cases_has_one_item_per_case_and_its_issuer_under_the_title():
    s = seg("某市优化营商环境典型案例（第一批）\n\n某市优化营商环境工作领导小组办公室\n2023年12月20日\n\n"
            "经各地申报、专家评审，遴选出首批典型案例。\n\n"
            "案例一：甲区——以增值化改革打造企业服务总入口\n【主要做法】甲区设立企业综合服务中心。\n\n"
            "案例二：乙县——“跨省通办”让群众同城办事\n【主要做法】乙县与邻省某区互设专窗。")
    assert (s.masthead.publisher, s.masthead.date) == ("某市优化营商环境工作领导小组办公室", "2023-12-20")
    assert [it.headline[:3] for it in s.items] == ["案例一", "案例二"]


def test_items_numbered_一_二_under_a_numbered_section_lose_their_number():
    s = seg("政务服务动态\n2024年第7期\n\n某市行政审批服务局编　　2024年7月25日\n\n一、县市区动态\n\n"
            "（一）甲县推行联合验收。甲县将规划、消防等验收合并为一次。\n\n"
            "（二）乙区推行接诉即办。乙区热线诉求当日转办。")
    assert [(it.section, it.headline) for it in s.items] == [("县市区动态", "甲县推行联合验收"),
                                                            ("县市区动态", "乙区推行接诉即办")]


def test_pdf_hard_wraps_are_joined_and_items_split_on_two_spaces():
    items = [("第一条标题", "这里是第一条新闻的正文内容，它被排版软件按照固定宽度折成了很多行，每一行的长度都差不多，"
                         "句子会跨越行尾继续写到下一行里面去，直到句子结束为止。"),
             ("第二条标题", "第二条新闻的正文同样很长很长，需要折成好几行才能够排完整段的文字，读者看到的仍然是"
                         "一段完整的话，而不是一行一行的碎片文字。")]
    body = "".join("\n".join(textwrap.wrap(f"{h}  {b}", 26)) + "\n" for h, b in items)
    s = seg("工作动态\n（1）\n【本地速览】\n" + body)
    assert [it.headline for it in s.items] == ["第一条标题", "第二条标题"]
    first = s.clean.text[s.items[0].start:s.items[0].end]
    assert "很多行" in first and "\n" not in first


def test_a_bulletins_hard_wraps_are_joined_though_its_headlines_are_many():
    # a PDF bulletin: a headline line over each short paragraph, every paragraph wrapped at 24
    paras = ["今年以来，甲区在区政务服务中心全面推行一窗受理，群众办事只需到一个窗口提交材料，"
             "后台分类审批、统一窗口出件，办理时间平均缩短一半以上，满意度明显提升。",
             "乙县市场监管局牵头开展综合查一次，把多个部门对同一企业的检查合并为一次上门，"
             "全年企业迎检次数减少六成，企业负担明显减轻，监管效能同步提高。",
             "丙市上线帮办代办平台，从各部门抽调业务骨干组建专业队伍，为重点项目提供全程服务，"
             "审批时间压缩到法定时限的三分之一，项目落地速度明显加快。"]
    body = "".join(f"{h}\n" + "\n".join(textwrap.wrap(p, 24)) + "\n"
                   for h, p in zip(["甲区推行一窗受理", "乙县开展综合查一次", "丙市上线帮办代办平台"], paras))
    s = seg("工作动态\n第3期\n【县区动态】\n" + body)
    assert [it.headline for it in s.items] == ["甲区推行一窗受理", "乙县开展综合查一次", "丙市上线帮办代办平台"]
    assert all("\n" not in s.clean.text[it.start:it.end].split("\n", 1)[1] for it in s.items)


def test_a_list_of_short_lines_is_not_taken_for_hard_wrapped_prose():
    rows = "\n".join(["公司(企业)设立/个体工商户注册登记(营业执照)"] * 6 + ["附件:1.某区一件事事项清单", "某区行政审批局"])
    s = seg("某区关于公布事项清单的通知\n根据有关文件精神，现予以公布。\n" + rows)
    assert "公司(企业)设立/个体工商户注册登记(营业执照)\n公司" in s.clean.text


def test_article_title_and_source_line():
    s = seg("某市推行一网通办\n来源：某市日报 2023-05-06 09:10\n本报讯 某市全面推行一网通办。")
    assert s.masthead.kind == "article"
    assert (s.masthead.title, s.masthead.publisher, s.masthead.date) == ("某市推行一网通办", "某市日报", "2023-05-06")
    assert len(s.items) == 1 and s.items[0].headline == "某市推行一网通办"


def test_report_with_numbered_sections_keeps_its_title_and_source_line():
    s = seg("某县关于深化一窗受理改革的工作情况\n来源：某县人民政府办公室  发布时间：2023-04-05 10:20\n"
            "一、总体情况\n某县全面推行一窗受理，办事更方便了。\n二、下一步打算\n继续推进改革。")
    assert (s.masthead.title, s.masthead.publisher, s.masthead.date) == (
        "某县关于深化一窗受理改革的工作情况", "某县人民政府办公室", "2023-04-05")


def test_source_line_above_the_body_names_the_publisher():
    s = seg("来源：某某新闻网\n近日，某区推行帮办代办服务。企业办事更快了。")
    assert s.masthead.publisher == "某某新闻网" and s.masthead.title is None
    assert s.items[0].headline.startswith("近日")


def test_date_line_after_a_separator_and_an_author_is_no_publisher():
    s = seg("某市开展营商环境创新试点\n--\n作者:admin   更新时间:2021-11-20\n近日，某市开展试点。")
    assert (s.masthead.title, s.masthead.date, s.masthead.publisher) == ("某市开展营商环境创新试点", "2021-11-20", None)


def test_site_url_is_cut_from_the_publisher():
    s = seg("某省政务服务工作综述\n某省人民政府门户网站 www.example.gov.cn 发布时间: 2020-03-11 18:31\n"
            "某省推进一件事一次办改革，成效明显。")
    assert (s.masthead.publisher, s.masthead.date) == ("某省人民政府门户网站", "2020-03-11")


@pytest.mark.parametrize("first", ["李明 王芳 张伟", "某某皮肤病医院 http://example.com/a.html"])
def test_byline_or_spam_line_is_not_a_title(first):
    s = seg(first + "\n编者按：去年以来，某省推出一批改革举措，成效明显。")
    assert s.masthead.title is None


def test_breadcrumb_without_current_position_is_furniture():
    s = seg("导航图标 首页 > 政务公开 > 通知公告\n某区优化营商环境实施方案\n2020-09-16\n为持续优化营商环境，制定本方案。")
    assert (s.masthead.title, s.masthead.date) == ("某区优化营商环境实施方案", "2020-09-16")


def test_series_title_before_a_middle_dot_and_the_issue():
    s = seg("2026年2月28日\n营商环境周刊·第246期\n一、政策传递\n某部门印发通知，部署推进改革。")
    assert (s.masthead.title, s.masthead.issue, s.masthead.date) == ("营商环境周刊", 246, "2026-02-28")


def test_article_without_title_takes_its_opening_as_headline():
    s = seg("2021年以来，某区市场监管局推行信用分类监管，效果明显。之后继续推进。")
    assert s.items[0].headline.startswith("2021年以来")


def test_sentences_split_after_closing_quotes():
    text = "他说：“要办好。”随后离开。"
    spans = sentences(text, 0, len(text))
    assert [text[s.start:s.end] for s in spans] == ["他说:“要办好。”" .replace(":", "："), "随后离开。"]


def test_traditional_structure_is_read_on_the_simplified_view():
    s = seg("工作簡報\n第8期\n目錄\n【政務動態】\n區裡推行容缺受理\n【政務動態】\n區裡推行容缺受理\n"
            "區政務服務中心全面推行容缺受理，企業辦事更方便。")
    assert s.masthead.title == "工作簡報"
    assert [(it.section, it.headline) for it in s.items] == [("政務動態", "區裡推行容缺受理")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("营商环境改革推进。，“”市区 \n12")), min_size=1, max_size=200),
       st.sets(st.integers(min_value=0, max_value=199), max_size=20))
def test_unwrap_keeps_every_character_mapped_to_its_source(chars, drop):
    c = clean("".join(chars))
    positions = [p for p in drop if p < len(c.text)]
    u = unwrap(c, positions)
    assert len(u.text) == len(c.text) - len(set(positions))
    for i, ch in enumerate(u.text):
        assert c.original[u.to_original(i)] in (ch, ) or ch.isspace() or ord(c.original[u.to_original(i)]) > 0xFF00


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=list("营商环境改革推进市区县局。，“”【】 \n12"), min_size=1, max_size=300))
def test_items_never_overlap_and_sentences_stay_inside_items(text):
    s = seg(text)
    prev_end = -1
    for it in s.items:
        assert prev_end <= it.start <= it.end <= len(s.clean.text)
        prev_end = it.end
        for sent in it.sentences:
            assert it.start <= sent.start <= sent.end <= it.end
            a, b = s.clean.span_to_original(sent.start, sent.end)
            assert 0 <= a <= b <= len(s.clean.original)


def test_policy_document_with_numbered_headings_is_one_article():
    s = seg("某省人民政府关于优化营商环境的意见\n某政发〔2022〕3号\n各市人民政府：\n一、总体要求\n"
            "（一）指导思想。坚持问题导向，持续优化营商环境。\n二、主要任务\n全面推行一网通办，减少办事环节。")
    assert s.masthead.kind == "article"
    assert [it.headline for it in s.items] == ["某省人民政府关于优化营商环境的意见"]
    assert s.masthead.publisher == "某省人民政府"


def test_bracketed_sections_without_a_masthead_still_make_a_bulletin():
    s = seg("【区内动态】\n区里推行容缺受理\n区政务服务中心推行容缺受理，企业办事更方便。\n"
            "【外区经验】\n邻区推行一窗受理\n邻区全面推行一窗受理，群众办事更方便。")
    assert [it.section for it in s.items] == ["区内动态", "外区经验"]


def test_byline_behind_a_square_is_not_a_section():
    s = seg("来源：某省政府网站\n□记者 张三 李四\n6月2日上午，市民到政务大厅办事。她很快办完了。")
    assert s.masthead.kind == "article" and s.masthead.publisher == "某省政府网站"
    assert [it.headline for it in s.items] == ["6月2日上午，市民到政务大厅办事".replace("，", ",")]


def test_lines_describing_the_bulletin_itself_are_not_items():
    s = seg("营商环境月报·第12期\n《营商环境月报》每月1期，内容包括政策、动态和案例。\n（本期收录5项政策、3个案例）\n"
            "一、政策速递\n1.某部印发推行容缺受理的通知\n某部印发通知，部署推行容缺受理。")
    assert [(it.section, it.headline) for it in s.items] == [("政策速递", "某部印发推行容缺受理的通知")]


def test_highlights_heading_under_the_masthead_is_kept():
    s = seg("工作简报\n第5期\n本期焦点\n◆ 区里推行容缺受理改革工作\n【工作动态】\n区里推行容缺受理改革工作\n"
            "区政务服务中心推行容缺受理，企业办事更方便。")
    assert s.items[0].section == "本期焦点"


def test_spam_link_above_an_article_is_not_its_headline():
    s = seg("时间:2020/8/27来源:本站原创\n某某皮肤病医院 http://example.com/a.html\n"
            "9月2日下午，某市召开营商环境评价部署会。会议要求抓好落实。")
    assert s.items[0].headline.startswith("9月2日下午")


def test_printing_permit_and_a_bare_issue_number_belong_to_the_masthead():
    s = seg("政务服务工作简报(2023年)\n第88\n某府准印证〔2005〕12号  二○二三年三月一日\n【政务动态】\n区里推行容缺受理\n"
            "区政务服务中心推行容缺受理，企业办事更方便。")
    assert (s.masthead.issue, s.masthead.date, s.masthead.publisher) == (88, "2023-03-01", None)
    assert [it.headline for it in s.items] == ["区里推行容缺受理"]


def test_a_related_news_block_closing_the_page_is_not_part_of_the_article():
    s = seg("某县推行容缺受理\n某县今年推行容缺受理，企业办事更方便。\n新闻推荐\n"
            "某市火车站迎来返校客流高峰，某市铁路部门加开列车。\n某县新闻，讲述家乡的故事。")
    assert len(s.items) == 1
    assert "火车站" not in s.clean.text[s.items[0].start:s.items[0].end]


def test_a_heading_naming_related_work_inside_a_sentence_is_kept():
    s = seg("某县推行容缺受理\n某县今年推行容缺受理。\n相关推荐措施也在推进中，企业办事更方便。")
    assert "企业办事更方便" in s.clean.text[s.items[0].start:s.items[0].end]


def test_a_press_conference_transcript_is_one_article_not_a_bulletin_of_speakers():
    s = seg("某市优化营商环境新闻发布会实录\n\n发布时间：2024-03-02　　来源：某市人民政府新闻办公室\n\n"
            "【主持人　市政府新闻办副主任　王甲】\n各位记者朋友，上午好！今天请市数据局介绍有关情况。\n\n"
            "【李乙】\n我市推行“跨城通办”，已有100项事项实现异地办理。\n\n"
            "【某某日报记者】\n请问市数据局，下一步有何打算？\n\n"
            "【李乙】\n我们将继续扩大通办范围。")
    assert s.masthead.kind == "article"
    assert len(s.items) == 1
    assert s.items[0].headline == "某市优化营商环境新闻发布会实录"
    # a bulletin's bracketed sections stay sections
    s = seg("【工作动态】\n甲区推行容缺受理\n甲区全面推行容缺受理，企业材料不全也可先行办理。\n"
            "【经验交流】\n乙县上线掌上办\n乙县上线掌上办平台，群众办事更方便。")
    assert [it.section for it in s.items] == ["工作动态", "经验交流"]


def test_a_wechat_article_with_bar_subheads_and_its_furniture_is_one_article():
    s = seg("点击蓝字　关注我们\n\n某市“跨省通办”再扩容\n\n原创　某市审批　某市审批服务　2024年04月16日 18:05　宁夏\n\n"
            "近日，某市审批服务管理局与四市签署合作协议，新增100项通办事项。\n\n▍合作再升级\n\n"
            "此次合作新增企业登记等事项，群众可以通过“全程网办”方式办理。\n\n▍办事更便捷\n\n"
            "目前，市民大厅已设置“跨省通办”专窗4个。\n\n阅读原文\n分享　收藏　点赞　在看")
    assert s.masthead.kind == "article"
    assert [it.headline for it in s.items] == ["某市“跨省通办”再扩容"]
    text = s.clean.text[s.items[0].start:s.items[0].end]
    assert "阅读原文" not in text and "点赞" not in text and "点击蓝字" not in s.clean.text


def test_run_in_headlines_whose_subject_the_body_names_after_a_time_phrase_or_behind_its_place():
    s = seg("某市优化营商环境简报\n第9期\n某市营商环境建设办公室　　2023年9月26日\n\n"
            "甲区推出“证照联办”行业套餐。甲区政务服务管理办公室梳理17类高频行业，推出行业套餐。\n\n"
            "乙县工业项目全面实现“拿地即开工”。今年以来，乙县联合自然资源部门推行承诺制，项目开工提速。\n\n"
            "市自然资源和规划局深化“多测合一”改革。某市自然资源和规划局将多项测量合并为一次委托、联合测绘。")
    assert [it.headline for it in s.items] == ["甲区推出“证照联办”行业套餐", "乙县工业项目全面实现“拿地即开工”",
                                               "市自然资源和规划局深化“多测合一”改革"]


def test_a_bulletins_briefs_without_headlines_are_one_item_each():
    s = seg("首页 > 政务公开 > 工作动态\n\n某市政务服务动态（2024年第3期）\n\n发布时间：2024-04-09 16:32　　信息来源：某市政务服务管理局\n\n"
            "4月2日，市政务服务管理局组织全体窗口工作人员开展业务培训，围绕企业开办等事项逐项讲解办理流程。\n\n"
            "近日，某市在14个乡镇（街道）便民服务中心设立帮办代办窗口，为群众提供帮办代办服务，已办理事项300余件。\n\n"
            "为缓解中小企业融资难题，市政务服务中心联合市财政局设立政银服务专区，已为企业办理贷款业务50笔。\n\n"
            "（某市政务服务管理局供稿）")
    assert (s.masthead.title, s.masthead.issue) == ("某市政务服务动态", 3)
    assert [it.headline[:6] for it in s.items] == ["4月2日,市", "近日,某市在", "为缓解中小企"]
    assert "供稿" in s.clean.text[s.items[-1].start:s.items[-1].end]


def test_a_section_of_briefs_without_headlines_is_one_item_each_and_a_story_going_on_is_one():
    s = seg("政务服务动态\n第9期\n\n某市政务服务管理办公室　　2024年11月24日\n\n【本期关注】\n\n"
            "　　11月17日，全市政务服务增值化改革推进会召开，会议部署下一阶段重点任务，要求各部门抓好落实。\n\n"
            "【部门动态】\n\n"
            "　　市法院在商贸城设立涉外商事纠纷解纷中心，整合诉讼服务和商事调解资源，已受理纠纷80余件。\n\n"
            "　　市公安局出入境管理大队在企业服务中心开设外籍人员通办窗口，签证证件业务一次办结。\n\n"
            "　　市税务局推出市场采购贸易一键申报功能，经营户线上即可完成出口免税申报，办理时间缩短一半。\n\n"
            "【区域协同】\n\n"
            "　　某市与邻近三县签订涉企纠纷跨域联调协议，建立纠纷联调和执行联动机制，首月化解纠纷12件。\n\n"
            "　　据介绍，联调机制运行以来，三地共受理跨域纠纷36件，调解成功率达到八成以上，企业反映良好。\n\n"
            "　　下一步，三地将把联调范围扩大到知识产权纠纷，并建立季度会商制度，推动机制常态运行。")
    by_section = [(it.section, it.headline[:5]) for it in s.items]
    assert [h for sec, h in by_section if sec == "部门动态"] == ["市法院在商", "市公安局出", "市税务局推"]
    assert len([h for sec, h in by_section if sec == "区域协同"]) == 1  # one story going on


def test_a_report_under_one_headline_keeps_its_numbered_parts_and_an_editor_s_note_is_no_item():
    s = seg("某州优化营商环境工作专报\n2023年第9期\n某州营商办　　2023年10月16日\n"
            "【编者按】今年以来，某州把一业一证改革作为重要抓手，现将有关做法刊发，供各县市学习借鉴。\n"
            "某州深化“一业一证”改革\n——全州8个县市推进情况综述\n"
            "今年以来，某州先行试点一业一证改革，8月起全面推开，已发放综合许可证3386张。\n"
            "一、主要做法\n（一）一张清单定范围。州市场监管局梳理28个行业的准入准营事项，明确许可事项和办理时限。\n"
            "（二）一张表单集成办。将多个部门的申请表整合为一张综合申请表，申请人一次提交全部材料。\n"
            "二、初步成效\n9月12日，全州一业一证改革现场推进会召开，要求10月底前实现28个行业全覆盖。\n"
            "三、存在问题及下一步打算\n一是推动一业一证与证照分离改革衔接；二是将行业目录扩展至40个以上。")
    assert [it.headline for it in s.items] == ["某州深化“一业一证”改革"]
    assert s.clean.text[s.items[0].start:s.items[0].end].endswith("扩展至40个以上。")


def test_a_numbered_headline_the_contents_listed_without_its_number_opens_the_body_under_its_section():
    s = seg("某某自贸区建设动态\n第9期\n\n某管委会办公室编印　　2024年5月20日\n\n本期要目\n"
            "● 某港片区船边直提业务量同比增长三成\n● 某综合保税区飞机租赁“一次申报、分批交付”落地\n\n【片区动态】\n\n"
            "一、某港片区船边直提业务量同比增长三成\n今年1—4月，某港片区会同海关深化船边直提改革，业务量增长三成。\n\n"
            "二、某综合保税区飞机租赁“一次申报、分批交付”落地\n近日，某保税区完成首单飞机租赁一次申报，企业通关时间大幅缩短。")
    assert [(it.section, it.headline[:6]) for it in s.items] == [("片区动态", "一、某港片区"), ("片区动态", "二、某综合保")]


def test_a_section_named_between_stars_and_a_numbered_headline_over_its_story_under_a_section():
    s = seg("某市营商环境工作动态\n第29期\n\n某市审批服务管理局　　2024年11月8日\n\n★ 特别关注 ★\n\n"
            "某市行政审批改革十年回顾\n　　2014年5月，某市在全国率先组建行政审批服务局，将26个部门的审批职责集中划转。\n\n"
            "★ 改革进行时 ★\n\n某区推行审管联动\n　　某区审批服务管理局与区市场监管局建立审管联动机制，审批结果实时推送。")
    assert [(it.section, it.headline) for it in s.items] == [("特别关注", "某市行政审批改革十年回顾"),
                                                            ("改革进行时", "某区推行审管联动")]
    s = seg("某市营商环境工作简报\n\n2024年第6期\n\n某市投资促进局编　　2024年3月29日\n\n【一线动态】\n\n"
            "一、我市全面叫响“贵人服务”品牌\n　　3月26日，全市“贵人服务”品牌建设推进会召开，会议部署了品牌建设重点任务。\n\n"
            "二、“企业吹哨、部门报到”在某区落地见效\n　　某区借鉴北京经验，去年9月起推行企业吹哨、部门报到机制，已解决诉求120件。")
    assert [(it.section, it.headline[:6]) for it in s.items] == [("一线动态", "一、我市全面"), ("一线动态", "二、“企业吹")]


def test_a_rule_of_one_repeated_symbol_is_furniture_and_a_ring_marks_a_section():
    s = seg("某区政务服务动态\n第12期\n\n某区政务服务办公室 编　　2024-06-28\n\n〓〓〓〓〓〓〓〓〓〓〓〓\n\n◎ 工作动态\n\n"
            "区领导督导政务服务增值化改革\n\n6月25日，区长一行到区企业综合服务中心督导政务服务增值化改革推进情况。\n\n"
            "◎ 部门联动\n\n区市场监管局推行简易注销\n\n区市场监管局推行简易注销全程网办，办理时间由20天压缩至3天。\n\n"
            "＊＊＊＊＊＊\n\n本期共印50份")
    assert [(it.section, it.headline) for it in s.items] == [("工作动态", "区领导督导政务服务增值化改革"),
                                                            ("部门联动", "区市场监管局推行简易注销")]


def test_squares_head_sections_after_a_bracketed_contents_and_a_headline_run_on_with_its_subtitle_opens_the_body():
    s = seg("某市政务服务动态\n（总第146期）\n\n某市大数据发展管理局　　2024年11月8日\n\n【本期要目】\n"
            "· 某市“企业开办一件事”再升级\n· 某区试点信用“无感监管”\n\n■ 改革聚焦\n\n"
            "某市“企业开办一件事”再升级 实现“一照通行”\n\n市市场监管局会同市公安局推出企业开办一件事2.0版，全程网办。\n\n"
            "■ 基层创新\n\n某区试点信用“无感监管”\n\n某区市场监管局在全市率先试点信用无感监管，守信企业无事不扰。\n\n"
            "◎ 某某区推行以专项信用报告替代有无违法违规记录证明，企业办事可通过信用报告一次证明，已惠及企业百余家。")
    assert [(it.section, it.headline[:6]) for it in s.items] == [
        ("改革聚焦", "某市“企业开"), ("基层创新", "某区试点信用"), ("基层创新", "某某区推行以")]


def test_one_story_in_paragraphs_under_a_masthead_stays_one_item():
    s = seg("某市营商环境专报\n第6期\n\n某市营商办　　2024年5月6日\n\n"
            "今年以来，某市深入推进营商环境优化提升行动，取得明显成效，企业满意度持续提高。\n\n"
            "一、搭建协同平台，拓展通办范围\n\n"
            "某市与周边城市签订通办协议，推动高频事项跨市通办，已办理业务3000余件，群众办事更加便利。\n\n"
            "二、突出县域特色，打造服务品牌\n\n"
            "各县结合产业特点打造服务品牌，提供帮办代办服务，服务企业1000余家次，企业反映良好。")
    assert len({it.headline for it in s.items}) == len(s.items)
    assert not any(it.headline.startswith(("某市与周边", "各县结合")) for it in s.items)


def test_under_bracketed_sections_a_square_marks_an_item():
    s = seg("某市政务服务周报\n（第31期）\n某市数据局编　　2024年8月9日\n\n【本周要闻】\n\n"
            "■ 第二批“高效办成一件事”重点事项全部上线\n8月5日起，企业信息变更等第二批事项全部上线运行。\n\n"
            "■ 王某某到市政务服务中心调研\n8月7日，副市长王某某到市政务服务中心调研政务服务工作。\n\n"
            "【一周数据】\n\n■ 本周全市政务服务数据\n本周全市各级政务服务中心共受理事项4.26万件。")
    assert [(it.section, it.headline) for it in s.items] == [
        ("本周要闻", "第二批“高效办成一件事”重点事项全部上线"), ("本周要闻", "王某某到市政务服务中心调研"),
        ("一周数据", "本周全市政务服务数据")]


def test_a_special_report_under_its_topic_is_one_document():
    s = seg("某市工程建设项目审批制度改革\n\n工 作 专 报\n\n2021年第4期\n\n某市工程建设项目审批制度改革工作领导小组办公室\n\n"
            "我市工程建设项目审批制度改革工作进展情况\n\n今年以来，我市深化工程建设项目审批制度改革，取得积极成效。\n\n"
            "一、总体进展\n\n截至8月底，全市工程建设项目审批管理系统共受理项目1126个。\n\n"
            "二、主要做法\n\n（一）推行区域评估\n评估成果一次评估、多次使用。\n\n（二）推行竣工联合验收\n"
            "竣工验收由各部门联合实施。")
    assert (s.masthead.title, s.masthead.issue) == ("某市工程建设项目审批制度改革工作专报", 4)  # read with its topic
    assert s.masthead.publisher == "某市工程建设项目审批制度改革工作领导小组办公室"
    assert [it.headline for it in s.items] == ["我市工程建设项目审批制度改革工作进展情况"]


def test_a_contributors_note_closes_the_story_before_it():
    s = seg("某区政务服务动态\n第18期\n\n【工作动态】\n\n区长某某到区政务服务中心调研  11月16日，区长某某到区政务服务中心调研。\n\n"
            "某街道服务商户“证照联办”  今年以来，某街道为商户提供“证照联办”服务。\n\n"
            "（供稿：区行政审批服务局政务服务科　编辑：某某某）")
    assert [it.headline for it in s.items] == ["区长某某到区政务服务中心调研", "某街道服务商户“证照联办”"]
    assert "供稿" in s.clean.text[s.items[-1].start:s.items[-1].end]


def test_a_bodys_name_alone_on_its_line_is_not_the_wrapped_end_of_the_line_above():
    from kg.head import split_lines
    from kg.segment import _soft_breaks
    lines = split_lines("联系人:杨光(省营商办综合协调处)电话:0851-86891234\n某省优化营商环境工作领导小组办公室\n2024年3月28日")
    assert _soft_breaks(lines, len(lines[0].text)) == []


def test_a_running_header_with_its_issue_in_brackets_is_dropped():
    s = seg("营商环境工作动态\n第15期\n某省营商办　2024年5月6日\n【工作动态】\n某市推行联合报装\n"
            "某市设立联合报装窗口，低压小微企业办电实现零上门。副市长\n— 2 —\n营商环境工作动态（第15期）\n"
            "赵明远在调研时要求，年底前将联合报装窗口延伸至各县。")
    assert "(第15期)" not in s.clean.view and "副市长\n赵明远" in s.clean.view


def test_the_period_a_weeklys_issue_covers_is_no_publisher():
    s = seg("营商环境周报\n\n2024年第32期（总第186期）\n（8月5日—8月11日）\n\n某市营商环境建设局编　　　2024年8月12日\n\n"
            "【本市动态】\n\n某区推行容缺受理\n某区对暂缺次要材料的申请先行受理，企业少跑一趟。")
    assert (s.masthead.issue, s.masthead.publisher, s.masthead.date) == (32, "某市营商环境建设局", "2024-08-12")


def test_a_running_header_that_names_the_issuing_city_before_the_series_is_dropped():
    s = seg("优化营商环境工作简报\n2023年第8期\n某市优化营商环境工作领导小组办公室　2023年11月6日\n【重点工作】\n"
            "某县试行评定分离\n某县公共资源交易中心在房屋建筑项目中试行评定分离，由招标人按照《某县房屋\n— 1 —\n"
            "某市优化营商环境工作简报  2023年第8期\n建筑工程评定分离实施办法（试行）》择优定标。")
    assert "某市优化营商环境工作简报" not in s.clean.view and re.search(r"《某县房屋\s*建筑工程", s.clean.view)


def test_a_page_of_stories_each_under_its_source_line_and_a_masthead_on_one_line():
    s = seg("工作动态\n2024年第21期　　某市人民政府办公室编　　2024年6月28日\n口岸通关\n某口岸智慧口岸建设按下快进键\n"
            "发布日期：2024-06-26　来源：市商务局\n6月25日，市商务局局长带队检查智慧口岸建设进展。口岸已建成智能卡口系统。\n"
            "某县边民互市贸易实现线上申报\n发布日期：2024-06-24　来源：某县人民政府\n副县长近日调研时表示，将持续推进互市贸易改革。\n"
            "县区动态\n某县推出个转企服务包\n发布日期：2024-06-21　来源：某县市场监督管理局\n为推动个体工商户转型升级，某县推出服务包。")
    assert (s.masthead.issue, s.masthead.publisher, s.masthead.date) == (21, "某市人民政府办公室", "2024-06-28")
    assert [(it.section, it.headline) for it in s.items] == [
        ("口岸通关", "某口岸智慧口岸建设按下快进键"), ("口岸通关", "某县边民互市贸易实现线上申报"),
        ("县区动态", "某县推出个转企服务包")]


def test_a_four_character_heading_over_a_headline_is_a_section():
    s = seg("某区政务服务工作简报\n2024年第3期\n某区行政审批局　　2024年3月29日\n审批改革\n某区高频事项秒批秒办扩至46项\n"
            "某区行政审批局对高频事项推行秒批秒办，系统自动比对、即时出证。一季度新增秒批事项18项。\n"
            "某局试点个转企一件事\n某区市场监督管理局将个体工商户转型涉及的事项整合为一件事，一次办结。\n便民服务\n"
            "某街道打造15分钟政务服务圈\n某街道便民服务中心在社区设置政务服务驿站，将高频事项下沉。")
    assert [(it.section, it.headline) for it in s.items] == [
        ("审批改革", "某区高频事项秒批秒办扩至46项"), ("审批改革", "某局试点个转企一件事"),
        ("便民服务", "某街道打造15分钟政务服务圈")]


def test_the_period_a_weekly_covers_with_its_year_is_not_the_issue_s_date():
    s = seg("某市优化营商环境工作周报\n2024年第23期（总第187期）\n（2024年6月3日—6月9日）\n某市政务服务管理办公室　　　　2024年6月11日\n"
            "【本周要闻】\n某区推行拿地即开工\n某区对重点项目推行拿地即开工，项目从拿地到开工压缩至1天。")
    assert (s.masthead.issue, s.masthead.publisher, s.masthead.date) == (23, "某市政务服务管理办公室", "2024-06-11")


def test_a_second_compiler_under_the_first_is_masthead_and_a_subtitled_reports_parts_are_its_own():
    s = seg("营商环境专报\n\n〔2024〕第5期\n\n中共某某市委改革办\n绍兴市营商环境建设办公室　　　联合编印\n"
            "二〇二四年三月八日\n\n"
            "企业开办从“多次跑”到“一次办”\n——柯桥区企业开办改革的做法与启示\n\n"
            "柯桥区去年推出企业开办“一件事”，办理时间压缩至半天。\n\n"
            "一、区镇两级联动，改革由点及面\n\n各镇街相继设立开办专窗，全年办理1200件。\n\n"
            "二、在全市复制推广，覆盖面持续扩大\n\n今年起，市里在全市推行该模式。\n\n"
            "三、几点启示\n\n改革要从企业痛点出发。")
    assert s.masthead.publisher == "中共某某市委改革办"
    assert s.masthead.date == "2024-03-08"
    assert [it.headline for it in s.items] == ["企业开办从“多次跑”到“一次办”"]
    assert "改革要从企业痛点出发" in s.clean.view[s.items[0].start:s.items[0].end]


def test_a_weeklys_numbered_parts_hold_run_in_items_and_its_contact_line_is_no_item():
    s = seg("某区政务服务周报\n2023年第45期（总第163期）\n\n某区政务服务管理局　　　　2023.11.20\n"
            "（统计周期：11月13日—11月19日）\n\n一、本周工作情况\n\n"
            "（一）企业开办再提速。本周，区政务服务中心新开办企业126户，平均用时0.5个工作日。\n\n"
            "（二）召开好差评工作调度会。11月17日，副区长主持召开调度会，通报差评整改情况。\n\n"
            "二、下周工作安排\n\n下周重点做好两项工作：一是开展业务培训；二是推进事项接入。\n\n"
            "（联系人：刘  洋，区政务服务管理局综合科）")
    assert (s.masthead.issue, s.masthead.date) == (45, "2023-11-20")
    assert [(it.section, it.headline[:8]) for it in s.items] == [
        ("本周工作情况", "企业开办再提速"), ("本周工作情况", "召开好差评工作调"), ("下周工作安排", "下周重点做好两项")]


def test_a_narrow_columns_hard_wrapped_lines_are_joined_into_paragraphs():
    body = ("今年以来，甲区对新建工业项目全面推行标准地加承诺制改革，企业取得土地后作出承诺即可开工建设，"
            "有关审批手续在建设过程中同步办理，目前全区已有十四个项目实现拿地即开工，平均缩短开工准备时间约三个月。")
    other = ("乙县在便利店药店健身房等十五个行业推行一业一证改革，将一个行业准入涉及的多张许可证整合为一张行业"
             "综合许可证，改革以来已发放行业综合许可证一千余张，平均审批时限压缩七成以上，企业办事更加便利。")
    wrap = lambda t: "\n".join(t[i:i + 12] for i in range(0, len(t), 12))  # noqa: E731
    s = seg("某市营商环境专报\n第5期\n某市营商办　　2024年5月10日\n【县市区经验】\n"
            f"甲区推行拿地即开工\n{wrap(body)}\n乙县推行一业一证\n{wrap(other)}")
    assert [it.headline for it in s.items] == ["甲区推行拿地即开工", "乙县推行一业一证"]
    assert body.replace("，", ",") in s.clean.view[s.items[0].start:s.items[0].end].replace("\n", "")


def test_a_reposted_bulletins_label_and_source_line_do_not_hide_its_masthead():
    s = seg("【转载】某市政务服务工作简报（2023年第6期）\n来源：某市人民政府网　　转载时间：2023-07-03 09:15\n\n"
            "某市政务服务工作简报\n\n2023年第6期（总第142期）\n\n某市行政审批服务局　　　　二〇二三年六月三十日\n\n"
            "【工作动态】\n我市跨省通办专窗办件量突破一万件\n今年以来，市行政服务中心跨省通办专窗累计办件一万余件。")
    assert (s.masthead.title, s.masthead.issue, s.masthead.date) == ("某市政务服务工作简报", 6, "2023-06-30")
    assert [it.headline for it in s.items] == ["我市跨省通办专窗办件量突破一万件"]


def test_a_reports_parts_named_with_their_subject_are_its_own():
    s = seg("营商环境简报\n\n第7期\n\n某省优化营商环境工作领导小组办公室　　2024年4月18日\n\n"
            "某市“园区事园区办”改革经验在全省复制推广\n\n编者按：某市推行“园区事园区办”改革，成效明显。现将有关情况编发如下。\n\n"
            "一、某市的主要做法\n\n2022年7月起，某市在经济技术开发区试点。改革主要抓了三件事。\n\n"
            "一是权限“放下去”。梳理236项市级审批服务事项，交由园区行使。\n\n"
            "二是窗口“建起来”。在各园区设立政务服务中心，实行“一窗受理”。\n\n"
            "三是服务“沉下去”。建立园区企业诉求台账，限时办结。\n\n"
            "二、各地复制推广情况\n\n乙市于2023年9月推行“园区事园区办”。\n\n三、下一步工作\n\n将适时开展评估。")
    assert [it.headline for it in s.items] == ["某市“园区事园区办”改革经验在全省复制推广"]


def test_a_masthead_tables_cells_on_one_line_and_later_bare_sections():
    s = seg("营商环境周报\t2024年第44期 某区优化营商环境工作专班办公室 2024年11月11日\n本周要情\n"
            "区政府常务会议专题研究企业服务工作\n　　11月6日，区长主持召开区政府常务会议，听取企业服务工作汇报。\n"
            "街镇动态\n　　甲街道：在辖区重点商务楼宇设立政务服务站，本周受理代办事项64件。\n"
            "　　乙镇：开展送政策进田间活动，本周为23家家庭农场上门讲解惠企政策。\n"
            "数据看板\n　　截至11月10日，全区新设经营主体612户。")
    assert (s.masthead.title, s.masthead.issue) == ("营商环境周报", 44)
    assert [it.section for it in s.items] == ["本周要情", "街镇动态", "街镇动态", "数据看板"]


def test_a_compiler_before_the_issue_on_its_line_publishes():
    s = seg("行政审批服务动态\n某市行政审批服务局编印　　第18期\t2022年8月30日\n要闻速递\n"
            "全市政务服务工作推进会召开\n　　8月25日，全市政务服务工作推进会召开，副市长出席会议。\n"
            "典型案例\n　　近期，各县市区结合实际推出一批典型做法。")
    assert (s.masthead.publisher, s.masthead.issue, s.masthead.date) == ("某市行政审批服务局", 18, "2022-08-30")
    assert [it.section for it in s.items] == ["要闻速递", "典型案例"]
