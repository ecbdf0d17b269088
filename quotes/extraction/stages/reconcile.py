"""After the finders: what the quotation marks say about contents found in the parse.

A finder that reads the parse (the reported-speech finder, or a statistical
one put in its place) reports a clause without regard to quotation marks.
This step, for any such finder, decides:

- a clause that is the complement of a direct quote's cue is that quote, or
  the clause just before it, and no quote of its own, unless it carries the
  quotation inside words of its own (``said he was "a big threat" to
  them``): then it is a mixed quote, and the direct one is part of it;
- a content wholly inside a quotation is a direct quote (unless a direct
  quote already stands there); one that carries a quoted fragment of two or
  more words is mixed, and runs on to the closing mark of a quotation it
  opened; marks around one term (scare quotes) or a work's title change
  nothing;
- speech reported inside a reported content belongs to it: only the
  outermost is kept, except inside a document's or an organisation's
  account (``X agreed to Y, the ministry said``), which reports its
  people's speech: there a third-person report is a quote of its own too
  (spec 1.1: speech reported inside another quote is annotated);
- speech reported inside a quotation belongs to it too, except where the
  quotation is a document's text (``"He stressed that A," it reads``) that
  reports its people's speech in the third person: that is a quote of its
  own, nested in the direct one (spec 1.1).

Finally a direct quote inside a mixed quote's content is part of it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate

from ...lang.base import Marks
from ..candidates import Candidate, Context, Intervals, Offsets, QuotedSpan, document_texts, inside, overlaps

#: A quoted fragment needs this many words to make a reported content mixed.
MIN_MIXED_WORDS = 2
#: A clause carries its cue's quotation inside this many words of its own to be mixed speech.
MIN_OUTSIDE_WORDS = 2
#: At most this many characters without a letter or digit between a clause and the quotation
#: whose cue took it as its complement.
INTRODUCES_GAP = 4


def reconcile(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """The marked quotes as found; the parse's contents with their kind from the marks, outermost only."""
    text = ctx.text
    marked = [c for c in found if not c.rule.from_parse]
    direct = [c for c in marked if c.kind == "direct"]
    direct_cues = {c.cue_token: c.content for c in direct if c.cue_token is not None}
    outer = [q for q in ctx.quoted if q.depth == 0 and q.closed]
    by_span = {(q.start, q.end): q for q in outer}
    quotations = Intervals(by_span)  # outermost quotations do not overlap: each span is one quotation
    texts = document_texts(ctx, direct)
    kept: list[Candidate] = []
    kept_nested: list[Candidate] = []
    for c in found:
        if not c.rule.from_parse:
            continue
        content = c.content
        at = quotations.containing(ctx.doc[c.anchor].idx) if c.anchor is not None else None
        within = by_span.get(at) if at is not None else None
        if within is not None:
            # speech reported inside a quotation belongs to it, unless the quotation is a document's
            # text that reports another's speech
            if (
                inside(content, (within.start, within.end))
                and (within.start, within.end) in texts
                and _reported_within(ctx, c, within)
            ):
                kept_nested.append(c)
            continue
        # A construction read from a direct quote's own cue: its complement is that quotation.
        if c.anchor in direct_cues and _introduces(text, content, direct_cues[c.anchor]):
            quotation = by_span.get(direct_cues[c.anchor])
            if quotation is None or not _carries(text, c, quotation, direct, ctx.lang.marks):
                continue  # this verb's complement is the direct quote it introduces
            content = (min(content[0], quotation.open), max(content[1], quotation.close))  # mixed, with it
        kind = "indirect"
        covering = [
            q
            for q in outer
            if overlaps((q.open, q.close), content) and not _scare(text, q) and not q.work_title
        ]
        if covering:
            whole = next((q for q in covering if inside(content, (q.open, q.close))), None)
            if whole is not None:
                if c.anchor in direct_cues or _quoted_directly(whole, direct):
                    continue  # the quotation itself is the direct quote already found
                content = (whole.start, whole.end)
                kind = "direct"
            else:
                kind = "mixed"
                content = _through_quotation(content, covering, direct)
        kept.append(c.with_(kind=kind, content=content))
    return marked + _outermost(kept, _reports_in_account(ctx, kept)) + _outermost(kept_nested)


def _reports_in_account(ctx: Context, found: list[Candidate]) -> Callable[[Candidate, Offsets], bool]:
    """Which nested reports stand on their own: a third person's speech inside a content that a
    document or an organisation reports (``Cho and Iwaya agreed to A, the ministry said``)."""
    accounts = {
        c.content for c in found if c.cue_token is not None and ctx.lang.reports_others(ctx.doc[c.cue_token])
    }

    def stands(c: Candidate, outer: Offsets) -> bool:
        if outer not in accounts or c.cue_token is None:
            return False
        subj = ctx.lang.subject_of(ctx.doc[c.cue_token])
        return subj is not None and ctx.lang.third_person(subj)

    return stands


def _reported_within(ctx: Context, c: Candidate, q: QuotedSpan) -> bool:
    """In a document's text, speech it reports of someone (``"He stressed that A," it read``) is a
    quote of its own; the text's own acts in the very utterance (``"We call on both sides ..."``)
    are not."""
    if c.cue is None or not inside(c.cue, (q.start, q.end)):
        return False
    if c.cue_token is None or ctx.lang.subject_of(ctx.doc[c.cue_token]) is None:
        return False
    words = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    return words is not None and all(ctx.lang.third_person(t) for t in words)


def drop_swallowed(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A direct quote that lies inside a mixed quote's content is part of it, not a quote of its own."""
    mixed = [c.content for c in found if c.kind == "mixed"]
    return [
        c
        for c in found
        if not (c.kind == "direct" and any(inside(c.content, m) and c.content != m for m in mixed))
    ]


def _introduces(text: str, content: Offsets, quote: Offsets) -> bool:
    """The verb of a direct quote found this content too: the quote itself, or the clause just before it.

    ``She stressed the need for calm: "...," she said.`` parses with the first
    clause as a complement of ``said``; but ``said`` already has its content,
    the quotation, and the clause is ``stressed``'s own.
    """
    if overlaps(content, quote):
        return True
    between = text[content[1] : quote[0]]
    return (
        content[1] <= quote[0] and not any(ch.isalnum() for ch in between) and len(between) <= INTRODUCES_GAP
    )


def _carries(text: str, c: Candidate, q: QuotedSpan, direct: list[Candidate], marks: Marks) -> bool:
    """The complement carries its cue's quotation inside words of the reporter's (``said he was
    "a very big threat" to progressives``): the speech is mixed, not the quotation alone (spec 1.1).

    Words across the cue are not the clause's (``Asked X, he said, "..."``), nor words that a
    colon, a full stop or an opening bracket sets off from the quotation (``X stressed the need
    for calm: "...," she said``); words after the quotation count only where it did not end its
    own clause (``"...," while B said`` is the parser running on); a complement that reaches
    another direct quote is a misparse too."""
    if not overlaps(c.content, q.outer):
        return False
    if any(d.content != (q.start, q.end) and overlaps(d.content, c.content) for d in direct):
        return False
    start, end = c.content
    if c.cue is not None and c.cue[1] <= q.open:
        start = max(start, c.cue[1])
    if c.cue is not None and c.cue[0] >= q.close:
        end = min(end, c.cue[0])
    before = text[start : max(start, q.open)]
    after = text[min(end, q.close) : end]
    if any(ch in marks.clause_breaks or ch in marks.opening_punct for ch in _after_last_word(before)):
        before = ""
    ended = not text[q.start : q.end].rstrip()[-1:].isalnum() or not after.lstrip()[:1].isalnum()
    return _words(before) + (0 if ended else _words(after)) >= MIN_OUTSIDE_WORDS


def _after_last_word(s: str) -> str:
    i = len(s)
    while i > 0 and not s[i - 1].isalnum():
        i -= 1
    return s[i:]


def _words(s: str) -> int:
    return sum(any(ch.isalnum() for ch in word) for word in s.split())


def _through_quotation(content: Offsets, covering: list[QuotedSpan], direct: list[Candidate]) -> Offsets:
    """A reported clause does not end inside a quotation it opened: ``he is "weak on X, you know
    that. Weak."`` (the parse stopped at the comma) runs to the closing mark, unless the rest of the
    quotation is a direct quote of its own (the overlap stage splits those)."""
    start, end = content
    for q in covering:
        if start <= q.open and q.start < end <= q.end and not _quoted_directly(q, direct):
            end = q.close
    return start, end


def _quoted_directly(q: QuotedSpan, direct: list[Candidate]) -> bool:
    """A direct quote already stands on (part of) this quotation."""
    return any(overlaps(d.content, (q.start, q.end)) for d in direct)


def _scare(text: str, q: QuotedSpan) -> bool:
    """Marks around a single term (``the "2+2" meeting``, a name, a number) do not make a content
    mixed; one ordinary word of the speaker's (``said nothing "dramatic" had happened``) does
    (spec 1.1). An ordinary word is all lower-case letters: names, figures and coined terms are not."""
    words = text[q.start : q.end].split()
    if len(words) >= MIN_MIXED_WORDS:
        return False
    word = "".join(ch for ch in words[0] if ch.isalnum()) if words else ""
    return not (word.isalpha() and word.islower())


def _outermost(
    found: list[Candidate], stands: Callable[[Candidate, Offsets], bool] | None = None
) -> list[Candidate]:
    """Speech reported inside a reported clause belongs to that clause, as in quotations, unless
    ``stands(candidate, outer content)`` says it is a quote of its own."""
    contents = sorted({c.content for c in found})
    starts = [s for s, _ in contents]
    reach = list(accumulate((e for _, e in contents), max))  # the furthest end among contents so far

    def nested(c: Candidate) -> bool:
        if c.cue is None:
            return False
        x = c.cue[0]
        j = bisect_right(starts, x) - 1
        while j >= 0 and reach[j] > x:
            s, e = contents[j]
            if s <= x < e and (s, e) != c.content:
                return stands is None or not stands(c, (s, e))
            j -= 1
        return False

    return [c for c in found if not nested(c)]
