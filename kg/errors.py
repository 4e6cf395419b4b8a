"""The exception tree of pmkg; lower-level errors are translated at each stage's boundary.

    KGError
    ├── IngestError       a file cannot be read, decoded or parsed
    ├── ExtractionError   a stage failed on text it accepted
    ├── StoreError        the store cannot be opened, written or read
    ├── QueryError        a SPARQL query is malformed, refused or too slow
    └── ValidationError   a graph does not conform to the SHACL shapes
"""
from __future__ import annotations


class KGError(Exception):
    """Base of every error pmkg raises on purpose; its message is one line for the user."""


class IngestError(KGError):
    """A file cannot be read, decoded or parsed."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ExtractionError(KGError):
    """A stage failed on text it had accepted."""


class StoreError(KGError):
    """The store cannot be opened, written or read."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused, or ran past its limits."""


class ValidationError(KGError):
    """A graph does not conform to the SHACL shapes."""
