"""Properties of cleaning, segmentation, evidence and identity, on generated bulletins.

Bulletins are put together from real-looking parts — places of the gazetteer, measures of the
thesaurus, posts and names, dates and figures — in the shapes bulletins come in (headline on its
own line, behind a bullet, before two spaces; hard-wrapped PDF lines; a table of contents), then
roughed up as real files are: letter spacing, pinyin glosses, traditional characters, full-width
digits, ideographic spaces. Then:

- every evidence span (a mention, an adoption's evidence) maps back to the very characters of
  the original text it claims, only what cleaning removes lying between them;
- every adoption's evidence IRI is a mention in the same document's quads;
- segmentation puts every character of the body in exactly one item, and none of the masthead,
  table of contents or section headings;
- the same text gives the same quads, and ingesting it again changes nothing.

A slow test fuzzes the readers: random and mutated bytes under every suffix only ever raise
`IngestError`.
"""
from __future__ import annotations

import io
import re
import textwrap
import time
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.clean import clean
from kg.segment import BULLET_RE, segment

# --- parts -------------------------------------------------------------------------------------

PLACES = ("平顶山市", "郑州市", "驻马店市", "洛阳市", "叶县", "宁波市鄞州区", "三门峡市", "开封市", "新乡市",
          "许昌市", "南阳市", "信阳市", "杭州市", "苏州市", "广州市番禺区", "成都市", "舞钢市", "汝州市")
DEPARTMENTS = ("市场监督管理局", "行政审批服务局", "政务服务和大数据管理局", "住房和城乡建设局", "税务局",
               "公共资源交易中心", "自然资源和规划局")
POSTS = ("市长", "副市长", "常务副市长", "局长", "副局长", "县长", "区长", "主任")
NAMES = ("张伟", "李娜", "王建国", "赵文峰", "刘晓光", "陈明华", "杨丽娟", "黄海涛")
VERBS = ("全面推行", "创新推出", "深化", "持续推进", "率先实施", "上线", "推广")
FILLER = ("有效提升了企业和群众的满意度", "进一步压缩了办理时限", "切实减轻了市场主体负担",
          "得到了企业的广泛好评", "办事效率明显提高")
SECTIONS = ("本地速览", "工作动态", "外市动态", "他山之石", "基层动态")
GLOSSES = ("(gǎigé)", "（fàng guǎn fú）", "(yíngshāng)", "(zhèngwù)")
PUNCT = ("，", "。", "；", "、", "！", ",")


@cache
def measures() -> tuple[str, ...]:
    from kg.vocab import vocab

    labels = sorted(c.label for c in vocab().measures.values() if c.kind != "platform")
    return tuple(labels[::7])  # a spread of about fifty, short and long


@cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


# --- roughing up a line the way real files do ---------------------------------------------------

_HAN = re.compile(r"[\u4e00-\u9fff]")


def letter_spaced(text: str) -> str:
    """A space between every two characters, as PDF extraction gives 内 部 交 流."""
    return " ".join(text)


def glossed(text: str, gloss: str) -> str:
    """A pinyin gloss after the first Han character of the text."""
    m = _HAN.search(text)
    return text if m is None else text[: m.end()] + gloss + text[m.end():]


def traditional(text: str) -> str:
    return _s2t().convert(text)


def full_width(text: str) -> str:
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


ROUGHING = {"none": lambda t, g: t, "spaced": lambda t, g: letter_spaced(t), "gloss": glossed,
            "traditional": lambda t, g: traditional(t), "full-width": lambda t, g: full_width(t)}


# --- bulletins -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Bulletin:
    text: str
    #: non-blank lines at the top that are masthead or table of contents
    prefix_lines: int
    #: the section heading lines, as written
    sections: frozenset[str]


@st.composite
def sentence(draw) -> str:
    place, measure = draw(st.sampled_from(PLACES)), draw(st.sampled_from(measures()))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return (f"{month}月{day}日{draw(st.sampled_from(PUNCT))}{place}{draw(st.sampled_from(DEPARTMENTS))}"
                f"{draw(st.sampled_from(VERBS))}“{measure}”{draw(st.sampled_from(PUNCT))}"
                f"{draw(st.sampled_from(FILLER))}。")
    if kind == 1:
        return (f"{draw(st.sampled_from(POSTS))}{draw(st.sampled_from(NAMES))}出席并讲话，要求认真落实"
                f"《{place}优化营商环境若干措施》。")
    if kind == 2:
        return (f"今年以来，{place}累计办理{measure}业务{draw(st.integers(10, 9999))}件，平均办理时间由"
                f"{draw(st.integers(5, 30))}个工作日压缩至{draw(st.integers(1, 4))}个工作日。")
    return f"{place}{draw(st.sampled_from(VERBS))}{measure}，{draw(st.sampled_from(FILLER))}。"


@st.composite
def news_item(draw) -> tuple[str, str]:
    place, measure = draw(st.sampled_from(PLACES)), draw(st.sampled_from(measures()))
    headline = f"{place}{draw(st.sampled_from(VERBS))}{measure}"
    body = "".join(draw(st.lists(sentence(), min_size=1, max_size=4)))
    rough = draw(st.sampled_from(sorted(ROUGHING)))
    gloss = draw(st.sampled_from(GLOSSES))
    where = draw(st.sampled_from(["headline", "body", "both"]))
    if where in ("headline", "both"):
        headline = ROUGHING[rough](headline, gloss)
    if where in ("body", "both"):
        body = ROUGHING[rough](body, gloss)
    return headline, body


@st.composite
def bulletins(draw) -> Bulletin:
    items = draw(st.lists(news_item(), min_size=1, max_size=5, unique_by=lambda it: _plain(it[0])))
    shape = draw(st.sampled_from(["own-line", "bullet", "inline", "wrapped"]))
    place = draw(st.sampled_from(PLACES))
    masthead = draw(st.sampled_from([
        ["内 部 资 料", "营商环境工作动态", f"（{draw(st.integers(1, 99))}）",
         f"{place}营商环境建设服务中心        2022 年 3 月 16 日"],
        [f"第{draw(st.integers(1, 300))}期", "2024年5月6日"],
        ["优化营商环境简报", "2023年第3期（总第15期）", f"{place}营商环境办公室  2023年4月2日"],
    ]))
    split = draw(st.integers(0, len(items)))
    names = draw(st.lists(st.sampled_from(SECTIONS), min_size=2, max_size=2, unique=True))
    groups = [(names[0], items[:split]), (names[1], items[split:])]
    groups = [(name, group) for name, group in groups if group]
    toc: list[str] = []
    if draw(st.booleans()) and shape != "wrapped":
        toc = ["目录"]
        for name, group in groups:
            toc += [f"【{name}】"] + [head.strip() for head, _ in group]
    body: list[str] = []
    for name, group in groups:
        body.append(f"【{name}】")
        for head, text in group:
            body += _shaped(shape, head, text)
    lines = masthead + toc + body
    return Bulletin("\n".join(lines) + "\n", len(masthead) + len(toc),
                    frozenset(f"【{name}】" for name, _ in groups))


def _plain(headline: str) -> str:
    """A headline as the segmenter compares it: roughing undone (no two items share one)."""
    return clean(headline).view.replace(" ", "")


def _shaped(shape: str, head: str, body: str) -> list[str]:
    if shape == "own-line":
        return [head, body]
    if shape == "bullet":
        return [f"◆ {head}", body]
    if shape == "inline":
        return [f"{head}  {body}"]
    return textwrap.wrap(f"{head}  {body}", 26) + [" "]


# --- the pipeline, once per text -----------------------------------------------------------------

def _process(text: str):
    from kg.pipeline import process_text

    return process_text(text, "generated.txt")


_DROPPABLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeffa-zA-Z'()（）āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]")


def _same_char(original: str, cleaned: str) -> bool:
    """Whether a clean character stands for this original one (width folded, spaces unified)."""
    if original == cleaned:
        return True
    if original.isspace() and cleaned == " ":
        return True
    return 0xFF01 <= ord(original) <= 0xFF5E and chr(ord(original) - 0xFEE0) == cleaned


def _check_maps_back(clean_text, start: int, end: int, claimed: str) -> None:
    """The span claims `claimed`; its characters map, in order, onto the original's."""
    c = clean_text
    assert claimed in (c.text[start:end], c.view[start:end]), (claimed, c.text[start:end])
    a, b = c.span_to_original(start, end)
    assert 0 <= a < b <= len(c.original)
    hit = [c.to_original(i) for i in range(start, end)]
    assert hit == sorted(set(hit)) and hit[0] == a and hit[-1] == b - 1, (claimed, hit)
    for i, o in zip(range(start, end), hit):
        assert _same_char(c.original[o], c.text[i]), (claimed, c.original[a:b])
    between = "".join(c.original[o] for o in range(a, b) if o not in set(hit))
    assert _DROPPABLE.sub("", between) == "", (claimed, c.original[a:b], between)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins())
def test_every_evidence_span_maps_back_to_the_original_text(bulletin: Bulletin) -> None:
    linked = _process(bulletin.text)
    c = linked.seg.clean
    assert c.original == bulletin.text
    for ref in linked.refs:
        _check_maps_back(c, ref.start, ref.end, ref.text)
    for a in linked.adoptions:
        _check_maps_back(c, a.start, a.end, c.text[a.start:a.end])
    for o in linked.observations:
        _check_maps_back(c, o.start, o.end, c.text[o.start:o.end])
    for item in linked.seg.items:
        _check_maps_back(c, item.start, item.end, c.text[item.start:item.end])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins())
def test_adoption_evidence_is_a_mention_of_the_measure_in_the_same_document(bulletin: Bulletin) -> None:
    from kg.graph import document_quads

    linked = _process(bulletin.text)
    quads = document_quads(linked)
    kind = {(str(q.subject), q.object.value) for q in quads if q.predicate.value.endswith("#type")}
    evidence = [q for q in quads if q.predicate.value.endswith("#evidence")]
    assert len(evidence) == len(linked.adoptions)
    for q in evidence:
        assert (str(q.object), "https://w3id.org/pmkg/ontology#Mention") in kind, q
        assert str(q.object).endswith("-measure>")
    surfaces = {str(q.subject): q.object.value for q in quads if q.predicate.value.endswith("#surface")}
    for q in evidence:
        assert surfaces[str(q.object)].strip()


@settings(max_examples=150, deadline=None)
@given(bulletins())
def test_segmentation_puts_every_body_character_in_exactly_one_item(bulletin: Bulletin) -> None:
    seg = segment(clean(bulletin.text))
    text = seg.clean.text
    assume(seg.masthead.kind == "newsletter")  # every generated masthead is a newsletter's
    cover = [0] * len(text)
    for item in seg.items:
        for k in range(item.start, item.end):
            cover[k] += 1
    nonblank = 0
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        nonblank += 1
        structural = nonblank <= bulletin.prefix_lines or line.strip() in bulletin.sections
        bullet = BULLET_RE.match(line)
        skip = bullet.end() if bullet and not structural else 0
        for k in range(start, end):
            if text[k].isspace():
                continue
            expected = 0 if structural or k < start + skip else 1
            assert cover[k] == expected, (line, k - start, cover[k], [it.headline for it in seg.items])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bulletins())
def test_the_same_text_gives_the_same_quads_and_reingest_changes_nothing(bulletin: Bulletin) -> None:
    from kg.graph import document_quads
    from kg.pipeline import ingest
    from kg.store import open_store

    first = sorted(map(str, document_quads(_process(bulletin.text))))
    second = sorted(map(str, document_quads(_process(bulletin.text))))
    assert first == second
    with open_store(":memory:") as store, _file(bulletin.text) as path:
        steps = [s.status for s in ingest([path], store)]
        once = sorted(map(str, store.db))
        steps += [s.status for s in ingest([path], store)]
        assert sorted(map(str, store.db)) == once
    assert steps in (["ingested", "unchanged"], ["failed", "failed"])


class _file:
    """A temporary file holding `text`, removed afterwards."""

    def __init__(self, text: str) -> None:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        self.path = Path(self._dir.name) / "bulletin.txt"
        self.path.write_text(text, encoding="utf-8")

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


# --- fuzzing the readers ------------------------------------------------------------------------

FUZZ_SECONDS = 60
SUFFIXES = (".txt", ".html", ".pdf", ".docx")


@cache
def _seeds() -> dict[str, tuple[bytes, ...]]:
    """A valid file of each kind, for mutation."""
    import docx
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    text = "营商环境工作动态\n第3期\n【本地速览】\n◆ 叶县推行容缺受理\n3月1日，叶县全面推行容缺受理。\n"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf_out = io.BytesIO()
    pdf = canvas.Canvas(pdf_out)
    pdf.setFont("STSong-Light", 12)
    for n, line in enumerate(text.splitlines()):
        pdf.drawString(72, 760 - 18 * n, line)
    pdf.save()
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    docx_out = io.BytesIO()
    document.save(docx_out)
    html = "<html><head><meta charset='gbk'><title>简报</title></head><body><div class='content'>" + \
        "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</div></body></html>"
    return {".txt": (text.encode("utf-8"), text.encode("gb18030"), text.encode("utf-16")),
            ".html": (html.encode("utf-8"), html.encode("gb18030")),
            ".pdf": (pdf_out.getvalue(),), ".docx": (docx_out.getvalue(),)}


@st.composite
def fuzzed(draw) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(SUFFIXES))
    if draw(st.booleans()):
        return suffix, draw(st.binary(min_size=1, max_size=2048))
    data = bytearray(draw(st.sampled_from(_seeds()[suffix])))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del data[at: at + draw(st.integers(1, 512))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif data:
            data[at: at + 64] = bytes(min(64, len(data) - at))
    return suffix, bytes(data) or b"\x00"


_FUZZ_START: list[float] = []


@pytest.mark.slow
@settings(max_examples=25_000, deadline=timedelta(seconds=20), database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(fuzzed())
def test_readers_only_ever_raise_ingest_error(tmp_path: Path, case: tuple[str, bytes]) -> None:
    from kg.errors import IngestError
    from kg.read import read

    _FUZZ_START.append(_FUZZ_START[0] if _FUZZ_START else time.monotonic())
    if time.monotonic() - _FUZZ_START[0] > FUZZ_SECONDS:
        return  # the time budget is spent: the remaining examples pass at once
    suffix, data = case
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        raw = read(path)
    except IngestError as e:
        assert e.path == str(path) and e.problem
        return
    assert isinstance(raw.text, str)
    if suffix == ".docx":
        assert zipfile.is_zipfile(path)
