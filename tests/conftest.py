"""Shared fixtures."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# --- small_quads ---------------------------------------------------------------------------------
# Two documents in the shape graph.py writes, plus a reference graph:
#   doc 1 (newsletter 营商环境工作动态 第5期, 2024-03-15): 平顶山市 launches 一网通办 (2024-03-10);
#         mayor 张伟; agency 平顶山市优化营商环境工作领导小组办公室 (alias 市营商办) issues a policy document.
#   doc 2 (web article, 2024-04-02): 郑州市 launches 一网通办 (2024-04-01) and extends 告知承诺制
#         (2024-03, month precision); 叶县 launches 告知承诺制 (2024-04-02); 副局长 李娜 of
#         郑州市政务服务和大数据管理局; candidate measure 拿地即开工 (confidence 0.6); one observation.
# Labels of shared entities are repeated in the document graphs, as graph.py may do.

SMALL_TRIG = """
@prefix pmkg: <https://w3id.org/pmkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix geo:  <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix id:   <https://w3id.org/pmkg/id/> .

<https://w3id.org/pmkg/id/graph/reference> {
  <https://w3id.org/pmkg/id/place/410000> a pmkg:Place ; rdfs:label "河南省" ; pmkg:adcode "410000" ;
      pmkg:level "province" ; geo:lat 34.76 ; geo:long 113.65 .
  <https://w3id.org/pmkg/id/place/410100> a pmkg:Place ; rdfs:label "郑州市" ; pmkg:adcode "410100" ;
      pmkg:level "prefecture" ; pmkg:within <https://w3id.org/pmkg/id/place/410000> ;
      geo:lat 34.75 ; geo:long 113.62 .
  <https://w3id.org/pmkg/id/place/410400> a pmkg:Place ; rdfs:label "平顶山市" ; pmkg:adcode "410400" ;
      pmkg:level "prefecture" ; pmkg:within <https://w3id.org/pmkg/id/place/410000> ;
      geo:lat 33.77 ; geo:long 113.19 .
  <https://w3id.org/pmkg/id/place/410422> a pmkg:Place ; rdfs:label "叶县" ; pmkg:adcode "410422" ;
      pmkg:level "county" ; pmkg:within <https://w3id.org/pmkg/id/place/410400> .
  id:category\\/approval a skos:Concept , pmkg:MeasureCategory ; rdfs:label "审批服务" ; skos:prefLabel "审批服务" .
  id:measure\\/yiwangtongban a pmkg:Measure , skos:Concept ; rdfs:label "一网通办" ;
      skos:prefLabel "一网通办" ; skos:altLabel "一网通" ; skos:broader id:category\\/approval .
  id:measure\\/gaozhi-chengnuo a pmkg:Measure , skos:Concept ; rdfs:label "告知承诺制" ;
      skos:prefLabel "告知承诺制" ; skos:broader id:category\\/approval .
  id:measure\\/mianshen-jixiang a pmkg:Measure , skos:Concept ; rdfs:label "免申即享" ;
      skos:prefLabel "免申即享" ; skos:broader id:category\\/approval .
}

<https://w3id.org/pmkg/id/doc/714570ef48909b4a> {
  <https://w3id.org/pmkg/id/doc/714570ef48909b4a> a pmkg:Newsletter , pmkg:SourceDocument ;
      pmkg:sourceFile "pds-2024-05.txt" ;
      pmkg:contentHash "714570ef48909b4a5fe2049df977f426f722ca61921fa29716a33ece2792f3ff" ;
      dct:title "营商环境工作动态" ; dct:issued "2024-03-15"^^xsd:date ; pmkg:issueNumber 5 ;
      dct:publisher id:agency\\/pds-yingshangban .
  id:agency\\/pds-yingshangban a pmkg:Agency , org:Organization ;
      rdfs:label "平顶山市优化营商环境工作领导小组办公室" ; skos:altLabel "市营商办" ;
      pmkg:locatedIn <https://w3id.org/pmkg/id/place/410400> .
  <https://w3id.org/pmkg/id/item/714570ef48909b4a-1> a pmkg:NewsItem ;
      dct:isPartOf <https://w3id.org/pmkg/id/doc/714570ef48909b4a> ;
      dct:title "我市全面推行一网通办" ; pmkg:section "本地速览" ; pmkg:position 1 ;
      pmkg:text "3月10日，平顶山市全面推行一网通办。市长张伟出席。" ; pmkg:start 40 ; pmkg:end 65 ;
      pmkg:mentions <https://w3id.org/pmkg/id/place/410400> , id:measure\\/yiwangtongban ,
          id:official\\/zhang-wei , id:agency\\/pds-yingshangban , id:document\\/pds-tiaoli .
  <https://w3id.org/pmkg/id/mention/714570ef48909b4a-46-50-place> a pmkg:Mention ;
      pmkg:inItem <https://w3id.org/pmkg/id/item/714570ef48909b4a-1> ; pmkg:start 46 ; pmkg:end 50 ;
      pmkg:surface "平顶山市" ; pmkg:refersTo <https://w3id.org/pmkg/id/place/410400> .
  <https://w3id.org/pmkg/id/mention/714570ef48909b4a-54-58-measure> a pmkg:Mention ;
      pmkg:inItem <https://w3id.org/pmkg/id/item/714570ef48909b4a-1> ; pmkg:start 54 ; pmkg:end 58 ;
      pmkg:surface "一网通办" ; pmkg:refersTo id:measure\\/yiwangtongban .
  <https://w3id.org/pmkg/id/place/410400> rdfs:label "平顶山市" ; pmkg:adopts id:measure\\/yiwangtongban .
  id:measure\\/yiwangtongban rdfs:label "一网通办" .
  id:adoption\\/410400-yiwangtongban-714570ef48909b4a a pmkg:Adoption ;
      pmkg:place <https://w3id.org/pmkg/id/place/410400> ; pmkg:measure id:measure\\/yiwangtongban ;
      prov:wasDerivedFrom <https://w3id.org/pmkg/id/item/714570ef48909b4a-1> ;
      dct:date "2024-03-10"^^xsd:date ; pmkg:datePrecision "day" ; pmkg:stage "launched" ;
      pmkg:evidence <https://w3id.org/pmkg/id/mention/714570ef48909b4a-54-58-measure> .
  id:official\\/zhang-wei a pmkg:Official ; rdfs:label "张伟" ; org:holds id:post\\/410400-shizhang .
  id:post\\/410400-shizhang a org:Post ; pmkg:title "市长" ;
      pmkg:jurisdiction <https://w3id.org/pmkg/id/place/410400> .
  id:document\\/pds-tiaoli a pmkg:PolicyDocument ; rdfs:label "平顶山市优化营商环境条例" ;
      pmkg:issuedBy id:agency\\/pds-yingshangban ; dct:issued "2024-01-01"^^xsd:date ;
      pmkg:documentNumber "平政〔2024〕1号" .
}

<https://w3id.org/pmkg/id/doc/05bad28ca313fa75> {
  <https://w3id.org/pmkg/id/doc/05bad28ca313fa75> a pmkg:SourceDocument ;
      pmkg:sourceFile "zz-news.html" ;
      pmkg:contentHash "05bad28ca313fa75b9151ebde2327d0a15faf58332178c28932f1ab9637148fa" ;
      dct:title "郑州叶县推行告知承诺制" ; dct:issued "2024-04-02"^^xsd:date ;
      dct:publisher id:agency\\/zz-zhengwu .
  id:agency\\/zz-zhengwu a pmkg:Agency , org:Organization ; rdfs:label "郑州市政务服务和大数据管理局" ;
      pmkg:locatedIn <https://w3id.org/pmkg/id/place/410100> .
  <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> a pmkg:NewsItem ;
      dct:isPartOf <https://w3id.org/pmkg/id/doc/05bad28ca313fa75> ;
      dct:title "郑州叶县推行告知承诺制" ; pmkg:section "要闻" ; pmkg:position 1 ;
      pmkg:text "4月1日郑州市推行一网通办，3月起郑州市实行告知承诺制。叶县4月2日实行告知承诺制。副局长李娜介绍拿地即开工。" ;
      pmkg:start 0 ; pmkg:end 55 ;
      pmkg:mentions <https://w3id.org/pmkg/id/place/410100> , <https://w3id.org/pmkg/id/place/410422> ,
          id:measure\\/yiwangtongban , id:measure\\/gaozhi-chengnuo , id:measure\\/nadi-jikaigong ,
          id:official\\/li-na , id:agency\\/zz-zhengwu .
  <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-10-14-measure> a pmkg:Mention ;
      pmkg:inItem <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ; pmkg:start 10 ; pmkg:end 14 ;
      pmkg:surface "一网通办" ; pmkg:refersTo id:measure\\/yiwangtongban .
  <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-22-27-measure> a pmkg:Mention ;
      pmkg:inItem <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ; pmkg:start 22 ; pmkg:end 27 ;
      pmkg:surface "告知承诺制" ; pmkg:refersTo id:measure\\/gaozhi-chengnuo .
  <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-34-39-measure> a pmkg:Mention ;
      pmkg:inItem <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ; pmkg:start 34 ; pmkg:end 39 ;
      pmkg:surface "告知承诺制" ; pmkg:refersTo id:measure\\/gaozhi-chengnuo .
  <https://w3id.org/pmkg/id/place/410100> rdfs:label "郑州市" ;
      pmkg:adopts id:measure\\/yiwangtongban , id:measure\\/gaozhi-chengnuo .
  <https://w3id.org/pmkg/id/place/410422> rdfs:label "叶县" ; pmkg:adopts id:measure\\/gaozhi-chengnuo .
  id:adoption\\/410100-yiwangtongban-05bad28ca313fa75 a pmkg:Adoption ;
      pmkg:place <https://w3id.org/pmkg/id/place/410100> ; pmkg:measure id:measure\\/yiwangtongban ;
      prov:wasDerivedFrom <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ;
      dct:date "2024-04-01"^^xsd:date ; pmkg:datePrecision "day" ; pmkg:stage "launched" ;
      pmkg:evidence <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-10-14-measure> .
  id:adoption\\/410100-gaozhi-chengnuo-05bad28ca313fa75 a pmkg:Adoption ;
      pmkg:place <https://w3id.org/pmkg/id/place/410100> ; pmkg:measure id:measure\\/gaozhi-chengnuo ;
      prov:wasDerivedFrom <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ;
      dct:date "2024-03-01"^^xsd:date ; pmkg:datePrecision "month" ; pmkg:stage "extended" ;
      pmkg:evidence <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-22-27-measure> .
  id:adoption\\/410422-gaozhi-chengnuo-05bad28ca313fa75 a pmkg:Adoption ;
      pmkg:place <https://w3id.org/pmkg/id/place/410422> ; pmkg:measure id:measure\\/gaozhi-chengnuo ;
      prov:wasDerivedFrom <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> ;
      dct:date "2024-04-02"^^xsd:date ; pmkg:datePrecision "day" ; pmkg:stage "launched" ;
      pmkg:evidence <https://w3id.org/pmkg/id/mention/05bad28ca313fa75-34-39-measure> .
  id:official\\/li-na a pmkg:Official ; rdfs:label "李娜" ; org:holds id:post\\/zz-zhengwu-fujuzhang .
  id:post\\/zz-zhengwu-fujuzhang a org:Post ; pmkg:title "副局长" ; org:postIn id:agency\\/zz-zhengwu .
  id:measure\\/nadi-jikaigong a pmkg:Measure , pmkg:CandidateMeasure , skos:Concept ;
      rdfs:label "拿地即开工" ; skos:prefLabel "拿地即开工" ; skos:broader id:category\\/approval ;
      pmkg:confidence 0.6 .
  id:observation\\/05bad28ca313fa75-1-1 a pmkg:Observation ; pmkg:measureText "审批时限" ;
      pmkg:value 5.0 ; pmkg:fromValue 20.0 ; pmkg:unit "个工作日" ;
      prov:wasDerivedFrom <https://w3id.org/pmkg/id/item/05bad28ca313fa75-1> .
}
"""


@pytest.fixture()
def small_quads() -> list:
    """The two-document graph above as pyoxigraph Quads (a fresh list per test)."""
    import pyoxigraph as ox

    return list(ox.parse(SMALL_TRIG.encode("utf-8"), ox.RdfFormat.TRIG))


@pytest.fixture(params=["memory", pytest.param("remote", marks=pytest.mark.server)])
def small_store(request: pytest.FixtureRequest, small_quads: list):
    """The graph above loaded into a store: in memory, and on the `oxigraph_server` (cleared first)."""
    from kg.store import REFERENCE_GRAPH, open_store

    if request.param == "memory":
        s = open_store(":memory:")
    else:
        s = open_store(request.getfixturevalue("oxigraph_server"))
        s.clear()
    graphs: dict[str, list] = {}
    for q in small_quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    for graph, quads in graphs.items():
        if graph == REFERENCE_GRAPH:
            s.put_reference(quads)
        else:
            s.replace_document(graph, quads)
    yield s
    s.close()


# --- oxigraph_server -------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` on a free local port; yields its base URL, stops it afterwards."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    err = process.stderr.read().decode() if process.stderr else ""
                    pytest.fail(f"oxigraph serve did not start on {url}: {err}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
