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
