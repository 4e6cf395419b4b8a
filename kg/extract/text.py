"""The text of a Doc, kept once: `Doc.text` rebuilds the string from its tokens on every call,
which with one token per character costs more than all the matching together."""
from __future__ import annotations

from spacy.tokens import Doc

KEY = "pmkg_text"


def text_of(doc: Doc) -> str:
    """The doc's text, cached in `doc.user_data`."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
