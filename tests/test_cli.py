"""Every CLI command, run as a user would: through the `kg` entry point in a subprocess for the
error paths, and through click's runner (same process, faster) for the rest."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pingdingshan-2022-42.txt"
DATA = Path(__file__).parent / "data"


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def store(tmp_path):
    return str(tmp_path / "store")


def invoke(runner, *args):
    result = runner.invoke(main, list(args), catch_exceptions=False)
    return result


def test_help_lists_every_command_with_an_example(runner):
    result = invoke(runner, "--help")
    for cmd in ("build", "ingest", "query", "export", "validate", "stats", "remove", "explain", "app"):
        assert cmd in result.output
        sub = invoke(runner, cmd, "--help")
        assert sub.exit_code == 0 and "Example:" in sub.output, cmd


def test_build_writes_a_graph_that_validates(runner, tmp_path):
    out = tmp_path / "out.ttl"
    result = invoke(runner, "build", str(EXAMPLE), "-o", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000
    check = invoke(runner, "validate", str(out))
    assert check.exit_code == 0 and "conforms" in check.output


@pytest.mark.parametrize("suffix", ["nt", "nq", "trig", "jsonld"])
def test_build_formats_by_suffix(runner, tmp_path, suffix):
    out = tmp_path / f"out.{suffix}"
    assert invoke(runner, "build", str(DATA / "newsletter_toc.txt"), "-o", str(out), "-q").exit_code == 0
    import rdflib

    fmt = {"nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}[suffix]
    ds = rdflib.Dataset()
    ds.parse(out, format=fmt)
    assert len(ds) > 0 or sum(len(g) for g in ds.graphs()) > 0


def test_build_is_deterministic(runner, tmp_path):
    a, b = tmp_path / "a.nq", tmp_path / "b.nq"
    invoke(runner, "build", str(EXAMPLE), "-o", str(a), "-q")
    invoke(runner, "build", str(EXAMPLE), "-o", str(b), "-q")
    assert sorted(a.read_text().splitlines()) == sorted(b.read_text().splitlines())


#: a bulletin whose publisher's place name several places share (通州区: Beijing's and Nantong's), and
#: an item opening on the province-level city: which place the item is about once depended on the
#: order Python's hash seed gave the gazetteer's set of codes for 通州区
SHARED_NAME = """优化营商环境工作简报
第18期
北京市通州区政务服务和数据管理局　　　2024年6月28日

【工作动态】

“多测合一”助力项目早投用
北京市规划和自然资源委员会在一个产业项目中推行“多测合一”，由一家测绘单位一次完成规划核实等测绘事项。
"""


def test_build_is_the_same_whatever_the_hash_seed(tmp_path):
    source = tmp_path / "shared-name.txt"
    source.write_text(SHARED_NAME, encoding="utf-8")
    outputs = set()
    for seed in ("0", "2", "5"):
        out = tmp_path / f"seed{seed}.nt"
        done = subprocess.run([sys.executable, "-m", "kg", "build", str(source), "-o", str(out), "-q"],
                              cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.add(tuple(sorted(out.read_text(encoding="utf-8").splitlines())))
    assert len(outputs) == 1


def test_ingest_twice_leaves_stats_unchanged(runner, store):
    assert invoke(runner, "ingest", str(EXAMPLE), "--store", store, "-q").exit_code == 0
    first = json.loads(invoke(runner, "stats", "--store", store, "--json").output)
    assert first["documents"] == 1 and first["triples"] > 1000
    assert invoke(runner, "ingest", str(EXAMPLE), "--store", store, "-q").exit_code == 0
    assert json.loads(invoke(runner, "stats", "--store", store, "--json").output) == first


def test_changed_file_replaces_its_document(runner, store, tmp_path):
    f = tmp_path / "bulletin.txt"
    shutil.copy(DATA / "newsletter_toc.txt", f)
    invoke(runner, "ingest", str(f), "--store", store, "-q")
    f.write_text(f.read_text(encoding="utf-8").replace("帮办代办", "容缺受理"), encoding="utf-8")
    invoke(runner, "ingest", str(f), "--store", store, "-q")
    stats = json.loads(invoke(runner, "stats", "--store", store, "--json").output)
    assert stats["documents"] == 1
    res = invoke(runner, "query", "SELECT ?l WHERE { ?m a pmkg:Measure ; skos:prefLabel ?l . ?i pmkg:mentions ?m }",
                 "--store", store, "--format", "json")
    labels = {r["l"] for r in json.loads(res.output)["rows"]} if res.output.strip().startswith("{") else res.output
    assert "容缺受理" in str(labels) and "帮办代办" not in str(labels)


def test_remove_drops_one_document(runner, store):
    invoke(runner, "ingest", str(EXAMPLE), str(DATA / "article_web.txt"), "--store", store, "-q")
    assert json.loads(invoke(runner, "stats", "--store", store, "--json").output)["documents"] == 2
    assert invoke(runner, "remove", "article_web.txt", "--store", store).exit_code == 0
    assert json.loads(invoke(runner, "stats", "--store", store, "--json").output)["documents"] == 1


def test_named_query_with_parameter(runner, store):
    invoke(runner, "ingest", str(EXAMPLE), "--store", store, "-q")
    res = invoke(runner, "query", "adopters-of-measure", "--param", "measure=远程异地评标", "--store", store,
                 "--format", "csv")
    assert res.exit_code == 0 and "三门峡市" in res.output


def test_query_refuses_updates(store):
    r = kg("query", "DROP ALL", "--store", store)
    assert r.returncode != 0 and r.stderr.count("\n") <= 2 and "Traceback" not in r.stderr


def test_export_and_explain(runner, store, tmp_path):
    invoke(runner, "ingest", str(EXAMPLE), "--store", store, "-q")
    out = tmp_path / "g.trig"
    assert invoke(runner, "export", "--format", "trig", "-o", str(out), "--store", store).exit_code == 0
    assert out.stat().st_size > 10_000
    res = invoke(runner, "explain", "https://w3id.org/pmkg/id/place/411700", "--store", store)
    assert res.exit_code == 0 and "【驻马店市】" in res.output


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "noise.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    fake_docx = tmp_path / "letter.docx"
    fake_docx.write_text("这不是一个 Word 文件", encoding="utf-8")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")
    unknown = tmp_path / "table.xyz"
    unknown.write_text("x")
    missing = tmp_path / "missing.txt"
    good = tmp_path / "good.txt"
    shutil.copy(EXAMPLE, good)
    out = tmp_path / "out.ttl"
    r = kg("build", str(empty), str(binary), str(fake_docx), str(truncated), str(unknown), str(missing),
           str(good), "-o", str(out))
    assert r.returncode == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 6
    for bad in (empty, binary, fake_docx, truncated, unknown, missing):
        assert sum(bad.name in line for line in errors) == 1
    assert "Traceback" not in r.stderr
    assert "1 ingested" in r.stderr and "6 failed" in r.stderr
    assert out.exists() and "营商环境工作动态" in out.read_text(encoding="utf-8")


def test_unknown_output_suffix_is_refused_before_work(tmp_path):
    r = kg("build", str(EXAMPLE), "-o", str(tmp_path / "out.xyz"))
    assert r.returncode == 1 and "out.xyz" in r.stderr and "Traceback" not in r.stderr


def test_store_path_that_is_a_file(tmp_path):
    f = tmp_path / "not-a-store"
    f.write_text("x")
    r = kg("stats", "--store", str(f))
    assert r.returncode == 1 and str(f) in r.stderr and "Traceback" not in r.stderr
