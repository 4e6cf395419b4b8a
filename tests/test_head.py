"""Page head and foot: datelines, an issuer opening the title, signatures, the site's sponsor."""
from __future__ import annotations

from kg.clean import clean
from kg.head import article_head, page_foot, split_lines
from kg.pipeline import process_text
from kg.segment import segment
from kg.site import site_sponsor


def head(text: str):
    c = clean(text)
    return article_head(c, split_lines(c.view))


def foot(text: str):
    c = clean(text)
    return page_foot(c, split_lines(c.view))


def test_dateline_with_month_and_day_takes_its_year_from_the_paragraph():
    h = head("某市推行容缺受理\n某某日报3月5日讯 今天，市政府召开2021年第2次常务会议，部署推行容缺受理。")
    assert (h.publisher, h.day) == ("某某日报", "2021-03-05")


def test_dateline_without_a_year_in_its_paragraph_gives_no_date():
    h = head("某某晚报3月5日讯 今天，市政府召开常务会议。\n会议部署推行容缺受理。")
    assert (h.publisher, h.day) == ("某某晚报", None)


def test_news_agency_dateline_with_a_place():
    h = head("某某社某城4月9日电 某省2020年起推行一网通办，群众办事更方便。")
    assert (h.publisher, h.day) == ("某某社", "2020-04-09")


def test_issuer_opening_the_title_is_the_publisher():
    h = head("某市数据资源局2022年工作总结\n2022年，我局围绕数字政府建设，完成各项任务。")
    assert h.publisher == "某市数据资源局"


def test_a_source_line_wins_over_the_title_issuer():
    h = head("某市数据资源局关于推行容缺受理的通知\n来源：某市日报 2023-05-06\n各部门：现将有关事项通知如下。")
    assert h.publisher == "某市日报"


def test_a_title_without_an_agency_names_no_publisher():
    assert head("某县2022年优化营商环境工作总结\n今年以来，某县持续优化营商环境。").publisher is None


def test_byline_under_the_source_line_is_stepped_over():
    c = clean("来源：某省政府网站\n□记者 张三 李四\n6月2日上午，市民到政务大厅办事。她很快办完了。")
    h = article_head(c, split_lines(c.view))
    assert split_lines(c.view)[h.body_from].text.startswith("6月2日")


def test_signature_on_two_lines_closes_a_notice():
    f = foot("各街道：\n为提升窗口服务水平，现开展评议。\n某区政务服务中心\n2022年6月8日")
    assert (f.publisher, f.day) == ("某区政务服务中心", "2022-06-08")


def test_run_on_signature_starts_at_a_place_or_national_body():
    f = foot("请认真抓好落实，附件:典型做法清单浙江省人民政府办公厅2021年3月4日扫一扫在手机打开当前页。")
    assert (f.publisher, f.day) == ("浙江省人民政府办公厅", "2021-03-04")


def test_a_date_closing_a_sentence_is_no_signature():
    f = foot("会议要求各地抓好落实。\n活动将持续到2022年6月8日")
    assert (f.publisher, f.day) == (None, None)


def test_text_after_the_date_that_is_not_furniture_means_no_signature():
    f = foot("某区政务服务中心\n2022年6月8日召开了窗口服务评议会，群众满意。")
    assert f.day is None


def test_site_sponsor_is_read_from_the_footer_the_cleaner_drops():
    assert site_sponsor("正文。\n主办单位：某县人民政府辦公室  承办单位：某县信息中心\n某ICP备1号") == "某县人民政府辦公室"
    assert site_sponsor("某县人民政府办公室主办了这次培训。") is None


def test_sponsor_is_the_publisher_only_when_the_page_names_none():
    body = "某县开展营商环境宣传周活动，群众积极参与。"
    s = segment(clean(body + "\n主办单位：某县人民政府办公室  承办单位：某县信息中心"))
    assert s.masthead.publisher == "某县人民政府办公室"
    assert "承办" not in s.clean.text[s.items[0].start:s.items[0].end]
    s = segment(clean("来源：某县融媒体中心\n" + body + "\n主办单位：某县人民政府办公室  承办单位：某县信息中心"))
    assert s.masthead.publisher == "某县融媒体中心"


def test_signature_gives_an_article_its_date_and_publisher():
    s = segment(clean("各街道：\n为提升窗口服务水平，现开展评议。\n某区政务服务中心\n2022年6月8日"))
    assert (s.masthead.publisher, s.masthead.date) == ("某区政务服务中心", "2022-06-08")


def test_a_bulletins_last_signature_is_not_the_bulletins_publisher():
    s = segment(clean("工作简报\n第3期\n【工作动态】\n区里推行容缺受理\n区政务服务中心推行容缺受理，企业办事更方便。\n"
                      "某区政务服务中心\n2022年6月8日"))
    assert s.masthead.publisher is None and s.masthead.date is None


def test_a_magazines_byline_names_the_publisher():
    h = head("某地推行企业开办一日办结\n企业开办一日办结，群众点赞。\n文 |《某某》半月刊记者 张三 李四\n"
             "记者在某区政务大厅看到，企业开办只需半天。")
    assert h.publisher == "《某某》半月刊"


def test_a_news_agency_byline_names_the_publisher():
    h = head("某省深化一网通办\n某某社记者 王五\n某省今年推行一网通办，办事更方便。")
    assert h.publisher == "某某社"


def test_our_own_reporters_byline_names_no_publisher():
    h = head("某县推行容缺受理\n本报记者 赵六\n某县今年推行容缺受理，办事更方便。")
    assert h.publisher is None


def test_disclosure_table_gives_title_date_and_publisher():
    h = head("• 索 引 号:\n• 000123/2022-00045\n• 名  称:\n• 关于推行容缺受理的通知\n• 发布机构:\n"
             "• 某县行政审批局\n• 生成日期:\n• 2022-05-06\n• 是否有效:\n关于推行容缺受理的通知\n"
             "各乡镇：现将容缺受理办法通知如下。")
    assert (h.title, h.day, h.publisher) == ("关于推行容缺受理的通知", "2022-05-06", "某县行政审批局")


def test_disclosure_page_opens_its_item_at_the_title_not_at_the_table():
    s = segment(clean("·\n• 无障碍\n• 名  称:\n• 解读《某县容缺受理办法》\n• 索 引 号:\n• 0001/2020-9\n"
                      "• 生成日期:\n• 2020-06-01\n• 文  号:\n解读《某县容缺受理办法》\n"
                      "为方便企业办事，某县推行容缺受理。"))
    assert s.masthead.title == "解读《某县容缺受理办法》"
    assert s.masthead.date == "2020-06-01"
    assert [it.headline for it in s.items] == ["解读《某县容缺受理办法》"]
    assert s.clean.text[s.items[0].start:].startswith("解读")


def test_a_gazettes_issue_is_read_from_the_breadcrumb():
    s = segment(clean("面包屑导航 首页 > 人大资料 > 某市人大常委会公报2021年 第6号\n"
                      "关于优化营商环境条例实施情况的报告\n某市人民政府副市长 张三\n各位委员：现报告如下。"))
    assert s.masthead.issue == 6


def test_a_notices_number_in_the_breadcrumb_is_no_issue():
    s = segment(clean("首页 > 通知公告 > 某局公告2021年第6号\n关于推行容缺受理的公告\n现将有关事项公告如下。"))
    assert s.masthead.issue is None


def test_an_authors_name_alone_above_the_text_is_no_headline():
    s = segment(clean("钱思远\n近年来，某市深化放管服改革，企业开办一日办结。\n某市还推行容缺受理。"))
    assert s.items[0].headline == "近年来,某市深化放管服改革,企业开办一日办结"


def test_a_short_heading_that_is_no_name_stays_the_headline():
    s = segment(clean("前言\n某市深化放管服改革，企业开办一日办结。"))
    assert s.items[0].headline == "前言"


def test_a_sentence_quoting_an_agencys_reporter_is_no_byline():
    h = head("某省深化一网通办\n据某某社记者报道，某省推行一网通办。\n群众办事更方便。")
    assert h.publisher is None


def test_a_bulletins_compiler_written_before_编印_on_the_date_line():
    seg = segment(clean("政务服务动态\n第3期\n某县行政审批服务局编印　　　　2023年7月10日\n\n"
                        "某县推行容缺受理\n　　7月5日，某县行政审批服务局推行容缺受理。"))
    assert (seg.masthead.issue, seg.masthead.publisher, seg.masthead.date) == (3, "某县行政审批服务局", "2023-07-10")


def test_a_dateline_of_a_news_site_names_the_site_without_讯():
    h = head("某县上线智能导办服务\n某某新闻网讯　2024年9月12日\n\n日前，某县市场监管局上线智能导办服务。")
    assert (h.publisher, h.day) == ("某某新闻网", "2024-09-12")


def test_a_source_line_labelled_发布机构_names_the_publisher():
    h = head("某某措施政策解读\n发布机构：某市发展和改革委员会　　发布日期：2024年3月5日\n\n现解读如下。")
    assert (h.publisher, h.day) == ("某市发展和改革委员会", "2024-03-05")


def test_a_subtitle_may_stand_between_the_title_and_the_source_line():
    h = head("市政府召开第5次常务会议\n研究部署优化营商环境工作\n\n来源：某某日报　　发布时间：2023-04-11\n\n4月10日，会议召开。")
    assert (h.title, h.publisher, h.day) == ("市政府召开第5次常务会议", "某某日报", "2023-04-11")


def test_a_newspaper_page_header_above_the_title_names_paper_and_day():
    h = head("《某某日报》2024年6月6日 A05版　某市新闻\n某市推行“一业一证”改革\n某某日报某市6月5日讯 今年以来，某市推行改革。")
    assert (h.title, h.publisher, h.day) == ("某市推行“一业一证”改革", "某某日报", "2024-06-06")


def test_a_portals_name_above_the_title_is_not_the_title():
    h = head("某市某区人民政府\n某区设立“办不成事”反映窗口\n发布时间：2023-10-19 15:42    来源：区政务服务和数据局\n"
             "\n10月17日起，某区设立窗口。")
    assert (h.title, h.publisher, h.day) == ("某区设立“办不成事”反映窗口", "区政务服务和数据局", "2023-10-19")


def test_a_report_to_a_congress_gives_its_date_and_the_body_its_speaker_speaks_for():
    # a label naming the series of papers above the title; the delivery line wraps like a PDF's
    h = head("某区人大常委会会议文件（十四）\n关于全区优化营商环境工作情况的报告\n"
             "——2024年8月27日在某市某区第二届人民代表大会常务委员\n会第二十次会议上\n"
             "某市某区人民政府副区长　王建明\n主任、各位副主任、各位委员：\n我受区人民政府委托，报告工作。")
    assert (h.title, h.day, h.publisher) == ("关于全区优化营商环境工作情况的报告", "2024-08-27", "某市某区人民政府")


def test_a_dateline_under_a_subtitle_names_the_publisher():
    h = head("海口召开2024年优化营商环境大会\n以“极简审批”为牵引 打造一流营商环境\n"
             "海口日报讯（记者 王某某）2月22日上午，海口市2024年优化营商环境大会召开。")
    assert h.publisher == "海口日报"


def test_a_notices_title_set_on_three_lines_under_its_disclosure_table():
    h = head("某市某区人民政府办公室\n关于印发某区2024年营商环境优化升级“一号改革工程”\n攻坚行动实施方案的通知\n"
             "各乡镇人民政府，区政府各部门：\n现将《方案》印发给你们，请认真贯彻执行。")
    assert h.title == "某市某区人民政府办公室关于印发某区2024年营商环境优化升级“一号改革工程”攻坚行动实施方案的通知"


def test_a_wechat_articles_account_is_its_publisher():
    h = head("“一件事”再扩容！某区这15件事可以一次办了\n原创　某区政务　某市某区政务服务　2024年03月12日 17:30　江苏\n"
             "企业想变更信息，要跑几个窗口？")
    assert (h.publisher, h.day) == ("某市某区政务服务", "2024-03-12")


def test_an_issuer_and_a_bracketed_date_under_a_reports_title():
    h = head("关于我市优化营商环境工作情况的调研报告\n某市人大常委会财政经济工作委员会\n（2024年9月24日）\n"
             "为推动条例在我市深入贯彻实施，财经委开展了专题调研。")
    assert (h.publisher, h.day) == ("某市人大常委会财政经济工作委员会", "2024-09-24")


def test_a_newspapers_page_header_under_a_title_and_subtitle():
    h = head("诸城为重点企业配备“首席服务官”\n企业有事“一个电话”就有人管\n潍坊日报　2024年6月21日　第A03版：要闻\n"
             "本报讯（记者　孙某某）原来跑审批要找好几个部门。")
    assert (h.title, h.publisher, h.day) == ("诸城为重点企业配备“首席服务官”", "潍坊日报", "2024-06-21")


def test_an_official_documents_red_header_may_be_the_issuers_name_alone_over_its_number():
    h = head("某市优化营商环境工作领导小组办公室\n某营商办〔2024〕12号\n关于2024年上半年全市优化营商环境重点任务督查情况的通报\n"
             "各县（市、区）人民政府：\n现将督查情况通报如下。")
    assert h.publisher == "某市优化营商环境工作领导小组办公室"
    assert h.title == "关于2024年上半年全市优化营商环境重点任务督查情况的通报"


def test_an_undated_delivery_line_then_the_speakers_body_and_a_bracketed_date():
    h = head("聚焦企业所需　做优服务供给\n——在全市优化营商环境工作推进会上的交流发言\n某某县人民政府\n（2023年11月8日）\n"
             "近年来，我县认真落实省委、省政府决策部署。")
    assert (h.title, h.publisher, h.day) == ("聚焦企业所需  做优服务供给", "某某县人民政府", "2023-11-08")


def test_a_dateline_in_brackets_names_its_medium_without_the_bracket():
    h = head("拉萨推“企业开办一日办结”\n2024-06-03 14:20\n【某某文汇网讯】据西藏日报报道，拉萨市近日宣布企业开办实现一日办结。")
    assert h.publisher == "某某文汇网"


def test_an_agencys_portal_name_above_a_notices_title_is_not_the_title():
    h = head("某省营商环境建设局\n某省优化营商环境建设领导小组办公室关于对2023年度典型做法予以通报表扬的通报\n某营商办发〔2024〕5号\n"
             "发布日期：2024-02-27　　来源：省营商局\n各市人民政府：\n现将典型做法通报如下。")
    assert h.title == "某省优化营商环境建设领导小组办公室关于对2023年度典型做法予以通报表扬的通报"
    assert h.day == "2024-02-27"
    # an issuer set above 关于… is the first line of the title
    h = head("某市人民政府办公室\n关于印发某市营商环境攻坚行动实施方案的通知\n各县（市、区）人民政府：\n现将方案印发给你们。")
    assert h.title == "某市人民政府办公室关于印发某市营商环境攻坚行动实施方案的通知"


def test_a_working_group_signs_a_report():
    c = clean("关于全市优化营商环境工作情况的调研报告\n\n某市人大常委会调研组\n\n根据年度工作要点安排，调研组开展了专题调研。\n\n"
              "某市人大常委会调研组\n2024年6月28日")
    foot = page_foot(c, split_lines(c.view))
    assert (foot.publisher, foot.day) == ("某市人大常委会调研组", "2024-06-28")


def test_a_notices_title_ending_in_通报_set_on_two_lines_under_its_issuer():
    h = head("某州优化营商环境工作领导小组办公室\n关于2023年第四季度全州营商环境“红黑榜”的通报\n某州营商办〔2024〕2号\n"
             "各县（市）优化营商环境工作领导小组办公室：\n为树立鲜明导向，现将有关情况通报如下。")
    assert h.title == "某州优化营商环境工作领导小组办公室关于2023年第四季度全州营商环境“红黑榜”的通报"


def test_a_news_portals_name_and_its_breadcrumb_above_a_story_are_not_its_title():
    s = segment(clean("某某新闻网\n首页　|　要闻　|　县区新闻　|　专题专栏　|　视频\n当前位置：首页 > 县区新闻\n\n"
                      "某县：企业开办“一窗通办”最快半天拿照\n\n2024-05-17 08:35　　来源：某某日报\n\n"
                      "今年以来，某县市场监管局推行企业开办“一窗通办”。"))
    assert s.masthead.title == "某县:企业开办“一窗通办”最快半天拿照"  # full-width forms as ASCII
    s = segment(clean("某某新闻网 > 市县新闻 > 某市\n\n某县深化“承诺制+标准地”改革\n\n2024-04-22 09:12:36　　来源：某某日报\n\n"
                      "某县推行“承诺制+标准地”改革，项目落地提速。"))
    assert s.masthead.title == "某县深化“承诺制+标准地”改革"


def test_a_news_sites_channel_over_the_title_is_no_title():
    h = head("两岸经贸｜政策解读\n某市出台优化营商环境若干措施 企业可享同等待遇\n2024/03/27 09:40　转载自：某某日报\n\n"
             "某市人民政府日前印发若干措施，从市场准入、政务服务等方面推出26条措施。")
    assert (h.title, h.publisher, h.day) == ("某市出台优化营商环境若干措施企业可享同等待遇", "某某日报", "2024-03-27")


def test_a_source_line_run_into_its_page_counter_names_the_source_alone():
    h = head("某区与三区签约推行跨省通办\n发布日期：2024-04-12信息来源：某区行政审批局阅读量：1542\n\n"
             "近日，某区行政审批局与三个区签署合作协议，首批186项事项实现跨省通办。")
    assert (h.publisher, h.day) == ("某区行政审批局", "2024-04-12")


def test_the_year_in_a_meetings_name_does_not_date_a_speech():
    # 2024年 names the meeting; the page's date is on the source line, and a date is a day
    text = ("凝心聚力打造一流营商环境\n——区长某某在某区2024年优化营商环境工作大会上的讲话（摘编）\n\n"
            "来源：某区人民政府办公室    发布日期：2024-02-27\n\n编者按：2月26日，某区召开优化营商环境工作大会。")
    assert segment(clean(text)).masthead.date == "2024-02-27"


def test_an_official_notice_titled_on_three_lines_ending_in_a_short_one():
    text = ("某省优化营商环境工作领导小组办公室文件\n某营商办发〔2024〕5号\n某省优化营商环境工作领导小组办公室\n"
            "关于确定全省县域营商环境创新试点县（市、区）\n的 通 知\n"
            "各市（州）人民政府：\n经研究，确定以下10个县为首批试点县，现将有关事项通知如下。\n"
            "某省优化营商环境工作领导小组办公室\n2024年3月28日")
    mh = segment(clean(text)).masthead
    assert mh.title == "某省优化营商环境工作领导小组办公室关于确定全省县域营商环境创新试点县(市、区)的通知"


def test_a_second_name_in_brackets_after_the_compiler_is_not_part_of_it():
    linked = process_text("营商环境工作动态\n\n第5期\n\n某某市数据和政务服务局（市营商办）          2024年5月8日\n\n"
                          "◆要闻\n\n某某市召开推进会\n5月6日，某某市召开优化营商环境推进会。")
    assert linked.seg.masthead.publisher == "某某市数据和政务服务局"


def test_a_numbered_notice_is_dated_and_signed_before_the_document_it_carries():
    linked = process_text(
        "某某市人民政府办公室\n关于印发《某某市政务服务帮办代办工作方案》的通知\n某府办发〔2024〕12号\n"
        "各县（市、区）人民政府，市政府各部门：\n《某某市政务服务帮办代办工作方案》已经市政府同意，现印发给你们，请认真贯彻执行。\n"
        "某某市人民政府办公室\n2024年4月9日\n某某市政务服务帮办代办工作方案\n为完善帮办代办服务体系，制定本方案。\n"
        "一、工作目标\n2024年底前，各级政务服务中心全面设立帮办代办专区。")
    assert (linked.seg.masthead.publisher, linked.seg.masthead.date) == ("某某市人民政府办公室", "2024-04-09")


def test_a_short_series_title_under_its_topic_is_read_with_it():
    linked = process_text("某某市营商环境优化升级“一号改革工程”\n工作简报\n第9期\n某某市营商办　　2024年9月2日\n\n"
                          "【工作动态】\n\n某某市召开推进会\n9月1日，某某市召开推进会。")
    assert linked.seg.masthead.title == "某某市营商环境优化升级“一号改革工程”工作简报"
    assert linked.seg.masthead.issue == 9


def test_a_repost_names_its_source_with_the_bulletin_then_its_date_on_a_line_of_its_own():
    text = ("转载｜某区：“带押过户”让二手房交易更省心\n来源：某市某区营商环境建设服务中心《营商环境工作动态》2024年第11期\n"
            "转载日期：2024-07-05\n\n二手房交易中，买卖双方无需提前还贷即可办理过户。")
    clean_text = clean(text)
    head = article_head(clean_text, split_lines(clean_text.view))
    assert (head.publisher, head.day) == ("某市某区营商环境建设服务中心", "2024-07-05")


def test_a_social_media_account_s_line_over_its_post_gives_publisher_and_date():
    s = segment(clean("某区发布　2023-12-01 18:30　发表于河南\n\n转载｜某区推行接诉即办\n\n本文转自：某市日报\n"
                      "原标题：《某市热线为企业纾困解难》\n\n"
                      "　　今年以来，某市热线把企业诉求办理作为优化营商环境的重要抓手，推行接诉即办，按时办结率99%。"))
    assert (s.masthead.title, s.masthead.publisher, s.masthead.date) == ("转载|某区推行接诉即办", "某区发布", "2023-12-01")
    assert [it.headline for it in s.items] == ["转载|某区推行接诉即办"]


def test_a_breadcrumb_after_the_portal_s_name_on_one_line_is_furniture():
    s = segment(clean("某某省人民政府门户网站　　首页 > 政务动态 > 部门动态\n\n七部门联合出台十二条措施园区项目审批再提速\n\n"
                      "来源：某某日报　　发布时间：2024-08-21 07:32\n\n"
                      "　　记者从省发展改革委获悉，省发展改革委等七部门日前联合印发若干措施，推动园区项目快落地。"))
    assert s.masthead.title == "七部门联合出台十二条措施园区项目审批再提速"
    assert (s.masthead.publisher, s.masthead.date) == ("某某日报", "2024-08-21")


def test_a_wechat_repost_s_marks_the_follow_call_the_first_title_and_the_recommended_posts_are_not_its_text():
    s = segment(clean("通办朋友圈再扩容！三市携手推进跨省通办\n转载某某政务服务2023-11-08 18:30福建\n点击上方蓝字·关注某某政务服务\n"
                      "11月7日，某市与邻省两市签署政务服务跨省通办合作框架协议，12个县区将实现247项事项跨省通办。\n"
                      "来源：某某日报\n原标题：《某某边区跨省通办再扩容》\n往期推荐\n某县：企业开办实现“一日办结”"))
    assert (s.masthead.publisher, s.masthead.date) == ("某某政务服务", "2023-11-08")
    text = s.clean.text
    assert "点击" not in text and "原标题" not in text and "一日办结" not in text[s.items[0].start:s.items[-1].end]


def test_a_publisher_read_from_a_page_title_is_the_site_s_body_after_the_column():
    s = segment(clean("工作动态-某市行政审批局\n栏目导航\n工作动态\n县区动态\n"
                      "某区“跨域通办”专窗新增通办事项2024-03-29\n3月下旬，某区行政审批局在专窗新增通办事项46项。\n"
                      "某区企业享受“一照多址”便利2024-03-27\n某区市场监管局对企业增设经营场所的免于另行登记。"))
    assert s.masthead.publisher == "某市行政审批局"
