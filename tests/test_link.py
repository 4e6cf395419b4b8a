"""Resolution on short invented texts: which place, agency, post and adoption a mention becomes."""
from __future__ import annotations

from kg.pipeline import process_text
from kg.records import Linked


def labels(linked: Linked, kind: str) -> list[str]:
    return [e.label for e in linked.entities if e.kind == kind]


def test_an_ambiguous_name_in_a_list_takes_the_level_of_its_neighbours():
    linked = process_text("青海省召开会议。山东、河南、湖北、广东、海南等省份开展了优化营商环境试点。")
    places = labels(linked, "place")
    assert "河南省" in places and "海南省" in places
    assert "河南蒙古族自治县" not in places and "海南藏族自治州" not in places


def test_a_literary_province_name_is_the_province():
    linked = process_text("读懂龙江丨黑龙江省持续优化营商环境,创新开展“龙江政商沙龙”活动。")
    places = labels(linked, "place")
    assert places == ["黑龙江省"]


def test_自治区_alone_is_the_home_region_but_not_in_a_list_of_kinds():
    linked = process_text("桂林市政务服务动态\n\n兴安县获批自治区“信用+审批”改革试点县。")
    assert "广西壮族自治区" in labels(linked, "place")
    linked = process_text("某某通知\n\n各省、自治区、直辖市人民政府：现将桂林市经验印发给你们。")
    assert "广西壮族自治区" not in labels(linked, "place")


def test_a_newspapers_city_gives_way_to_the_district_the_story_is_about():
    linked = process_text("南海区推行一照通行改革\n来源：佛山日报　　发布时间：2022-06-08\n\n"
                          "佛山市南海区推行一照通行改革，南海区区委常委、常务副区长李明出席。南海区各镇跟进。")
    assert linked.home == "440605"


def agencies(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Surface → (canonical label, alternative labels) of every agency mention."""
    linked = process_text(text)
    entity = {e.key: e for e in linked.entities}
    return {r.text: (entity[r.key].label, entity[r.key].alt) for r in linked.refs if r.kind == "agency"}


def test_an_autonomous_regions_own_bodies_are_provincial():
    got = agencies("南宁市兴宁区优化营商环境\n\n兴宁区贯彻落实自治区党委、自治区政府部署,自治区发展改革委到兴宁区调研。")
    assert got["自治区党委"][0] == "中共广西壮族自治区委员会"
    assert got["自治区政府"][0] == "广西壮族自治区人民政府"
    assert got["自治区发展改革委"][0] == "广西壮族自治区发展和改革委员会"


def test_the_short_name_of_market_regulation_keeps_its_level_word():
    got = agencies("柴桑区开办企业一件事\n\n九江市柴桑区行政审批局会同区市监局、区税务局办理。")
    assert got["区市监局"][0] == "柴桑区市场监督管理局"


def test_a_term_number_stays_inside_the_surface():
    got = agencies("北京市人大常委会公报\n\n在市十五届人大三次会议上,代表提出议案,交由市政府办理。")
    label, alt = got["市十五届人大"]
    assert label.startswith("北京市人民代表大会") and "市十五届人大" in alt
    assert all(not a.startswith("届") for a in alt)


def test_a_national_bodys_unit_is_named_from_the_bodys_full_name():
    got = agencies("部委动态\n\n市场监管总局办公厅近日印发通知,国家能源局华中监管局开展检查。")
    assert got["市场监管总局办公厅"][0] == "国家市场监督管理总局办公厅"
    assert "市场监管总局办公厅" in got["市场监管总局办公厅"][1]
    assert got["国家能源局华中监管局"][0] == "国家能源局华中监管局"


def test_a_city_body_named_for_its_residents_takes_the_city():
    got = agencies("宿州市政务服务\n\n宿州市在市民服务中心开设专窗,市公安局出入境管理局进驻。")
    assert got["市民服务中心"][0] == "宿州市市民服务中心"
    assert got["市公安局出入境管理局"][0] == "宿州市公安局出入境管理局"


def posts(text: str) -> list[tuple[str, str, str | None, str | None]]:
    """(official, title, jurisdiction, agency label) of every post."""
    linked = process_text(text)
    label = {e.key: e.label for e in linked.entities}
    return [(label[p.official], p.title, p.jurisdiction, label.get(p.agency or "")) for p in linked.posts]


def posts_of(linked: Linked, name: str) -> list:
    """The posts of the official of that name."""
    entity = {e.key: e for e in linked.entities}
    return [p for p in linked.posts if entity[p.official].label == name]


def test_the_head_of_an_internal_division_serves_the_agency():
    got = posts("湖南省召开会议\n\n省发改委优化营商环境处处长贺明辉介绍,河北省编委办副主任刘修文表示。")
    assert ("贺明辉", "处长", "430000", "湖南省发展和改革委员会") in got
    assert ("刘修文", "副主任", "130000", "河北省机构编制委员会办公室") in got


def test_a_title_after_an_unrelated_clause_is_not_the_agencys():
    got = posts("湖南省召开会议\n\n省发改委与会议承办方对接,处长贺明辉介绍情况。")
    assert [(n, t, a) for n, t, _, a in got] == [("贺明辉", "处长", None)]


def measures(text: str) -> dict[str, tuple[str, tuple[str, ...], str | None]]:
    """Label → (label, alternative labels, category) of every measure entity."""
    return {e.label: (e.label, e.alt, e.attr("category")) for e in process_text(text).entities if e.kind == "measure"}


def test_measure_variants_carry_no_quote_marks():
    got = measures("某市推进“一件事一次办”升级版。")
    [(label, alt, _)] = got.values()
    assert label == "一件事一次办" and all("“" not in a and "”" not in a for a in alt), alt


def test_a_campaign_named_工程_is_not_filed_under_construction_permits():
    from kg.vocab import vocab
    cats = vocab().categories
    got = measures("某区创新打造“千村万户工程”。某区持续推进“营商环境突破年”活动。")
    assert cats.get(got["千村万户工程"][2]) != "办理建筑许可"
    assert cats.get(got["营商环境突破年"][2]) == "营商环境综合改革"


def test_a_document_issued_on_a_year_less_day_takes_the_year_of_the_issue():
    linked = process_text("营商环境周刊·第12期\n2023年3月1日\n一、政策传递\n河南省市场监督管理局于2月24日印发《某某检验检测工作指引》,部署改革。")
    docs = [e for e in linked.entities if e.kind == "document"]
    assert [d.label for d in docs] == ["某某检验检测工作指引"]
    [(key, issuers, day, _)] = linked.issued
    assert key == docs[0].key and len(issuers) == 1 and day == "2023-02-24"


def test_a_candidate_label_keeps_no_quote_mark_inside():
    got = measures("某区推行“3+2+1”工作法。")
    assert "3+2+1工作法" in got


def test_a_democratic_partys_city_committee_is_not_the_communist_partys():
    got = agencies("某某市营商环境\n\n该提案由九三学社德阳市委提出,中共德阳市委研究采纳。")
    assert got["九三学社德阳市委"][0] == "九三学社德阳市委员会"
    assert "德阳市委" not in got["九三学社德阳市委"][1]
    assert got["德阳市委"][0] == "中共德阳市委员会"


def test_a_committee_of_the_citys_congress_is_named_from_the_city():
    got = agencies("德阳市营商环境\n\n德阳市人大财经委到企业调研,市政协社法委参加。")
    assert "德阳市人大财经委" in (got["德阳市人大财经委"][0], *got["德阳市人大财经委"][1])
    assert got["市政协社法委"][0] == "德阳市政协社法委"


def test_a_bare_title_next_in_a_list_serves_the_same_body():
    got = posts("某市营商环境\n\n平顶山市人大常委会主任张建国,秘书长李文华出席会议。")
    assert ("李文华", "秘书长", "410400", "平顶山市人民代表大会常务委员会") in got


def test_a_title_repeated_with_less_detail_adds_no_second_post():
    got = posts("平顶山市营商环境\n\n平顶山市人民政府副市长张建国出席。会议由张建国副市长主持。")
    assert [p for p in got if p[0] == "张建国"] == [("张建国", "副市长", "410400", "平顶山市人民政府")]


def test_a_level_word_in_a_province_wide_report_means_the_city_named_before_it_in_the_sentence():
    got = agencies("河北省审批改革\n\n河北省推进审批改革。今年2月,沧州市成立全省首家设区市行政审批局,邯郸市随后跟进。")
    assert "沧州市行政审批局" in got["市行政审批局"][1]


def test_the_short_name_of_a_government_services_office():
    got = agencies("江苏省营商环境\n\n江苏省推进改革,省政务办牵头建成平台。")
    assert got["省政务办"][0] == "江苏省政务服务管理办公室"


def test_the_mastheads_publisher_is_the_body_named_in_the_text():
    linked = process_text("来源:南宁市兴宁区人民政府办公室\n\n兴宁区优化营商环境\n\n南宁市兴宁区人民政府办公室印发方案。")
    offices = [e for e in linked.entities if e.kind == "agency" and e.label.endswith("人民政府办公室")]
    assert len(offices) == 1 and linked.publisher == offices[0].key


def test_a_word_typed_twice_in_a_name_is_the_same_body():
    got = agencies("宣城市政务服务\n\n宣城市政务服务中心搬迁,市政务政务服务中心新址启用。")
    assert got["市政务政务服务中心"][0] == got["宣城市政务服务中心"][0]


def test_national_posts_and_bodies_have_the_country_as_their_place():
    got = posts("某市召开推进会\n\n会议要求学习贯彻习近平总书记重要指示,落实李强总理部署。国家发展改革委副主任张建国出席。")
    assert ("习近平", "总书记", "100000", None) in got
    assert ("李强", "总理", "100000", None) in got
    assert ("张建国", "副主任", None, "国家发展和改革委员会") in got  # the body's seat, written by graph.py


def test_the_state_councils_information_office_by_its_short_names():
    got = agencies("某市营商环境动态\n\n11月5日,国新办举行新闻发布会。国务院新闻办公室介绍有关情况。")
    assert got["国新办"][0] == got["国务院新闻办公室"][0] == "国务院新闻办公室"


def test_an_office_inside_a_government_or_its_general_office_keeps_its_holder():
    got = agencies("某市营商环境动态\n\n平顶山市人民政府金融工作办公室主任张三、国务院办公厅政府职能转变办公室负责同志出席。")
    assert got["平顶山市人民政府金融工作办公室"][0] == "平顶山市人民政府金融工作办公室"
    assert got["国务院办公厅政府职能转变办公室"][0] == "国务院办公厅政府职能转变办公室"


def test_an_item_opening_on_the_publishers_own_bureau_is_about_the_publishers_place():
    # 市行政审批服务局 is the publisher's bureau though another city follows it in the sentence
    linked = process_text("政务服务动态\n第3期\n\n临沂市行政审批服务局　　2023年11月28日\n\n【重点工作】\n\n"
                          "跨省通办再扩容\n11月22日，市行政审批服务局与江苏省宿迁市政务服务管理部门签署"
                          "“跨省通办”合作协议。市行政审批服务局局长王振华表示，将持续推进。")
    assert labels(linked, "agency") == ["临沂市行政审批服务局"]
    assert {(p.title, p.jurisdiction) for p in linked.posts} == {("局长", "371300")}


def test_an_ambiguous_district_is_the_one_beside_the_places_named_for_sure():
    linked = process_text("营商环境简报\n第3期\n\n赤峰市营商办编　　2024年3月29日\n\n【旗县区动态】\n\n"
                          "红山区推行一业一证\n红山区推行“一业一证”改革，覆盖20个行业。\n\n"
                          "松山区打造服务品牌\n松山区政务服务中心推出“松心办”服务品牌。")
    assert "place:150404" in {e.key for e in linked.entities}


def test_a_candidate_naming_a_thesaurus_measure_in_one_field_is_that_measure():
    found = measures("某县在工程建设领域推行建设项目告知承诺制，当场办理。")
    assert any(label == "告知承诺制" and "建设项目告知承诺制" in alts for label, alts, _ in found.values())


def test_a_districts_name_is_read_one_way_through_a_document():
    linked = process_text("海口召开优化营商环境大会\n\n海口市召开大会。深圳市、厦门市作经验介绍。美兰区、龙华区作交流发言。"
                          "龙华区区长吉文涛表示，将试点“拿地即开工”。")
    assert {p.jurisdiction for p in linked.posts if p.title == "区长"} == {"460106"}  # 海口's, not 深圳's


def test_a_title_opening_a_later_clause_heads_the_body_the_sentence_is_about():
    linked = process_text("某市推行容缺受理\n\n海口市政务服务中心推行“容缺受理”，主任邢丽娜介绍，已办理230件。")
    label = {e.key: e.label for e in linked.entities}
    assert [(p.title, label.get(p.agency)) for p in linked.posts] == [("主任", "海口市政务服务中心")]


def test_a_title_starting_with_its_places_level_word_works_in_traditional_characters_too():
    for text in ("孝感市召开推进会\n\n孝南区委常委、常务副区长刘海波出席。", "孝感市召開推進會\n\n孝南區委常委、常務副區長劉海波出席。"):
        assert {(p.title, p.jurisdiction) for p in process_text(text).posts} == {("区委常委", "420902"),
                                                                               ("常务副区长", "420902")}


def test_a_quoted_name_with_its_head_noun_is_a_variant_too():
    found = measures("某市深化改革\n\n我省全面推进营商环境“增值式”改革。")
    assert any("增值式改革" in alts for _, alts, _ in found.values())


def test_the_document_a_notice_page_carries_is_issued_by_the_notices_publisher():
    linked = process_text("宜春市袁州区人民政府办公室\n关于印发袁州区2024年营商环境“一号改革工程”\n攻坚行动实施方案的通知\n"
                          "各乡镇人民政府，区政府各部门：\n《袁州区2024年营商环境“一号改革工程”攻坚行动实施方案》已经区政府同意，"
                          "现印发给你们，请认真贯彻执行。\n宜春市袁州区人民政府办公室\n2024年3月18日")
    label = {e.key: e.label for e in linked.entities}
    assert [(label[d], [label[i] for i in by]) for d, by, *_ in linked.issued] == [
        ("袁州区2024年营商环境“一号改革工程”攻坚行动实施方案", ["袁州区人民政府办公室"])]


def test_a_roster_gives_each_name_the_posts_on_its_line():
    linked = process_text("荆州市人民政府\n专题会议纪要\n〔2024〕第31期\n荆州市人民政府办公室　　2024年7月12日\n"
                          "关于研究推进有关工作的会议纪要\n　　7月9日，市政府召开专题会议。\n"
                          "出席：郑春林　市委常委、常务副市长\n　　　李　俊　市数据局局长\n　　　黄志强　公安县副县长\n记录：吴　倩")
    label = {e.key: e.label for e in linked.entities}
    got = {(label[p.official], p.title, p.jurisdiction) for p in linked.posts}
    assert {("郑春林", "常务副市长", "421000"), ("李俊", "局长", "421000"), ("黄志强", "副县长", "421022")} <= got
    assert "吴倩" not in label.values()


def test_a_party_committees_title_names_the_committee():
    linked = process_text("霍山县推行标准地\n\n霍山县委副书记、县长刘芳表示，将全面推行“标准地”出让。")
    assert {(p.title, p.jurisdiction) for p in linked.posts} == {("县委副书记", "341525"), ("县长", "341525")}


def test_a_provinces_page_on_one_of_its_places_is_at_home_there():
    linked = process_text("贵州省优化营商环境典型经验做法之五\n毕节市七星关区：以“三个一”机制推动项目审批提速\n"
                          "来源：贵州省优化营商环境工作领导小组办公室\n近年来，毕节市七星关区创新建立“三个一”机制。"
                          "七星关区政务服务中心梳理事项清单，七星关区组建专班。七星关区推行容缺受理。")
    assert linked.home == "520502"
    linked = process_text("贵州省营商环境简报\n来源：贵州省优化营商环境工作领导小组办公室\n"
                          "遵义市推行容缺受理，毕节市推行一窗受理，安顺市推行帮办代办，铜仁市推行综合查一次。")
    assert linked.home == "520000"  # several cities: the province's own


def test_a_bulletin_published_by_its_level_word_alone_is_at_home_where_its_series_is_named():
    text = ("阜平县营商环境工作简报\n\n（第3期）\n\n县营商办编　　2024年3月1日\n\n【工作动态】\n\n"
            "县市监局推行“证照分离”改革　近日，县市监局通过河北政务服务网全面推行“证照分离”改革。"
            "县行政审批局要会同县住建局推行“拿地即开工”。\n")
    linked = process_text(text)
    assert linked.home == "130624"  # 阜平县, not 河北省 named in the text
    assert {a.place for a in linked.adoptions} == {"130624"}
    assert "会同县" not in labels(linked, "place")  # 要会同县某局: together with the county's bureau


def test_a_party_committee_named_only_in_a_leader_s_title_is_no_body_and_its_posts_keep_the_title():
    linked = process_text("某州简报\n\n兰考县委副书记、县长王某出席。州委常委、副州长马某某，"
                          "准格尔旗旗委常委、副旗长白某某，两江新区党工委委员、管委会副主任陈某某参加会议。")
    assert not [r for r in linked.refs if r.kind == "agency" and r.text.endswith("县委")]
    titles = {p.title for p in linked.posts}
    assert {"县委副书记", "州委常委", "旗委常委", "党工委委员", "管委会副主任"} <= titles
    assert not titles & {"常委", "委员"}
    # the committee named as a body still is one
    assert agencies("兰考县简报\n\n兰考县委印发实施方案。")["兰考县委"][0] == "中共兰考县委员会"


def test_names_without_a_han_surname_are_taken_whole_after_a_title():
    got = {(official, title) for official, title, _, _ in posts(
        "阿拉善盟简报\n\n盟委副书记、盟长巴特尔其木格主持会议，副盟长宝音图雅出席。"
        "玛曲县县长才让多杰表示，要推行一网通办。"
        "霍城县副县长阿不来提•买买提明介绍，县长热合曼・阿不都热依木强调，要帮办代办。")}
    assert {("巴特尔其木格", "盟长"), ("宝音图雅", "副盟长"), ("才让多杰", "县长"),
            ("阿不来提·买买提明", "副县长"), ("热合曼·阿不都热依木", "县长")} <= got, got


def test_a_zone_named_without_its_host_stands_for_the_host_and_its_bodies_keep_their_names():
    linked = process_text("某区简报\n\n天府新区政务服务和数据管理局推行一网通办。天府新区党工委委员、管委会副主任张某某介绍，"
                          "新区推行拿地即开工。苏州工业园区推行证照分离。")
    entity = {e.key: e for e in linked.entities}
    bodies = {entity[r.key].label: entity[r.key].attr("place") for r in linked.refs if r.kind == "agency"}
    assert bodies == {"天府新区政务服务和数据管理局": "510100"}  # 成都市; named as written
    assert {(p.title, p.jurisdiction) for p in linked.posts} == {("党工委委员", "510100"), ("管委会副主任", "510100")}
    assert {a.place for a in linked.adoptions} == {"510100", "320500"}
    assert "320576" not in {e.key.removeprefix("place:") for e in linked.entities}  # no division of its own


def test_a_publisher_named_with_a_district_name_several_cities_share_is_of_that_city_s_district():
    linked = process_text("市中区营商环境周报\n第 5 期\n\n中共内江市市中区委办公室　　　2024年1月8日\n\n"
                          "◆区法院推行“诉调对接”\n　　区人民法院推行“诉调对接”机制。\n")
    assert linked.home == "511002"  # 内江's 市中区, not 内江市 nor 乐山's 市中区
    assert {a.place for a in linked.adoptions} == {"511002"}


def test_a_court_is_named_by_a_level_word_or_a_place_alone_and_its_head_serves_it():
    found = agencies("西安市长安区营商环境专报\n\n区法院推行诉调对接。长安区法院推行繁简分流。"
                     "市中院、省高院推行执破融合。全市法院要用好简案快审机制。")
    assert found["区法院"][0] == found["长安区法院"][0] == "长安区人民法院"
    assert found["市中院"][0] == "西安市中级人民法院" and found["省高院"][0] == "陕西省高级人民法院"
    assert "市法院" not in found  # 全市法院: the courts of the city
    got = posts("开封市营商环境简报\n\n市中院党组书记、院长郑某某介绍，推行繁简分流。")
    assert ("郑某某", "院长", "410200", None) in got


def test_a_zone_named_by_its_kind_is_its_city_s_for_its_bodies_and_posts():
    text = ("宜昌市营商环境简报\n\n高新区行政审批局推行拿地即开工。高新区党工委副书记、管委会主任刘某某，"
            "党工委委员、管委会副主任邓某某出席。高新区建设局副局长王某介绍，已有9个项目开工。"
            "宜都经开区党工委书记黄某某出席。")
    linked = process_text(text)
    entity = {e.key: e for e in linked.entities}
    bodies = {r.text: entity[r.key].attr("place") for r in linked.refs if r.kind == "agency"}
    assert bodies == {"高新区行政审批局": "420500", "高新区建设局": "420500"}
    got = {(entity[p.official].label, p.title, p.jurisdiction) for p in linked.posts}
    assert {("刘某某", "党工委副书记", "420500"), ("邓某某", "管委会副主任", "420500"),
            ("王某", "副局长", "420500"), ("黄某某", "党工委书记", "420581")} <= got  # 宜都市's zone


def test_a_source_named_without_its_place_is_of_the_place_the_text_names_it_with():
    linked = process_text("某区推行项目管家服务\n发布日期：2024年09月12日　来源：高新区营商环境建设局\n"
                          "近日，常州高新区营商环境建设局推行项目管家服务。江苏省印发实施方案，全省推广。"
                          "江苏省自然资源厅推行标准地。")
    assert linked.home == "320400"  # 常州, not 江苏 named more often


def test_州_in_a_county_level_city_s_page_is_its_prefecture_and_市_the_city():
    got = {(title, place) for _, title, place, _ in posts(
        "凯里市营商环境简报\n\n凯里市推行一网通办。副州长张某某到凯里市调研，市长李某某陪同。")}
    assert got == {("副州长", "522600"), ("市长", "522601")}


def test_no_body_is_read_across_a_visit_nor_from_a_count_of_places():
    found = agencies("甘南州简报\n\n州长尕某某到州政务服务中心调研。合作市和七县政务服务中心推行一网通办。")
    assert set(found) == {"州政务服务中心"}
    found = agencies("雁塔区简报\n\n区政务服务中心在综合窗口和小寨街道便民服务中心推行一网通办。区住房和城乡建设局推行帮办代办。")
    assert set(found) == {"区政务服务中心", "小寨街道便民服务中心", "区住房和城乡建设局"}


def test_a_place_s_12345_hotline_named_with_its_place_is_a_body_and_bare_a_channel():
    found = agencies("佛山市顺德区简报\n\n顺德区12345政务服务便民热线开通企业专席。市12345热线中心推行接诉即办，"
                     "群众可通过12345热线反映诉求。")
    assert found["顺德区12345政务服务便民热线"][0] == "顺德区12345政务服务便民热线"
    assert found["市12345热线中心"][0] == "佛山市12345热线中心"
    assert "12345热线" not in found


def test_a_district_whose_name_many_cities_share_is_read_after_its_city():
    linked = process_text("某县简报\n\n阳泉市城区推行“拿地即开工”。阳泉市城区政务服务中心推行一网通办。")
    assert {a.place for a in linked.adoptions} == {"140302"}
    assert agencies("某县简报\n\n阳泉市城区政务服务中心推行一网通办。")["阳泉市城区政务服务中心"][0] == "阳泉市城区政务服务中心"


def test_officials_of_a_banner_a_political_legal_commission_a_bureau_s_party_committee_and_hui_surnames():
    got = {(official, title, place) for official, title, place, _ in posts(
        "莫力达瓦达斡尔族自治旗营商环境简报\n\n旗长乌云其木格，旗委常委、常务副旗长何某某陪同调研。"
        "旗委常委、政法委书记王某某出席。旗税务局党委委员、副局长何某表示，将推行免申即享。"
        "在现场会上，恩和巴图（旗政务服务中心主任）要求推行一网通办。副旗长妥进福介绍，已办理120件。"
        "副旗长曲志国主持会议。副旗长于会上指出，要推行帮办代办。")}
    assert {("乌云其木格", "旗长", "150722"), ("何某某", "常务副旗长", "150722"), ("王某某", "政法委书记", "150722"),
            ("何某", "党委委员", "150722"), ("恩和巴图", "主任", "150722"), ("妥进福", "副旗长", "150722"),
            ("曲志国", "副旗长", "150722")} <= got, got
    assert not {title for _, title, _ in got} & {"书记", "委员"}
    assert "于会上" not in {official for official, _, _ in got}


def test_a_district_named_by_its_stem_after_its_city_and_a_public_utility_s_head():
    linked = process_text("某区简报\n\n北京朝阳推行“三零”服务。上海浦东推行一网通办。辽宁朝阳推行帮办代办。")
    assert {a.place for a in linked.adoptions} == {"110105", "310115", "211300"}
    found = agencies("某区简报\n\n南京水务集团有限公司、南京港华燃气有限公司推行联合报装。西安水务（集团）有限责任公司推行"
                     "三零服务。某某科技有限公司推行一网通办。")
    assert {name: label for name, (label, _) in found.items()} == {
        "南京水务集团有限公司": "南京市水务集团有限公司", "南京港华燃气有限公司": "南京市港华燃气有限公司",
        "西安水务(集团)有限责任公司": "西安市水务(集团)有限责任公司"}  # utilities, not any firm
    got = posts("某区简报\n\n国网北京朝阳供电公司总经理柯某某介绍，推行三零服务。武汉水务集团总经理鲁某表示，推行零跑腿。"
                "某某股份有限公司总经理王某某介绍，企业受益。")
    assert {(name, title, place) for name, title, place, _ in got} == {("柯某某", "总经理", "110105"),
                                                                       ("鲁某", "总经理", "420100")}


def test_an_article_from_a_body_named_by_its_level_word_is_at_home_where_its_title_opens():
    linked = process_text("渝北区召开优化营商环境推进会\n发布时间：2024-03-12　来源：区发展改革委\n"
                          "3月11日，渝北区召开推进会。重庆是国家营商环境创新试点城市，全市推行一网通办，"
                          "重庆市出台条例，重庆江北机场海关推行提前申报。渝北区推行帮办代办。")
    assert linked.home == "500112"


def test_a_source_named_by_its_level_word_is_the_body_the_text_names_so():
    linked = process_text("盂县召开推进会\n发布时间：2024-03-12　来源：县行政审批局\n"
                          "3月11日，盂县召开推进会。县行政审批局推行承诺制，盂县行政审批服务局推行标准地。")
    bodies = {e.key for e in linked.entities if e.kind == "agency"}
    assert bodies == {"agency:盂县行政审批服务局"} and linked.publisher == "agency:盂县行政审批服务局"


def test_a_地区_s_own_bodies_and_posts_are_named_by_its_level_word():
    text = ("喀什地区营商环境工作动态\n第15期\n\n喀什地区营商办编　　2024年8月9日\n\n【工作部署】\n\n"
            "地区召开推进会\n8月6日，地区召开推进会。地委副书记、行署专员艾尔肯·吐尔逊出席，行署副专员古丽娜尔·阿不都克热木"
            "通报情况。地区发改委推行一网通办，地区市场监管局推行证照分离。")
    assert {(title, place) for _, title, place, _ in posts(text)} == {
        ("地委副书记", "653100"), ("行署专员", "653100"), ("行署副专员", "653100")}
    found = agencies(text)
    assert found["地区发改委"][0] == "喀什地区发展和改革委员会"
    assert found["地区市场监管局"][0] == "喀什地区市场监督管理局"


def test_a_body_with_its_other_name_in_brackets_is_the_body_of_the_heads_named_after_it():
    got = posts("某省简报\n\n安徽省召开推进会。省数据资源局（省政务服务管理局）党组书记、局长程某某出席会议并讲话，"
                "党组成员、副局长汪某、许某某分别主持会议。")
    assert {(name, title, place) for name, title, place, _ in got} == {
        ("程某某", "党组书记", "340000"), ("程某某", "局长", "340000"), ("汪某", "党组成员", "340000"),
        ("汪某", "副局长", "340000"), ("许某某", "党组成员", "340000"), ("许某某", "副局长", "340000")}


def test_the_12345_hotline_is_a_channel_not_a_measure():
    linked = process_text("某市简报\n\n市政务服务中心依托12345政务服务便民热线推行“接诉即办”。")
    assert labels(linked, "measure") == ["接诉即办"]


def test_a_short_place_name_before_镇_names_a_town_and_its_unit_keeps_the_town():
    # 沙河 is also the short name of 沙河市 (Hebei); 沙河镇 here is a town of 章贡区
    linked = process_text("章贡区政务服务动态\n\n沙河镇便民服务中心在辖区村（社区）设立帮办代办点，为群众提供帮办代办服务。")
    assert "沙河市" not in labels(linked, "place")
    assert "沙河镇便民服务中心" in labels(linked, "agency")
    # a place's short name before another place's name is still that place (南阳 before 镇平县)
    assert {"南阳市", "镇平县"} <= set(labels(linked := process_text("南阳镇平县推行一网通办。"), "place")), linked


def test_a_towns_unit_named_with_and_then_without_its_county_is_one_agency():
    found = agencies("赣州市南康区唐江镇召开会议。在南康区唐江镇便民服务中心，企业可办理100项事项。"
                     "唐江镇便民服务中心共办理涉企事项300件。")
    assert found["唐江镇便民服务中心"][0] == found["南康区唐江镇便民服务中心"][0]


def test_a_wechat_accounts_short_name_is_the_body_it_stands_for():
    linked = process_text("银川“跨省通办”再扩容\n\n原创　银川审批　银川审批服务　2024年04月16日 18:05　宁夏\n\n"
                          "近日，银川市审批服务管理局与西安市政务服务部门签署合作协议。")
    assert labels(linked, "agency") == ["银川市审批服务管理局"]
    assert linked.publisher == "agency:银川市审批服务管理局"


def test_a_county_short_name_right_after_a_city_it_is_not_in_is_no_place():
    # 滨海 is the short name of 滨海县 (Jiangsu); 潍坊滨海经济技术开发区 is a zone of 潍坊 (Shandong)
    linked = process_text("潍坊开发区放权赋能\n\n在潍坊滨海经济技术开发区，改革持续深化。"
                          "滨海开发区行政审批服务局推出线上服务平台。")
    assert "滨海县" not in labels(linked, "place")
    assert not [a for a in labels(linked, "agency") if a.startswith("滨海县")]


def test_a_zones_body_named_by_the_zones_kind_alone_is_the_citys():
    found = agencies("潍坊开发区放权赋能\n\n今年以来，潍坊市推动权限向开发区下放。高新区管委会推行“标准地+承诺制”审批模式。")
    assert found["高新区管委会"][0] == "潍坊市高新技术产业开发区管理委员会"


def test_a_towns_government_is_an_agency_but_a_kind_of_government_is_not():
    found = agencies("某镇企业服务站让企业少跑路\n\n为解决企业主不熟悉网上办事的问题，唐江镇政府组建了帮代办队伍。"
                     "各乡镇政府要落实，推进数字政府建设。")
    assert "唐江镇政府" in found
    assert not [s for s in found if "乡镇政府" in s or "数字政府" in s]


def test_a_city_title_on_a_provinces_page_is_the_city_named_before_it_in_the_item():
    linked = process_text("某省优化营商环境典型做法\n\n发布日期：2024-08-22　　来源：甘肃省营商环境建设局\n\n"
                          "三、陇南市：“企业诉求一线通”推动诉求快办\n\n陇南市依托12345热线开通企业诉求专线。"
                          "副市长赵丽萍介绍，专线开通以来共受理企业诉求1480件。")
    assert [(p.title, p.jurisdiction) for p in linked.posts] == [("副市长", "621200")]


def test_a_local_tax_bureaus_full_name_is_one_agency():
    found = agencies("某区推广非接触式办税\n\n国家税务总局赣州市章贡区税务局依托电子税务局推广“非接触式”办税缴费。")
    assert "国家税务总局" not in found
    assert found["赣州市章贡区税务局"][0].endswith("章贡区税务局")
    assert "国家税务总局" in agencies("国家税务总局推行非接触式办税。")


def test_the_bureau_a_page_is_about_named_by_局_alone_gives_its_heads_post():
    found = posts("某县推行信用修复\n\n涟水县市场监督管理局推行信用修复“两书同达”。县局局长陈某某表示，下一步将在全县推开。")
    assert ("陈某某", "局长", "320826", None) in [(n, t, j, None) for n, t, j, _ in found]
    found = posts("霍邱县推行交地即交证\n\n霍邱县自然资源和规划局推行“交地即交证”。局党组书记、局长曹某某表示，将扩展到经营性用地。")
    assert {(t, j) for _, t, j, _ in found} >= {("党组书记", "341522"), ("局长", "341522")}


def test_a_towns_party_secretary_holds_a_post_in_its_county():
    found = posts("南康区唐江镇推行企业服务站\n\n“我们把审批窗口搬到了企业家门口。”唐江镇党委书记刘某某说。")
    assert [(t, j) for _, t, j, _ in found] == [("镇党委书记", "360703")]


def test_商城_is_a_mall_not_商城县():
    linked = process_text("某区服务烧烤商户\n\n河南省濮阳市来考察。“进淄赶烤”热潮带动周村古商城周边商户增多。")
    assert "商城县" not in labels(linked, "place")


def test_a_short_name_the_document_also_gives_in_full_is_the_same_body():
    # 营商办 alone expands to 优化营商环境办公室; the document's full name says which office it is
    found = agencies("某市优化营商环境工作简报\n\n近日，九江市优化营商环境工作领导小组办公室召开会议。"
                     "市营商办主任出席并讲话。市审批局、九江市行政审批服务管理局参加。")
    assert found["市营商办"][0] == "九江市优化营商环境工作领导小组办公室"
    assert found["市审批局"][0] == "九江市行政审批服务管理局"
    assert "九江市优化营商环境办公室" not in found["市营商办"][1]


def test_a_short_name_stays_its_own_body_beside_a_unit_or_another_body():
    found = agencies("某县简报\n\n九江市税务局稽查局查处案件。九江市税务局召开会议。市营商环境局推行改革。"
                     "市人大常委会听取报告，九江市人民代表大会常委会财政经济工作委员会参加。"
                     "九江市营商环境建设监督局、九江市营商环境建设局参加。")
    assert found["九江市税务局"][0] != found["九江市税务局稽查局"][0]
    assert found["市人大常委会"][0] == "九江市人民代表大会常务委员会"
    # two bodies of the city the short name could stand for: no guess
    assert found["市营商环境局"][0] not in (found["九江市营商环境建设监督局"][0],
                                             found["九江市营商环境建设局"][0])


def test_县_is_a_county_not_the_county_level_city_the_item_is_about():
    # a county's report on a study trip to 昆山市 (a county-level city): 县营商办 is the county's own
    found = agencies("关于赴江苏昆山考察学习的调研报告\n\n澧县优化营商环境工作领导小组办公室\n（2023年12月5日）\n\n"
                     "11月21日，县营商办、县行政审批服务局负责同志赴江苏省昆山市考察学习。")
    assert found["县营商办"][0].startswith("澧县")
    assert found["县行政审批服务局"][0] == "澧县行政审批服务局"


def test_a_stacked_title_by_level_word_keeps_the_city_written_before_the_stack():
    # 海宁市 is a county-level city: its 副市长 is not the prefecture's the level word would give
    got = posts("澧县考察组赴浙江学习\n\n11月22日，考察组在海宁市座谈。海宁市委常委、副市长周晓岚陪同考察。")
    assert ("周晓岚", "副市长", "330481", None) in got


def test_the_office_for_taiwan_hong_kong_and_macao_affairs_is_an_agency():
    got = posts("某市出台若干措施\n\n厦门市台港澳办副主任郑志明3月26日接受采访。")
    assert got == [("郑志明", "副主任", "350200", "厦门市台港澳事务办公室")]


def test_a_minutes_roster_on_one_line_gives_each_name_the_posts_in_brackets_after_it():
    got = posts("张家口市营商环境工作动态\n第5期\n张家口市营商办　2024年3月4日\n\n市政府召开专题会议\n"
                "3月1日，市政府召开优化营商环境专题会议，研究部署重点工作。\n"
                "出席：王建远（市委常委、常务副市长）、李国强（副市长）\n列席：赵晓兵（市营商办主任）")
    assert {("王建远", "常务副市长", "130700", None), ("李国强", "副市长", "130700", None)} <= set(got)
    assert ("赵晓兵", "主任", "130700", "张家口市优化营商环境办公室") in got


def test_a_name_without_a_han_surname_is_taken_when_the_model_reads_a_person():
    got = posts("某县简报\n\n11月2日，堆龙德庆区副区长次仁在启用仪式上说，全区将推行帮办代办。"
                "霍尔果斯市委副书记、市长买买提·艾力在总结会上要求，推行一网通办。")
    assert {("次仁", "副区长", "540103", None), ("买买提·艾力", "市长", "654004", None)} <= set(got)
    # a title followed by what it does, not by a name, gives no official
    assert posts("某局简报\n\n市行政审批局开展局长走流程活动。市长表示要推行一网通办。") == []


def test_an_ethnic_townships_unit_keeps_the_whole_township_and_a_countys_townships_are_no_body():
    found = agencies("某市总结\n\n伊车嘎善锡伯族乡便民服务中心推行帮办代办。"
                     "1至5月，酉阳县乡镇便民服务中心累计帮办代办事项3000件。酉阳县龙潭镇便民服务中心推行延时服务。")
    assert "伊车嘎善锡伯族乡便民服务中心" in found
    assert not [s for s in found if "乡镇便民" in s]
    assert "酉阳县龙潭镇便民服务中心" in found


def test_a_verb_cuts_an_agency_and_units_of_a_class_of_streets_or_towns_are_no_body():
    found = agencies("沧州市简报\n\n今年以来，全市86项高频事项下沉至街道便民服务中心，群众在家门口即可办理。"
                     "百色市靖西市部分乡镇便民服务中心开展延时服务。古南街道便民服务中心推行帮办。"
                     "市委常委、副市长钱志刚带领市营商环境建设监督局负责同志调研。")
    assert "古南街道便民服务中心" in found
    assert not [s for s in found if "下沉" in s or "部分" in s or s.startswith(("至", "街道")) or "带领" in s]


def test_a_body_of_a_place_whose_name_others_share_is_the_place_the_page_is_about():
    # 城关区 is a district of 兰州 and of 拉萨
    got = posts("兰州市优化营商环境新闻发布会\n\n发布人：兰州市营商环境建设局局长 王振华\n\n"
                "今天我们邀请到城关区人民政府副区长孙立平先生。城关区推行一业一证。")
    assert ("孙立平", "副区长", "620102", "城关区人民政府") in got


def test_a_transliterated_name_is_whole_however_the_model_cuts_it():
    got = posts("某市简报\n\n霍尔果斯市委副书记、市长阿不都·热合曼在总结会上要求，推行一网通办。")
    assert ("阿不都·热合曼", "市长", "654004", None) in got


def test_a_tax_office_named_with_and_without_its_national_body_is_one_body():
    found = agencies("沧州税务推出征纳互动服务\n\n发布时间：2024-05-27　　信息来源：国家税务总局沧州市税务局\n\n"
                     "今年以来，国家税务总局沧州市税务局深入开展便民办税春风行动。沧州市税务局依托征纳互动平台"
                     "为纳税人答疑。")
    assert found["沧州市税务局"][0] == found["国家税务总局沧州市税务局"][0] == "国家税务总局沧州市税务局"


def test_the_economic_zone_海西_is_no_place():
    linked = process_text("某市政务动态\n\n下一步，我市将拓展与海西经济区、粤港澳大湾区城市的合作。")
    assert "632800" not in {e.key.removeprefix("place:") for e in linked.entities}


def test_a_district_s_政务服务办_is_its_government_services_office():
    found = agencies("某市简报\n\n签约仪式上，滨海新区政务服务办副主任王某某致辞。")
    assert found["滨海新区政务服务办"][0] == "滨海新区政务服务办公室"
    assert "天津市滨海新区政务服务办公室" in found["滨海新区政务服务办"][1]


def test_a_head_opening_the_sentence_after_one_naming_a_body_is_that_body_s():
    found = posts("某市简报\n\n寿光市行政审批服务局在项目签约后即组建服务专班，提前介入。局长王某某介绍，"
                  "今年以来已有7个项目实现拿地即开工。")
    assert found == [("王某某", "局长", "370783", "寿光市行政审批服务局")]
    two = posts("某市简报\n\n寿光市行政审批服务局和寿光市住房和城乡建设局组建服务专班。局长王某某介绍，已有7个项目开工。")
    assert two == [("王某某", "局长", None, None)]  # two bodies: whose head is not said


def test_an_office_s_full_name_is_not_cut_at_its_short_name_ending_in_办():
    found = agencies("某市简报\n\n兰州市人民政府新闻办公室举行发布会。宁波市鄞州区政务服务办公室召开会议。")
    assert found["兰州市人民政府新闻办公室"][0] == "兰州市人民政府新闻办公室"
    assert found["宁波市鄞州区政务服务办公室"][0] == "鄞州区政务服务办公室"


def test_a_body_named_after_对照_or_参照_is_found():
    for verb in ("对照", "对标", "参照", "比照", "对接"):
        found = agencies(f"某市简报\n\n襄阳市市场监管局{verb}省市场监管局工作要求，全面推行证照分离改革。")
        assert found.get("省市场监管局", ("",))[0] == "湖北省市场监督管理局", verb


def test_a_post_set_off_after_the_name_in_brackets_or_commas_is_the_name_s():
    got = posts("某市简报\n\n座谈会上，20余家企业代表与乌日娜（赛罕区委副书记、区长）面对面交流。")
    assert ("乌日娜", "区长", "150105", None) in got
    got = posts("某市简报\n\n“办事越快。”陈晓东，眉县县委副书记、县长，日前在县政务服务中心调研时表示，要推行帮办代办。")
    assert ("陈晓东", "县长", "610326", None) in got
    # a comma that does not open the clause with the name sets off no post
    assert not posts("某市简报\n\n会议由办公室主持，市委副书记、市长出席。")


def test_a_branch_named_by_the_place_it_serves_keeps_its_body_s_name():
    found = agencies("某市简报\n\n晋中市财政局联合中国人民银行晋中市分行推广政采贷。"
                     "湖州市自然资源和规划局德清分局推行带方案出让。")
    assert found["中国人民银行晋中市分行"][0] == "中国人民银行晋中市分行"
    assert found["湖州市自然资源和规划局德清分局"][0] == "湖州市自然资源和规划局德清分局"
    assert "中国人民银行" not in found and "湖州市自然资源和规划局" not in found


def test_a_branch_named_by_a_district_of_its_holder_s_city_without_the_level_word_lies_there():
    linked = process_text("某区简报\n\n大连市自然资源局甘井子分局会同区住建局推行拿地即开工。"
                          "国网济南供电公司历下供电分公司推行“三零”服务。")
    entity = {e.key: e for e in linked.entities}
    placed = {entity[r.key].label: entity[r.key].attr("place") for r in linked.refs if r.kind == "agency"}
    assert placed["大连市自然资源局甘井子分局"] == "210211"  # 甘井子区, not 大连市
    assert placed["国网济南供电公司历下供电分公司"] == "370102"  # 历下区
    assert {a.place for a in linked.adoptions} == {"210211", "370102"}
    # a word after the holder that names no district of its city: the branch stays the city's
    other = process_text("某区简报\n\n济南市税务局稽查分局推行首违不罚。")
    assert {a.place for a in other.adoptions} == {"370100"}


def test_a_title_issued_in_a_sentence_about_a_place_is_the_place_s():
    linked = process_text("某市简报\n\n与此同时，赛罕区推行涉企检查“综合查一次”，并制定《赛罕区轻微违法行为免罚清单》，"
                          "推行首违不罚。吴忠市中级人民法院与吴忠市人民政府会签《吴忠市破产处置府院联动实施办法》。")
    issued = {key.removeprefix("document:"): issuers for key, issuers, _, _ in linked.issued}
    assert issued["赛罕区轻微违法行为免罚清单"] == ("place:150105",)
    assert set(issued["吴忠市破产处置府院联动实施办法"]) == {"agency:吴忠市中级人民法院", "agency:吴忠市人民政府"}


def test_heads_written_with_an_aside_this_body_a_surname_taken_for_a_preposition_and_a_customs_chief():
    assert ("马建国", "主任", "513401", "西昌市政务服务和公共资源交易服务中心") in posts(
        "西昌市简报\n\n西昌市政务服务和公共资源交易服务中心主任（市行政审批局局长）马建国表示，将推动联合报装。")
    assert ("陆春燕", "党组书记", "451422", "宁明县市场监督管理局") in posts(
        "某市简报\n\n宁明县市场监督管理局联合县税务局推出服务包。该局党组书记陆春燕介绍，今年已有37户完成。")
    assert ("向红英", "主席", "500114", "黔江区政协") in posts("黔江区简报\n\n区人大常委会主任冉德明，区政协主席向红英出席会议。")
    got = posts("某市简报\n\n据河口海关关长张成介绍，今年1至10月河口口岸进出口货物增长。")
    assert [(name, title, agency) for name, title, _, agency in got] == [("张成", "关长", "河口海关")]
    got = posts("浦东新区政务服务周报\n\n浦东海关关长卢某某出席。")  # 浦东 names 浦东新区
    assert [(name, title, place) for name, title, place, _ in got] == [("卢某某", "关长", "310115")]


def test_a_bank_s_branch_is_named_with_the_bank_and_a_bank_s_city_is_no_other_place():
    found = agencies("唐山市简报\n\n中国建设银行唐山曹妃甸支行推出带押过户。凉州区税务局与甘肃银行武威分行推出税银互动。")
    assert found["中国建设银行唐山曹妃甸支行"][0] == "中国建设银行唐山曹妃甸支行"
    assert found["甘肃银行武威分行"][0] == "甘肃银行武威分行" and "凉州区税务局" in found
    linked = process_text("唐山市简报\n\n中国建设银行唐山分行推出带押过户。")
    assert "130125" not in {e.key.removeprefix("place:") for e in linked.entities}  # 行唐县 is not in 银行唐山


def test_a_committee_before_and_names_another_body_and_a_visit_to_a_centre_names_none():
    found = agencies("黔江区优化营商环境工作简报\n第3期\n黔江区营商环境办　　2024年3月1日\n【工作动态】\n某事\n"
                     "区发展改革委与中国农业银行签订协议。常务副区长陈立新到中心调研时强调，要推行一窗综办。")
    assert found.get("区发展改革委", ("",))[0] == "黔江区发展和改革委员会"
    assert not [name for name in found if "陈立新" in name or "与" in name]


def test_会同_after_a_body_is_a_verb_not_the_county():
    linked = process_text("梨树县简报\n\n当天，县政数局即会同县市场监督管理局优化申请表单。市发改委会同县财政局推行联审。")
    assert "431225" not in {e.key.removeprefix("place:") for e in linked.entities}
    linked = process_text("怀化市简报\n\n会同县推行“一件事一次办”，企业开办实现一日办结。")
    assert "431225" in {e.key.removeprefix("place:") for e in linked.entities}


def test_a_state_company_s_branch_is_named_with_the_company():
    found = agencies("晋江市简报\n\n晋江市水务集团、中国电信晋江分公司推行联合报装，一次申请。")
    assert found["中国电信晋江分公司"][0] == "中国电信晋江市分公司"
    assert "中国电信" not in found


def test_a_committee_convening_its_standing_committee_is_the_body_and_keeps_中共_in_front():
    found = agencies("松江区简报\n\n松江区委召开常委会会议，研究营商环境工作。")
    assert found["松江区委"][0] == "中共松江区委员会"
    assert "中共上海市松江区委员会" in found["松江区委"][1]
    assert not [name for name in found if "召开" in name]


def test_a_districts_bare_name_in_its_own_bulletin_is_the_district_not_a_city_of_that_name():
    linked = process_text("营商环境工作动态\n\n北京市朝阳区优化营商环境工作领导小组办公室编\n\n"
                          "区法院与朝阳税务局建立协同机制\n\n"
                          "北京市朝阳区人民法院与朝阳税务局会签实施意见，朝阳税务局局长王明出席。")
    assert "朝阳市" not in labels(linked, "place") and "朝阳县" not in labels(linked, "place")
    entity = {e.key: e for e in linked.entities}
    taxes = {entity[r.key].attr("place") for r in linked.refs if r.kind == "agency" and r.text == "朝阳税务局"}
    assert taxes == {"110105"}
    # in a bulletin of 辽宁 the bare name is still the city
    linked = process_text("辽宁营商环境动态\n\n朝阳税务局推行“首违不罚”，沈阳市跟进。")
    assert "朝阳市" in labels(linked, "place")


def test_an_item_opening_on_the_home_places_leaders_visiting_elsewhere_reports_on_home():
    linked = process_text("某区政务服务周报\n2023年第45期\n\n长春市朝阳区政务服务和数字化建设管理局　　2023年11月20日\n\n"
                          "【本周工作】\n考察学习接诉即办经验\n"
                          "11月15日，区委书记郭振华带领考察组赴北京市朝阳区学习。"
                          "考察组详细了解了北京市朝阳区12345热线的闭环机制。返回后，我区决定试行“接诉即办”。")
    entity = {e.key: e for e in linked.entities}
    assert {p.jurisdiction for p in linked.posts if entity[p.official].label == "郭振华"} == {"220104"}
    assert {a.place for a in linked.adoptions} == {"220104"}


def test_市_in_a_county_level_citys_bulletin_is_that_city_when_its_prefecture_visits_or_is_named():
    masthead = "永城市营商环境周报\n第12期\n永城市优化营商环境工作专班办公室　　2024年3月25日\n\n【工作动态】\n"
    linked = process_text(masthead + "商丘市副市长李慧敏到我市督导营商环境评价迎评工作\n"
                          "3月21日，商丘市副市长李慧敏带队到我市督导迎评准备工作，市委副书记、市长张振华陪同。")
    got = {(p.title, p.jurisdiction) for p in posts_of(linked, "张振华")}
    assert got == {("市委副书记", "411481"), ("市长", "411481")}
    linked = process_text(masthead + "企业服务专区上线\n"
                          "5月16日，企业服务专区正式上线，这是商丘市首个由县级市建设的专区。市委常委、副市长许文杰出席。")
    assert {p.jurisdiction for p in posts_of(linked, "许文杰")} == {"411481"}


def test_a_bare_district_name_and_an_ambiguous_one_on_a_citys_page_are_the_citys_districts():
    linked = process_text("朝阳、丰台等区推出优化营商环境新举措\n来源：北京市发展和改革委员会　发布时间：2024-03-08\n\n"
                          "朝阳区在去年试点基础上扩大一业一证。3月5日，朝阳区政务服务中心与吉林省长春市朝阳区"
                          "政务服务中心签订“跨省通办”合作协议。")
    codes = {r.key for r in linked.refs if r.kind == "place" and r.text.startswith("朝阳")}
    assert codes == {"place:110105", "place:220104"}
    assert "朝阳市" not in labels(linked, "place")


def test_a_level_word_in_a_paragraph_labelled_with_a_place_is_that_places():
    linked = process_text("朝阳区等区推出优化营商环境新举措\n来源：北京市发展和改革委员会　发布时间：2024-03-08\n\n"
                          "朝阳区：“一业一证”扩面。朝阳区将“一业一证”改革扩展至23个行业。\n"
                          "丰台区：“免申即享”让政策找企业。丰台区对38项政策实行“免申即享”。区长何振宇要求扩大到60项。")
    assert {p.jurisdiction for p in posts_of(linked, "何振宇")} == {"110106"}


def test_a_shared_name_written_bare_is_the_other_reading_than_the_one_written_after_its_city():
    linked = process_text("我区签订跨省通办协议\n来源：区行政审批局　发布时间：2023年05月19日\n\n"
                          "5月18日，青山区政务服务中心正式启用“一业一证”专窗。按照武汉市的部署，青山区年内将扩大改革范围。"
                          "同日，青山区与内蒙古包头市青山区签订“跨省通办”合作协议。")
    codes = [r.key for r in linked.refs if r.kind == "place" and r.text == "青山区"]
    assert codes == ["place:420107", "place:420107", "place:420107", "place:150204"]


def test_a_page_from_a_district_body_named_by_its_level_word_is_the_districts():
    linked = process_text("我区发出首批行业综合许可证\n来源：区行政审批局　发布时间：2023年05月19日\n\n"
                          "5月18日，江汉区政务服务中心发出首张行业综合许可证，区委常委、副区长潘景明颁证。"
                          "按照武汉市人民政府办公厅印发的实施方案，江汉区年内将扩大改革范围，推动许可证在武汉市通用。"
                          "武汉市各区将陆续跟进。")
    assert linked.home == "420103"
    assert {p.jurisdiction for p in posts_of(linked, "潘景明")} == {"420103"}


def test_a_weeklys_week_is_its_issue_and_its_publisher_under_the_period_places_it():
    linked = process_text("江北区优化营商环境工作周报\n（2024年第23周　6月3日—6月9日）\n\n"
                          "重庆市江北区发展和改革委员会（区营商办）　　2024年6月11日\n\n一、重点工作\n\n"
                          "1. 宁波江北区考察团来访。浙江省宁波市江北区副区长孙婷率队来我区考察，区长邱明会见。")
    assert (linked.seg.masthead.issue, linked.home) == (23, "500105")
    assert {p.jurisdiction for p in posts_of(linked, "邱明")} == {"500105"}


def test_an_article_headed_by_a_shared_district_name_is_the_reading_its_text_gives_most():
    linked = process_text("鼓楼区召开优化营商环境推进会\n来源：区营商办　　发布时间：2024-04-18 10:32\n\n"
                          "4月17日，鼓楼区召开推进会，福州市营商办负责同志到会指导。鼓楼区将深化“一件事一次办”。"
                          "会上，鼓楼区与江苏省南京市鼓楼区签订合作协议。")
    assert linked.home == "350102"


def test_an_acting_county_head_is_no_place_and_a_mayor_listed_after_a_county_level_citys_secretary_is_its():
    linked = process_text("营商环境工作动态\n第12期\n灵璧县优化营商环境工作领导小组办公室　　2024年7月1日\n\n"
                          "【工作动态】\n县政府召开常务会议\n县委副书记、代县长卢静主持会议。")
    assert "代县" not in labels(linked, "place")
    assert {p.jurisdiction for p in posts_of(linked, "卢静")} == {"341323"}
    linked = process_text("营商环境简报\n第15期\n鞍山市营商环境建设局　　2024年5月1日\n\n【工作动态】\n"
                          "鞍山市推进证照分离改革\n鞍山市全面推进证照分离改革；海城市委书记吴国强、市长郑博文出席海城市推进会。")
    assert {p.jurisdiction for p in posts_of(linked, "郑博文")} == {"210381"}


def test_a_verb_after_a_title_is_no_name_though_it_starts_with_a_surname():
    linked = process_text("某县动态\n\n县委召开会议。蒋书记强调，要纵深推进改革。杨帆县长表示，要把帮办做实。副县长强建国出席。")
    assert sorted(labels(linked, "official")) == ["强建国", "杨帆"]


def issuers_of(text: str) -> dict[str, set[str]]:
    linked = process_text(text)
    label = {e.key: e.label for e in linked.entities}
    return {label[d]: {label[a] for a in issuers} for d, issuers, *_ in linked.issued}


def test_issuers_named_after_a_title_issue_it():
    head = "营商动态\n第12期\n灵璧县营商办　2024年7月1日\n\n【工作动态】\n县委召开会议\n"
    got = issuers_of(head + "会议原则通过《灵璧县优化营商环境攻坚行动方案》，会后由县委办、县政府办联合印发实施。")
    assert got == {"灵璧县优化营商环境攻坚行动方案": {"中共灵璧县委办公室", "灵璧县人民政府办公室"}}
    got = issuers_of(head + "会议审议《灵璧县营商环境创新试点实施方案》，会议同意以县政府办公室名义印发。")
    assert got == {"灵璧县营商环境创新试点实施方案": {"灵璧县人民政府办公室"}}
    got = issuers_of(head + "会议通报了《灵璧县优化营商环境十条措施》落实情况。该措施由县委、县政府于今年3月印发。")
    assert got == {"灵璧县优化营商环境十条措施": {"中共灵璧县委员会", "灵璧县人民政府"}}


def test_a_town_body_named_by_its_level_word_is_the_towns_named_before_it():
    got = agencies("寿光市营商动态\n第5期\n寿光市营商办　2024年5月1日\n\n【工作动态】\n镇街推行帮办\n"
                   "羊口镇依托镇便民服务中心设立帮办代办专窗。全市推行延时服务，镇便民服务中心周末也开放。")
    assert got["镇便民服务中心"][0] == "寿光市羊口镇便民服务中心"
    assert "羊口镇便民服务中心" in got["镇便民服务中心"][1]


def test_该市_refers_back_to_the_city_named_before_it():
    linked = process_text("南宁市营商环境动态\n第5期\n南宁市营商办　2024年5月1日\n\n【工作动态】\n南宁市举办营商环境交流会\n"
                          "玉林市在发言中谈到，该市去年借鉴南宁经验，推出了本地版“拿地即开工”。")
    assert [r.key for r in linked.refs if r.kind == "place" and r.text == "该市"] == ["place:450900"]
