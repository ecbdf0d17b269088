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
``doc_indirect``          the same for indirect ones (a readout is nearly all reported speech)
``doc_mixed``             the same for mixed ones (news that weaves quoted words into its own)
``doc_candidates``        how many candidates the document has, bucketed
``genre_rule``            the rule together with ``doc_direct`` and ``doc_turns``
``kind_cue``              the kind and the cue together (``said`` before a clause, before marks)
``kind_words``            the kind and the content's length together
``kind_mention``          the kind, whether a mention is written, and how the speaker was found
``cue_tag``               the cue's part-of-speech tag (tense: ``said``, ``says``, ``saying``)
``cue_dep``               the cue's dependency label (a main verb, or one inside a clause)
``cue_head``              the tag of the word the cue hangs on (``ROOT`` for a main verb)
``cue_negated``           the cue is negated (``did not say``)
``cue_modal``             the modal before the cue (``would say``), ``-`` without one
``cue_quoted``            the cue itself lies inside quotation marks
``inner_cues``            other candidates' cues inside the content: 0, 1, 2+
``mention_entity``        the entity type of the mention's head (``PERSON``, ``ORG``, ``-``)
``mention_tag``           the mention head's tag (a proper noun, a pronoun, a common noun)
``first_tag``             the tag of the content's first word
``last_tag``              the tag of the content's last word
``first_word``            the content's first word when it is a function word (``to``, ``the``)
``clause``                the content holds a verb (a clause, not a noun phrase)
``first_person``          the kind, and whether the content has a first-person word (``I``, ``we``)
``before``                the character before the content: punctuation, ``q`` (a mark), ``w``
``after``                 the character after it, the same way
``end``                   the content's last character, the same way
``punct``                 the kind and the punctuation inside the content: 0, 1, 2, 3+
``relative``              the content holds a relative clause set off by punctuation
``participle``            the content holds an adverbial participle clause (``..., claiming``)
``dash``                  the content holds a dash; ``paren`` a parenthesis
``root_tag``              the kind and the tag of the content's head word
``root_dep``              the content head's dependency label
``root_on_cue``           the content's head hangs on the cue
``chain``                 the kind, and whether the candidates before and after it in its paragraph
                          have the same speakers (``"A," she said. "B."``: a quotation in parts)
``next_kind``             the kind, and the kind and rule of the next candidate in the paragraph
========================  ==================================================

The grammar features (tags, dependency labels, entity types) take their
values from the parse, so they mean the same for any language; which labels
count as a modal, a negation or a relative clause is the language's
(``tagset.tsv``). Boundaries are where rules and annotators differ most
(``..., which was passed in 2010`` is the author's gloss or the speaker's
words), so the content's edges and inner punctuation are features too.

The ``doc_`` features say what kind of text this is: a press-conference
transcript, a readout (reported speech, few quotation marks), a news story
(quotation-heavy). Conventions and the rules' reliability differ between
them, and a probability must know which it is looking at.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from ..extraction.candidates import Candidate, Contents, Context, Intervals
from ..extraction.layout import layout_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
DOC_CANDIDATE_BUCKETS = (2, 5, 10, 20, 40)


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
        self.marks = frozenset(ctx.lang.marks.chars)
        self.quote_chars = frozenset(ctx.lang.marks.unambiguous)  # never apostrophes
        self.cues: dict[tuple[int, int], int] = {}
        for c in found:
            if c.cue is not None:
                self.cues[c.cue] = self.cues.get(c.cue, 0) + 1
        self.contents = Contents(c.content for c in found)
        self.in_order = sorted(found, key=lambda c: c.content)  # their contents are contents.spans
        self.cue_spans = sorted(self.cues)
        self.quoted_spans = Intervals((q.start, q.end) for q in ctx.quoted)
        self.outer_quotes = Intervals((q.start, q.end) for q in ctx.quoted if q.depth == 0)
        kinds = Counter(c.kind for c in found)

        def share(kind: str) -> float:
            return kinds[kind] / len(found) if found else 0.0

        self.genre = (
            f"doc_words={bucket(len(text.split()), DOC_WORD_BUCKETS)}",
            f"doc_turns={int(bool(ctx.turns))}",
            f"doc_direct={bucket(share('direct'), SHARE_BUCKETS)}",
            f"doc_indirect={bucket(share('indirect'), SHARE_BUCKETS)}",
            f"doc_mixed={bucket(share('mixed'), SHARE_BUCKETS)}",
            f"doc_candidates={bucket(len(found), DOC_CANDIDATE_BUCKETS)}",
        )

    def neighbours(self, c: Candidate) -> tuple[Candidate | None, Candidate | None]:
        """The candidates just before and after ``c`` in document order, within its paragraph."""
        i = bisect_left(self.contents.spans, c.content)
        paragraph = self.paragraph_of(c.content[0])
        prev = self.in_order[i - 1] if i > 0 else None
        nxt = self.in_order[i + 1] if i + 1 < len(self.in_order) else None
        return (
            prev if prev is not None and self.paragraph_of(prev.content[0]) == paragraph else None,
            nxt if nxt is not None and self.paragraph_of(nxt.content[0]) == paragraph else None,
        )

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def cues_inside(self, content: tuple[int, int], own: tuple[int, int] | None) -> int:
        """How many other candidates' cues lie inside ``content`` (a second report in it)."""
        start, end = content
        i, n = bisect_left(self.cue_spans, (start, start)), 0
        while i < len(self.cue_spans) and self.cue_spans[i][0] < end:
            n += self.cue_spans[i][1] <= end and self.cue_spans[i] != own
            i += 1
        return n

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sentence_starts, offset) - 1)


def candidate_features(facts: DocumentFacts, c: Candidate) -> tuple[str, ...]:
    """The candidate's features (see the module's table), sorted."""
    ctx = facts.ctx
    text, doc = ctx.text, ctx.doc
    start, end = c.content
    content_text = text[start:end]
    size = bucket(len(content_text.split()), WORD_BUCKETS)
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
        f"words={size}",
        f"marks={min(sum(content_text.count(ch) for ch in facts.quote_chars), 3)}",
        f"prior={bucket(c.prior if c.prior is not None else c.confidence, PRIOR_BUCKETS)}",
        f"context={int(c.context_speaker)}",
        *facts.genre,
        f"shared_cue={int(c.cue is not None and facts.cues.get(c.cue, 0) > 1)}",
        f"nested={int(facts.contents.inside_another(c.content))}",
        f"holds={int(facts.contents.holds_another(c.content))}",
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
    out.append(f"quoted={int(facts.outer_quotes.covers(start, end))}")
    out.append(f"heading={int(facts.layout.in_heading(start))}")
    out.append(f"turn={int(any(a <= start < b for a, b in facts.turns))}")
    prev, nxt = facts.neighbours(c)
    same = [int(bool(c.speaker) and o is not None and o.speaker == c.speaker) for o in (prev, nxt)]
    out.append(f"chain={c.kind}|{same[0]}|{same[1]}")
    out.append(f"next_kind={c.kind}|{nxt.kind if nxt else '-'}|{nxt.rule.value if nxt else '-'}")
    out += _grammar(facts, c, cue, size)
    return tuple(sorted(out))


def _char_class(ch: str, marks: frozenset[str]) -> str:
    """A punctuation character itself, ``q`` for a quotation mark, ``w`` for anything else."""
    if not ch:
        return "none"
    if ch in marks:
        return "q"
    return ch if unicodedata.category(ch).startswith("P") else "w"


def _next_char(text: str, i: int, step: int) -> str:
    """The first character that is not whitespace from ``i`` on, going by ``step``; ``""`` at an edge.

    Walks from the content instead of stripping the text before or after it, which would copy the
    rest of the document for every candidate."""
    while 0 <= i < len(text) and text[i].isspace():
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _grammar(facts: DocumentFacts, c: Candidate, cue: str, size: str) -> list[str]:
    """Features from the parse of the cue, the mention and the content."""
    ctx = facts.ctx
    text, doc, tags = ctx.text, ctx.doc, ctx.lang.tags
    start, end = c.content
    kind = c.kind
    content = text[start:end]
    mention = "none" if c.mention is None else "named"
    out = [
        f"kind_cue={kind}|{cue}",
        f"kind_words={kind}|{size}",
        f"kind_mention={kind}|{mention}|{c.resolved_by or '-'}",
        f"inner_cues={min(facts.cues_inside(c.content, c.cue), 2)}",
        f"before={_char_class(_next_char(text, start - 1, -1), facts.marks)}",
        f"after={_char_class(_next_char(text, end, 1), facts.marks)}",
        f"end={_char_class(content.rstrip()[-1:], facts.marks)}",
        f"punct={kind}|{min(sum(unicodedata.category(ch) == 'Po' and ch not in facts.marks for ch in content), 3)}",
        f"dash={int(any(unicodedata.category(ch) == 'Pd' for ch in content))}",
        f"paren={int(any(unicodedata.category(ch) == 'Ps' for ch in content))}",
    ]
    if c.cue is not None:
        out.append(f"cue_quoted={int(facts.quoted_spans.covers(*c.cue))}")
    if c.cue_token is not None:
        ct = doc[c.cue_token]
        modals = sorted(ch.lower_ for ch in ct.children if ch.tag_ in tags.modal_tags)
        out += [
            f"cue_tag={ct.tag_}",
            f"cue_dep={ct.dep_}",
            f"cue_head={ct.head.tag_ if ct.head.i != ct.i else 'ROOT'}",
            f"cue_negated={int(any(ch.dep_ in tags.negation_deps for ch in ct.children))}",
            f"cue_modal={modals[0] if modals else '-'}",
        ]
    if c.mention_token is not None:
        mt = doc[c.mention_token]
        out += [f"mention_entity={mt.ent_type_ or '-'}", f"mention_tag={mt.tag_}"]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        first, last, root = span[0], span[-1], span.root
        out += [
            f"first_tag={first.tag_}",
            f"last_tag={last.tag_}",
            f"clause={int(any(t.pos_ in tags.verb_pos for t in span))}",
            f"first_person={kind}|{int(any(t.lower_ in ctx.lang.lexicon.first_person_pronouns for t in span))}",
            f"root_tag={kind}|{root.tag_}",
            f"root_dep={root.dep_}",
            f"root_on_cue={int(c.cue_token is not None and root.head.i == c.cue_token)}",
            f"relative={int(any(t.dep_ in tags.relative_clause_deps and _set_off(doc, t) for t in span))}",
            f"participle={int(any(t.dep_ in tags.adverbial_clause_deps and t.tag_ in tags.participle_tags for t in span))}",
        ]
        if first.is_stop:
            out.append(f"first_word={first.lower_}")
    return out


def _set_off(doc: Doc, clause: Token) -> bool:
    """The clause follows punctuation (a non-restrictive relative: ``X, which ...``)."""
    i = clause.left_edge.i - 1
    return i >= 0 and doc[i].is_punct


def _words_in(text: str, start: int, end: int) -> bool:
    """A letter or digit between two offsets: marks and spaces alone do not move a sentence edge."""
    return any(ch.isalnum() for ch in text[start:end])
