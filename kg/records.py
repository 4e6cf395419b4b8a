"""Typed records passed between the stages: read → clean → segment → extract → link → graph.

Every record that stands for a piece of text keeps its offsets so evidence can be shown.
Offsets in `CleanText`, `Item`, `Sentence` and extraction records are in the *clean* text;
`CleanText.to_original` maps them back to the file's text as the reader returned it.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawText:
    """What a reader returns: the file's text, as decoded, and how it was read."""

    path: str
    text: str
    fmt: str  # "txt", "pdf", "docx", "html"
    encoding: str | None = None
    #: (start, end) offsets in `text` of lines the reader knows to be headings (bigger/bold font).
    headings: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class CleanText:
    """Cleaned text plus a piecewise map back to the reader's text.

    The map is a list of runs: clean offset `clean_starts[k]` corresponds to original offset
    `orig_starts[k]`, and offsets grow together until the next run starts.
    """

    text: str
    original: str
    clean_starts: tuple[int, ...] = (0,)
    orig_starts: tuple[int, ...] = (0,)
    #: the simplified-Chinese view of `text`, same length, used for matching only
    simplified: str = ""

    def to_original(self, pos: int) -> int:
        """Map one clean offset to the original text.

        >>> CleanText("ab", "a b", (0, 1), (0, 2)).to_original(1)
        2
        """
        k = bisect_right(self.clean_starts, pos) - 1
        return self.orig_starts[k] + (pos - self.clean_starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to the original text."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    @property
    def view(self) -> str:
        """The text to match against: simplified where a simplified view exists."""
        return self.simplified or self.text


@dataclass(frozen=True, slots=True)
class Masthead:
    """What the document says about itself."""

    kind: str  # "newsletter" or "article"
    title: str | None = None
    issue: int | None = None
    publisher: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    #: span in the clean text of the publisher name, when found
    publisher_span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Item:
    """One news item: headline and body, with offsets into the clean text."""

    position: int  # 1-based
    section: str | None
    headline: str
    start: int
    end: int
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Segmented:
    """A document cut into masthead, items and sentences."""

    clean: CleanText
    masthead: Masthead
    items: tuple[Item, ...]

    def item(self, position: int) -> Item | None:
        """The item at this 1-based position, if any."""
        return next((i for i in self.items if i.position == position), None)

    def sentence_at(self, item: int, pos: int) -> Sentence | None:
        """The sentence of item `item` (its position) that holds offset `pos`, if any."""
        it = self.item(item)
        return None if it is None else next((s for s in it.sentences if s.start <= pos < s.end), None)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """Identity of one input file."""

    path: str
    name: str
    sha256: str
    fmt: str
    encoding: str | None = None


def lookup(pairs: tuple[tuple[str, str], ...], name: str, default: str | None = None) -> str | None:
    """The value of `name` in (name, value) pairs.

    >>> lookup((("key", "410400"),), "key"), lookup((), "key", "-")
    ('410400', '-')
    """
    return next((v for k, v in pairs if k == name), default)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span found by extraction, before linking: offsets are in the clean text.

    `kind` is one of place, context, agency, official, measure, document, date, figure.
    `attrs` holds kind-specific values as (name, value) pairs, e.g. ("codes", "410400|411200").
    """

    kind: str
    item: int
    start: int
    end: int
    text: str
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        return lookup(self.attrs, name, default)


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing after linking. `key` is its identity across documents
    (kind-prefixed: place:410400, agency:<canonical>, official:<name>@<province>, measure:<iri> …)."""

    kind: str
    key: str
    label: str
    alt: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str, default: str | None = None) -> str | None:
        return lookup(self.attrs, name, default)


@dataclass(frozen=True, slots=True)
class Ref:
    """Evidence that an item names an entity: the item and the span (clean-text offsets)."""

    key: str
    kind: str
    item: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Post:
    official: str  # entity key
    title: str
    jurisdiction: str | None  # adcode
    agency: str | None  # entity key
    item: int


@dataclass(frozen=True, slots=True)
class Adoption:
    place: str  # adcode
    measure: str  # entity key
    item: int
    start: int
    end: int
    date: str | None  # ISO yyyy-mm-dd
    precision: str | None
    stage: str


@dataclass(frozen=True, slots=True)
class Observation:
    item: int
    start: int
    end: int
    what: str
    value: str
    unit: str
    from_value: str | None = None


@dataclass(frozen=True, slots=True)
class Linked:
    """A document after linking: its entities, the evidence for each, and the facts between them."""

    seg: Segmented
    source: SourceFile
    home: str | None  # adcode of the document's own jurisdiction
    publisher: str | None  # entity key of the publishing agency
    entities: tuple[Entity, ...]
    refs: tuple[Ref, ...]
    posts: tuple[Post, ...]
    adoptions: tuple[Adoption, ...]
    observations: tuple[Observation, ...]
    #: document entity key → issuing entity keys, date, number
    issued: tuple[tuple[str, tuple[str, ...], str | None, str | None], ...] = ()
