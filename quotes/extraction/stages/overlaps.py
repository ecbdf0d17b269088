"""Settle quotes whose contents cross: two quotes may be apart or one inside the other, never half over.

The spec allows nesting (speech reported inside a quotation or a transcript
turn is its own quote) but each stretch of reported speech is one quote, so
a content that begins inside another and ends outside it means one of the two
has a wrong boundary. The stages that find quotes work one construction at a
time and can disagree where a reported clause runs into a quotation:

- ``rejected the notion that A, saying "B ..."``: the participle (or a
  coordinated ``and added``) opens a second speech act; the first clause ends
  before it.
- ``described it as "horrendous. . . . It really hurts," he said``: the
  mixed clause took the first sentence of the quotation; the direct quote is
  the rest.
- ``a voice that said "love ... muster."``: the clause stopped at the final
  period inside the marks; it takes the whole quotation.
- ``A: "B ..."`` or ``A. "B ..."``: a clause does not run on through a colon
  or a sentence end into a quotation.
- A clause that begins inside a quotation and runs out of it
  (``"A. B," Patel said, according to ...``: the parser split the sentence
  inside the marks) is dropped; the quotation stands. One that runs into a
  transcript turn from before its label starts at the turn.

Whatever still crosses after that (rare: two clauses from a misparse) is
settled by keeping the more confident quote, so the output never holds a
crossing pair, and one content span is never reported twice.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from ...lang.base import LanguageRules
from ..candidates import Candidate, Context, Offsets, QuotedSpan
from ..tokens import TokenIndex

#: Kinds in the order they win when two quotes claim the same content.
KIND_RANK = {"transcript": 0, "direct": 1, "mixed": 2, "indirect": 3}
#: Rounds of repair before whatever still crosses is settled by confidence.
MAX_ROUNDS = 3


def crosses(a: Offsets, b: Offsets) -> bool:
    """Overlapping, and neither inside the other."""
    return (
        a[0] < b[1]
        and b[0] < a[1]
        and not (a[0] <= b[0] and b[1] <= a[1])
        and not (b[0] <= a[0] and a[1] <= b[1])
    )


def crossing_pairs(found: list[Candidate]) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` whose contents cross, ``i`` starting first; a sweep, not all pairs."""
    order = sorted(range(len(found)), key=lambda i: (found[i].content[0], -found[i].content[1]))
    pairs = []
    active: list[int] = []  # contents that may still reach past the next start
    for j in order:
        s, e = found[j].content
        active = [i for i in active if found[i].content[1] > s]
        pairs += [(i, j) for i in active if found[i].content[1] < e and found[i].content[0] < s]
        active.append(j)
    return pairs


class _Marks:
    """The quotation around a direct quote's content: its opening mark and the end of its closing mark."""

    def __init__(self, quoted: list[QuotedSpan]) -> None:
        self.spans = sorted((q.start, q.end, q.open, q.close) for q in quoted)
        self.starts = [s for s, *_ in self.spans]

    def around(self, content: Offsets) -> tuple[int, int]:
        i = bisect_right(self.starts, content[0]) - 1
        while i >= 0:
            start, end, open_, close = self.spans[i]
            if start <= content[0] and content[1] <= end:
                return open_, close
            i -= 1
        return content  # no marks known (a quote whose marks were trimmed away): the content itself


def _has_marks(text: str, span: Offsets, marks: str) -> bool:
    return any(c in marks for c in text[span[0] : span[1]])


def _clause_break_before(text: str, pos: int, floor: int, breaks: str) -> bool:
    """A quotation that follows one of ``breaks`` (spaces skipped) starts a new sentence or clause."""
    j = pos - 1
    while j >= floor and text[j].isspace():
        j -= 1
    return j >= floor and text[j] in breaks


def _cut_before(tok: Token, floor: int, linking: frozenset[str]) -> int:
    """Where a clause ends that a speech act starting at ``tok`` follows: before its linking words
    (the language's ``linking_pos``: ``, and adding``, ``by saying``, ``before noting``)."""
    i = tok.i
    while i - 1 >= 0 and tok.doc[i - 1].pos_ in linking and tok.doc[i - 1].idx >= floor:
        i -= 1
    return tok.doc[i].idx


def _reshaped(text: str, c: Candidate, content: Offsets, lang: LanguageRules) -> Candidate | None:
    """``c`` with a new content: trimmed, its kind following its marks; ``None`` when nothing is left."""
    start, end = lang.marks.trim(text, *content) if c.kind in ("mixed", "indirect") else content
    if end - start < 2:
        return None
    kind = c.kind
    if kind in ("mixed", "indirect"):
        kind = "mixed" if _has_marks(text, (start, end), lang.marks.chars) else "indirect"
    return c.with_(content=(start, end), kind=kind)


def _repair(
    text: str, a: Candidate, b: Candidate, marks: _Marks, index: TokenIndex, lang: LanguageRules
) -> tuple[Candidate | None, Candidate | None] | None:
    """New versions of a crossing pair (``a`` starts first), or ``None`` when no rule applies."""
    (a0, a1), (b0, b1) = a.content, b.content
    if b.kind == "transcript":  # a runs into the turn from before its label
        return _reshaped(text, a, (b0, a1), lang), b
    if a.kind == "transcript":  # b runs out of the turn
        return a, _reshaped(text, b, (b0, a1), lang)
    reported = ("mixed", "indirect")
    if a.kind in reported and b.kind == "direct":
        open_, close = marks.around(b.content)
        act = lang.second_act(index.between(a0, min(open_, a1)), a.cue_token)
        if act is not None:
            if act.i > 0 and act.doc[act.i - 1].lower_ in lang.lexicon.means_words:
                return None, b  # "explained the delay by saying ...": the first act has no content of its own
            return _reshaped(text, a, (a0, _cut_before(act, a0, lang.tags.linking_pos)), lang), b
        if _clause_break_before(text, open_, a0, lang.marks.clause_breaks):
            return _reshaped(text, a, (a0, open_), lang), b
        if not any(ch.isalnum() for ch in text[a1:b1]):
            return _reshaped(text, a, (a0, max(close, b1)), lang), b
        start = a1
        while start < b1 and not text[start].isalnum():
            start += 1  # the rest of the quotation begins after the clause's sentence
        return a, b.with_(content=(start, b1)) if b1 - start >= 2 else None
    if a.kind == "direct" and b.kind in reported:
        return a, None  # a clause begun inside the quotation: a sentence split there; the quote stands
    return None


def _settle(found: list[Candidate]) -> list[Candidate]:
    """Drop what still crosses or repeats a content, keeping the more confident (then the longer) quote."""
    order = sorted(
        found,
        key=lambda c: (-c.confidence, KIND_RANK.get(c.kind, 9), -(c.content[1] - c.content[0]), c.content),
    )
    kept: list[Candidate] = []
    contents: set[Offsets] = set()
    for c in order:
        if c.content in contents or any(crosses(c.content, k.content) for k in kept):
            continue
        kept.append(c)
        contents.add(c.content)
    return sorted(kept, key=lambda c: (c.content, c.kind))


def settle_overlaps(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    text, lang = ctx.text, ctx.lang
    marks = _Marks(ctx.quoted)
    index = TokenIndex(ctx.doc)
    current: list[Candidate | None] = list(found)
    for _ in range(MAX_ROUNDS):
        live = [c for c in current if c is not None]
        pairs = crossing_pairs(live)
        if not pairs:
            return _settle(live) if len({c.content for c in live}) < len(live) else live
        current = list(live)
        touched: set[int] = set()
        for i, j in pairs:
            if i in touched or j in touched:
                continue  # one repair per quote per round; the next round sees the result
            a, b = current[i], current[j]
            if a is None or b is None:
                continue
            fixed = _repair(text, a, b, marks, index, lang)
            if fixed is not None:
                current[i], current[j] = fixed
                touched.update((i, j))
    return _settle([c for c in current if c is not None])
