"""Finding tokens and names by character offset, without scanning the Doc (``doc.text`` and
``doc.ents`` are rebuilt on every access, so stages build these once per document)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token


class TokenIndex:
    """Character offset to token, by bisection on token starts."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token | None:
        if not self.starts:
            return None
        i = max(0, bisect_right(self.starts, char) - 1)
        return self.doc[i]

    def between(self, start: int, end: int) -> list[Token]:
        lo = bisect_right(self.starts, start - 1)
        hi = bisect_right(self.starts, end - 1)
        lo = max(0, lo - 1) if lo > 0 and self.doc[lo - 1].idx + len(self.doc[lo - 1]) > start else lo
        return list(self.doc[lo:hi])


class NameIndex:
    """The document's name entities (the language's ``name_entities`` types), found by offset."""

    def __init__(self, doc: Doc, labels: Collection[str]) -> None:
        self.ents = [e for e in doc.ents if e.label_ in labels]
        self.starts = [e.start_char for e in self.ents]

    def within(self, start: int, end: int) -> list[Span]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.ents) and self.ents[i].start_char < end:
            if self.ents[i].end_char <= end:
                out.append(self.ents[i])
            i += 1
        return out
