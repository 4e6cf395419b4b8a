"""PDF reading with pdfplumber, on PDFs drawn with reportlab's built-in CJK font."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from kg.errors import IngestError
from kg.read import read

FONT = "STSong-Light"  # an Adobe CID font every PDF viewer has; reportlab ships its metrics
HEADLINE = "营商环境工作简报"
BODY = ["本期导读：示范区推行企业开办一日办结。", "税务部门压缩出口退税办理时间。"]
SECOND_PAGE = "第二页的正文也要读出来。"


@pytest.fixture(scope="module", autouse=True)
def _font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _bulletin(path: Path, **options: object) -> Path:
    """Draw a two-page bulletin: a 20 pt headline over 11 pt body lines."""
    pdf = canvas.Canvas(str(path), **options)
    pdf.setFont(FONT, 20)
    pdf.drawString(72, 760, HEADLINE)
    pdf.setFont(FONT, 11)
    for n, line in enumerate(BODY):
        pdf.drawString(72, 720 - 16 * n, line)
    pdf.showPage()
    pdf.setFont(FONT, 11)
    pdf.drawString(72, 720, SECOND_PAGE)
    pdf.save()
    return path


def test_text_page_by_page(tmp_path):
    raw = read(_bulletin(tmp_path / "bulletin.pdf"))
    assert raw.fmt == "pdf"
    assert raw.text == "\n".join([HEADLINE, *BODY, SECOND_PAGE])


def test_bigger_font_line_is_a_heading(tmp_path):
    raw = read(_bulletin(tmp_path / "bulletin.pdf"))
    assert [raw.text[start:end] for start, end in raw.headings] == [HEADLINE]


def test_no_heading_when_sizes_are_even(tmp_path):
    path = tmp_path / "flat.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 720, BODY[0])
    pdf.drawString(72, 700, BODY[1])
    pdf.save()
    raw = read(path)
    assert raw.text == "\n".join(BODY)
    assert raw.headings == ()


def _refused(path: Path, problem: str) -> None:
    with pytest.raises(IngestError) as err:
        read(path)
    assert err.value.path == str(path)
    assert problem in err.value.problem


def test_truncated_pdf(tmp_path):
    whole = _bulletin(tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    _refused(cut, "not a readable PDF: ")


def test_text_named_pdf(write):
    _refused(write("fake.pdf", "这不是 PDF 文件"), "not a readable PDF: ")


def test_encrypted_pdf(tmp_path):
    encryption = pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret")
    path = _bulletin(tmp_path / "locked.pdf", encrypt=encryption)
    _refused(path, "encrypted")


def test_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 500, 300, 200, fill=1)  # stands for a scanned page image
    pdf.save()
    _refused(path, "PDF has no text layer (scanned image?); run OCR first")


def _two_columns(path: Path, page_number: str | None = None) -> tuple[Path, list[str], list[str]]:
    """A page with a masthead across it over two columns of 12-character lines, the right
    column's lines set level with the left's, as narrow-column bulletins are; with its number at
    the foot, between the columns, when given."""
    left = [f"左栏第{n}行的文字内容在此处" for n in range(1, 31)]
    right = [f"右栏第{n}行的文字内容在此处" for n in range(1, 31)]
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 18)
    pdf.drawString(200, 790, "某市营商环境专报")
    pdf.setFont(FONT, 11)
    pdf.drawString(72, 760, "某市营商办编")
    pdf.drawString(400, 760, "2024年5月10日")
    for n, (a, b) in enumerate(zip(left, right)):
        pdf.drawString(60, 720 - 16 * n, a)
        pdf.drawString(320, 720 - 16 * n, b)
    if page_number:
        pdf.drawString(295, 40, page_number)
    pdf.save()
    return path, left, right


def test_a_page_in_two_columns_is_read_column_by_column_under_its_masthead(tmp_path):
    path, left, right = _two_columns(tmp_path / "columns.pdf")
    lines = read(path).text.split("\n")
    assert lines[0] == "某市营商环境专报"
    assert lines.index(left[-1]) < lines.index(right[0])
    assert [x for x in lines if x.startswith("左栏")] == left and [x for x in lines if x.startswith("右栏")] == right


def test_a_table_is_still_read_row_by_row(tmp_path):
    path = tmp_path / "table.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 11)
    rows = [("开发区", "新开工项目", "平均用时"), ("甲高新区", "27", "5.0"), ("乙经开区", "14", "6.5")]
    for n, row in enumerate(rows):
        for x, cell in zip((72, 250, 420), row):
            pdf.drawString(x, 700 - 18 * n, cell)
    for n in range(12):
        pdf.drawString(72, 600 - 16 * n, "表格下面是一段贯穿整个版面宽度的正文文字，说明各开发区开工情况和下一步工作安排。")
    pdf.save()
    lines = read(path).text.split("\n")
    assert lines[:3] == ["开发区  新开工项目  平均用时", "甲高新区  27  5.0", "乙经开区  14  6.5"]


def test_running_heads_and_page_numbers_are_left_out(tmp_path):
    path = tmp_path / "heads.pdf"
    pdf = canvas.Canvas(str(path))
    for page, body in enumerate(("第一页正文。", "第二页正文。", "第三页正文。"), 1):
        pdf.setFont(FONT, 9)
        pdf.drawString(72, 800, "内部资料　注意保存　某县营商环境简报（2024年第3期）")
        pdf.setFont(FONT, 11)
        pdf.drawString(72, 700, body)
        pdf.drawString(280, 60, f"— {page} —")
        pdf.showPage()
    pdf.save()
    assert read(path).text.split("\n") == ["第一页正文。", "第二页正文。", "第三页正文。"]


def test_a_page_number_at_the_foot_of_a_two_column_page_is_left_out(tmp_path):
    path, left, right = _two_columns(tmp_path / "numbered.pdf", page_number="1")
    lines = read(path).text.split("\n")
    assert "1" not in lines and lines.index(left[-1]) + 1 == lines.index(right[0])


def test_a_section_across_the_page_below_two_columns_comes_after_both(tmp_path):
    path = tmp_path / "bands.pdf"
    left = [f"左栏第{n}行的文字内容在此处" for n in range(1, 16)]
    right = [f"右栏第{n}行的文字内容在此处" for n in range(1, 16)]
    wide = [f"通栏第{n}行的文字从版心左边一直排到版心右边为止共二十六字" for n in range(1, 6)]
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 11)
    pdf.drawString(72, 780, "某市营商办编")
    pdf.drawString(430, 780, "2024年5月10日")
    for n, (a, b) in enumerate(zip(left, right)):
        pdf.drawString(60, 740 - 16 * n, a)
        pdf.drawString(320, 740 - 16 * n, b)
    for n, line in enumerate(wide):
        pdf.drawString(60, 470 - 16 * n, line)
    pdf.save()
    lines = read(path).text.split("\n")
    assert lines[0] == "某市营商办编  2024年5月10日"
    assert lines[1:] == left + right + wide


def test_a_page_in_one_column_with_short_paragraph_ends_and_a_wide_table_is_read_line_by_line(tmp_path):
    path = tmp_path / "onecolumn.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 11)
    y, lines = 780, []
    for n in range(4):
        for text in ("这一行正文从版心左边一直排到版心右边为止共有四十个字的样子以便排满整个版心宽度",
                     "第二行正文同样排满整个版心的宽度以便和第一行一起形成一个完整的段落内容在此结束",
                     f"第{n + 1}段末行较短。"):
            pdf.drawString(60, y, text)
            lines.append(text)
            y -= 16
    rows = [("街道", "办件量", "即办件占比", "网办率", "好评率")] + [(f"第{n}街道", "9862", "63.5%", "85.2%", "100%")
                                                          for n in range(1, 7)]
    for row in rows:
        for x, cell in zip((80, 170, 260, 360, 450), row):
            pdf.drawString(x, y, cell)
        lines.append("  ".join(row))
        y -= 16
    pdf.save()
    assert read(path).text.split("\n") == lines


def test_a_headline_wrapped_over_two_lines_is_one_line_and_its_gap_a_space(tmp_path):
    path = tmp_path / "wrapped.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(FONT, 20)
    pdf.drawString(90, 760, "某市推行四个一工作机制")
    pdf.drawString(330, 760, "跑出项目审批")
    pdf.drawString(250, 732, "加速度")
    pdf.setFont(FONT, 12)
    for n in range(6):
        pdf.drawString(72, 700 - 18 * n, f"正文第{n + 1}行，某市深入推进工程建设项目审批制度改革。")
    pdf.save()
    lines = read(path).text.split("\n")
    assert lines[0] == "某市推行四个一工作机制 跑出项目审批加速度"
    assert lines[1].startswith("正文第1行")
