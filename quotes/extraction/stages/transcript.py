"""Transcript turns: ``Label: text`` paragraphs and posts signed ``— Name (@handle)``.

A label is accepted when it looks like a speaker, not like a heading or a
dateline: a role word (``Reporter``, ``Q``), a titled name, a named entity,
or a label the document uses more than once. In a document with two or more
turns, a label holds over the following paragraphs until the next label or
a heading, as press-conference transcripts are laid out. A short name
before one quotation (a headline's ``Fiorina: 'Bill Clinton's fair game.'``)
is that quotation's speaker: a ``direct`` quote of one line, which makes no
transcript of the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import regex
from spacy.tokens import Doc

from ...lang.base import LanguageRules
from ..candidates import Candidate, Context, Intervals, QuotedSpan, Rule, Turn
from ..layout import PARAGRAPH, is_heading, is_title_case

#: The signature that closes a quoted post ("— Name (@handle)", the language's ``signature``
#: pattern) is searched for only just before the line's last handle, so that a long line full of
#: dashes costs no more than a short one.
SIGNATURE_REACH = 120
#: A label of a source named by a common noun (``Senate insiders:``) is this short.
SOURCE_LABEL_MAX_WORDS = 3
#: Within a transcript, a shorter line without final punctuation is a heading that ends the turn.
TURN_HEADING_MAX_WORDS = 10
#: A label before one quotation ("Fiorina: 'X.'") needs no other evidence if it is this short and
#: every word capitalised: longer, it is a headline's topic ("Gillibrand on Hillary Releasing ...: 'X'").
QUOTED_LABEL_MAX_WORDS = 4
#: How many paragraphs at a document's start may say that it is a transcript.
HEAD_PARAGRAPHS = 3


def _name_like(label: str, lang: LanguageRules) -> bool:
    words = label.replace(lang.marks.label_separator, " ").split()
    if not words or len(words) > 12 or not words[0][:1].isupper():
        return False
    if any(ch.isdigit() for ch in label):
        return False
    lex = lang.lexicon
    return all(w[:1].isupper() or w.lower() in lex.name_connectors or lex.is_title(w) for w in words)


def _entity_label(entities: Intervals, start: int, end: int) -> bool:
    """Named entities (people, organisations, groups) cover most of the label."""
    covered = sum(min(e, end) - max(s, start) for s, e in entities.spans_between(start, end))
    return covered * 2 >= end - start


def _person_names(doc: Doc, lang: LanguageRules) -> frozenset[str]:
    """The full names and surnames of the people the document's entities name, case-folded."""
    names: set[str] = set()
    for e in doc.ents:
        if e.label_ in lang.tags.person_entities:
            words = e.text.split()
            names.update((e.text.casefold(), words[-1].casefold()))
    return frozenset(names)


def _names_a_person(label: str, people: frozenset[str], lang: LanguageRules) -> bool:
    """``Reid: ...`` over a story about Harry Reid: the label, titles aside, is a name the document
    gives a person elsewhere (a headline's one word is seldom tagged as an entity itself)."""
    words = [w for w in label.split() if not lang.lexicon.is_title(w.strip(lang.marks.label_separator))]
    return bool(words) and " ".join(words).casefold() in people


def _accept(
    label: str,
    repeats: int,
    entities: Intervals,
    start: int,
    end: int,
    lang: LanguageRules,
    people: frozenset[str] = frozenset(),
    quoted: bool = False,
) -> bool:
    lex = lang.lexicon
    folded = label.casefold()
    if _not_a_label(label, lang):
        return False
    if folded in lex.transcript_labels:
        return True
    if _source_noun(label, lang):
        return True
    if not _name_like(label, lang):
        return False
    if repeats >= 2 or any(lang.lexicon.is_title(w.strip(lang.marks.label_separator)) for w in label.split()):
        return True
    if (
        quoted
        and len(label.split()) <= QUOTED_LABEL_MAX_WORDS
        and all(w[:1].isupper() for w in label.split())
    ):
        return True  # "Carly Fiorina: 'Bill Clinton's fair game.'": a name and the words in marks it said
    if lang.patterns.acronym.fullmatch(label):
        return True  # an outlet or agency (``NHK:``, ``AP:``) as the source of what follows
    return _entity_label(entities, start, end) or _names_a_person(label, people, lang)


def _not_a_label(label: str, lang: LanguageRules) -> bool:
    """``Note:``, ``BOOM:``, ``Update:``: words that open a line with a colon and name nobody."""
    not_labels = lang.lexicon.not_labels
    return label.casefold() in not_labels or label.split()[0].casefold() in not_labels


def _source_noun(label: str, lang: LanguageRules) -> bool:
    """``Insiders: Trump will rebound``, ``IG report: State was inaccurate``: a short label whose last
    word names people, a body or a statement is the source of what follows, as a headline gives it."""
    words = label.split()
    lex = lang.lexicon
    if (
        len(words) > SOURCE_LABEL_MAX_WORDS
        or not words[0][:1].isupper()
        or lang.marks.comma in label
        or any(w.casefold() in lex.pronouns for w in words)
    ):
        return False  # "But beware, Republicans:", "Spotlight his family:": an address, a heading
    return lang.source_word(words[-1])


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
    tag = lang.patterns.markup_tag.match(text, ps, end)
    if tag is not None:
        start = tag.end()  # an embedded post's markup (<tweet id="..." author="...">) is not its text
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
        if not lang.lexicon.is_title(w) and w[:1].isupper()
    ]
    if not words or label.casefold() in lex.transcript_labels:
        return False
    name = words[-1].strip(lang.marks.edge_punct)
    flags = regex.IGNORECASE if name.isupper() else 0  # a label in capitals names "Marsudi" too
    prose = _outside_quotations(line, lang.marks.chars)  # a quotation that names them is not prose
    return regex.search(rf"\b{regex.escape(name)}\b", prose, flags) is not None


def _outside_quotations(line: str, marks: str) -> str:
    """The line with what stands between two quotation marks blanked out."""
    out, inside = [], False
    for ch in line:
        if ch in marks:
            inside = not inside
        out.append(ch if not inside and ch not in marks else " ")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Label:
    span: tuple[int, int]  # the label's characters (a timestamp after it left out)
    content: int  # where the turn's text starts in the paragraph; -1 for a label alone on its line
    words: int  # words after the label in its paragraph
    timed: bool  # the label carries a timestamp ("Name (00:05):"): a transcript for sure


def _labels(text: str, paragraphs: list[tuple[int, int]], lang: LanguageRules) -> dict[int, _Label]:
    """Paragraphs that open with something shaped like a speaker label (accepted or not, later)."""
    pats = lang.patterns
    found: dict[int, _Label] = {}
    dotted: dict[int, _Label] = {}
    for p, (ps, pe) in enumerate(paragraphs):
        m = pats.label.match(text, ps, pe)
        if m:
            words = len(text[m.end() : pe].split())
            found[p] = _Label((m.start("label"), m.end("label")), m.end(), words, m.group("time") is not None)
            continue
        m = pats.label_line.fullmatch(text, ps, pe)
        if m:
            found[p] = _Label((m.start("label"), m.end("label")), -1, 0, m.group("time") is not None)
            continue
        m = pats.dot_label.match(text, ps, pe)
        if m and m.group("label").casefold() in lang.lexicon.transcript_labels:
            dotted[p] = _Label(
                (m.start("label"), m.end("label")), m.end(), len(text[m.end() : pe].split()), False
            )
    # "Q. ..." / "A. ...": only where both roles take turns, never one initial that opens a paragraph.
    if len({text[lab.span[0] : lab.span[1]] for lab in dotted.values()}) >= 2:
        found.update(dotted)
    return found


def _transcript_heading(text: str, paragraphs: list[tuple[int, int]], lang: LanguageRules) -> bool:
    """The document's first lines say it is a transcript (``Transcript of the briefing ...``)."""
    return _says_transcript(" ".join(text[s:e] for s, e in paragraphs[:HEAD_PARAGRAPHS]), lang)


def _says_transcript(words: str, lang: LanguageRules) -> bool:
    """The words name a kind of transcript (``briefing``, ``press conference``; transcript_cues.txt)."""
    folded = words.casefold()
    return any(cue in folded for cue in lang.lexicon.transcript_cues)


def find_turns(doc: Doc, text: str, lang: LanguageRules, quoted: Iterable[QuotedSpan] = ()) -> list[Turn]:
    """The turns of a transcript and the quoted posts: the layout that later stages read."""
    openers = {q.open: q for q in quoted if q.depth == 0 and q.closed}
    paragraphs = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
    labelled = _labels(text, paragraphs, lang)
    counts = Counter(text[lab.span[0] : lab.span[1]].casefold() for lab in labelled.values())
    entities = (
        Intervals((e.start_char, e.end_char) for e in doc.ents if e.label_ in lang.tags.label_entities)
        if labelled
        else Intervals(())
    )
    people = _person_names(doc, lang) if labelled else frozenset()
    accepted: dict[int, _Label] = {}
    quotations: dict[int, tuple[int, int]] = {}  # a label's text that is one quotation: its inside
    laid_out: set[int] = set()  # labels that a transcript's layout could hold, not only their quotation
    for p, lab in labelled.items():
        name = text[lab.span[0] : lab.span[1]]
        repeats = counts[name.casefold()]
        words = (
            _whole_quotation(text, lab.content, paragraphs[p][1], openers, lang) if lab.content >= 0 else None
        )
        if lab.content >= 0 and _tally(text[lab.content : paragraphs[p][1]]):
            continue
        if _accept(name, repeats, entities, *lab.span, lang, people):
            laid_out.add(p)
        elif not (words is not None and _accept(name, repeats, entities, *lab.span, lang, people, True)):
            continue
        # A label before one word ("Hello.") or alone on its line must be a role or used again.
        if lab.words < 2 and not (repeats >= 2 or lab.timed or _strong(name, lang)):
            continue
        accepted[p] = lab
        if words is not None:
            quotations[p] = words
    # (the pass below adds only where a label was laid out already, so this holds after it too)
    headed = bool(laid_out) and _transcript_heading(text, paragraphs, lang)
    if len(laid_out) >= 2 or headed:
        # In a transcript, a name-shaped label before a question or an answer is one more speaker
        # (``Reuters: Can you confirm ...?``), though it is used once and no entity was recognised.
        for p, lab in labelled.items():
            name = text[lab.span[0] : lab.span[1]]
            if (
                p in accepted
                or lab.content < 0
                or lab.words < 2
                or _tally(text[lab.content : paragraphs[p][1]])
            ):
                continue
            # "Press Briefing:" says what the text is, and names nobody
            if _name_like(name, lang) and not _not_a_label(name, lang) and not _says_transcript(name, lang):
                accepted[p] = lab
                laid_out.add(p)
    continuing = len(laid_out) >= 2 or any(lab.timed for lab in accepted.values()) or headed
    turns: list[Turn] = []
    current: tuple[int, tuple[int, int]] | None = None
    opened = False  # the current label stood alone on its line: the next paragraph is its text
    index = -1
    for p, (ps, pe) in enumerate(paragraphs):
        line = text[ps:pe]
        if p in accepted:
            index += 1
            lab = accepted[p]
            current, opened = (index, lab.span), lab.content < 0
            if p in quotations:
                # "Fiorina: 'X.'": the quotation is all the label's text; it holds over nothing after it.
                turn = Turn(index, lab.span, quotations[p], text[lab.span[0] : lab.span[1]], quoted=True)
                _add(turns, text, turn)
                current = None
            elif lab.content >= 0:
                start, end = lang.marks.trim(text, lab.content, pe, final=False)
                _add(turns, text, Turn(index, lab.span, (start, end), text[lab.span[0] : lab.span[1]]))
            continue
        post = _signed_post(text, ps, pe, lang)
        if post is not None:
            index += 1
            (start, end), name = post
            turns.append(Turn(index, name, (start, end), text[name[0] : name[1]], signed=True))
            current = None
            continue
        if (
            current is None
            or lang.patterns.timestamp.fullmatch(text, ps, pe)
            or lang.patterns.stage_direction.fullmatch(text, ps, pe)
        ):
            continue  # a timestamp or "(Laughter.)" between paragraphs of a turn neither ends it nor belongs to it
        if not opened and (
            not continuing
            or is_heading(line, lang.marks.heading_end, TURN_HEADING_MAX_WORDS)
            or is_title_case(line, lang.marks.capital_skip)
            or _label_like(text, ps, pe, lang)
            or _about(line, text[current[1][0] : current[1][1]], lang)
        ):
            current = None
            continue
        opened = False
        start, end = lang.marks.trim(text, ps, pe, final=False)
        _add(turns, text, Turn(current[0], current[1], (start, end), text[current[1][0] : current[1][1]]))
    return turns


def _whole_quotation(
    text: str, start: int, end: int, quoted: dict[int, QuotedSpan], lang: LanguageRules
) -> tuple[int, int] | None:
    """The inside of the one quotation that is all the text after a label (a final period aside)."""
    start, end = lang.marks.trim(text, start, end)
    q = quoted.get(start)
    if q is None or text[q.close : end].strip(lang.marks.final_punct + lang.marks.edge_punct):
        return None
    return lang.marks.trim(text, q.start, q.end, final=False)


def _label_like(text: str, ps: int, pe: int, lang: LanguageRules) -> bool:
    """A paragraph opening with a name and a colon (``Photo: ...``) ends a turn even if not accepted as a
    label; a sentence with a colon in it (``As we have said, there is one aggressor: ...``) does not."""
    m = lang.patterns.label.match(text, ps, pe)
    return m is not None and _name_like(m.group("label"), lang)


def _tally(after: str) -> bool:
    """``Clinton: 2,316.``: a name before a number alone is a row of figures, not a turn; it holds
    nothing after it and makes no transcript of the document."""
    return any(ch.isdigit() for ch in after) and not any(ch.isalpha() for ch in after)


def _add(turns: list[Turn], text: str, turn: Turn) -> None:
    """A turn with no word in it (a leftover "/…" of a page) is no turn, but its label still holds."""
    if any(ch.isalpha() for ch in text[turn.content[0] : turn.content[1]]):
        turns.append(turn)


def _strong(label: str, lang: LanguageRules) -> bool:
    """A label that is a transcript role (``Reporter``, ``Q``) or carries a title (``MINISTER LEE``)."""
    lex = lang.lexicon
    return label.casefold() in lex.transcript_labels or any(
        lang.lexicon.is_title(w.strip(lang.marks.label_separator)) for w in label.split()
    )


def find(ctx: Context, earlier: list[Candidate]) -> list[Candidate]:
    """The finder: each turn (and each quoted post) is a transcript quote of its label's speaker."""
    return [
        Candidate(
            kind="direct" if t.quoted else "transcript",
            content=t.content,
            mention=ctx.lang.marks.trim(ctx.text, *t.label, final=False),
            confidence=0.9 if not t.signed else 0.85,
            rule=Rule.SIGNED_POST if t.signed else Rule.LABEL,
            turn=t.index,
        )
        for t in ctx.turns
        if t.content[0] < t.content[1]
    ]
