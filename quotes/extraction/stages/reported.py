"""Indirect and mixed speech: the finder that reads the dependency parse.

It walks the tokens outside quotations and posts (but inside a quotation
that is a document's text, ``"He stressed that A," it reads``, whose
reported speech the reconcile step keeps; headlines too: they report speech
like body text) and asks the
language what each one reports (``LanguageRules.reports``: a speech verb's
frame, a speech noun's clause, ``according to``). Every content it returns is
unquoted speech for now: whether it is really mixed or direct is decided
from the quotation marks it covers by the generic step after the finders
(:mod:`.reconcile`), for this finder and any other that reads the parse.
"""

from __future__ import annotations

from ...lang.base import LanguageRules, Offsets
from ..candidates import Candidate, Context, Intervals, Rule, document_texts
from ..layout import layout_of

#: How often each construction is right, before speakers are resolved (a trained scorer may replace these).
CONFIDENCE = {
    Rule.REPORTED_CLAUSE: 0.85,
    Rule.REPORTED_TO: 0.75,
    Rule.REPORTED_PREP: 0.7,
    Rule.REPORTED_NP: 0.7,
    Rule.REPORTED_AS: 0.8,
    Rule.REPORTED_OPRD: 0.7,
    Rule.REPORTED_PARENTHETICAL: 0.75,
    Rule.REPORTED_ACCORDING: 0.85,
    Rule.REPORTED_SPEECH_NOUN: 0.65,
}
#: Headlines report speech like body text (spec 1.1), but a headline's object is its topic far more
#: often than its content ("Residents Welcome The Decision"): only clauses, infinitives and the like.
NOT_IN_HEADINGS = frozenset({Rule.REPORTED_NP, Rule.REPORTED_OPRD, Rule.REPORTED_AS})
#: How far an inverted verb may stand after the quotation it reports (marks, a comma, spaces).
INVERSION_REACH = 8
#: A content shorter than this (in characters) is no content.
MIN_CONTENT_CHARS = 2


def find(ctx: Context, earlier: list[Candidate]) -> list[Candidate]:
    """The finder: one candidate per construction the language reads as reported speech."""
    doc, text, lang = ctx.doc, ctx.text, ctx.lang
    posts = [t.content for t in ctx.turns if t.signed]
    layout = layout_of(text, lang.marks)
    texts = document_texts(ctx, earlier)
    skipped = Intervals(
        [(q.start, q.end) for q in ctx.quoted if q.depth == 0 and q.closed and (q.start, q.end) not in texts]
        + posts
    )
    # '"...," said Brock, a confidant who heads ...', '"...," Spencer said, as ...': a verb right after
    # the quotation it reports, or after it and its subject, has its content; a clause the parser hangs
    # on it afterwards is a misparse.
    reported_before = {
        c.cue
        for c in earlier
        if c.cue is not None
        and (_right_after(text, c.content[1], c.cue[0], lang) or _after_its_quotation(ctx, c))
    }
    found: list[Candidate] = []
    for tok in doc:
        if tok.idx in skipped:
            continue  # speech reported inside a quotation or a post belongs to it, unless a document's
        heading = layout.in_heading(tok.idx)
        got_here = lang.reports(text, tok)
        if heading and not got_here:
            got_here = lang.heading_reports(text, tok)
        for got in got_here:
            got = got._replace(
                content=_past_dateline(text, got.content, layout.line_start(got.content[0]), lang)
            )
            if got.content[1] - got.content[0] < MIN_CONTENT_CHARS:
                continue
            if (
                got.cue in reported_before
                and got.content[0] >= got.cue[1]
                and not _introduced(ctx, got.cue, got.content)
            ):
                continue
            rule = Rule.reported(got.frame)
            if heading and rule in NOT_IN_HEADINGS:
                continue
            found.append(
                Candidate(
                    kind="indirect",
                    content=got.content,
                    cue=got.cue,
                    cue_token=got.cue_head.i,
                    anchor=tok.i,
                    mention_token=got.mention.i if got.mention is not None else None,
                    confidence=CONFIDENCE.get(rule, 0.75),
                    rule=rule,
                )
            )
    return found


def _past_dateline(text: str, content: Offsets, line: int, lang: LanguageRules) -> Offsets:
    """``ISTANBUL, July 12 (Reuters) - X failed, officials said.``: the dateline is no part of what was
    said, whether the content starts with it or inside it (``SEOUL, Nov. 15 (Yonhap) -- X``, where the
    parse left the place in the sentence before); a dateline opens its line."""
    for at in (content[0], line):
        dateline = lang.patterns.dateline.match(text, at, content[1]) if at <= content[0] else None
        if dateline is not None and dateline.end() > content[0]:
            return dateline.end(), content[1]
    return content


def _right_after(text: str, end: int, cue: int, lang: LanguageRules) -> bool:
    """The cue stands right after the quotation, before its subject ('"...," said Brock, who ...')."""
    return 0 <= cue - end <= INVERSION_REACH and lang.marks.only_punctuation(text, end, cue)


def _after_its_quotation(ctx: Context, c: Candidate) -> bool:
    """The cue follows the quotation it reports with only its subject between ('"...," Spencer said').

    Such a verb has its content; a clause the parser hangs on it afterwards is an adverbial or a
    participle misread ('..., Spencer said, as fighters worked out', 'said in a statement issued ...')."""
    if c.kind != "direct" or c.cue is None or c.cue_token is None or c.content[1] > c.cue[0]:
        return False
    subject = ctx.lang.subject_of(ctx.doc[c.cue_token])
    if subject is None:
        return False
    between = ctx.doc.char_span(c.content[1], c.cue[0], alignment_mode="expand") or ()
    return all(
        t.is_punct or t.is_space or subject.left_edge.i <= t.i <= subject.right_edge.i for t in between
    )


def _introduced(ctx: Context, cue: Offsets, content: Offsets) -> bool:
    """A word that opens a clause stands between cue and content ('"...," he said, that A'): the clause is
    the verb's own, as in 'what X said, that Y'."""
    between = ctx.doc.char_span(cue[1], content[0], alignment_mode="expand") or ()
    return any(t.dep_ in ctx.lang.tags.marker_deps for t in between)
