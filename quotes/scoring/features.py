"""What the rule stages know about a candidate, as named features for the trained scorer.

Every feature is a string ``name=value`` that is present (1) or absent (0):
a model over them is a table of weights that a reader can inspect
(``quotes train`` prints the strongest). Values are bucketed so that the
same features serve every corpus. They are computed once per candidate,
after attribution, from what the stages left on it and the parse.

========================  ==================================================
feature                   what it says
========================  ==================================================
``kind``                  direct, mixed, indirect, transcript
``rule``                  the rule that found it (``direct-cue``, ``reported-clause``, ...)
``cue``                   the cue's lemma, lower-cased (``cue=say``); ``cue=-`` without a cue
``rule_cue``              the rule and the cue together (a verb's frames differ in reliability)
``cue_at``                where the cue stands: ``before``, ``after`` or ``inside`` the content, or ``none``
``mention``               ``none``, ``pronoun``, ``name`` (a capitalised word), ``phrase``
``mention_at``            ``before`` or ``after`` the content, or ``none``
``gap``                   characters between cue and content, bucketed
``speakers``              how many speakers: 0, 1, 2+
``resolved_by``           how the speaker was found (``name``, ``pronoun``, ``context``, ...)
``rule_resolved``         the rule and how the speaker was found together
``words``                 the content's length in words, bucketed
``marks``                 quotation marks inside the content: 0, 1, 2, 3+
``quoted``                the content is wholly inside one pair of marks
``sentences``             sentences the content spans: 1, 2, 3+
``starts_sentence``       the content starts its sentence
``ends_sentence``         the content ends its sentence
``sentence``              the content's sentence's place in its paragraph: 0, 1, 2+
``paragraph``             the paragraph's place in the document: 0, 1, 2-4, 5+
``heading``               the content is in a headline or heading
``turn``                  the content is inside a transcript turn
``context``               the speaker comes from the quotes around it (a bare quote, a continuation)
``prior``                 the rule's own confidence, bucketed (what the rules believed)
``shared_cue``            another candidate has the same cue (``stated that A, that B``)
``nested``                the content lies inside another candidate's content
``holds``                 the content holds another candidate's content
``doc_words``             the document's length in words, bucketed
``doc_turns``             the document has transcript turns
``doc_direct``            the share of the document's candidates that are direct, bucketed
``genre_rule``            the rule together with ``doc_direct`` and ``doc_turns``
========================  ==================================================

The ``doc_`` features say what kind of text this is: a press-conference
transcript, a readout (reported speech, few quotation marks), a news story
(quotation-heavy). Conventions and the rules' reliability differ between
them, and a probability must know which it is looking at.
"""

from __future__ import annotations

from bisect import bisect_right

from ..extraction.candidates import Candidate, Context
from ..extraction.layout import layout_of

#: Upper bounds of the buckets (a value goes to the first bound it does not exceed).
WORD_BUCKETS = (1, 3, 7, 15, 31, 63)
GAP_BUCKETS = (0, 2, 10, 40, 120)
PRIOR_BUCKETS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def bucket(value: float, bounds: tuple[float, ...]) -> str:
    """The bucket's label: ``<=b`` for the first bound ``b`` not exceeded, ``>last`` past them all."""
    for b in bounds:
        if value <= b:
            return f"<={b:g}"
    return f">{bounds[-1]:g}"


def _where(span: tuple[int, int] | None, content: tuple[int, int]) -> str:
    if span is None:
        return "none"
    if span[1] <= content[0]:
        return "before"
    if span[0] >= content[1]:
        return "after"
    return "inside"


DOC_WORD_BUCKETS = (300, 600, 1200, 2400)
SHARE_BUCKETS = (0.0, 0.25, 0.5, 0.75)


class DocumentFacts:
    """What the features need of the whole document, computed once per document."""

    def __init__(self, ctx: Context, found: list[Candidate]) -> None:
        text = ctx.text
        self.ctx = ctx
        self.layout = layout_of(text, ctx.lang.marks)
        self.paragraph_starts = [0]
        at = text.find("\n")
        while 0 <= at < len(text) - 1:
            self.paragraph_starts.append(at + 1)
            at = text.find("\n", at + 1)
        self.sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.turns = [t.content for t in ctx.turns]
        self.quote_chars = frozenset(ctx.lang.marks.unambiguous)  # never apostrophes
        self.cues: dict[tuple[int, int], int] = {}
        for c in found:
            if c.cue is not None:
                self.cues[c.cue] = self.cues.get(c.cue, 0) + 1
        self.contents = sorted(c.content for c in found)
        direct = sum(c.kind == "direct" for c in found) / len(found) if found else 0.0
        self.genre = (
            f"doc_words={bucket(len(text.split()), DOC_WORD_BUCKETS)}",
            f"doc_turns={int(bool(ctx.turns))}",
            f"doc_direct={bucket(direct, SHARE_BUCKETS)}",
        )

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)


def candidate_features(facts: DocumentFacts, c: Candidate) -> tuple[str, ...]:
    """The candidate's features (see the module's table), sorted."""
    ctx = facts.ctx
    text, doc = ctx.text, ctx.doc
    start, end = c.content
    content_text = text[start:end]
    cue = doc[c.cue_token].lemma_.lower() if c.cue_token is not None else "-"
    rule = c.rule.value
    resolved = c.resolved_by or "-"
    out = [
        f"kind={c.kind}",
        f"rule={rule}",
        f"cue={cue}",
        f"rule_cue={rule}|{cue}",
        f"cue_at={_where(c.cue, c.content)}",
        f"mention_at={_where(c.mention, c.content)}",
        f"speakers={min(len(c.speaker), 2)}",
        f"resolved_by={resolved}",
        f"rule_resolved={rule}|{resolved}",
        f"words={bucket(len(content_text.split()), WORD_BUCKETS)}",
        f"marks={min(sum(content_text.count(ch) for ch in facts.quote_chars), 3)}",
        f"prior={bucket(c.prior if c.prior is not None else c.confidence, PRIOR_BUCKETS)}",
        f"context={int(c.context_speaker)}",
        *facts.genre,
        f"shared_cue={int(c.cue is not None and facts.cues.get(c.cue, 0) > 1)}",
        f"nested={int(any(a <= start and end <= b and (a, b) != c.content for a, b in facts.contents))}",
        f"holds={int(any(start <= a and b <= end and (a, b) != c.content for a, b in facts.contents))}",
        f"genre_rule={rule}|{facts.genre[1]}|{facts.genre[2]}",
    ]
    if c.mention is not None:
        m_text = text[c.mention[0] : c.mention[1]]
        head = doc[c.mention_token] if c.mention_token is not None else None
        if head is not None and ctx.lang.lexicon.pronouns.get(head.lower_) is not None:
            out.append("mention=pronoun")
        elif m_text[:1].isupper():
            out.append("mention=name")
        else:
            out.append("mention=phrase")
    else:
        out.append("mention=none")
    if c.cue is not None:
        gap = start - c.cue[1] if c.cue[1] <= start else (c.cue[0] - end if c.cue[0] >= end else 0)
        out.append(f"gap={bucket(gap, GAP_BUCKETS)}")
    first, last = facts.sentence_of(start), facts.sentence_of(max(start, end - 1))
    out.append(f"sentences={min(last - first + 1, 3)}")
    s_start = facts.sentences[first][0] if facts.sentences else 0
    out.append(f"starts_sentence={int(not _words_in(text, s_start, start))}")
    e_end = facts.sentences[last][1] if facts.sentences else len(text)
    out.append(f"ends_sentence={int(not _words_in(text, end, e_end))}")
    paragraph = facts.paragraph_of(start)
    in_paragraph = first - facts.sentence_of(facts.paragraph_starts[paragraph])
    out.append(f"sentence={min(in_paragraph, 2)}")
    out.append(f"paragraph={bucket(paragraph, (0, 1, 4))}")
    quoted = any(q.start <= start and end <= q.end for q in ctx.quoted if q.depth == 0)
    out.append(f"quoted={int(quoted)}")
    out.append(f"heading={int(facts.layout.in_heading(start))}")
    out.append(f"turn={int(any(a <= start < b for a, b in facts.turns))}")
    return tuple(sorted(out))


def _words_in(text: str, start: int, end: int) -> bool:
    """A letter or digit between two offsets: marks and spaces alone do not move a sentence edge."""
    return any(ch.isalnum() for ch in text[start:end])
