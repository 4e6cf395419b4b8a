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
