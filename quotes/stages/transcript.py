"""Transcript turns: ``Label: text`` paragraphs and posts signed ``— Name (@handle)``.

A label is accepted when it looks like a speaker, not like a heading or a
dateline: a role word (``Reporter``, ``Q``), a titled name, a named entity,
or a label the document uses more than once. In a document with two or more
turns, a label holds over the following paragraphs until the next label or
a heading, as press-conference transcripts are laid out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from spacy.tokens import Doc

from ..rules import Rules
from .candidates import Candidate, Intervals, trim
from .layout import PARAGRAPH, is_heading, is_title_case

LABEL = regex.compile(r"[ \t]{0,20}(?P<label>[^\n:]{1,100}?)[ \t]{0,20}:(?![/\d])[ \t]{0,20}(?=\S)")
#: The signature that closes a quoted post: "— Name (@handle)". Searched for only just before
#: the line's last "(@", so that a long line full of dashes costs no more than a short one.
SIGNATURE = regex.compile(r"(?:—|–|--|―)\s*(?P<name>[^\n()@—–]{2,80}?)\s*\(@\w{1,30}\)")
SIGNATURE_REACH = 120
#: Within a transcript, a shorter line without final punctuation is a heading that ends the turn.
TURN_HEADING_MAX_WORDS = 10
ACRONYM = regex.compile(r"[A-Z]{2,5}")
CONNECTORS = frozenset(
    {"of", "for", "the", "and", "on", "de", "da", "van", "von", "al", "bin", "la", "le", "du", "del", "to"}
)
QUOTE_EDGE = "\"'“”‘’«»„ \t"


@dataclass(frozen=True, slots=True)
class Turn:
    index: int  # paragraphs of one turn share it
    label: tuple[int, int]  # the speaker's label (or the post's signature name)
    content: tuple[int, int]
    name: str
    signed: bool = False  # a quoted post, not a spoken turn


def _name_like(label: str, rules: Rules) -> bool:
    words = label.replace(",", " ").split()
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    if any(ch.isdigit() for ch in label):
        return False
    return all(w[:1].isupper() or w.lower() in CONNECTORS or w in rules.titles for w in words)


def _entity_label(entities: Intervals, start: int, end: int) -> bool:
    """Named entities (people, organisations, groups) cover most of the label."""
    covered = sum(min(e, end) - max(s, start) for s, e in entities.spans_between(start, end))
    return covered * 2 >= end - start


def _accept(label: str, repeats: int, entities: Intervals, start: int, end: int, rules: Rules) -> bool:
    folded = label.casefold()
    if folded in rules.not_labels or label.split()[0].casefold() in rules.not_labels:
        return False
    if folded in rules.transcript_labels:
        return True
    if not _name_like(label, rules):
        return False
    if repeats >= 2 or any(w.strip(",") in rules.titles for w in label.split()):
        return True
    if ACRONYM.fullmatch(label):
        return True  # an outlet or agency (``NHK:``, ``AP:``) as the source of what follows
    return _entity_label(entities, start, end)


def _signed_post(text: str, ps: int, pe: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(content, signature name) of a paragraph that is a quoted post signed "— Name (@handle)"."""
    at = text.rfind("(@", ps, pe)
    if at < 0:
        return None
    sig = SIGNATURE.search(text, max(ps, at - SIGNATURE_REACH), min(pe, at + 40))
    if sig is None:
        return None
    start, end = ps, sig.start()
    while start < end and text[start] in QUOTE_EDGE:
        start += 1
    while end > start and text[end - 1] in QUOTE_EDGE:
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    return (start, end), sig.span("name")


def _about(line: str, label: str, rules: Rules) -> bool:
    """The paragraph names the labelled speaker (``Kasich, who brags ...``): prose about them, not their turn."""
    words = [w for w in label.replace(",", " ").split() if w not in rules.titles and w[:1].isupper()]
    if not words or label.casefold() in rules.transcript_labels:
        return False
    return regex.search(rf"\b{regex.escape(words[-1])}\b", line) is not None


def find_turns(doc: Doc, rules: Rules) -> list[Turn]:
    text = doc.text
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    labelled: dict[int, tuple[int, int]] = {}
    for p, (ps, pe) in enumerate(paragraphs):
        m = LABEL.match(text, ps, pe)
        if m and len(text[m.end() : pe].split()) >= 2:
            labelled[p] = (m.start("label"), m.end("label"))
    counts = Counter(text[s:e].casefold() for s, e in labelled.values())
    entities = (
        Intervals((e.start_char, e.end_char) for e in doc.ents if e.label_ in ("PERSON", "ORG", "NORP"))
        if labelled
        else Intervals(())
    )
    accepted = {
        p: span
        for p, span in labelled.items()
        if _accept(
            text[span[0] : span[1]], counts[text[span[0] : span[1]].casefold()], entities, *span, rules
        )
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
            m = LABEL.match(text, ps, pe)
            start, end = trim(text, m.end(), pe, final=False) if m else (ps, pe)
            turns.append(Turn(index, label, (start, end), text[label[0] : label[1]]))
            continue
        post = _signed_post(text, ps, pe)
        if post is not None:
            index += 1
            (start, end), name = post
            turns.append(Turn(index, name, (start, end), text[name[0] : name[1]], signed=True))
            current = None
            continue
        if current is None or not continuing:
            continue
        if (
            is_heading(line, TURN_HEADING_MAX_WORDS)
            or is_title_case(line)
            or LABEL.match(text, ps, pe)
            or _about(line, text[current[1][0] : current[1][1]], rules)
        ):
            current = None
            continue
        start, end = trim(text, ps, pe, final=False)
        turns.append(Turn(current[0], current[1], (start, end), text[current[1][0] : current[1][1]]))
    return turns


def turn_quotes(doc: Doc, turns: list[Turn]) -> Iterator[Candidate]:
    text = doc.text
    for t in turns:
        if t.content[0] < t.content[1]:
            yield Candidate(
                kind="transcript",
                content=t.content,
                mention=trim(text, *t.label, final=False),
                confidence=0.9 if not t.signed else 0.85,
                rule="signed-post" if t.signed else "label",
                turn=t.index,
            )
