"""Extraction: a spaCy pipeline of registered components over each item's simplified text.

    places → agencies → officials → measures → documents → figures

Each component writes a span group (`doc.spans[...]`); `extract` turns them into plain
`Mention` records with offsets in the clean text. Nothing here knows about RDF or IRIs."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import agencies, documents, figures, measures, officials, places  # noqa: F401 (register)
from kg.extract.text import KEY as TEXT_KEY
from kg.records import Item, Mention, Segmented

PIPES = ("pmkg_places", "pmkg_agencies", "pmkg_officials", "pmkg_measures", "pmkg_documents", "pmkg_figures")
GROUPS = {"place": "place", "context": "context", "agency": "agency", "title": "title",
          "official": "official", "measure": "measure", "document": "document", "figure": "figure"}


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The extraction pipeline: a blank Chinese pipeline with one token per character."""
    pipeline = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    for name in PIPES:
        pipeline.add_pipe(name)
    return pipeline


def extract(seg: Segmented) -> list[Mention]:
    """Every mention in every item of a segmented document."""
    view = seg.clean.view
    pipeline = nlp()
    out: list[Mention] = []
    for item in seg.items:
        text = view[item.start:item.end]
        # one token per character, built directly: the same tokens spaCy's "char" segmenter makes,
        # without its alignment pass
        doc = Doc(pipeline.vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data[TEXT_KEY] = text  # components read it once instead of rebuilding Doc.text
        for _, component in pipeline.pipeline:
            doc = component(doc)
        out.extend(_mentions(seg, item, doc))
    return out


def _mentions(seg: Segmented, item: Item, doc) -> Iterator[Mention]:
    text, view = seg.clean.text, seg.clean.view
    for kind, group in GROUPS.items():
        for k, span in enumerate(doc.spans.get(group, [])):
            s, e = item.start + span.start_char, item.start + span.end_char
            attrs = [("key", span.kb_id_), ("label", span.label_), ("index", str(k))]
            if view[s:e] != text[s:e]:
                attrs.append(("simplified", view[s:e]))
            yield Mention(kind, item.position, s, e, text[s:e], tuple(attrs))
