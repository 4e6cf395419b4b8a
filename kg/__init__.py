"""pmkg: turn Chinese business-environment bulletins into a policy-measure knowledge graph."""
from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

#: Folder of the OWL ontology, SHACL shapes and SKOS vocabularies (data, not code).
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
#: Folder of curated data files (gazetteer additions, stop lists).
DATA_DIR = Path(__file__).resolve().parent / "data"
