"""What stages pass to each other: the document's context and quote candidates as plain offsets.

Candidates carry character offsets into the untouched text and, where the
parse gave them, the token that anchors the cue, so that later stages (the
mention finder, the resolver) can walk the parse from it. Only
:func:`finalize` turns them into :class:`~quotes.model.Quote` objects, with
spans cut from the text itself so that ``text[start:end] == span.text`` holds
by construction. No stage imports another: what one finds for the next is
here (:class:`QuotedSpan`, :class:`Turn`, :class:`Candidate`, :class:`Context`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from ..model import Kind, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..lang.base import LanguageRules

Offsets = tuple[int, int]


class Rule(str, Enum):
    """Which rule found a candidate: shown by ``quotes bench --misses``, read by the generic steps."""

    LABEL = "label"
    SIGNED_POST = "signed-post"
    DIRECT_CUE = "direct-cue"
    DIRECT_BARE = "direct-bare"
    DIRECT_CONTINUED = "direct-continued"
    REPORTED_CLAUSE = "reported-clause"
    REPORTED_TO = "reported-to"
    REPORTED_PREP = "reported-prep"
    REPORTED_NP = "reported-np"
    REPORTED_AS = "reported-as"
    REPORTED_OPRD = "reported-oprd"
    REPORTED_PARENTHETICAL = "reported-parenthetical"
    REPORTED_ACCORDING = "reported-according"
    REPORTED_SPEECH_NOUN = "reported-speech-noun"
    CONTINUATION = "reported-continuation"  # a cue-less sentence going on with reported speech
    OTHER = "other"  # a finder of a user's own that does not say

    @property
    def from_parse(self) -> bool:
        """Found in the parse, not delimited by marks or a label: its kind comes from the marks it covers."""
        return self.value.startswith("reported-")

    @classmethod
    def reported(cls, frame: str) -> Rule:
        return cls(f"reported-{frame}")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A stretch between quotation marks (the marks stage)."""

    open: int  # offset of the opening mark
    start: int  # first character inside the marks
    end: int  # end of the content (the closing mark's offset, or the paragraph end)
    close: int  # end of the closing mark (== end when unclosed)
    family: str  # the marks' family in quote_marks.tsv ("double", "single", "angle")
    depth: int  # 0 for outermost
    closed: bool
    paragraphs: int = 1  # how many paragraphs the quote runs over
    work_title: bool = False  # an outermost quotation that is the title of a work, not speech

    @property
    def outer(self) -> tuple[int, int]:
        return self.open, self.close


@dataclass(frozen=True, slots=True)
class Turn:
    """A transcript turn or a quoted post (the transcript stage)."""

    index: int  # paragraphs of one turn share it
    label: tuple[int, int]  # the speaker's label (or the post's signature name)
    content: tuple[int, int]
    name: str
    signed: bool = False  # a quoted post, not a spoken turn
    quoted: bool = False  # the label's text is one quotation, and the content is its inside


@dataclass(frozen=True)
class Context:
    """What every stage may read about the document: the parse, its text, its language, marks and turns."""

    doc: Doc
    text: str
    lang: LanguageRules
    quoted: tuple[QuotedSpan, ...]
    turns: tuple[Turn, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: Kind
    content: Offsets
    cue: Offsets | None = None
    mention: Offsets | None = None
    cue_token: int | None = None  # index of the cue's head token, for walking the parse
    anchor: int | None = None  # the token a parse finder read the construction from (a verb, a speech noun)
    mention_token: int | None = None  # the mention's head token
    mention_np: tuple[Offsets, ...] = ()  # the noun phrases the mention was cut from (for aliases)
    confidence: float = 0.8
    rule: Rule = Rule.OTHER  # which rule found it
    turn: int | None = None  # the transcript turn the content lies in
    speaker: tuple[str, ...] = ()
    context_speaker: bool = False  # a bare quote: its speaker comes from the quotes around it
    resolved_by: str | None = None  # how attribution found the speaker ("name", "pronoun", ...)
    prior: float | None = None  # the rules' own confidence, once a trained scorer has replaced it
    speaker_confidence: float | None = None  # a trained scorer's probability that the speaker is right

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

    def covers(self, start: int, end: int) -> bool:
        """``[start, end)`` lies within one of the (merged) spans."""
        span = self.containing(start)
        return span is not None and end <= span[1]

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


class Contents:
    """The candidates' contents, sorted, with the nesting questions answered by bisection: a long
    transcript has hundreds of candidates, and asking each against all of them is quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._max_end: list[int] = []  # the furthest end among spans[: i + 1]
        for _, e in self.spans:
            self._max_end.append(max(e, self._max_end[-1]) if self._max_end else e)

    def inside_another(self, span: tuple[int, int]) -> bool:
        """Another content starts where ``span`` does or before it and ends where it does or after."""
        start, end = span
        before = bisect_left(self.spans, (start, -1))  # the spans that start before ``span``
        if before and self._max_end[before - 1] >= end:
            return True
        last_here = bisect_right(self.spans, (start, float("inf"))) - 1  # the longest starting with it
        return last_here >= 0 and self.spans[last_here][0] == start and self.spans[last_here][1] > end

    def holds_another(self, span: tuple[int, int]) -> bool:
        """Another content lies within ``span`` (the same start and a nearer end, or a later start)."""
        start, end = span
        i = bisect_left(self.spans, (start, -1))
        if i < len(self.spans) and self.spans[i][0] == start and self.spans[i][1] < end:
            return True
        i = bisect_left(self.spans, (start + 1, -1))
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                return True
            i += 1  # a content that starts inside and runs past the end: rare (overlaps are settled)
        return False


def overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a: Offsets, b: Offsets) -> bool:
    """``a`` lies within ``b``."""
    return b[0] <= a[0] and a[1] <= b[1]


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
            speaker_confidence=None if c.speaker_confidence is None else round(c.speaker_confidence, 4),
            rule=c.rule.value,
        )
        for n, c in enumerate(kept, 1)
    )


def document_texts(ctx: Context, found: Iterable[Candidate]) -> set[Offsets]:
    """The outermost closed quotations that are a document's text (``"...," it reads``): a direct
    quote stands on them whose cue the language reads as a text speaking. The reported finder reads
    inside these, and the reconcile step keeps what they report."""
    cues = [(c.content, c.cue_token) for c in found if c.kind == "direct" and c.cue_token is not None]
    return {
        (q.start, q.end)
        for q in ctx.quoted
        if q.depth == 0
        and q.closed
        and any(
            overlaps(content, (q.start, q.end)) and ctx.lang.quotes_a_text(ctx.doc[i]) for content, i in cues
        )
    }
