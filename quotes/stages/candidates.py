"""What stages pass to each other: quote candidates as plain offsets.

Candidates carry character offsets into the untouched text and, where the
parse gave them, the token that anchors the cue, so that later stages (the
mention finder, the resolver) can walk the parse from it. Only
:func:`finalize` turns them into :class:`~quotes.model.Quote` objects, with
spans cut from the text itself so that ``text[start:end] == span.text`` holds
by construction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..model import Kind, Quote, Span

Offsets = tuple[int, int]

#: Characters trimmed from both ends of a content span (the spec strips the sentence-final period
#: and surrounding whitespace; commas and colons left at a clause edge are never content).
EDGE_PUNCT = " \t\r\n\u00a0,;:—–-"
FINAL_PUNCT = ".!?…"


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: Kind
    content: Offsets
    cue: Offsets | None = None
    mention: Offsets | None = None
    cue_token: int | None = None  # index of the cue's head token, for walking the parse
    mention_token: int | None = None  # the mention's head token
    mention_np: tuple[Offsets, ...] = ()  # the noun phrases the mention was cut from (for aliases)
    confidence: float = 0.8
    rule: str = ""  # which rule found it, for --misses and debugging
    turn: int | None = None  # the transcript turn the content lies in
    speaker: tuple[str, ...] = ()
    context_speaker: bool = False  # a bare quote: its speaker comes from the quotes around it

    def with_(self, **changes: object) -> Candidate:
        return replace(self, **changes)  # type: ignore[arg-type]


class Intervals:
    """A union of ``[start, end)`` spans with a logarithmic "is this offset inside one?"."""

    def __init__(self, spans: Iterable[Offsets]) -> None:
        merged: list[Offsets] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in merged]

    def containing(self, offset: int) -> Offsets | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.spans[i][1]:
            return self.spans[i]
        return None

    def spans_between(self, start: int, end: int) -> list[Offsets]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(self.spans[i])
            i += 1
        return out

    def __contains__(self, offset: int) -> bool:
        return self.containing(offset) is not None


def trim(text: str, start: int, end: int, *, final: bool = True) -> Offsets:
    """Strip whitespace and clause-edge punctuation; with ``final``, a sentence-final period too."""
    strip = EDGE_PUNCT + FINAL_PUNCT if final else EDGE_PUNCT
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: Offsets, b: Offsets) -> bool:
    """``a`` lies within ``b``."""
    return b[0] <= a[0] and a[1] <= b[1]


def drop_swallowed(found: list[Candidate]) -> list[Candidate]:
    """A direct quote that lies inside a mixed quote's content is part of it, not a quote of its own."""
    mixed = [c.content for c in found if c.kind == "mixed"]
    return [
        c
        for c in found
        if not (c.kind == "direct" and any(inside(c.content, m) and c.content != m for m in mixed))
    ]


def _span(text: str, off: Offsets | None) -> Span | None:
    return None if off is None else Span.of(text, off[0], off[1])


def finalize(
    text: str, found: Iterable[Candidate], kinds: frozenset[Kind], min_confidence: float
) -> tuple[Quote, ...]:
    """Order, de-duplicate and number the candidates; cut every span from the text."""
    seen: set[tuple[Kind, Offsets]] = set()
    kept = []
    for c in sorted(found, key=lambda c: (c.content[0], c.content[1], c.kind)):
        if c.content[0] >= c.content[1] or (c.kind, c.content) in seen:
            continue
        if c.kind not in kinds or c.confidence < min_confidence:
            continue
        seen.add((c.kind, c.content))
        kept.append(c)
    return tuple(
        Quote(
            id=f"q{n}",
            kind=c.kind,
            content=Span.of(text, *c.content),
            cue=_span(text, c.cue),
            mention=_span(text, c.mention),
            speaker=c.speaker,
            confidence=round(c.confidence, 4),
        )
        for n, c in enumerate(kept, 1)
    )
