"""DOCX reading with python-docx: paragraphs, tables, headings, and refusals."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from kg.errors import IngestError
from kg.read import read


def _document(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("关于优化企业开办服务的通知", level=1)
    document.add_paragraph("各区县：现将有关事项通知如下。")
    bold = document.add_paragraph()
    bold.add_run("一、压缩办理时间").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("部分加粗").bold = True
    mixed.add_run("的正文不是标题。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).text = "时限"
    table.cell(1, 0).text = "设立登记"
    table.cell(1, 1).text = "半个工作日"
    document.add_paragraph("特此通知。")
    document.save(str(path))
    return path


def test_paragraphs_and_table_rows_in_order(tmp_path):
    raw = read(_document(tmp_path / "notice.docx"))
    assert raw.fmt == "docx"
    assert raw.text.split("\n") == [
        "关于优化企业开办服务的通知",
        "各区县：现将有关事项通知如下。",
        "一、压缩办理时间",
        "部分加粗的正文不是标题。",
        "事项\t时限",
        "设立登记\t半个工作日",
        "特此通知。",
    ]


def test_heading_style_and_short_bold_paragraph_are_headings(tmp_path):
    raw = read(_document(tmp_path / "notice.docx"))
    assert [raw.text[s:e] for s, e in raw.headings] == ["关于优化企业开办服务的通知", "一、压缩办理时间"]


def test_merged_cell_counts_once(tmp_path):
    path = tmp_path / "merged.docx"
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "合并单元格"
    table.cell(0, 2).text = "独立"
    document.save(str(path))
    assert read(path).text == "合并单元格\t独立"


def _refused(path: Path, problem: str) -> IngestError:
    with pytest.raises(IngestError) as err:
        read(path)
    assert err.value.path == str(path)
    assert str(path) in str(err.value)
    assert problem in err.value.problem
    return err.value


def test_text_named_docx(write):
    _refused(write("fake.docx", "只是一段文字"), "not a DOCX file (not a zip archive)")


def test_zip_without_document_part(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")
    _refused(path, "no word/document.xml")


def test_zip_with_broken_package(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    _refused(path, "not a DOCX file (")


def test_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(300):  # 300 MB of zeros, a few hundred KB compressed
                member.write(chunk)
    assert path.stat().st_size < 2 << 20
    error = _refused(path, "refused: word/document.xml would unpack to 300 MB")
    assert "zip bomb" in error.problem
