"""Long documents: parsed in pieces cut at paragraph breaks, reported in the original offsets.

spaCy refuses texts longer than ``nlp.max_length`` (a million characters by
default) and its memory grows with the text, so a long document is cut into
pieces of at most :data:`PIECE_CHARS`: at a blank line where there is one,
else at a line break, else after a sentence, else at a space, and only as a
last resort anywhere. Each piece is a Doc of its own; its quotes are shifted
back into the document's offsets and its speakers merged with the other
pieces' by the same rules that link speakers across documents. A quote never
spans two pieces, which is why the cuts prefer paragraph breaks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import regex

from ..model import DocumentResult, Quote, Span
from ..schema import sha256_text
from .linking import SpeakerIndex

#: Longest piece parsed as one Doc.
PIECE_CHARS = 100_000
#: Longest run without whitespace given to the tokenizer in one piece: spaCy's tokenizer takes
#: time quadratic in such a run when it is punctuation (10,000 quotation marks in a row: half a
#: minute), while real text has no run near this long (URLs included).
MAX_RUN = 500
LONG_RUN = regex.compile(rf"\S{{{MAX_RUN + 1},}}")
#: Where a piece may end, best first: a blank line, a line break, a sentence end, a space.
CUTS = (
    regex.compile(r"\n[ \t]*\n"),
    regex.compile(r"\n"),
    regex.compile(r"[.!?][\"”’']?\s"),
    regex.compile(r"\s"),
)


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """``[start, end)`` spans that cover the text, each at most ``limit`` long, cut at the best break.

    A run without whitespace longer than :data:`MAX_RUN` is also cut, every
    :data:`MAX_RUN` characters, into pieces of its own.
    """
    for start, end in _by_size(text, limit):
        pos = start
        for run in LONG_RUN.finditer(text, start, end):
            if run.start() > pos:
                yield pos, run.start()
            for cut in range(run.start(), run.end(), MAX_RUN):
                yield cut, min(cut + MAX_RUN, run.end())
            pos = run.end()
        if pos < end or (pos == start == end):
            yield pos, end


def _by_size(text: str, limit: int) -> Iterator[tuple[int, int]]:
    start, n = 0, len(text)
    while n - start > limit:
        window_end = start + limit
        cut = None
        for pattern in CUTS:
            last = None
            for m in pattern.finditer(text, start + limit // 2, window_end):
                last = m
            if last is not None:
                cut = last.end()
                break
        if cut is None or cut <= start:
            cut = window_end
        yield start, cut
        start = cut
    if start < n or n == 0:
        yield start, n


def _shift(span: Span | None, by: int) -> Span | None:
    return None if span is None else Span(span.start + by, span.end + by, span.text)


def merge(text: str, parts: list[tuple[int, DocumentResult]], document: str = "") -> DocumentResult:
    """One result for the whole text from the pieces' results (``(offset, result)`` in order)."""
    index = SpeakerIndex()
    quotes: list[Quote] = []
    errors = []
    for offset, result in parts:
        linked = index.link(result)
        errors.extend(result.errors)
        for q in linked.quotes:
            quotes.append(
                replace(
                    q,
                    id=f"q{len(quotes) + 1}",
                    content=_shift(q.content, offset),
                    cue=_shift(q.cue, offset),
                    mention=_shift(q.mention, offset),
                )
            )
    used = {s for q in quotes for s in q.speaker}
    speakers = tuple(s for s in index.as_speakers() if s.id in used)
    return DocumentResult(
        document=document,
        sha256=sha256_text(text),
        speakers=speakers,
        quotes=tuple(quotes),
        errors=tuple(errors),
    )


def extract_with(nlp: Any, text: str, document: str = "") -> DocumentResult:
    """The result for one text with a loaded ``quotes`` pipeline, in pieces when it is long."""
    spans = list(pieces(text))
    if len(spans) == 1:
        result: DocumentResult = nlp(text)._.quotes_result
        return replace(result, document=document)
    docs = nlp.pipe(text[s:e] for s, e in spans)
    parts = [(s, doc._.quotes_result) for (s, _), doc in zip(spans, docs, strict=True)]
    return merge(text, parts, document)
