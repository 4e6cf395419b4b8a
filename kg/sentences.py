"""Split a text into sentences, keeping offsets: after 。！？；(and the closing quotes or brackets
that follow) and at line breaks."""
from __future__ import annotations

from kg.head import CLOSERS, SENTENCE_END
from kg.records import Sentence


def sentences(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Sentences of text[start:end], split after 。！？；(and closing quotes) and at line breaks."""
    out, s = [], start
    i = start
    while i < end:
        ch = text[i]
        if ch in SENTENCE_END or ch == "\n":
            j = i + 1
            while j < end and text[j] in CLOSERS:
                j += 1
            if text[s:j].strip():
                out.append(_trim(text, s, j))
            s, i = j, j
            continue
        i += 1
    if text[s:end].strip():
        out.append(_trim(text, s, end))
    return tuple(out)


def _trim(text: str, s: int, e: int) -> Sentence:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Sentence(s, e)
