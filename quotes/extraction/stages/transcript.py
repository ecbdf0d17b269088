"""Transcript turns: ``Label: text`` paragraphs and posts signed ``— Name (@handle)``.

A label is accepted when it looks like a speaker, not like a heading or a
dateline: a role word (``Reporter``, ``Q``), a titled name, a named entity,
or a label the document uses more than once. In a document with two or more
turns, a label holds over the following paragraphs until the next label or
a heading, as press-conference transcripts are laid out.
"""

from __future__ import annotations

from collections import Counter

import regex
from spacy.tokens import Doc

from ...lang.base import LanguageRules
from ..candidates import Candidate, Context, Intervals, Rule, Turn
from ..layout import PARAGRAPH, is_heading, is_title_case

#: The signature that closes a quoted post ("— Name (@handle)", the language's ``signature``
#: pattern) is searched for only just before the line's last handle, so that a long line full of
#: dashes costs no more than a short one.
SIGNATURE_REACH = 120
#: Within a transcript, a shorter line without final punctuation is a heading that ends the turn.
TURN_HEADING_MAX_WORDS = 10


def _name_like(label: str, lang: LanguageRules) -> bool:
    words = label.replace(lang.marks.label_separator, " ").split()
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    if any(ch.isdigit() for ch in label):
        return False
    lex = lang.lexicon
    return all(w[:1].isupper() or w.lower() in lex.name_connectors or w in lex.titles for w in words)


def _entity_label(entities: Intervals, start: int, end: int) -> bool:
    """Named entities (people, organisations, groups) cover most of the label."""
    covered = sum(min(e, end) - max(s, start) for s, e in entities.spans_between(start, end))
    return covered * 2 >= end - start


def _accept(label: str, repeats: int, entities: Intervals, start: int, end: int, lang: LanguageRules) -> bool:
    lex = lang.lexicon
    folded = label.casefold()
    if folded in lex.not_labels or label.split()[0].casefold() in lex.not_labels:
        return False
    if folded in lex.transcript_labels:
        return True
    if not _name_like(label, lang):
        return False
    if repeats >= 2 or any(w.strip(lang.marks.label_separator) in lex.titles for w in label.split()):
        return True
    if lang.patterns.acronym.fullmatch(label):
        return True  # an outlet or agency (``NHK:``, ``AP:``) as the source of what follows
    return _entity_label(entities, start, end)


def _signed_post(
    text: str, ps: int, pe: int, lang: LanguageRules
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(content, signature name) of a paragraph that is a quoted post signed "— Name (@handle)"."""
    at = text.rfind(lang.marks.handle_open, ps, pe)
    if at < 0:
        return None
    sig = lang.patterns.signature.search(text, max(ps, at - SIGNATURE_REACH), min(pe, at + 40))
    if sig is None:
        return None
    edge = lang.marks.quote_edge
    start, end = ps, sig.start()
    while start < end and text[start] in edge:
        start += 1
    while end > start and text[end - 1] in edge:
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    return (start, end), sig.span("name")


def _about(line: str, label: str, lang: LanguageRules) -> bool:
    """The paragraph names the labelled speaker (``Kasich, who brags ...``): prose about them, not their turn."""
    lex = lang.lexicon
    words = [
        w
        for w in label.replace(lang.marks.label_separator, " ").split()
        if w not in lex.titles and w[:1].isupper()
    ]
    if not words or label.casefold() in lex.transcript_labels:
        return False
    return regex.search(rf"\b{regex.escape(words[-1])}\b", line) is not None


def find_turns(doc: Doc, text: str, lang: LanguageRules) -> list[Turn]:
    """The turns of a transcript and the quoted posts: the layout that later stages read."""
    label_re = lang.patterns.label
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    labelled: dict[int, tuple[int, int]] = {}
    for p, (ps, pe) in enumerate(paragraphs):
        m = label_re.match(text, ps, pe)
        if m and len(text[m.end() : pe].split()) >= 2:
            labelled[p] = (m.start("label"), m.end("label"))
    counts = Counter(text[s:e].casefold() for s, e in labelled.values())
    entities = (
        Intervals((e.start_char, e.end_char) for e in doc.ents if e.label_ in lang.tags.label_entities)
        if labelled
        else Intervals(())
    )
    accepted = {
        p: span
        for p, span in labelled.items()
        if _accept(text[span[0] : span[1]], counts[text[span[0] : span[1]].casefold()], entities, *span, lang)
    }
    continuing = len(accepted) >= 2
    turns: list[Turn] = []
    current: tuple[int, tuple[int, int]] | None = None
    index = -1
    for p, (ps, pe) in enumerate(paragraphs):
        line = text[ps:pe]
        if p in accepted:
            index += 1
            label = accepted[p]
            current = (index, label)
            m = label_re.match(text, ps, pe)
            start, end = lang.marks.trim(text, m.end(), pe, final=False) if m else (ps, pe)
            turns.append(Turn(index, label, (start, end), text[label[0] : label[1]]))
            continue
        post = _signed_post(text, ps, pe, lang)
        if post is not None:
            index += 1
            (start, end), name = post
            turns.append(Turn(index, name, (start, end), text[name[0] : name[1]], signed=True))
            current = None
            continue
        if current is None or not continuing:
            continue
        if (
            is_heading(line, lang.marks.heading_end, TURN_HEADING_MAX_WORDS)
            or is_title_case(line, lang.marks.capital_skip)
            or label_re.match(text, ps, pe)
            or _about(line, text[current[1][0] : current[1][1]], lang)
        ):
            current = None
            continue
        start, end = lang.marks.trim(text, ps, pe, final=False)
        turns.append(Turn(current[0], current[1], (start, end), text[current[1][0] : current[1][1]]))
    return turns


def find(ctx: Context, earlier: list[Candidate]) -> list[Candidate]:
    """The finder: each turn (and each quoted post) is a transcript quote of its label's speaker."""
    return [
        Candidate(
            kind="transcript",
            content=t.content,
            mention=ctx.lang.marks.trim(ctx.text, *t.label, final=False),
            confidence=0.9 if not t.signed else 0.85,
            rule=Rule.SIGNED_POST if t.signed else Rule.LABEL,
            turn=t.index,
        )
        for t in ctx.turns
        if t.content[0] < t.content[1]
    ]
