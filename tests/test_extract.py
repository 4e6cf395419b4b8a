"""Extraction components on single sentences: what each finds, and what it must leave alone."""
from __future__ import annotations

import pytest

from kg.extract import nlp


def spans(text: str, group: str) -> list[str]:
    doc = nlp()(text)
    return [s.text for s in doc.spans[group]]


@pytest.mark.parametrize("text, want", [
    ("平顶山市与包头市签约", ["平顶山市", "包头市"]),
    ("淅川县和淅川", ["淅川县", "淅川"]),
    ("鹰城大地", ["鹰城"]),
    ("内蒙古包头市公共资源交易中心", ["内蒙古", "包头市"]),
    ("永州市道县与马鞍山市和县结对", ["永州市", "道县", "马鞍山市", "和县"]),
    ("省委书记在道县调研", ["道县"]),
    ("邯郸邱县获评营商环境先进县", ["邯郸", "邱县"]),
])
def test_places(text, want):
    assert spans(text, "place") == want


@pytest.mark.parametrize("text", ["加强公共资源交易管理", "县公安局民警", "比如说", "会同有关部门", "从老城区搬迁",
                                  "评选营商环境最佳县(市、区)", "深入报道县区典型经验", "对各市和县(市)区排名",
                                  "拿出真金白银支持企业", "市人大常委会主任赵广东出席",
                                  "区行政审批和政务服务局", "市财政和金融工作局",
                                  "县司法局会同县政务服务管理局梳理事项", "探索开展“川西南通办”"])
def test_common_words_are_not_places(text):
    assert spans(text, "place") == []


@pytest.mark.parametrize("text, want", [
    ("郏县自然资源局积极开展活动", ["郏县自然资源局"]),
    ("市人大法制委员会根据意见修改", ["市人大法制委员会"]),
    ("海南省委办公厅和省政府办公厅印发通知", ["海南省委办公厅", "省政府办公厅"]),
    ("省金融局副局长李拴成出席", ["省金融局"]),
    ("广州市越秀区市场监管局依托系统", ["广州市越秀区市场监管局"]),
    ("市规划和自然资源局番禺分局焕新服务", ["市规划和自然资源局番禺分局"]),
    ("国网长乐区供电公司联动供水单位", ["国网长乐区供电公司"]),
    ("市发改委、住建局、交通局联合检查", ["市发改委", "住建局", "交通局"]),
    ("国务院印发意见", ["国务院"]),
])
def test_agencies(text, want):
    assert spans(text, "agency") == want


@pytest.mark.parametrize("text, want", [
    ("县公安局出入境管理局增设窗口", ["县公安局出入境管理局"]),  # a bureau inside a bureau
    ("区税务局依托电子税务局办税", ["区税务局"]),  # what a bureau does, not a bureau inside it
    ("市政务服务与数据管理局局长表示", ["市政务服务与数据管理局"]),  # 与 inside a name
    ("依托“辽事通”沈阳分厅推行全程网办", []),  # an app's branch for a city
    ("记者从市政府新闻办获悉，市审改办协调局牵头", ["市政府新闻办", "市审改办协调局"]),  # short 办 names
    ("在区政务服务中心和某某街道便民服务中心设专窗", ["区政务服务中心", "某某街道便民服务中心"]),  # 和 between two
    ("国家能源局华中监管局督导检查", ["国家能源局华中监管局"]),  # a national body's regional office
    ("据商务部消息,商务部办公厅近日发布通知", ["商务部", "商务部办公厅"]),
    ("附件略。国务院办公厅督查室2025年3月1日", ["国务院办公厅督查室"]),
    ("区委区政府高度重视", ["区委", "区政府"]),  # a pair is two agencies
    ("省优化营商环境工作领导小组部署任务", ["省优化营商环境工作领导小组"]),
    ("黄埔海关与市工商联共同走访企业", ["黄埔海关", "市工商联"]),
    ("省市场监管局公布名单", ["省市场监管局"]),  # 省 + 市场, not the word 省市
    ("在市民服务中心延时办理", ["市民服务中心"]),  # the citizens' centre is the city's
    ("湖南省社情民意调查研究中心发布报告", ["湖南省社情民意调查研究中心"]),  # 研究 ends the name here
    ("南宁高新区市场监督管理和营商环境局受理投诉", ["南宁高新区市场监督管理和营商环境局"]),
    ("副市长某某带队深入市政务服务中心体验", ["市政务服务中心"]),  # who led the visit is no part of it
    ("红山区行政审批和政务服务局推行容缺受理", ["红山区行政审批和政务服务局"]),  # 和政 is no county here
    ("联合区消防救援大队、区应急管理局开展检查", ["区消防救援大队", "区应急管理局"]),  # a brigade is a body
])
def test_agencies_of_the_wider_genre(text, want):
    assert spans(text, "agency") == want


@pytest.mark.parametrize("text, want", [
    ("中办、国办联合印发意见", ["中办", "国办"]),  # two-character names after a boundary or each other
    ("某县被国办通报表扬", ["国办"]),
    ("市人大财经委听取汇报", ["市人大财经委"]),  # a congress's special committee, any short form
    ("区政协提案委组织视察", ["区政协提案委"]),
    ("据悉,市政协经济和人口资源环境委员会开展调研", ["市政协经济和人口资源环境委员会"]),
    ("民建市委提交集体提案", ["民建市委"]),  # a democratic party's committee keeps the party's name
])
def test_agencies_named_by_short_forms_and_committees(text, want):
    assert spans(text, "agency") == want


@pytest.mark.parametrize("text", ["坚持以人民为中心", "形成新格局", "推进数字政府建设", "到政务服务大厅办事",
                                  "福建省首个零碳数字化供电所", "河南政府网采访", "全国办税服务厅统一标识",
                                  "海关通关时间压缩", "窗口集中办理各类事项", "在日常工作中办事更快",
                                  "中央行政事业单位", "区委员工食堂", "在生产大队劳动", "被评为“五星级便民服务中心”"])
def test_not_agencies(text):
    assert spans(text, "agency") == []


@pytest.mark.parametrize("text, names", [
    ("市长赵文峰接受采访", ["赵文峰"]),
    ("区行政服务中心管委会主任林志斌介绍，改革惠及更多经营主体。", ["林志斌"]),  # a title right after an agency
    ("某区人民政府副区长　王建明\n主任、各位副主任：", ["王建明"]),  # a speaker's line: post, gap, name
    ("解读人：市发展改革委副主任　陈立群\n联系电话：0576-88205123", ["陈立群"]),  # the name ends the line
    ("副市长孙继伟、张威出席", ["孙继伟", "张威"]),
    ("省政府办公厅党组成员、省政务局局长周运平主持", ["周运平"]),
    ("市人大常委会副主任赵建国带队", ["赵建国"]),
    ("由副市长于海洋牵头", ["于海洋"]),  # a surname the name model takes for a preposition
    ("副市长于海洋、林晓雪出席会议", ["于海洋", "林晓雪"]),
])
def test_officials(text, names):
    assert spans(text, "official") == names


def test_the_name_model_runs_on_one_thread():
    # onnxruntime's default (a thread per core) doubled the model's time inside `kg ingest`'s workers
    from kg.extract.officials import _lac

    options = _lac()._session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert _lac().run("副市长王红出席") == [("副市长", "n"), ("王红", "PER"), ("出席", "v")]


@pytest.mark.parametrize("text", ["本报讯(记者 方晓)市长走访企业", "公司副总经理梁亚君说", "局长信箱开通", "政协委员会议",
                                  "推动总理批示落实",
                                  "杭州某某科技股份有限公司办公室主任王明华说", "市个体劳动者协会会长李国强表示",
                                  "副市长于会上指出", "各位委员和代表提出意见"])
def test_not_officials(text):
    assert spans(text, "official") == []


@pytest.mark.parametrize("text, want", [
    ("深化“放管服”改革", ["放管服"]),
    ("实施“一件事一次办”", ["一件事一次办"]),
    ("推行“四办”举措(主动办、线上办、联席办、一次办)", ["四办"]),
    ("卫东区一铺一档", ["一铺一档"]),
    ("开展城市管理信用积分制工作", ["城市管理信用积分制"]),
    ("驻马店市企业服务总入口平台正式上线", ["企业服务总入口平台"]),
    ("创新实施“一图、一榜、一表、一调度”推进机制", ["一图、一榜、一表、一调度"]),
    ("某区首创“无忧快办”服务模式", ["无忧快办"]),
    ("某局建成“企易达”服务平台", ["企易达"]),
    ("实现“最多问一次”“最多跑一次”、“最多填一次”", ["最多问一次", "最多跑一次", "最多填一次"]),
    ("在镇商会设立“清风服务驿站”，每周受理诉求", ["清风服务驿站"]),
    ("两地税务局设立“冀鲁税费服务专区”", ["冀鲁税费服务专区"]),
    ("我市依托“某企通”惠企服务平台兑现政策", ["某企通"]),
])
def test_measures(text, want):
    found = [s.replace("“", "").replace("”", "") for s in spans(text, "measure")]
    assert len(found) == len(want) and all(w in f for w, f in zip(want, found)), found


@pytest.mark.parametrize("text", ["真正让企业感受到“雪中送炭”的温暖", "诚信成“硬通货”", "按下了“快进键”",
                                  "打通“最后一公里”", "以“三步走”策略推进", "一心一意为企业",
                                  "建立“三项机制”", "落实“五项任务”", "形成“双轮驱动”模式",
                                  "从“多头跑”“反复跑”到少跑腿", "创新“甲长”“乙管家”服务机制",
                                  "“三县一区”联合开展验收", "修复结果同步推送至“信用中国”网站"])
def test_metaphors_are_not_measures(text):
    assert spans(text, "measure") == []


@pytest.mark.parametrize("text", ["深化“一扇门”改革", "推进“一窗式”改革", "推行办电“三零”(零上门、零审批、零投资)",
                                  "实现开办企业“零成本”", "推行一件事“一链办理”"])
def test_quoted_variants_reach_their_thesaurus_concept(text):
    doc = nlp()(text)
    assert [s.kb_id_.startswith("?") for s in doc.spans["measure"]] == [False]


def test_documents_with_nesting_number_and_issuer():
    doc = nlp()("国务院印发《关于印发〈优化营商环境条例〉的通知》(国发〔2021〕24号)")
    [title] = doc.spans["document"]
    assert title.text == "关于印发〈优化营商环境条例〉的通知"
    issuers, number, _ = title.kb_id_.split(";")
    assert number == "国发〔2021〕24号"
    assert [doc.spans["agency"][int(i)].text for i in issuers.split(",")] == ["国务院"]


@pytest.mark.parametrize("text, issuer", [
    ("国家发展改革委关于印发《某某工作指引》的通知", "国家发展改革委"),
    ("河南省市场监督管理局于2月24日印发《某某工作指引》", "河南省市场监督管理局"),
    ("郑州市人民政府近日印发《郑州市优化营商环境实施方案》", "郑州市人民政府"),
    ("（一）国务院2019年10月22日公布的《优化营商环境条例》；", "国务院"),  # a date, then 公布的
    ("（二）浙江省人民政府办公厅2023年6月印发的《关于深化某某改革的若干意见》；", "浙江省人民政府办公厅"),
    ("区司法局牵头修订《某区涉企轻微违法行为不予处罚清单》", "区司法局"),  # revised
    ("州市场监管局编制《某州行业综合许可目录清单》", "州市场监管局"),  # drawn up
])
def test_issuer_before_关于_a_date_or_近日_and_the_verb(text, issuer):
    doc = nlp()(text)
    [title] = doc.spans["document"]
    assert [doc.spans["agency"][int(i)].text for i in title.kb_id_.split(";")[0].split(",") if i] == [issuer]


def issuer_names(doc, title) -> list[str]:
    return [doc.spans["agency"][int(i)].text for i in title.kb_id_.split(";")[0].split(",") if i]


def test_bodies_that_sign_an_agreement_issue_it():
    doc = nlp()("顺昌县人民法院与顺昌县税务局签署《关于建立破产处置协作机制的备忘录》。")
    assert [set(issuer_names(doc, t)) for t in doc.spans["document"]] == [{"顺昌县人民法院", "顺昌县税务局"}]


def test_the_subject_of_the_sentence_issues_and_a_coordinated_title_shares_it():
    doc = nlp()("年初以来,省委省政府统筹部署,研究出台《甲办法》和《乙方案》。")
    assert [issuer_names(doc, t) for t in doc.spans["document"]] == [["省政府", "省委"], ["省政府", "省委"]]


def test_an_agency_after_a_preposition_does_not_issue():
    doc = nlp()("根据省政府的部署,研究出台《甲办法》。")
    assert [issuer_names(doc, t) for t in doc.spans["document"]] == [[]]


def test_the_body_written_right_before_a_title_issued_it():
    doc = nlp()("我市认真贯彻国务院《优化营商环境条例》，对照《某省实施办法》查找差距。")
    assert [issuer_names(doc, t) for t in doc.spans["document"]] == [["国务院"], []]


def test_a_meeting_adopts_for_the_body_that_held_it():
    doc = nlp()("副省长主持召开省政府第12次常务会议。会议审议并通过《某某实施意见》。")
    [title] = doc.spans["document"]
    assert issuer_names(doc, title) == ["省政府"]
    doc = nlp()("市长主持召开市政府第3次常务会议。会议原则通过《某某行动方案》。")
    [title] = doc.spans["document"]
    assert issuer_names(doc, title) == ["市政府"]


def test_a_title_line_without_marks_is_a_document_of_its_issuer():
    doc = nlp()("商务部关于推进某某工作的通知\n商发〔2025〕8号\n各省商务主管部门:")
    [title] = doc.spans["document"]
    assert title.text == "商务部关于推进某某工作的通知" and issuer_names(doc, title) == ["商务部"]
    assert title.kb_id_.split(";")[1] == "商发〔2025〕8号"


@pytest.mark.parametrize("text, names", [
    ("要贯彻落实习近平总书记重要指示", ["习近平"]),
    ("李强总理主持会议", ["李强"]),
    ("庞建伟委员:您好", ["庞建伟"]),
    ("市委书记蹇明、市长章立新出席", ["蹇明", "章立新"]),  # surnames outside the commonest few hundred
    ("市委副书记、市长次仁多吉主持会议", ["次仁多吉"]),  # a name with no surname (藏族)
    ("霍山县委副书记、县长刘芳表示", ["刘芳"]),  # after a party committee's title
])
def test_officials_of_address_and_rarer_surnames(text, names):
    assert spans(text, "official") == names


@pytest.mark.parametrize("text, names", [
    ("会议由赵青松副区长主持", ["赵青松"]),  # a name before any title, after a function word
    ("工作由孙立新副主任牵头", ["孙立新"]),
    ("宋平顺副局长带队检查", ["宋平顺"]),  # at the start of a clause
    ("某区人民政府副区长李青\n主任、各位委员:", ["李青"]),  # the line break is not part of the name
])
def test_names_before_titles_and_at_line_ends(text, names):
    assert spans(text, "official") == names


def test_a_name_written_before_a_title_inside_a_phrase_is_not_taken():
    assert spans("全区推进项目建设副区长出席", "official") == []


def test_a_three_character_name_lac_cuts_short_or_calls_a_noun_is_whole():
    from kg.extract.officials import _name_end

    text = "市编办副主任王修起表示,下一步"  # LAC, in a wider window: 王修|起|表示
    assert _name_end(text, 3, 6, (("王修", "PER"), ("起", "v"), ("表示", "v"))) == 9
    text = "副市长孙言考代表市政府发言"  # LAC, in a wider window: 孙言考 n
    assert _name_end(text, 0, 3, (("孙言考", "n"), ("代表", "v"))) == 6
    assert _name_end("局长王五在会上", 0, 2, (("王五", "PER"), ("在", "p"), ("会", "n"))) == 4
    assert _name_end("局长办公会议", 0, 2, (("办公会", "n"), ("议", "v"))) is None  # 办 is no surname


def test_figures_keep_their_unit_and_change():
    doc = nlp()("问题发现比率由20%提高到目前的46%")
    [fig] = doc.spans["figure"]
    what, start, end, unit = fig.kb_id_.split(";")
    assert (what, start, end, unit) == ("问题发现比率", "20", "46", "%")


def test_a_notice_on_its_title_line_names_the_document_it_issues():
    doc = nlp()("平顶山市卫东区人民政府办公室关于印发2021年卫东区招商引资工作方案的通知\n各街道:")
    titles = [t.text for t in doc.spans["document"]]
    assert titles == ["平顶山市卫东区人民政府办公室关于印发2021年卫东区招商引资工作方案的通知", "2021年卫东区招商引资工作方案"]
    assert doc.spans["document"][1].kb_id_.split(";")[0] == doc.spans["document"][0].kb_id_.split(";")[0] != ""


def test_a_cited_notice_stays_one_document():
    doc = nlp()("根据《省政府关于印发某某若干措施的通知》要求,推进改革。")
    assert [t.text for t in doc.spans["document"]] == ["省政府关于印发某某若干措施的通知"]


def test_the_signature_issues_the_document_the_headline_names():
    doc = nlp()("解读《关于公布某某事项清单的通知》\n为方便群众,编制清单。\n现予以公布。\n郏县行政审批局\n2021年3月2日\n附件")
    [title] = doc.spans["document"]
    assert issuer_names(doc, title) == ["郏县行政审批局"]
