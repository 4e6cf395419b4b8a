"""The measure finder on invented sentences: numbered names of reforms, formulas, quoted names a
thesaurus variant fills or cuts, and unquoted measures named by what is done with them."""
from __future__ import annotations

import pytest

from kg.extract import nlp


def measures(text: str) -> list[str]:
    doc = nlp()(text)
    return [s.text for s in doc.spans["measure"]]


@pytest.mark.parametrize("text, want", [
    ("某县着力推进“三个提升”，成效明显", "三个提升"),  # the object of a verb of doing
    ("全力打造“五优”营商环境", "五优"),  # the kind of 营商环境 being built
    ("开展“争创‘三最’营商环境”专题调研", "三最"),  # single quotes inside double ones
    ("实现“最多填一次”“最多等一次”的“两个一次”目标", "两个一次"),  # abbreviates the list before it
    ("做到“两清”，即清单、清零", "两清"),  # spelt out after it
    ("开展“进园区、进企业”两进活动", "两进"),  # unquoted, right after the list it abbreviates
    ("省、市“三个年”活动部署", "三个年"),  # a campaign's name, with its head noun
])
def test_a_numbered_name_of_a_reform_is_a_measure(text, want):
    assert want in measures(text)


@pytest.mark.parametrize("text", [
    "发挥“三大优势”，吸引投资",  # a count of the text's own points
    "做到“两清”，即清单、清零和清欠",  # three things spelt out: not what 两 counts
    "实现“两个一次”的目标",  # nothing says what it names
    "开展“甲、乙、丙”两进活动",  # the list holds three
])
def test_a_numbered_phrase_without_a_sign_of_a_name_is_not(text):
    assert not any(m[0] in "两三" for m in measures(text))


def test_a_formula_with_spaces_or_a_head_noun_is_a_measure():
    assert "3 + 1" in measures("推出“3 + 1”综合服务新模式")
    assert "1+X工作专班" in measures("组建1+X工作专班，专人跟进")
    assert not any("5+2" in m for m in measures("实行5+2天工作制"))


def test_a_quoted_service_or_a_phrase_ending_in_一次办_is_a_measure():
    assert "智能审批" in measures("围绕“智能审批”服务开展调研")
    assert "两证智慧一次办" in measures("推出“两证智慧一次办”")


def test_a_variant_does_not_cut_a_quoted_name_in_two():
    # 职工退休一件事 is a variant; the quoted name starts in the middle of it
    got = measures("某市职工退休“一件事快捷一次办”获好评")
    assert got == ["一件事快捷一次办"]


def test_a_variant_filling_a_short_quoted_name_stands_for_all_of_it():
    doc = nlp()("某省组织开展了“江城政商沙龙活动”")
    [span] = doc.spans["measure"]
    assert span.text == "江城政商沙龙活动" and not span.kb_id_.startswith("?")


@pytest.mark.parametrize("text, want", [
    ("某局推出的企业投资项目全程帮办服务举措效果明显", "企业投资项目全程帮办服务"),
    ("全面开展了全市涉企收费专项整治", "全市涉企收费专项整治"),
    ("某市被确定为企业开办全程电子化改革试点城市", "企业开办全程电子化改革试点"),
])
def test_a_measure_named_by_what_is_done_with_it(text, want):
    assert want in measures(text)


def test_launched_counts_are_not_measures():
    assert measures("某局推出的多项便民举措效果明显") == []


def test_a_quoted_phrase_before_a_service_point_is_not_a_measure():
    assert measures("干部入驻“八大街区”服务点") == []


@pytest.mark.parametrize("text, want", [
    ("某街道推出养老服务品牌“暖心邻”，受到欢迎", "暖心邻"),  # a brand named after its head noun
    ("某县上线政务服务平台“易企办”", "易企办"),
    ("推行“营业执照一码办”", "营业执照一码办"),  # ends like 一次办: 一网办, 一键办, 一码办
    ("去年出台“皖政35条”，今年又出台“稳增长十条”", "皖政35条"),  # a policy package by its count
    ("去年出台“皖政35条”，今年又出台“稳增长十条”", "稳增长十条"),
    ("组织干部赴外地学习“昆山经验”", "昆山经验"),  # a model place's experience, learned
    ("全力推进三大专项行动、两个专项整治", "三大专项行动"),  # a counted set of campaigns
    ("全力推进三大专项行动、两个专项整治", "两个专项整治"),
    ("某市开通96688企业服务热线，专人接听", "96688企业服务热线"),  # a hotline by its number
    ("推进企业经营范围(许可事项)登记承诺制度改革", "企业经营范围(许可事项)登记承诺制度改革"),
    ("深化不动产登记制度改革", "不动产登记制度改革"),
    ("探索推行住所（经营场所）登记申报承诺制", "住所（经营场所）登记申报承诺制"),  # two verbs before it
    ("“某e办”政务服务移动端正式上线运行", "某e办"),  # an app, named before what it is
    ("实现“一次告知、一表申请、一窗受理、一证准营”", "一次告知、一表申请、一窗受理、一证准营"),  # a formula, whole
    ("某县在园区推行“园区事园区办”，企业就近办事", "园区事园区办"),  # a name put in force
    ("某县打造“古城管家”帮办代办品牌", "古城管家"),  # a brand named before its head
    ("服务窗口统一打出品牌“惠企通”", "惠企通"),  # a brand the body puts its name to
    ("某县便民服务中心涉农服务专区正式启用", "涉农服务专区"),  # the zone, not the hall it is in
    ("推行“一窗一网”受理", "一窗一网"),
])
def test_genre_shapes_of_a_measure_name(text, want):
    assert want in measures(text)


@pytest.mark.parametrize("text", [
    "对照本条例第三条执行",  # an article of a law, not a package
    "积累了不少“宝贵经验”",  # nobody learns it as a model
    "拨打96688企业服务热线咨询",  # a hotline used, not launched
    "群众在平台“点单”，部门及时响应",  # a platform nobody launches here
    "某区有“五大优势”，一是区位，二是产业",  # the points do not match the count
    "选派干部一对一联系重点企业",  # 一对一, "one to one", is no 一X一Y name
])
def test_phrases_near_those_shapes_are_not_measures(text):
    assert measures(text) == []


def test_a_counted_name_spelt_out_point_by_point_is_a_measure():
    text = "健全“两项机制”，形成合力。一是首问负责机制，专人接待。二是限时办结机制，按期办完。"
    assert "两项机制" in measures(text)
    # a count nobody spells out stays a generic noun, and so does one whose points do not match
    assert "两项机制" not in measures("健全“两项机制”，形成合力。")
    assert "三项机制" not in measures("健全“三项机制”。一是甲机制。二是乙机制。")


def test_the_brand_is_the_name_after_品牌_not_the_one_before():
    assert measures("打造“家门口”社区服务品牌“某某家”") == ["某某家"]


def test_a_platform_named_in_quotes_as_it_goes_live_is_a_measure():
    assert "某乡·e办通" in measures("5月8日，某区政务服务移动端平台“某乡·e办通”正式上线，集成高频事项。")
    assert measures("群众可在平台“点单”，部门“接单”。") == []  # a metaphor: nothing goes live


def test_a_fee_list_system_put_in_force_is_a_measure():
    assert "涉企收费目录清单制度" in measures("同时，全面推行涉企收费目录清单制度，做到清单之外无收费。")


def test_掌上办事_is_a_word_not_the_measure_掌上办():
    assert measures("全市掌上办事事项突破2000项。") == []
    assert measures("全面推行掌上办，让群众少跑腿。") == ["掌上办"]


def test_the_windows_of_a_hall_are_not_the_window_reform():
    assert not any("窗口" in m for m in measures("在便民服务中心设立“某某办”综合窗口。"))
    assert not any("窗口" in m for m in measures("每周六上午安排12个综合窗口正常办理业务。"))
    assert "综合窗口改革" in measures("全面推行综合窗口改革，实现一窗通办。")


@pytest.mark.parametrize("text, want", [
    ("推行联合验收“验收即拿证”。", "验收即拿证"),  # one step done at once with the next
    ("第七条，探索“无感监管”。", "无感监管"),  # a quoted name explored
    ("以“极简审批”为牵引，打造一流营商环境", "极简审批"),  # the lever a reform is pursued by
    ("以“某心办”服务品牌为抓手，推行帮办代办", "某心办"),
    ("依托“藏易通”移动政务服务平台，推动更多事项网上办", "藏易通"),  # a platform named with its kind
    ("以政务服务增值化改革为牵引，推进各项工作", "政务服务增值化改革"),  # unquoted, the lever all the same
    ("全面实施十大攻坚行动", "十大攻坚行动"),  # a counted set of campaigns
    ("推行企业开办“五有套餐”，新办企业可免费领取", "五有套餐"),  # a numbered name with its head noun
    ("组建“红色代办员”队伍，为重点项目提供服务", "红色代办员"),  # a team set up under a quoted name
    ("推动企业开办全流程“一日办结”", "一日办结"),  # done in one day
    ("日前上线“都好办”企业服务平台，归集惠企政策", "都好办"),  # a platform launched under its name
])
def test_quoted_names_a_reform_is_carried_out_by(text, want):
    assert want in measures(text)


def test_a_quoted_phrase_that_is_only_a_promise_is_not():
    assert measures("做到“有求必应”，让企业安心。") == []


def test_a_quoted_name_heading_a_list_is_the_measure_not_the_list():
    doc = nlp()("同时推行“首违不罚”清单制度，对首次违法的企业不予处罚。")
    assert [(s.text, s.kb_id_.rsplit("/", 1)[-1]) for s in doc.spans["measure"]] == [("首违不罚", "swbf")]


def test_a_step_of_a_quoted_formula_is_not_a_measure_alone():
    found = measures("将营业执照等6个环节整合为“一次告知、一表申请、一窗受理、一次办结”，企业开办提速。")
    assert "一窗受理" not in found and "一次告知" not in found
    assert measures("全面推行“一窗受理”，群众只进一扇门。")[0] == "一窗受理"


def test_a_word_said_twice_is_not_a_one_one_name():
    assert "一次、一次" not in measures("侨胞“只跑一次、一次办好”。")


def test_a_levels_affairs_done_at_that_level_is_a_measure():
    assert "园区的事园区办" in measures("某市围绕“园区的事园区办”，推动权限向开发区下放。")
    assert "镇里事镇里办" in measures("区行政审批局向某镇下放28项事项，推动“镇里事镇里办”。")


def test_a_quoted_way_of_doing_a_service_is_a_measure_but_not_a_field():
    found = measures("市民大厅为上班族提供“错时办”“延时办”服务。")
    assert {"错时办", "延时办"} <= set(found)
    assert "企业开办" not in measures("围绕“企业开办”“工程建设”等领域设置综合窗口。")


def test_a_quoted_name_a_few_words_before_its_system_is_a_measure():
    assert "政企面对面" in measures("完善“政企面对面”常态化沟通机制，定期听取企业诉求。")
    assert "某办快" in measures("某县建成覆盖县、镇、村三级的“某办快”帮办代办网络。")
    assert "老朋友" not in measures("他是我们的“老朋友”的工作伙伴。")


def test_a_quoted_team_set_up_to_serve_an_industry_is_a_measure():
    assert "茶企服务专班" in measures("针对茶叶企业多的特点，某县还组建了“茶企服务专班”，上门解决企业难题。")


def test_a_quoted_formula_of_three_steps_of_two_characters_is_a_measure():
    assert "一项目一管家一台账" in measures("某市在运行中形成了“一项目一管家一台账”工作规范。")


def test_a_quoted_service_a_body_opens_is_a_measure():
    assert "税企直通车" in measures("某县税务局开通“税企直通车”，上门为企业解难题。")


def test_a_scenario_listed_under_a_count_of_一件事_is_no_measure_but_named_with_its_一件事_it_is():
    assert not [m for m in measures("今年以来，全市已上线企业信息变更、开办餐饮店、企业破产信息核查等13个“一件事”。")
                if "餐饮" in m or "破产" in m]
    assert any("开办餐饮店一件事" in m for m in measures("某区推出“开办餐饮店一件事”，申请材料减少一半。"))
    assert measures("下半年还将上线“企业破产信息核查”“开办餐饮店”等“一件事”。") == []
    assert measures("已上线“企业破产信息核查”、“开办餐饮店”等13个“一件事”。") == []


def test_一是_opening_a_point_is_no_step_of_a_formula():
    assert measures("纳入的事项主要有四类：一是一般行政处罚信息的信用修复。") == ["信用修复"]


def test_policy_payout_as_a_common_phrase_is_no_measure():
    assert measures("对已出台的惠企政策推行“免申即享”，确保资金在政策兑现期内足额拨付到企业。") == ["免申即享"]


def test_a_projects_named_helper_is_a_measure_quoted_or_not():
    assert "项目管家" in measures("固安县为86个重点项目逐一配备项目管家，提供全流程代办。")
    assert any("项目管家" in m for m in measures("今年以来，某区推行“项目管家”服务，项目平均开工时间提前45天。"))


def test_a_list_and_a_procedure_for_each_matter_are_no_formula_but_a_formula_before_them_is():
    assert measures("下一步将按照“一事一清单、一事一流程”要求推出第二批事项。") == []
    assert "一企一策" in measures("推行一企一策、一事一清单服务。")
    assert "一月一公开" in measures("榆次区推行政府采购意向“一月一公开”，让供应商提前了解采购需求。")


def test_bridge_funds_saved_by_a_transfer_with_its_mortgage_are_no_measure():
    assert measures("推行“带押过户”，为群众节省过桥资金成本约320万元。") == ["带押过户"]


def test_a_mechanism_after_推行的_starts_after_的():
    assert measures("这得益于某市推行的茶叶生产许可告知承诺制。") == ["茶叶生产许可告知承诺制"]


def test_the_business_environment_campaign_itself_is_no_measure_but_a_named_year_is():
    assert not measures("我区召开优化营商环境攻坚推进会，部署2024年优化营商环境攻坚行动。")
    assert measures("全市开展“营商环境提升年”活动") == ["营商环境提升年"]


def test_ways_of_serving_across_places_are_measures_apart_from_跨省通办():
    found = measures("某区推行“跨省通办”，通过“全程网办”“异地代收代办”两种方式办理，并与邻市开展“跨域通办”。")
    assert {"跨省通办", "异地代收代办", "跨域通办"} <= set(found)
    doc = nlp()("某区推行“跨省通办”，通过“异地代收代办”方式办理，并与邻市开展“跨域通办”。")
    concepts = {s.text: s.kb_id_ for s in doc.spans["measure"]}
    assert len({concepts["跨省通办"], concepts["异地代收代办"], concepts["跨域通办"]}) == 3


def test_a_quoted_pair_of_known_measures_names_both():
    assert measures("顺德区联动28个部门建立“接诉即办、未诉先办”闭环机制。") == ["接诉即办", "未诉先办"]
