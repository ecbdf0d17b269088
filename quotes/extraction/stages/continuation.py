"""Continuation without a cue: the sentences after reported speech that go on with what was said.

Readouts and news report a speaker's words over several sentences and name
the speaker once: ``Lee said that A. Both sides should B. Norland is willing
to C.`` The sentences after the first are quotes of the same speaker with no
cue and no mention (spec 1.1). They run to the end of the paragraph, and stop
earlier at a sentence that reports speech of its own, holds a quotation, or
is the author's narration (the language decides what narration looks like:
``LanguageRules.narrates``).
"""

from __future__ import annotations

from ..candidates import Candidate, Context, Intervals, Rule
from ..layout import layout_of

#: A continuation shorter than this many words is a fragment, not a statement.
MIN_WORDS = 4
#: The reports whose clause a readout goes on with.
CLAUSES = frozenset({Rule.REPORTED_CLAUSE, Rule.REPORTED_PARENTHETICAL, Rule.REPORTED_ACCORDING})
#: How much a continuation is to be trusted before its speaker is resolved.
CONFIDENCE = 0.6


def find(ctx: Context, earlier: list[Candidate]) -> list[Candidate]:
    """The finder: cue-less sentences after a reported content that ends its sentence."""
    doc, text, lang = ctx.doc, ctx.text, ctx.lang
    layout = layout_of(text, lang.marks)
    reported = [c for c in earlier if c.rule.from_parse and c.cue_token is not None]
    if not reported:
        return []
    taken = Intervals(c.content for c in earlier)
    cues = Intervals(c.cue for c in earlier if c.cue is not None)
    turns = Intervals(t.content for t in ctx.turns)
    quoted = Intervals((q.open, q.close) for q in ctx.quoted)
    found: list[Candidate] = []
    done: set[int] = set()  # sentences already continued
    for c in sorted(reported, key=lambda c: c.content):
        sent = doc[c.cue_token].sent
        if sent.start in done or c.content[1] < lang.marks.trim(text, sent.start_char, sent.end_char)[1]:
            continue  # the content stops inside its sentence: what follows is not the same statement
        opens_paragraph = (
            sent.start_char == 0 or "\n" in text[max(0, sent.start_char - 2) : sent.start_char + 1]
        )
        if c.rule not in CLAUSES or not opens_paragraph:
            continue  # only a report that opens its paragraph with a clause carries on (readout style)
        if c.mention_token is None and lang.subject_of(doc[c.cue_token]) is None:
            continue  # an agentless report ("It was agreed that ...") has no speaker to go on
        # "Wang said, we met ...": a clause reported after a comma or colon, unquoted direct speech,
        # sets the voice of the paragraph; after "said that ..." only sentences in the speaker's voice go on.
        unquoted = text[c.cue[1] : c.content[0]].strip() in (lang.marks.comma, lang.marks.introducer)
        nxt, last_end = sent.end, c.content[1]
        while nxt < len(doc):
            s = doc[nxt].sent
            start, end = lang.marks.trim(text, s.start_char, s.end_char)
            if end <= start or "\n" in text[last_end:start]:
                break  # a new paragraph
            if (
                start in turns
                or layout.in_heading(start)
                or taken.spans_between(start, end)
                or cues.spans_between(start, end)
                or quoted.spans_between(start, end)
                or len(text[start:end].split()) < MIN_WORDS
                or lang.narrates(s)
                or not (unquoted or lang.speaker_voice(s))
            ):
                break
            done.add(s.start)
            found.append(
                Candidate(
                    kind="indirect",
                    content=(start, end),
                    confidence=CONFIDENCE,
                    rule=Rule.CONTINUATION,
                    context_speaker=True,
                )
            )
            nxt, last_end = s.end, end
    return found
