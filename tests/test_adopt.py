"""Adoptions on short invented texts: who carries out a measure, and when."""
from __future__ import annotations

from kg.pipeline import process_text


def adopters(text: str, name: str = "text.txt") -> set[tuple[str, str]]:
    linked = process_text(text, name)
    label = {e.key: e.label for e in linked.entities}
    return {(label["place:" + a.place], label[a.measure]) for a in linked.adoptions}


def test_an_agency_giving_instructions_does_not_adopt():
    got = adopters("清河县深化“放管服”改革\n\n"
                   "近年来,清河县认真贯彻落实河北省委、河北省政府工作部署,深化“放管服”改革。")
    assert ("清河县", "放管服") in got
    assert ("河北省", "放管服") not in got


def test_an_agency_named_in_a_document_title_does_not_adopt():
    got = adopters("新建区推行“一窗受理”改革\n\n"
                   "根据《江西省人民政府关于深化“一窗受理”改革的通知》要求,南昌市新建区全面推行“一窗受理”改革。")
    assert ("新建区", "一窗受理") in got
    assert ("江西省", "一窗受理") not in got


def test_an_agency_that_acts_adopts():
    got = adopters("两省首次完成远程异地评标\n\n"
                   "平顶山市公共资源交易中心作为主场,河南省公共资源交易中心作为副场,共同实施远程异地评标。")
    assert ("河南省", "远程异地评标") in got


def adoption_dates(text: str) -> set[str | None]:
    return {a.date for a in process_text(text).adoptions}


def test_a_target_year_is_not_the_date_of_an_adoption():
    assert adoption_dates("清河县推行“一窗受理”改革\n\n2023年5月,清河县推行“一窗受理”改革,力争到2027年底全面覆盖。") \
        == {"2023-05-01"}
    assert adoption_dates("清河县推行“一窗受理”改革\n\n清河县推行“一窗受理”改革,力争到2027年底全面覆盖。") == {None}


def test_every_place_of_a_list_carries_out_the_measure():
    got = adopters("五城开展远程异地评标试点\n\n"
                   "省里决定在郑州、洛阳、开封、平顶山、南阳等5个城市开展远程异地评标试点。")
    assert {p for p, m in got if m == "远程异地评标"} >= {"郑州市", "洛阳市", "开封市", "平顶山市", "南阳市"}


def test_a_place_where_a_meeting_is_held_is_not_a_list_of_adopters():
    got = adopters("远程异地评标推进会召开\n\n全省在郑州召开推进会,部署开展远程异地评标工作。")
    assert ("郑州市", "远程异地评标") not in got


def stages(text: str) -> set[tuple[str, str]]:
    linked = process_text(text)
    label = {e.key: e.label for e in linked.entities}
    return {(label["place:" + a.place], a.stage) for a in linked.adoptions}


def test_the_agent_of_a_passive_does_not_adopt():
    got = adopters("清河县推行“一窗受理”改革\n\n"
                   "清河县“一窗受理”改革经验被河北省发展改革委在全省推广,“周末不打烊”服务受到好评。")
    assert ("清河县", "一窗受理") in got
    assert ("河北省", "周末不打烊") not in got and ("河北省", "延时错时预约服务") not in got


def test_promotion_counts_only_in_the_clause_of_the_measure():
    got = adopters("清河县政务服务创新\n\n"
                   "清河县容缺受理经验在全省推广,“周末不打烊”服务受到群众欢迎。")
    assert not any(p == "河北省" and m in ("周末不打烊", "延时错时预约服务") for p, m in got)


def test_an_agency_that_publishes_a_list_does_not_adopt():
    got = adopters("清河县三项举措入选典型经验\n\n"
                   "在河北省发展改革委发布的优化营商环境典型经验中,清河县“一窗受理”“证照分离”两项举措成功入选。")
    assert ("清河县", "一窗受理") in got
    assert not any(p == "河北省" for p, _ in got)


def test_an_agency_giving_thanks_does_not_adopt():
    got = adopters("清河县行政审批局收到感谢信\n\n"
                   "信中,河北省行政审批局对该局在推动全省“一窗受理”改革中作出的积极贡献给予高度肯定。")
    assert ("河北省", "一窗受理") not in got


def test_being_ranked_in_an_evaluation_is_not_carrying_it_out():
    got = adopters("清河县获佳绩\n\n"
                   "清河县在2024年河北省“营商环境评价”中位列全省第一档。"
                   "在世界银行营商环境评价中,我国排名大幅上升。")
    assert not any(m == "营商环境评价" for _, m in got)
    got = adopters("沧州市召开营商环境评价动员会\n\n"
                   "沧州市召开会议,部署开展全市营商环境评价工作。")
    assert ("沧州市", "营商环境评价") in got


def test_a_measure_inside_an_agency_name_is_not_adopted():
    got = adopters("清河县行政审批局收到河北省营商环境投诉举报中心感谢信\n\n"
                   "清河县行政审批局收到河北省营商环境投诉举报中心的感谢信。")
    assert not any(m == "营商环境投诉举报" for _, m in got)


def test_a_document_named_as_instructions_adopts_nothing():
    got = adopters("新建区一链办理\n\n"
                   "根据《江西省人民政府关于深入推进“放管服”改革的通知》要求,新建区编制事项清单。")
    assert not any(m == "放管服" for _, m in got)


def test_a_document_issued_by_a_national_body_is_not_the_places_adoption():
    got = adopters("国务院关于开展营商环境创新试点工作的意见\n\n"
                   "国务院关于开展营商环境创新试点工作的意见\n河北省各市县人民政府:现就有关事项通知如下。")
    assert not any(m == "营商环境创新试点" for _, m in got)


def test_a_goal_is_planned():
    assert ("清河县", "planned") in stages("清河县政务服务\n\n清河县力争年底前全面实现“一窗受理”。")


def test_a_yearless_day_takes_the_year_of_the_item():
    got = adoption_dates("本网讯 省发展改革委3月21日发布,清河县启动开展“营商环境创新试点”申报。\n"
                         "据悉,清河县已于2019年3月18日完成前期准备。")
    assert got == {"2019-03-21"}


def test_the_place_a_sentence_opens_with_carries_out_its_measures():
    got = adopters("河北省政务服务动态\n\n"
                   "河北省各地持续优化营商环境。2021年,清河县坚持问题导向,着力推进“三个提升”。")
    assert ("清河县", "三个提升") in got
    assert ("河北省", "三个提升") not in got


def test_the_places_a_sentence_opens_with_a_list_of_carry_out_its_measures():
    got = adopters("邢台市政务服务动态\n\n"
                   "邢台市持续优化营商环境。今年以来，清河县、威县和临西县先行先试，着力推进“三个提升”。")
    assert {p for p, m in got if m == "三个提升"} == {"清河县", "威县", "临西县"}


def test_the_place_a_measure_belongs_to_carries_it_out():
    got = adopters("河北省政务服务动态\n\n要进一步总结推广清河县的“一窗受理”改革。")
    assert ("清河县", "一窗受理") in got and ("河北省", "一窗受理") not in got


def test_an_actor_of_no_place_keeps_the_items_place_out():
    got = adopters("广东省用电营商环境\n\n会议指出,南方电网公司在广州创新推出了“四办”(主动办、线上办、联席办、一次办)。")
    assert ("广州市", "四办") in got
    assert ("广东省", "四办") not in got


def test_an_editors_note_does_not_decide_what_the_item_is_about():
    got = adopters("编者按:全省各地认真落实省委部署,涌现出一批典型经验。\n"
                   "——清河县深化“一窗受理”改革典型经验\n"
                   "一是事项目录统一下沉。将50个“就近办”事项下沉乡镇。")
    assert ("清河县", "就近办") in got


def test_the_places_listed_as_pilots_carry_out_the_pilot():
    got = adopters("关于开展营商环境创新试点工作的意见\n\n"
                   "选择部分城市开展营商环境创新试点工作。首批试点城市为石家庄、太原、沈阳3个城市。")
    assert {p for p, m in got if m == "营商环境创新试点"} >= {"石家庄市", "太原市", "沈阳市"}


def test_a_strong_verb_may_name_the_field_before_the_measure():
    got = adopters("清河县政务服务\n\n清河县规范推行政务服务容缺受理模式。")
    assert ("清河县", "容缺受理") in got
    got = adopters("清河县政务服务\n\n清河县全面实施经营主体登记全程电子化。")
    assert ("清河县", "企业登记全程电子化") in got


def test_a_place_ranked_first_is_not_the_actor():
    got = adopters("清河县政务服务\n\n清河县持续发力。全省率先推行“一窗受理”改革,群众满意。")
    assert ("清河县", "一窗受理") in got and ("河北省", "一窗受理") not in got


def test_a_local_office_of_unknown_place_leaves_the_items_place():
    got = adopters("清河县政务服务\n\n清河县持续发力。东关街便民服务中心推行“一窗受理”改革。")
    assert ("清河县", "一窗受理") in got


def test_a_place_brought_in_as_an_example_carries_out_its_measure():
    got = adopters("河北省政务服务动态\n\n各地亮点纷呈。如邢台市推出“一窗受理”改革,群众满意。")
    assert ("邢台市", "一窗受理") in got and ("河北省", "一窗受理") not in got


def test_the_place_a_sentence_opens_on_as_its_scene_carries_out_its_measure():
    got = adopters("河北省政务服务动态\n\n邢台市持续优化服务。在河北省邢台市清河县某镇便民服务站,“一窗受理”窗口前秩序井然。")
    assert ("清河县", "一窗受理") in got and ("邢台市", "一窗受理") not in got
    # the venue of a meeting is no scene of adoption
    got = adopters("河北省政务服务动态\n\n在邢台市召开的现场会上,与会人员交流“一窗受理”改革做法。")
    assert ("邢台市", "一窗受理") not in got
    # nor is a leadership one
    got = adopters("清河县政务服务动态\n\n清河县持续发力。在河北省委的坚强领导下,“一窗受理”改革成效明显。")
    assert ("清河县", "一窗受理") in got and ("河北省", "一窗受理") not in got


def test_deputies_proposing_a_motion_do_not_carry_it_out():
    got = adopters("北京市政府议案办理报告\n\n"
                   "海淀区代表团和30位代表提出5件议案,合并为“深化放管服改革”议案,交由市政府办理。")
    assert ("北京市", "放管服") in got and ("海淀区", "放管服") not in got


def test_a_measure_covering_levels_of_government_is_carried_out():
    got = adopters("河北省政务服务动态\n\n河北省计划,年底前在全省完成市县两级行政审批局全覆盖。")
    assert ("河北省", "组建行政审批局") in got


def test_each_clause_of_a_list_of_places_names_its_own_adopter():
    got = adopters("帮办代办体系更加完善\n\n"
                   "禹州市推行“项目管家”制度，长葛市推出“拿地即开工”审批模式，鄢陵县打造“花都e办”品牌。")
    assert {("禹州市", "项目管家"), ("长葛市", "拿地即开工"), ("鄢陵县", "花都e办")} <= got
    assert ("禹州市", "拿地即开工") not in got and ("禹州市", "花都e办") not in got


def test_a_body_designating_a_pilot_does_not_adopt_its_measure():
    got = adopters("郎溪县获批全省改革试点\n\n日前，安徽省住房城乡建设厅确定郎溪县为全省工程建设项目“用地清单制”改革试点县。")
    assert ("郎溪县", "用地清单制") in got
    assert ("安徽省", "用地清单制") not in got


def test_a_verb_before_a_list_of_measures_serves_each():
    got = adopters("某区推行一业一证\n\n龙岩市新罗区在18个行业推行“一业一证”改革。新罗区还同步推行“证照联办”和容缺受理。")
    assert ("新罗区", "容缺受理") in got


def test_高效办成一件事_is_not_一件事一次办():
    got = adopters("某市深化改革\n\n许昌市对照国务院部署推进“高效办成一件事”，同时深化“一件事一次办”。")
    assert {("许昌市", "高效办成一件事"), ("许昌市", "一件事一次办")} <= got


def test_the_places_an_agreement_on_a_measure_is_signed_with_adopt_it():
    got = adopters("某市深化跨区域协作\n\n海东市与甘肃省兰州市、临夏州签订政务服务“跨省通办”合作协议，首批116项事项异地可办。")
    assert {("海东市", "跨省通办"), ("兰州市", "跨省通办"), ("临夏回族自治州", "跨省通办")} <= got
    assert ("甘肃省", "跨省通办") not in got  # 甘肃省兰州市 is the city


def test_a_place_that_completes_a_measure_adopts_it():
    assert ("平安区", "区域评估") in adopters("县区改革各具特色\n\n乐都区推行“多测合一”；平安区依托工业园区完成区域评估。")


def test_one_of_a_list_singled_out_by_其中_adopts_alone():
    got = adopters("某市出台若干措施\n\n海城区、银海区和合浦县要结合实际制定配套措施，其中合浦县将率先开展“一业一证”改革试点。")
    assert ("合浦县", "一业一证") in got
    assert ("海城区", "一业一证") not in got and ("银海区", "一业一证") not in got


def test_a_portals_name_above_the_title_is_not_what_the_article_is_about():
    got = adopters("惠州市人民政府门户网站\n惠阳区推行全程网办\n信息来源：惠阳区政务服务和数据管理局　　发布时间：2024-06-18 10:23\n"
                   "6月17日，两地签订合作协议。根据协议，两地将通过“全程网办”方式推动企业开办等事项跨城办理。")
    assert ("惠阳区", "全程网办") in got and ("惠州市", "全程网办") not in got


def test_a_provinces_page_on_one_place_credits_the_place_not_the_province():
    got = adopters("贵州省优化营商环境典型经验做法之五\n毕节市七星关区：以“三个一”机制推动项目审批提速\n"
                   "来源：贵州省优化营商环境工作领导小组办公室\n近年来，毕节市七星关区创新建立“三个一”机制。"
                   "七星关区政务服务中心梳理事项清单，七星关区组建专班。\n（三）一套机制促落实。推行“容缺受理+承诺审批”。")
    assert ("七星关区", "容缺受理+承诺审批") in got and ("贵州省", "容缺受理+承诺审批") not in got


def test_a_place_opening_a_numbered_point_of_a_notice_adopts():
    got = adopters("阜阳市营商办\n阜营商办〔2024〕12号\n关于上半年重点任务督查情况的通报\n\n三、工作亮点\n\n"
                   "（一）界首市全面推行“拿地即开工”，12个工业项目实现拿地即开工。\n\n"
                   "（二）太和县依托“免申即享”平台主动兑现惠企政策。")
    assert {("界首市", "拿地即开工"), ("太和县", "免申即享")} <= got


def test_how_far_a_task_is_done_is_not_a_measure():
    linked = process_text("某市营商办对各县上半年重点任务落实情况开展专项督查。")
    assert not [e.label for e in linked.entities if e.kind == "measure" and e.label.startswith("情况")]


def test_a_county_speaking_at_a_city_meeting_adopts_for_itself():
    got = adopters("聚焦企业所需　做优服务供给\n——在全市优化营商环境工作推进会上的交流发言\n清河县人民政府\n"
                   "（2023年11月8日）\n近年来，我县认真落实省委、省政府决策部署。我们对企业投资项目全面推行“承诺制”。")
    assert ("清河县", "承诺制") in got
    assert ("邢台市", "承诺制") not in got


def test_a_place_opening_a_numbered_row_of_a_table_adopts():
    got = adopters("鄂尔多斯市优化营商环境工作月报\n2024年第7期\n\n二、重点改革事项推进情况\n\n序号　改革事项　责任单位　完成情况\n\n"
                   "1　企业开办“一日办结”　市市场监管局　已完成。全市新设企业全部在1个工作日内办结。\n\n"
                   "7　准格尔旗工业项目“拿地即开工”　准格尔旗人民政府　推进中。已有4个项目实现拿地即开工。")
    assert ("准格尔旗", "拿地即开工") in got
    assert ("鄂尔多斯市", "拿地即开工") not in got


def test_each_part_of_a_provinces_page_on_its_cities_is_the_headings_city():
    page = ("某省优化营商环境典型做法\n\n发布日期：2024-08-22　　来源：甘肃省营商环境建设局\n\n"
            "编者按：现将天水市、张掖市在优化营商环境方面的典型做法予以刊发。\n\n"
            "一、天水市：“标准地+拿地即开工”让工业项目快落地\n\n"
            "天水市针对工业项目开工难问题推进改革。对新出让工业用地全面推行“区域评估”，企业拿地后即可开工。\n\n"
            "二、张掖市：规范涉企行政检查，“综合查一次”减少干扰\n\n"
            "市级各执法部门对同一企业的多项检查合并实施“综合查一次”。\n\n"
            "（甘肃省营商环境建设局）")
    got = adopters(page)
    assert {("天水市", "区域评估"), ("张掖市", "综合查一次")} <= got
    assert not {p for p, _ in got} & {"甘肃省"}


def test_the_body_a_report_is_addressed_to_is_not_what_it_reports_on():
    got = adopters("宁德市蕉城区人民政府\n关于2024年第一季度优化营商环境工作情况的报告\n\n宁德市优化营商环境工作领导小组办公室：\n\n"
                   "一季度，我区坚持把优化营商环境作为重点工作。全面推行“一业一证”改革，已发放行业综合许可证120张。\n\n"
                   "特此报告。\n\n宁德市蕉城区人民政府\n2024年4月10日")
    assert ("蕉城区", "一业一证") in got
    assert ("宁德市", "一业一证") not in got


def test_places_a_measure_is_carried_out_with_are_partners():
    got = adopters("永州首次开展跨省远程异地评标\n\n11月7日，某项目在永州市公共资源交易中心开标。"
                   "这是永州市与广西贺州市首次开展跨省远程异地评标。"
                   "去年以来，市中心先后与郴州市、衡阳市公共资源交易中心建立远程异地评标合作。")
    assert {("永州市", "远程异地评标"), ("贺州市", "远程异地评标"), ("郴州市", "远程异地评标"),
            ("衡阳市", "远程异地评标")} <= got


def test_each_row_of_a_text_table_of_cases_is_its_places():
    page = ("某省优化营商环境典型案例\n\n某省优化营商环境工作领导小组办公室　　2023年10月16日\n\n"
            "经评审遴选出典型案例3个，现予以发布。\n\n序号｜所在地区｜案例名称｜主要做法及成效\n\n"
            "1｜石家庄市正定县｜“交地即交证”改革｜土地交付当日同步核发不动产权证书，已有17个项目受益。\n\n"
            "2｜唐山市曹妃甸区｜“船舶登记一件事”｜将5个事项集成办理，办理时间压缩至3个工作日。\n\n"
            "3｜沧州市黄骅市｜“容缺受理”双轨审批｜对47项涉企审批事项实行容缺受理，减少申请材料35%。")
    got = adopters(page)
    assert {("正定县", "交地即交证"), ("曹妃甸区", "船舶登记一件事"), ("黄骅市", "容缺受理")} <= got
    assert not {p for p, _ in got} & {"河北省", "石家庄市", "沧州市"}


def test_a_countys_report_on_the_places_it_visited_gives_each_part_its_place():
    page = ("关于赴江苏昆山、浙江海宁考察学习的调研报告\n\n澧县优化营商环境工作领导小组办公室\n（2023年12月5日）\n\n"
            "11月下旬，县营商办等单位负责同志赴江苏省昆山市、浙江省海宁市考察学习。现将有关情况报告如下。\n\n"
            "一、两地主要做法\n\n"
            "（一）昆山市：以服务品牌擦亮底色。昆山市推行企业服务“一码通”，诉求平均响应时间不超过2小时。\n\n"
            "（二）海宁市：以要素改革提升效率。海宁市实施亩均效益评价。同时推行“区域评估”，企业拿地后不再单独评估。\n\n"
            "二、我县存在的差距\n\n对照两地，我县虽已推行“容缺受理”，但项目审批效率仍有差距。\n\n"
            "三、下一步工作建议\n\n（一）推行“拿地即开工”。计划于2024年上半年在县经济开发区启动“拿地即开工”试点。")
    got = adopters(page)
    assert {("昆山市", "一码通"), ("海宁市", "区域评估"), ("澧县", "容缺受理"), ("澧县", "拿地即开工")} <= got
    assert not {m for p, m in got if p == "昆山市"} & {"容缺受理", "拿地即开工", "区域评估"}


def test_the_place_a_news_sites_channel_names_is_not_the_storys():
    got = adopters("大湾区资讯｜广东\n\n某区推港澳企业商事登记新服务\n2024-06-18 10:25　来源：某某日报\n\n"
                   "【本报讯】记者从广州市南沙区政务服务数据管理局获悉，该区推出港澳企业商事登记“跨境通办”服务。"
                   "同时，港澳投资者主体资格证明实行“简化公证”。")
    assert ("南沙区", "简化公证") in got
    assert "广东省" not in {p for p, _ in got}


def test_a_body_followed_as_a_model_or_a_standard_does_not_adopt():
    for verb in ("对标", "参照", "比照", "对接"):
        got = adopters(f"襄阳市简报\n\n襄阳市市场监管局{verb}省市场监管局工作要求，全面推行证照分离改革。")
        assert ("襄阳市", "证照分离") in got and ("湖北省", "证照分离") not in got, verb


def test_a_commercial_bank_s_branch_does_not_adopt_for_its_city_but_a_customs_office_for_its_port():
    got = adopters("武威市简报\n\n凉州区税务局与甘肃银行武威分行合作推出“银税互动”，为小微企业授信。")
    assert ("凉州区", "银税互动") in got and ("武威市", "银税互动") not in got
    linked = process_text("红河州营商环境工作动态\n第12期\n红河州营商办　　2024年5月6日\n【口岸动态】\n某口岸提速\n"
                          "河口海关推行进口货物“两步申报”，通关时间压缩一半。")
    assert "532532" in {a.place for a in linked.adoptions}  # 河口瑶族自治县, where the port is


def test_places_listed_before_a_verb_of_carrying_out_adopt_the_measure_after_it():
    got = adopters("韶关市推行拿地即开工\n\n"
                   "与东莞、中山等地2019年起推行的“拿地即开工”相比，韶关市在事项覆盖面上仍有差距。")
    assert {("东莞市", "拿地即开工"), ("中山市", "拿地即开工")} <= got


def test_places_named_as_doing_a_measure_take_it_from_the_body_that_speaks():
    got = adopters("南雄市推出一照通行\n\n"
                   "南雄市市场监督管理局负责人表示，“一照通行”与上海、浙江等地推行的“一业一证”思路相近。")
    assert {("上海市", "一业一证"), ("浙江省", "一业一证")} <= got
    assert ("南雄市", "一业一证") not in got


def test_a_place_first_in_its_province_to_carry_out_a_measure_adopts_it_and_the_province_does_not():
    got = adopters("宝鸡市推行联动过户\n\n"
                   "这一做法借鉴了西安市高陵区2022年在全省率先推行“不动产+水电气网”联动过户的经验。")
    assert ("高陵区", "不动产+水电气网") in got
    assert ("陕西省", "不动产+水电气网") not in got


def test_places_carrying_out_a_measure_referred_back_to_adopt_it():
    got = adopters("韶关市推行拿地即开工\n\n"
                   "今年起，“拿地即开工”在韶关市全面铺开。据了解，广州、深圳、佛山三市早在2022年即已推行这一做法。")
    assert {("广州市", "拿地即开工"), ("深圳市", "拿地即开工"), ("佛山市", "拿地即开工")} <= got
    got = adopters("桥西区营商动态\n\n"
                   "张家口市桥东区推出“企业开办大礼包”，新开办企业可免费领取公章，该做法已在桥西区同步推行。")
    assert ("桥西区", "企业开办大礼包") in got


def test_a_place_that_only_studied_a_practice_referred_back_to_does_not_adopt_it():
    got = adopters("韶关市推行拿地即开工\n\n"
                   "今年起，“拿地即开工”在韶关市全面铺开。清远市考察团日前来韶学习这一做法。")
    assert ("清远市", "拿地即开工") not in got


def test_the_place_a_citys_leader_visits_is_what_the_item_reports_on():
    got = adopters("营商环境工作简报\n\n2024年第5期\n\n宝塔区营商环境建设局编　　2024年4月25日\n\n"
                   "延安市副市长李明调研宝塔区营商环境工作\n\n"
                   "4月22日，延安市副市长李明到宝塔区调研。李明一行察看了区政务服务中心“一件事一次办”综合窗口。")
    assert ("宝塔区", "一件事一次办") in got
    assert ("延安市", "一件事一次办") not in got


def test_a_citys_utility_working_with_a_districts_body_adds_no_adopter_but_one_acting_alone_does():
    got = adopters("营商环境工作动态\n\n南京市鼓楼区数据局编　　2024年6月18日\n\n鼓楼区推进联合报装\n\n"
                   "区数据局会同国网南京供电公司召开推进会，推行“三零”服务。")
    assert {p for p, _ in got} == {"鼓楼区"}
    got = adopters("营商环境工作动态\n\n南京市鼓楼区数据局编　　2024年6月18日\n\n供电服务再提速\n\n"
                   "国网南京鼓楼供电公司推行“三零”服务。")
    assert {p for p, _ in got} == {"鼓楼区"}


def test_places_that_follow_a_measure_or_spread_it_adopt_it():
    got = adopters("瑶海区推行综合查一次\n\n"
                   "合肥市瑶海区推行涉企联合检查“综合查一次”，检查频次下降四成。"
                   "这一做法已由合肥市在全市推开，蜀山区、庐阳区今年相继跟进。")
    assert {p for p, m in got if m == "综合查一次"} >= {"瑶海区", "合肥市", "蜀山区", "庐阳区"}


def test_the_province_a_citys_measure_is_promoted_to_named_after_it_adopts_it():
    got = adopters("绵阳市“园区事园区办”改革经验在全省复制推广\n\n绵阳市推行“园区事园区办”改革，成效明显。")
    assert ("四川省", "园区事园区办") in got


def test_a_place_named_as_the_model_in_a_headline_is_not_what_the_item_reports_on():
    got = adopters("攸县营商环境简报\n\n第27期\n\n攸县优化营商环境工作领导小组办公室　　2024年5月20日\n\n"
                   "◆对标长沙 我县推行“交房即交证”\n"
                   "县自然资源局牵头推行“交房即交证”，首批120户购房人交房当天领证。")
    assert ("攸县", "交房即交证") in got
    assert ("长沙市", "交房即交证") not in got


def test_a_place_named_as_the_scope_of_a_first_is_not_what_the_item_reports_on():
    linked = process_text("昆山市政务服务动态\n第5期\n昆山市政务服务管理办公室编　　2024年5月20日\n\n【改革攻坚】\n"
                   "企业服务专区上线\n5月16日，“鹿城通办”企业全生命周期服务专区正式上线运行，"
                   "这是苏州市首个由县级市建设的企业服务专区。")
    label = {e.key: e.label for e in linked.entities}
    assert {a.place for a in linked.adoptions if label[a.measure] == "鹿城通办"} == {"320583"}  # 昆山市


def test_places_that_have_copied_a_measure_by_a_date_adopt_it():
    got = adopters("湖州市推广跨省迁移一件事\n\n今年2月，湖州市将“跨省迁移一件事”列入全市复制推广清单。"
                   "德清县、长兴县已于5月底前完成复制。")
    assert {p for p, m in got if m == "跨省迁移一件事"} >= {"德清县", "长兴县"}


def test_places_that_quickly_follow_a_measure_adopt_it():
    got = adopters("潍坊市推广免申即享\n\n2022年3月，潍坊市将“免申即享”写入若干措施，在全市推广。青州市、安丘市等县市区迅速跟进。")
    assert {p for p, m in got if m == "免申即享"} >= {"青州市", "安丘市"}
