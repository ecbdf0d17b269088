"""English reported speech: what a speech verb, a speech noun or ``according to`` reports, read off the parse.

A speech verb reports a content through one of the frames its lexicon entry
allows (``speech_verbs.tsv``): a clause (``said that ...``), an infinitive
(``agreed to ...``), a content noun phrase (``expressed her gratitude for
...``), a preposition's object (``concurred on ...``), or ``described X as
Y``. ``according to X, ...`` and speech nouns with a that-clause (``the
statement that ...``) report too. Whether the content is quoted (mixed,
direct) is decided after the finders, from the marks, for any language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..base import Offsets, Report
from .cues import (
    FINITE_TAGS,
    MODAL_TAGS,
    according_to,
    cue_phrase,
    is_according,
    main_verb_again,
    misplaced_act,
    phrasal_child,
    set_off_by_comma,
    verb_frames,
)
from .subjects import can_report, quoting_verb, subject_of

if TYPE_CHECKING:
    from . import English

#: The frames the grammar below fills, which ``speech_verbs.tsv`` may name (besides prep:P and prt:P).
FRAMES = frozenset(
    {
        "quote",
        "clause",
        "to",
        "wh",
        "np",
        "cnp",
        "tnp",
        "as",
        "oprd",
        "agent",
        "active",
        "passive",
        "listener",
    }
)
CLAUSE_DEPS = ("ccomp",)
INFINITIVE_DEPS = ("xcomp",)
#: How a that-clause hangs on the noun it spells out ("the view that ...").
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp", "appos", "relcl"})
#: How the clause hangs on the last word of a cue phrase: "made clear that, “A”" may read A as the
#: subject of "clear".
PHRASE_CLAUSE_DEPS = frozenset({*CLAUSE_DEPS, "csubj"})
#: The owner of a noun: "his" in "his hope", "Japan" in "Japan's hope".
POSSESSOR_DEP = "poss"
#: Children of the verb after its object that still belong to the content (``... to X on Y``).
CONTENT_TAIL_DEPS = frozenset({"prep", "dative", "oprd", "acomp", "xcomp", "ccomp", "advcl"})
#: What sets a parenthetical speech verb off from the clause it reports (``..., officials said``).
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "--"})
#: An ``according to`` phrase with this many words on each side interrupts its content.
MIN_SIDE_WORDS = 2


def reports(text: str, tok: Token, lang: English) -> list[Report]:
    """Reported speech anchored at ``tok``: ``according to``, a speech verb's frame, or a speech noun.

    Usually one; a verb with several that-clauses (``stated that A, that B, and that C``) reports
    each clause on its own.
    """
    if is_according(tok):
        acc = _according_to(text, tok, lang)
        return [Report(acc[0], acc[1], "according", acc[2], tok)] if acc else []
    if verb_frames(tok, lang):
        if _not_an_act(tok, lang):
            return []
        inv = _inverted(text, tok, lang) or _source_absorbed(text, tok, lang)
        if inv:
            return [Report(inv[0], inv[1], "parenthetical", inv[2], tok)]
        got = _frames_content(text, tok, lang) or _parenthetical(text, tok, lang)
        if not got:
            closing = _clause_before_the_source(text, tok, lang)
            if closing:
                return [Report(closing[0], closing[1], "parenthetical", closing[2], tok)]
            small = _small_clause(text, tok, lang)
            return [small] if small is not None else []
        content, cue, frame = got
        content = _without_gloss(text, tok.doc, content, lang)
        content = _past_a_dashed_aside(text, tok, content, lang)
        content = _before_next_act(text, tok, content, lang)
        if frame == "clause":
            parts = _each_clause(text, tok, content, lang, CLAUSE_DEPS, _has_that)
        elif frame == "to":
            parts = _each_clause(text, tok, content, lang, INFINITIVE_DEPS, _infinitive)
        else:
            parts = [content]
        return [Report(part, cue, frame, None, tok) for part in parts]
    if tok.pos_ == "NOUN":
        sn = _speech_noun(text, tok, lang)
        return [Report(sn[0], sn[1], "speech-noun", sn[2], sn[3])] if sn else []
    return []


#: Third-person endings of a present-tense verb, and what replaces them (``says`` -> ``say``,
#: ``denies`` -> ``deny``, ``pushes`` -> ``push``), longest first.
PRESENT_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""))
#: A headline in title case has at least this share of its words capitalised.
TITLE_CASE_SHARE = 0.7
#: What may stand right before a headline's verb: the end of its subject.
HEADLINE_SUBJECT_POS = frozenset({"NOUN", "PROPN"})
#: Words this long or longer count for title case.
TITLE_WORD_CHARS = 4


def heading_reports(text: str, tok: Token, lang: English) -> list[Report]:
    """``Minister Says Rail Strike Will End by Friday``: in a title-case headline the parser often
    takes the verb for a proper noun, or the line for one name, or leaves the verb without a
    complement (the finder asks here only when the parse gave nothing). A capitalised present-tense
    speech verb after the first word, with words after it, reports what follows it (after its
    frame's preposition or ``to``); the words before it name the speaker."""
    if tok.i == 0 or not tok.text[:1].isupper():
        return []
    frames = next(
        (
            f
            for end, repl in PRESENT_ENDINGS
            if tok.lower_.endswith(end) and (f := lang.lexicon.frames(tok.lower_[: -len(end)] + repl))
        ),
        frozenset(),
    )
    if not frames and tok.i > 0 and tok.doc[tok.i - 1].tag_ in lang.tags.plural_noun_tags:
        frames = lang.lexicon.frames(tok.lower_)  # "Nordic Ministers Call for Talks": a plural subject
    if not frames:
        return []
    line_start = text.rfind("\n", 0, tok.idx) + 1
    line_end = text.find("\n", tok.idx)
    line_end = len(text) if line_end < 0 else line_end
    # Title case leaves short function words ("for", "on", "the") in lower case: count the others.
    words = [w for w in text[line_start:line_end].split() if w[:1].isalpha() and len(w) >= TITLE_WORD_CHARS]
    if not words or sum(w[:1].isupper() for w in words) < TITLE_CASE_SHARE * len(words):
        return []
    doc = tok.doc
    before = doc[tok.i - 1]
    if before.idx < line_start or tok.i + 2 >= len(doc) or before.pos_ not in HEADLINE_SUBJECT_POS:
        return []  # "Spokesperson's Remarks of ...": no subject before the verb
    nxt = doc[tok.i + 1]
    cue_end = tok.idx + len(tok)
    if f"prep:{nxt.lower_}" in frames:
        frame, start, cue_end = "prep", doc[tok.i + 2].idx, nxt.idx + len(nxt)
    elif "to" in frames and nxt.lower_ == "to":
        frame, start = "to", nxt.idx
    elif "clause" in frames and nxt.pos_ not in lang.tags.linking_pos:
        frame, start = "clause", nxt.idx  # not "Remarks of the Spokesperson": a noun and its phrase
    else:
        return []
    if start >= line_end:
        return []
    content = lang.marks.trim(text, start, line_end)
    return [Report(content, (tok.idx, cue_end), frame, before, tok)]


#: What a headline's verbless clause predicates of its subject ("alliance 'stronger than ever'").
SMALL_CLAUSE_DEPS = frozenset({"acomp", "oprd"})


def _small_clause(text: str, tok: Token, lang: English) -> Report | None:
    """``Japan's FM says alliance with US 'stronger than ever'``: headlines drop the verb "to be"; the
    parser gives ``says`` an object and a predicate, which together are the clause it reports. Asked
    only where no frame read anything (a verb that reads its object as content never comes here)."""
    frames = verb_frames(tok, lang)
    if "clause" not in frames or "np" in frames:
        return None
    obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
    pred = next(
        (c for c in tok.rights if c.dep_ in SMALL_CLAUSE_DEPS and obj is not None and c.i > obj.i), None
    )
    subject = lang.subject_of(tok)
    if obj is None or pred is None or subject is None:
        return None
    content = lang.marks.trim(text, obj.left_edge.idx, pred.right_edge.idx + len(pred.right_edge))
    return Report(content, lang.cue_phrase(tok), "clause", subject, tok)


def _infinitive(t: Token) -> bool:
    return any(a.lower_ == "to" and a.dep_ == "aux" for a in t.lefts)


#: Frames that do not make a verb report a content of its own ("continuing to ...", "asked to").
QUOTE_ONLY = frozenset({"quote", "agent", "active", "passive"})
#: Tags of a finite verb in the simple past: "The talks lasted two hours." is what happened.
PAST_TAGS = frozenset({"VBD"})
#: Entity types that open narration when a sentence starts with them ("On Monday, ...", "In Geneva, ...").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Auxiliaries, which carry a verb's tense (``has gone``).
AUX_DEPS = frozenset({"aux", "auxpass"})
#: Tenses whose form no bare verb shares (``pledge`` may be a present or an infinitive; ``pledged``,
#: ``pledges`` are neither).
MARKED_TENSE_TAGS = frozenset({"VBD", "VBZ"})
#: A bare infinitive and a gerund: no tense, so no finite verb is coordinated with them.
NON_FINITE_TAGS = frozenset({"VB", "VBG"})
#: The ``by`` phrase of a passive, which names who acts.
AGENT_DEP = "agent"
#: The subject of an active verb: the one who acts (``Cruz said``, not ``he was warned``).
ACTIVE_SUBJECT_DEP = "nsubj"
SETTING_ENTITIES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def narrates(sent: Span, lang: English) -> bool:
    """The author's narration: the simple past of an event, or a sentence set in time or place first.

    Readouts go on with a speaker's words in the present, the future, with
    modals (``Both sides should ...``, ``Norland is willing to ...``) or in
    the backshifted perfect (``relations had improved``); what happened is
    told in the simple past (``The talks took place at ...``).
    """
    root = sent.root
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if (
        first is not None
        and (first.ent_type_ in SETTING_ENTITIES and first.ent_iob_ == "B")
        and first.i < root.i
        and not _in_subject(first, root)
    ):
        return True  # "In Geneva, ...", "On Monday the talks ...", not "Ethiopia and Kenya would ..."
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ in PAST_TAGS and not aux:
        return True
    if any(a.tag_ in PAST_TAGS and a.lemma_ == "do" for a in aux):
        return True  # "did not return a message"
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    pron = lang.lexicon.pronouns.get(subj.lower_) if subj is not None else None
    if pron is not None and pron.person == 3 and pron.gendered:
        return True  # "He is holding a rally": the author tells of the speaker, the speaker would say "I"
    # Speech of its own: a verb that reports a content (not one that only introduces a quotation).
    return any(verb_frames(t, lang) - QUOTE_ONLY for t in sent if t.pos_ in ("VERB", "AUX"))


def _in_subject(tok: Token, root: Token) -> bool:
    """The token lies in the root's subject (a place or a country that acts), not in a fronted adverbial."""
    subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    return subj is not None and subj.left_edge.i <= tok.i <= subj.right_edge.i


def speaker_voice(sent: Span, lang: English) -> bool:
    """The sentence speaks as a party: in the first person, or with a modal (``Both sides should ...``,
    ``Norland is willing to ...`` with its infinitive of intent)."""
    root = sent.root
    if any(c.tag_ in MODAL_TAGS for c in root.children if c.dep_ == "aux"):
        return True
    subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if root.tag_ in SIMPLE_PRESENT_TAGS and subj is not None and subj.ent_type_ in PARTY_ENTITIES:
        return True  # "China supports Indonesia in ...", "Russia appreciates X": a party, not backshifted
    if any(
        c.dep_ == "acomp" and any(x.dep_ == "xcomp" and _infinitive(x) for x in c.children)
        for c in root.children
    ):
        return True  # "is willing to host", "is ready to help"
    first_person = lang.lexicon.first_person_pronouns
    return any(t.lower_ in first_person for t in sent)


def _has_that(t: Token) -> bool:
    return any(m.lower_ == "that" and m.dep_ == "mark" for m in t.children)


def _each_clause(
    text: str,
    verb: Token,
    content: Offsets,
    lang: English,
    deps: tuple[str, ...],
    own: Callable[[Token], bool],
) -> list[Offsets]:
    """``stated that A, that B, and that C``: a repeated complementizer starts a clause of its own; so does a
    repeated ``to`` (``agreed to A and to B``).

    Clauses coordinated without a repeated ``that`` (or ``to``) stay one content.
    """
    start, end = content
    head = next((c for c in verb.children if c.dep_ in deps and c.idx <= start < _subtree_span(c)[1]), None)
    if head is None:
        head = next((c for c in verb.children if c.dep_ in deps and start <= c.idx < end), None)
    if head is None:
        return [content]
    # The parser hangs the later clauses on the first (conj) or on the verb (a sibling ccomp).
    # "said A, but that B": or on the verb itself, as a conjunct.
    siblings = [c for c in verb.children if c.dep_ in deps and c.i > head.i]
    clauses = siblings + _verb_conjuncts(verb)
    todo = [head, *siblings]
    while todo:
        more = _verb_conjuncts(todo.pop())
        clauses += more
        todo += more
    conjs = [c for c in clauses if own(c) and start < c.left_edge.idx < end]
    if not conjs:
        return [content]
    doc = verb.doc
    parts: list[Offsets] = []
    piece_start = start
    for c in sorted(conjs, key=lambda t: t.left_edge.i):
        i = c.left_edge.i
        while (
            i - 1 >= 0 and doc[i - 1].idx > piece_start and (doc[i - 1].is_punct or doc[i - 1].dep_ == "cc")
        ):
            i -= 1  # ", and" between two clauses belongs to neither
        parts.append(lang.marks.trim(text, piece_start, doc[i].idx))
        k = c.left_edge.i
        while k < c.i and (doc[k].lower_ == "that" and doc[k].dep_ == "mark" or doc[k].is_punct):
            k += 1
        piece_start = doc[k].idx
    parts.append(lang.marks.trim(text, piece_start, end))
    return [p for p in parts if p[1] - p[0] >= 2]


#: What opens a yes-no question the parser may read as a condition (``asked them if ...``).
QUESTION_MARKS = frozenset({"if", "whether"})
#: What may stand between a verb that asks and its question: who is asked, how often.
ASKED_DEPS = frozenset({"dobj", "dative", "npadvmod", "advmod"})


def _question_read_as_condition(verb: Token, frames: frozenset[str]) -> Token | None:
    """``asked workers if they planned to attend``: the parser read the question as a condition of the
    verb. Right after the verb, or after who was asked, an ``if`` or ``whether`` clause of a verb that
    takes a question is what was asked."""
    if "wh" not in frames:
        return None
    for c in verb.rights:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in QUESTION_MARKS for m in c.children):
            between = verb.doc[verb.i + 1 : c.left_edge.i]
            inside = {t.i for x in verb.rights if x.dep_ in ASKED_DEPS and x.i < c.i for t in x.subtree}
            return c if all(t.i in inside for t in between) else None
        if c.dep_ not in ASKED_DEPS:
            return None
    return None


#: Prepositions that go on with a clause, never with a verb of saying (``..., he said, by X``,
#: ``..., the Times said, including X``).
CLAUSE_GOING_ON_PREPS = frozenset({"by", "including"})


def _on_past_the_source(text: str, verb: Token, content: Offsets, lang: English) -> Offsets:
    """``The argument would be aided, Devine said, by the primary calendar``: the parser hung the rest of
    the reported clause on the source's verb. A phrase set off after the source that can only go on with
    the clause (``by``, ``including``; the speaker's own reason, ``because ...``) is the clause's, and
    the content runs over the source to its end, as ``X, he said, Y`` does."""
    start, end = content
    for child in verb.rights:
        if child.dep_ not in ("prep", "advcl") or set_off_by_comma(child, lang) is None:
            continue
        if child.dep_ == "prep" and child.lower_ not in CLAUSE_GOING_ON_PREPS:
            return content
        if child.dep_ == "advcl" and not _speakers_reason(verb, child):
            return content
        return lang.marks.trim(text, start, _subtree_span(child)[1])
    return content


def _relative_that(verb: Token, clause: Token) -> bool:
    """``laws, passed in May, that courts said discriminated``: a ``that`` between a clause and the
    verb after it opens a relative clause around the verb; the clause before is no content of it
    (as it is in ``X, courts said``)."""
    return any(
        m.dep_ == "mark" and m.lower_ == "that" and clause.right_edge.i < m.i < verb.i for m in verb.children
    )


#: Entities that speak as a party in a readout (a country: ``China supports X``).
PARTY_ENTITIES = frozenset({"GPE"})
#: Tags of a simple present (``are``, ``wants``): no act of a speaker reported in the past.
SIMPLE_PRESENT_TAGS = frozenset({"VBP", "VBZ"})
#: The first word of a paired coordination (``either A or B``, ``neither A nor B``, ``both A and B``).
PAIRED_COORDINATION_DEP = "preconj"


def _within_the_content(conj: Token, cue: Token) -> bool:
    """``said they would either not vote or are unsure``, ``said they are worried that it could fail and
    want to deny him``: a verb in the present after a cue in the past, or a coordination opened by
    ``either``, goes on with the content's clause; it is no next act of the speaker's."""
    if any(c.dep_ == PAIRED_COORDINATION_DEP for c in conj.head.children):
        return True
    return conj.tag_ in SIMPLE_PRESENT_TAGS and _tense(cue) in PAST_TAGS


def _conjunct_start(conj: Token) -> Token:
    """Where a content cut before ``conj`` ends: at the coordinator right before it (``A | and B``),
    else at the conjunct itself."""
    cc = [x for x in conj.head.children if x.dep_ == "cc" and x.i < conj.i]
    return cc[-1] if cc else conj


def _verb_conjuncts(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]


def _subtree_span(tok: Token) -> Offsets:
    """The characters of ``tok``'s subtree, without a coordinator left dangling at its end
    (``reported the planned talks and | just hours after ...``: the conjunct hangs elsewhere)."""
    left, right = tok.left_edge, tok.right_edge
    while right.i > tok.i and right.dep_ == "cc":
        right = right.doc[right.i - 1]
    return left.idx, right.idx + len(right)


def _clause_content(text: str, c: Token, allow_wh: bool, lang: English) -> Offsets | None:
    start, end = _subtree_span(c)
    # Drop a leading complementizer ("that"), and a comma after it.
    toks = list(c.subtree)
    k = 0
    while k < len(toks) and (
        toks[k].lower_ == "that"
        and (toks[k].dep_ == "mark" or (k == 0 and c.dep_ in STRAY_CLAUSE_DEPS))
        or toks[k].is_punct
    ):
        k += 1
    if k >= len(toks):
        return None
    first = toks[k]
    if (
        first.lower_ in lang.lexicon.wh_words
        and first.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")
        and first.head.i == c.i  # "If they leak, hackers lose, he said": the if is a condition's
        and not allow_wh
    ):
        return None
    # "agreed that A and acknowledged that B": the parser often hangs the second speech verb
    # inside the first clause; the first content stops before it. Not in a clause before its
    # verb ("X welcomed A and underlined B, a spokesperson said"): there both acts are the clause's.
    for t in toks[k:] if c.i > c.head.i else ():
        if (
            t.dep_ == "conj"
            and t.head.i in {x.i for x in toks}
            and (
                _reports_again(t, lang)
                or _refuses_again(t, lang)
                or (main_verb_again(t) and not _within_the_content(t, c.head))
                or (t.head.i == c.i and not verb_frames(c, lang) and _another_report(t, lang))
            )
        ):
            end = min(end, _conjunct_start(t).idx)
            break
    end = _before_participle_act(toks[k + 1 :], end, lang)
    return lang.marks.trim(text, first.idx, end)


#: Dashes that set an aside off on both sides (``to ban all Muslims — 1.6 billion people — from ...``).
ASIDE_DASHES = frozenset({"—", "–", "--", "―"})


def _past_a_dashed_aside(text: str, verb: Token, content: Offsets, lang: English) -> Offsets:
    """``pledged to ban all Muslims — 1.6 billion members of a religion — from entering the U.S.``: the
    parser hung the aside and the rest of the content on the verb (or higher). Right after the content,
    an aside between two dashes followed by a phrase hung before it goes on with the content."""
    start, end = content
    doc = verb.doc
    k = next((t.i for t in doc[verb.i :] if t.idx >= end and not t.is_space), None)
    if k is None or doc[k].text not in ASIDE_DASHES:
        return content
    close = next((t for t in doc[k + 1 : verb.sent.end] if t.text in ASIDE_DASHES), None)
    if close is None or close.i + 1 >= verb.sent.end:
        return content
    rest = doc[close.i + 1]
    if rest.head.i >= k or rest.dep_ not in ("prep", "advcl", "xcomp"):
        return content  # the phrase must hang before the aside (on the verb, or higher where misparsed)
    return lang.marks.trim(text, start, _subtree_span(rest)[1])


def _tense(verb: Token) -> str:
    """The tag that carries a verb's tense: its first finite auxiliary's (``has gone``), else its own."""
    aux = next((c for c in verb.children if c.dep_ in AUX_DEPS and c.tag_ in FINITE_TAGS), None)
    return aux.tag_ if aux is not None else verb.tag_


def _before_next_act(text: str, verb: Token, content: Offsets, lang: English) -> Offsets:
    """``vowed to keep abortion legal and celebrated the ruling``, ``proposed banning X and has gone
    so far as to ...``: a finite verb without a subject cannot be coordinated with the infinitive or
    gerund that heads the content; the parser hung the speaker's next act on it, and the content ends
    before it."""
    start, end = content
    words = verb.doc.char_span(start, end, alignment_mode="expand") or ()
    head = next((t for t in words if not start <= t.head.idx < end or t.head.i == t.i), None)
    if (
        head is None
        or _tense(head) not in NON_FINITE_TAGS
        or any(c.tag_ in MODAL_TAGS for c in head.children)
    ):
        return content
    for t in head.rights:
        if (
            t.dep_ == "conj"
            and t.idx < end
            and _tense(t) in MARKED_TENSE_TAGS
            and not any(c.dep_ in SUBJECT_DEPS for c in t.children)
        ):
            return lang.marks.trim(text, start, _conjunct_start(t).idx)
    return content


def _before_participle_act(toks: list[Token], end: int, lang: English) -> int:
    """``said he saw no need to change, telling reporters that ...``, ``expressing her commitment to A,
    emphasizing B``: a participle set off by a comma at the end is a second act of the speaker's,
    which the parser hung inside the content."""
    for t in toks:
        if t.idx >= end:
            break
        if t.tag_ != "VBG" or t.dep_ not in ("advcl", "xcomp", "conj") or not verb_frames(t, lang):
            continue
        cut = set_off_by_comma(t, lang)
        if cut is not None:
            return cut
    return end


def _with_sibling_clauses(text: str, content: Offsets, later: list[Token], lang: English) -> Offsets:
    """``said he is ready to "take on X," secure Y and cut Z``: a quotation mark can split one
    reported clause into sibling complements of the verb; those set off by punctuation alone join it."""
    start, end = content
    for c in later:
        if c.dep_ not in CLAUSE_DEPS:
            continue
        cstart, cend = _subtree_span(c)
        gap = text[end:cstart]
        if cstart < end or gap.strip(" ,;\"'“”‘’") or "\n" in gap:
            break
        end = lang.marks.trim(text, start, cend)[1]
    return start, end


def _clause_after_preposition(
    text: str, verb: Token, frames: frozenset[str], lang: English
) -> tuple[Offsets, int] | None:
    """``called for care to be taken ...``: the frame's preposition right after the verb, and a clause
    with its own subject after it (the parser reads the preposition as the clause's mark, or leaves it
    without an object). The clause, subject and all, is what was called for. Returns the content and
    where the cue phrase ends."""
    doc = verb.doc
    if verb.i + 2 >= len(doc):
        return None
    prep = doc[verb.i + 1]
    if f"prep:{prep.lower_}" not in frames or any(c.dep_ == "pobj" for c in prep.children):
        return None
    for c in verb.children:
        if (
            c.dep_ in ("advcl", "ccomp")
            and c.left_edge.i in (prep.i, prep.i + 1)
            and c.i > prep.i
            and any(x.dep_ in SUBJECT_DEPS for x in c.children)
        ):
            end = prep.idx + len(prep)
            return lang.marks.trim(text, end, _subtree_span(c)[1]), end
    return None


def _past_the_phrase(verb: Token, clause: Token, lang: English) -> Token | None:
    """``made it clear that A``, ``made clear A``: the parser reads ``it clear`` as the verb's clause and
    hangs ``A`` on ``clear``; the clause after the cue phrase's last word is the content."""
    phrase_end = phrasal_child(verb, lang)
    if phrase_end is None or phrase_end.i != clause.i:
        return clause
    inner = [
        c
        for c in clause.rights
        if c.dep_ in PHRASE_CLAUSE_DEPS or (c.dep_ == "advcl" and (_has_that(c) or _bare_clause(c)))
    ]
    if inner:
        return inner[0]
    stray = _stray_relative(clause)
    if stray is not None:
        return stray
    # "made it clear.": the content was said before; "made it clear to X that A": the parser hung A elsewhere
    return None if clause.right_edge.i - clause.left_edge.i < 2 else clause


def _bare_clause(clause: Token) -> bool:
    """A clause with a subject of its own and no conjunction before it (``made it clear | they
    disagreed``): a content clause without ``that``, not a condition or a reason."""
    children = list(clause.children)
    return any(c.dep_ in SUBJECT_DEPS for c in children) and not any(c.dep_ == "mark" for c in children)


def _stray_relative(phrase_end: Token) -> Token | None:
    """``made it clear from the start that she wanted A``: the parser read the that-clause as a relative
    clause on the noun of the phrase between (``the start that she wanted``), or as a clause of that
    noun (``clear to the judge that A``); after a cue phrase that still lacks its clause, such a clause
    opening with ``that`` and with a subject of its own is the content."""
    for prep in phrase_end.rights:
        for noun in prep.children if prep.dep_ == "prep" else ():
            for t in noun.rights:
                if (
                    t.dep_ in PHRASE_STRAY_DEPS
                    and t.left_edge.lower_ == "that"
                    and any(c.dep_ in SUBJECT_DEPS for c in t.children)
                ):
                    return t
    return None


def _spelled_out(clause: Token, later: list[Token], lang: English) -> Token:
    """``conveyed what our countries have long proven: that A``: a wh-clause that points ahead to a
    that-clause after a colon; the that-clause is the content."""
    if clause.left_edge.lower_ not in lang.lexicon.wh_words:
        return clause
    for c in later:
        before = c.left_edge.i - 1
        if (
            c.dep_ in CLAUSE_DEPS
            and _has_that(c)
            and before > 0
            and c.doc[before].text == lang.marks.introducer
        ):
            return c
    return clause


def _with_coordinated_clause(text: str, verb: Token, content: Offsets, lang: English) -> Offsets:
    """``raised the point that people were being murdered and the situation was becoming complex``: the
    parser hangs a clause joined by a bare ``and`` on the speech verb, but with a subject of its own, in
    the reported tense and without a verb of speech, it goes on with the content (spec 1.1: clauses
    coordinated without a repeated ``that`` stay one quote). A comma before ``and``, or a simple past
    (``said he would win and the crowd cheered``), is the author going on, unless the conjunct quotes the
    speaker's words (``said X had been "a part of it," and Y would "depend on Z"``, ``said A, but the
    rest were just "minor"``)."""
    start, end = content
    for c in verb.rights:
        if c.dep_ != "conj" or c.pos_ not in ("VERB", "AUX") or c.idx < end:
            continue
        cstart, cend = _subtree_span(c)
        gap = text[end:cstart].strip()
        if not gap and c.left_edge.dep_ == "cc":
            gap = c.left_edge.lower_  # the coordinator hangs inside the conjunct: "... and he is doing ..."
        # "said A, but that B": a repeated complementizer makes B a report of its own (split later)
        joined = gap.strip(lang.marks.comma + " ")
        again = _has_that(c) and joined in CLAUSE_COORDINATORS | {""}
        quoted = again or _quoted_again(c, gap, lang)
        if (
            gap not in COORDINATORS
            and not quoted
            and not (joined in CLAUSE_COORDINATORS and _speakers_tense(verb, c))
        ):
            break
        if not any(x.dep_ in SUBJECT_DEPS for x in c.children) or verb_frames(c, lang):
            break
        if c.tag_ in PAST_TAGS and not quoted and not any(x.dep_ in ("aux", "auxpass") for x in c.children):
            break
        return lang.marks.trim(text, start, cend)
    return content


def _speakers_tense(verb: Token, clause: Token) -> bool:
    """``concluded that idealism is nice, but sometimes realism takes over``: a clause in the present
    after a report in the past is the speaker's (the author goes on in the past)."""
    return verb.tag_ in PAST_TAGS and (
        clause.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in clause.children if a.dep_ == "aux")
    )


def _quoted_again(conj: Token, gap: str, lang: English) -> bool:
    """Only a comma, a coordinator and quotation marks stand between the content and the conjunct
    clause, and the conjunct quotes the speaker's words: ``said X, but the rest were just "minor"``."""
    marks = lang.marks.chars
    words = "".join(" " if ch in marks or ch in lang.marks.comma else ch for ch in gap).split()
    return len(words) == 1 and words[0] in CLAUSE_COORDINATORS and _has_quotation_mark(conj.subtree, lang)


def _has_quotation_mark(tokens: Iterable[Token], lang: English) -> bool:
    """A quotation mark stands among the tokens; an apostrophe (``Trump's``, ``don't``) does not count."""
    marks, digraphs = lang.marks.unambiguous, lang.marks.digraphs
    return any(t.text in digraphs or any(ch in marks for ch in t.text) for t in tokens)


#: What a noun phrase's coordinated parts are joined by.
COORDINATORS = frozenset({"and", "or"})
#: What joins a clause that goes on with the speaker's words, after a comma.
CLAUSE_COORDINATORS = COORDINATORS | {"but"}
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
#: How the parser attaches the later items of a list it broke off after a comma.
LIST_ITEM_DEPS = frozenset({"npadvmod", "dobj", "dep"})


def _reports_again(verb: Token, lang: English) -> bool:
    """A coordinated speech verb with a content of its own and no subject of its own."""
    return not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and _reports_content(verb, lang)


def _refuses_again(verb: Token, lang: English) -> bool:
    """``said Seoul was considering further steps but declined to elaborate``: a coordinated refusal
    to speak, with no subject of its own, is the speaker's, not more of what was said."""
    return (
        verb.lemma_.lower() in lang.lexicon.refusals
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and any(c.dep_ in INFINITIVE_DEPS and _infinitive(c) for c in verb.children)
    )


def _another_report(verb: Token, lang: English) -> bool:
    """``explained that X treated A, and Minister Wong expressed B``: a speech verb coordinated with
    the clause's own verb, with a named subject and a content of its own, reports another act, not
    more of the first content (inside reported speech, ``said X tweeted A and Y mentioned B``, it
    may be the speaker's account: there the clause's verb is a speech verb itself)."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.pos_ not in NOMINAL_POS:
        return False
    return _reports_content(verb, lang) or (bool(verb_frames(verb, lang)) and _set_off_act(verb))


def _set_off_act(verb: Token) -> bool:
    """``noted that A, and the President concurred``: a speech verb with nothing after it, set off by
    a comma and a coordinator, is the author telling of the other party's act."""
    left = verb.left_edge
    doc = verb.doc
    return (
        left.i >= 2
        and doc[left.i - 1].dep_ == "cc"
        and doc[left.i - 2].is_punct
        and verb.right_edge.i == verb.i
    )


def _reports_content(verb: Token, lang: English) -> bool:
    """A speech verb with a complement of its own: a clause, an infinitive or an object."""
    return bool(verb_frames(verb, lang)) and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _with_tail(text: str, verb: Token, start: int, end: int, after: int, lang: English) -> Offsets:
    """Extend a phrase content over the verb's later complements (``his congratulations | to X | on Y``).

    A complement joins when only spaces separate it from the content so far,
    or a comma before a prepositional phrase (``..., with a shared commitment
    to ...``); a comma before a clause ends the content, and so does a phrase
    of the setting (``at a rally``, ``through a spokeswoman``).
    """
    for child in verb.rights:
        if child.i <= after:
            continue
        cstart, cend = _subtree_span(child)
        gap = text[end:cstart]
        if _more_of_the_object(child, gap):
            end = cend
            continue
        if child.dep_ not in CONTENT_TAIL_DEPS:
            continue
        if _act_of_its_own(text, child, lang):
            break  # "highlighting his win as he urges X to Y": a second act, with its own speaker
        setting = (
            child.lower_ in lang.lexicon.setting_preps
            and not _of_an_act(child, lang)
            and not (gap.strip() == "" and _follows_a_feeling(verb.doc[after], child, lang))
        )
        if (
            child.dep_ == "prep"
            and cstart >= end
            and (setting or _names_a_time(child, lang) or _names_the_occasion(child, lang))
        ):
            break  # where, when or how it was said, not what
        if cstart < end:
            end = max(end, cend)
            continue
        if gap.strip() == "" or (
            gap.strip() == ","
            and ((child.dep_ == "prep" and not is_according(child)) or _speakers_reason(verb, child))
        ):
            end = cend
        else:
            break
    return lang.marks.trim(text, start, end)


def _follows_a_feeling(obj: Token, prep: Token, lang: English) -> bool:
    """``expressed satisfaction at the growing ties``: right after a content noun, the phrase says what
    the feeling is about (the parser hangs it on the verb), not where it was said."""
    return prep.i == obj.right_edge.i + 1 and lang.lexicon.is_content_noun(obj.lower_, obj.lemma_)


#: Prepositions that set a statement in the occasion or piece it was made in ("in an interview").
OCCASION_PREPS = frozenset({"in", "at", "during"})


def _of_an_act(prep: Token, lang: English) -> bool:
    """``expressed her pleasure at visiting X``: a gerund after the preposition is an act, not a place or
    a time; the phrase goes on with the content."""
    return any(c.dep_ == "pcomp" and c.tag_ in lang.tags.participle_tags for c in prep.children)


def _names_the_occasion(prep: Token, lang: English) -> bool:
    """``in an interview``, ``at a press conference``, ``in his opening statement``: where it was said."""
    return prep.lower_ in OCCASION_PREPS and any(
        c.dep_ == "pobj"
        and (c.lower_ in lang.lexicon.occasion_nouns or c.lemma_.lower() in lang.lexicon.occasion_nouns)
        for c in prep.children
    )


def _setting_inside(text: str, obj: Token, span: Offsets, lang: English) -> Offsets:
    """``touting his wins in his opening statement``, ``acknowledged as much in a Times article``: the
    parser hung the occasion on the object's noun; the content ends before it. Only in the phrase
    itself: inside a clause of its own (``that X encouraged violence at his rallies``) it is said."""
    start, end = span
    for t in obj.subtree:
        if t.i <= obj.i or t.idx >= end or t.dep_ != "prep" or not _names_the_occasion(t, lang):
            continue
        head = t.head
        while head.i != obj.i and head.pos_ not in lang.tags.verb_pos:
            head = head.head
        if head.i == obj.i:
            return lang.marks.trim(text, start, min(end, t.left_edge.idx))
    return span


def _names_a_time(phrase: Token, lang: English) -> bool:
    """``endorsed Trump in early June``, ``on Thursday``: a phrase whose object is a named date
    says when (a length of time, ``in approximately two decades``, may be the content's own). A
    named date the parser took for a verb's object (``promised Sunday to ...``) says when too."""
    objs = [c for c in phrase.children if c.dep_ == "pobj"] if phrase.dep_ == "prep" else [phrase]
    return bool(objs) and all(
        o.ent_type_ in lang.tags.time_entities and any(t.pos_ in lang.tags.proper_noun_pos for t in o.subtree)
        for o in objs
    )


#: Conjunctions that give a reason; tenses in which a speaker, not the author, gives it.
REASON_MARKS = frozenset({"as", "because", "since"})
PRESENT_TAGS = frozenset({"VBP", "VBZ", "MD"})


def _speakers_reason(verb: Token, clause: Token) -> bool:
    """``reaffirmed our deep concerns about X, as those actions increase tensions``: a reason in the
    present after a report in the past is the speaker's own, part of what was said (the author tells
    in the past: ``..., as the crowd cheered``)."""
    return (
        clause.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in REASON_MARKS for m in clause.children)
        and _speakers_tense(verb, clause)
    )


def _with_list_rest(text: str, verb: Token, content: Offsets, lang: English) -> Offsets:
    """``agreed to promote prosperity for their nations, the region, and the world``: the parser broke
    the list off after a comma and hung its later items on the speech verb; they end the content."""
    start, end = content
    for child in verb.rights:
        cstart, cend = _subtree_span(child)
        if cstart < end or child.is_punct:
            continue
        if not _more_of_the_object(child, text[end:cstart]):
            break
        end = cend
    return lang.marks.trim(text, start, end)


def _more_of_the_object(child: Token, gap: str) -> bool:
    """The parser hangs the rest of a coordinated object on the verb: ``mentioned A and Japan's
    support for B`` (a noun conjoined to the verb), ``concurred on A, issues related to B, and C``
    (a list item as an adverbial noun)."""
    if child.pos_ not in NOMINAL_POS:
        return False
    joined = gap.strip(" ,")
    if child.dep_ == "conj":
        return joined in COORDINATORS
    if child.dep_ in LIST_ITEM_DEPS and joined == "":
        return any(c.dep_ == "cc" and c.lower_ in COORDINATORS for c in child.children)
    return False


def _before_second_act(text: str, verb: Token, span: Offsets, lang: English) -> Offsets:
    """A phrase content stops before a speech verb the parser hung on one of its nouns.

    ``mentioning the need for housing and adding, "..."`` parses ``adding`` as
    a conjunct of ``housing``; a verb conjoined to a noun (or a finite one to a
    participle) is a misparse of a second act, so the phrase ends before ``and adding``.
    """
    start, end = span
    doc = verb.doc
    for t in doc[verb.i + 1 :]:
        if t.idx >= end:
            break
        if t.idx > start and t.dep_ == "conj" and _second_act_on_the_object(t) and verb_frames(t, lang):
            return lang.marks.trim(text, start, _conjunct_start(t).idx)
    return span


def _second_act_on_the_object(conj: Token) -> bool:
    """A misparsed second act (``misplaced_act``), or a participle conjoined to the object of the
    frame's preposition (``boasting about "winning" and pledging to X``): the speaker's next act."""
    return misplaced_act(conj) or (conj.tag_ == "VBG" and conj.head.dep_ in ("pobj", "pcomp"))


def _object_run_on(verb: Token) -> Token | None:
    """``explained our position on the ALPS treated water``: the parser read a participle inside the
    object's phrase as a clause of the verb (no subject, no complementizer, right after the object);
    it goes on with the object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    after = obj.right_edge.i + 1
    for c in verb.children:
        if (
            c.dep_ in CLAUSE_DEPS
            and c.left_edge.i == after
            and c.i == after
            and not any(x.dep_ in SUBJECT_DEPS or x.dep_ == "mark" for x in c.children)
        ):
            return c
    return None


#: Frames under which a verb's object is more than the subject of its clause, misread.
OBJECT_FRAMES = frozenset({"np", "cnp", "tnp", "oprd", "as", "to", "listener"})


def _subject_read_as_object(
    verb: Token, clause: Token, frames: frozenset[str], lang: English
) -> Token | None:
    """``said his focus groups and other research show that X resonates``: a verb that takes no
    object but a clause has none; a noun phrase right after it, up to its clause, is the start of
    what was said, read as an object because the clause's own verb was misread."""
    if frames & OBJECT_FRAMES:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.right_edge.i >= clause.left_edge.i:
        return None
    # Only commas may stand between ("said the group, known as X, was ..."); after a dash or a
    # colon the clause is a content of its own ("posted two words - “So terrible”").
    if (
        any(t.text != "," for t in verb.doc[obj.right_edge.i + 1 : clause.left_edge.i])
        or (obj.right_edge.is_punct and obj.right_edge.text != ",")
        # a name is no listener here ("saying Australia “values X”": the verb takes none), a pronoun may be
        or obj.pos_ == "PRON"
        or obj.lemma_.lower() in lang.lexicon.listeners
        or obj.lower_ in lang.lexicon.pro_forms
    ):
        return None
    return obj


def _np_content(text: str, verb: Token, obj: Token, lang: English) -> Offsets | None:
    if obj.lower_ in lang.lexicon.pro_forms or obj.pos_ == "PRON":
        return None
    span = _subtree_span(obj)
    run_on = _object_run_on(verb)
    if run_on is not None and run_on.left_edge.i == obj.right_edge.i + 1:
        span = (span[0], _subtree_span(run_on)[1])
    start, end = _before_second_act(
        text,
        verb,
        _with_tail(text, verb, *_setting_inside(text, obj, span, lang), obj.i, lang),
        lang,
    )
    # over the tail too: "accused X of Y, saying Z" hangs the participle inside the "of" phrase
    after_obj = list(verb.doc[obj.i + 1 : max(obj.i + 1, verb.sent.end)])  # it stops at the content's end
    return lang.marks.trim(text, start, _before_participle_act(after_obj, end, lang))


def _addressee(obj: Token, lang: English) -> bool:
    """An object that names who was told (``told CNN``, ``told reporters``, ``told him``)."""
    return obj.pos_ in ("PROPN", "PRON") or obj.lemma_.lower() in lang.lexicon.listeners


def _addressee_preps(verb: Token, lang: English) -> list[Token]:
    """``informed Blinken of X``, ``briefed him on X``: the parser hangs the frame's preposition on
    the addressee, the verb's object, when that names a person."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or not _addressee(obj, lang):
        return []
    return [c for c in obj.children if c.dep_ == "prep" and c.right_edge.i == obj.right_edge.i]


def _prep_content(text: str, verb: Token, prep: Token, lang: English) -> Offsets | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs or (len(objs) == 1 and (objs[0].lower_ in lang.lexicon.pro_forms or objs[0].pos_ == "PRON")):
        return None  # "pointed to it", "drew attention to himself": a pronoun states no content
    start = min(_subtree_span(o)[0] for o in objs)
    end = max(_subtree_span(o)[1] for o in objs)
    return _before_second_act(text, verb, _with_tail(text, verb, start, end, prep.i, lang), lang)


#: A participle hung on a noun as its modifier (``a group called X``).
NOUN_MODIFIER_DEP = "acl"
#: The past participle.
PAST_PARTICIPLE_TAG = "VBN"


def _names_the_noun(verb: Token) -> bool:
    """``a group called Citizens for Trump``: a verb of naming in the past participle, right after the
    noun it modifies, gives the noun its name; nobody speaks in it unless a by-agent says who (``a
    policy called by critics X``)."""
    return (
        verb.dep_ == NOUN_MODIFIER_DEP
        and verb.tag_ == PAST_PARTICIPLE_TAG
        and verb.i == verb.head.i + 1
        and not any(c.dep_ == AGENT_DEP for c in verb.children)
    )


def _frames_content(text: str, verb: Token, lang: English) -> tuple[Offsets, Offsets, str] | None:
    """(content, cue, frame) for the first frame of the verb that the parse fills."""
    if _quotes_as_saying(verb, lang):
        return None  # "cited a spokesman as saying A": the spokesman's act is the report
    frames = verb_frames(verb, lang)
    if "oprd" in frames and _names_the_noun(verb):
        return None  # "a group called Citizens for Trump" is no call for Trump
    children = list(verb.children)
    cue = cue_phrase(verb, lang)
    particles = {f"prt:{c.lower_}" for c in children if c.dep_ == "prt"}
    if particles & frames:
        # "pointed out that ...", "laid out a plan": the particle makes the verb a speech verb.
        frames = frames | {"clause", "np"}
    elif all(f.startswith("prt:") for f in frames):
        return None
    if "clause" in frames or "wh" in frames:
        # A complement after the verb first: in "X cites an example: he says Y", Y is what he says.
        order = sorted(range(len(children)), key=lambda n: children[n].i < verb.i)
        run_on = _object_run_on(verb)
        for n in order:
            c = children[n]
            if c.dep_ in CLAUSE_DEPS and (run_on is None or c.i != run_on.i):
                if c.i < verb.i and _relative_that(verb, c):
                    continue
                inner = _past_the_phrase(verb, c, lang)
                if inner is None:
                    continue
                c = _spelled_out(inner, children[n + 1 :], lang)
                got = _clause_content(text, c, "wh" in frames, lang)
                if got:
                    got = _with_sibling_clauses(text, got, children[n + 1 :], lang)
                    subject = _subject_read_as_object(verb, c, frames, lang)
                    if subject is not None:
                        got = (subject.left_edge.idx, got[1])
                    if c.i < verb.i:
                        got = _on_past_the_source(text, verb, got, lang)
                    return _with_coordinated_clause(text, verb, got, lang), cue, "clause"
        gerund = _gerund_subject(verb)
        if gerund is not None:
            return lang.marks.trim(text, *_subtree_span(gerund)), cue, "clause"
        own_clause = any(c.dep_ in CLAUSE_DEPS for c in children)
        stray = None if own_clause else _stray_that_clause(verb) or _what_was_said_then(verb, lang)
        if stray is not None:
            got = _clause_content(text, stray, False, lang)
            if got:
                return got, cue, "clause"
        question = _question_read_as_condition(verb, frames)
        if question is not None:
            got = _clause_content(text, question, True, lang)
            if got:
                return got, cue, "clause"
    when = next((c for c in children if c.dep_ == "dobj" and _names_a_time(c, lang)), None)
    if "to" in frames:
        for c in children:
            if _infinitive(c) and (
                c.dep_ == "xcomp"
                or (when is not None and c.dep_ == "advcl" and c.i > when.i)
                # "concurred to further strengthen X": right after the verb, no purpose but its content
                or (c.dep_ == "advcl" and c.left_edge.i == verb.i + 1 and c.left_edge.dep_ == "aux")
            ):
                # "promised Sunday at a rally to end X": the day is no object, the infinitive is the verb's
                return _with_list_rest(text, verb, _subtree_span(c), lang), cue, "to"
    for c in children:
        if c.dep_ == "prep" and c.i > verb.i and f"addr:{c.lower_}" in frames:
            # "called on X to do Y": X is the addressee, the infinitive is what was asked.
            asked = next((x for x in children if x.dep_ == "xcomp" and x.i > c.i and _infinitive(x)), None)
            if asked is not None:
                phrase = (cue[0], c.idx + len(c)) if c.i == verb.i + 1 else cue
                return lang.marks.trim(text, *_subtree_span(asked)), phrase, "to"
    for c in children + _addressee_preps(verb, lang):
        if c.dep_ == "prep" and c.i > verb.i and f"prep:{c.lower_}" in frames:
            # A frame preposition follows its verb ("called on X to ..."); one before it is an
            # adjunct ("X on Wednesday called ...").
            got = _prep_content(text, verb, c, lang)
            if got:
                phrase = (cue[0], c.idx + len(c)) if c.i == verb.i + 1 else cue
                return got, phrase, "prep"
    got = _clause_after_preposition(text, verb, frames, lang)
    if got:
        return got[0], (cue[0], got[1]), "prep"
    if "np" in frames:
        # "proposed barring all foreign visitors": a gerund right after the verb is its object.
        gerund = next(
            (c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.left_edge.i == verb.i + 1),
            None,
        )
        if gerund is not None:
            return (
                _setting_inside(text, gerund, lang.marks.trim(text, *_subtree_span(gerund)), lang),
                cue,
                "np",
            )
    obj = next((c for c in children if c.dep_ == "dobj" and c is not when), None)
    if obj is None:
        return _object_read_as_predicate(text, verb, children, frames, cue, lang)
    if "as" in frames:
        # "described the call as ...": the "as" may hang off the verb or off the object.
        # ... or mark a participle ("described the country as beset by crime").
        as_tok = next(
            (t for t in verb.subtree if t.lower_ == "as" and t.dep_ in ("prep", "mark") and t.i > obj.i), None
        )
        if as_tok is not None:
            phrase = as_tok if as_tok.dep_ == "prep" else as_tok.head
            return (
                _with_tail(text, verb, _subtree_span(obj)[0], _subtree_span(phrase)[1], phrase.i, lang),
                cue,
                "as",
            )
    if "oprd" in frames:
        oprd = next((c for c in children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > obj.i), None)
        if oprd is not None:
            # "what he called a witch hunt": the wh-word stands for the thing named; the name is the content
            start = _subtree_span(oprd)[0] if _relative_object(verb, obj, lang) else _subtree_span(obj)[0]
            return lang.marks.trim(text, start, _subtree_span(oprd)[1]), cue, "oprd"
        if _quoted_inside(obj, lang):
            # "calls her “an extremely intelligent woman”": the parser took the object and
            # the quoted name given to it for one noun phrase.
            return lang.marks.trim(text, *_subtree_span(obj)), cue, "oprd"
        got = _object_read_as_predicate(text, verb, children, frames, cue, lang)
        if got:
            return got
    if "clause" in frames and not frames & OBJECT_FRAMES and obj.left_edge.i == verb.i + 1:
        got = _clause_read_as_object(text, obj, lang)
        if got:
            return got, cue, "clause"
    if (
        "np" in frames
        or ("cnp" in frames and lang.lexicon.is_content_noun(obj.lower_, obj.lemma_))
        or ("tnp" in frames and _more_than_a_target(obj, lang))
    ):
        clause = next((c for c in obj.children if c.dep_ in NOUN_CLAUSE_DEPS and _has_that(c)), None)
        if clause is not None and obj.i > verb.i:
            # "shared the view that A", "raised the sobering point that A": the noun belongs to the cue,
            # the that-clause is the content; "expressed his hope that A": the noun phrase is the content.
            got = _clause_content(text, clause, False, lang)
            if got:
                start, end = _with_coordinated_clause(text, verb, got, lang)
                if _owns_its_clause(obj, lang):
                    return (obj.left_edge.idx, end), cue, "clause"
                return (start, end), (cue[0], obj.idx + len(obj)), "clause"
        got = _np_content(text, verb, obj, lang)
        if got:
            return got, cue, "np"
    return None


def _quotes_as_saying(verb: Token, lang: English) -> bool:
    """``quoted X as saying A``, ``cited X as saying A``: the verb only hands the words to X."""
    return any(
        verb_frames(p, lang) and (quoting := quoting_verb(p, lang)) is not None and quoting.i == verb.i
        for c in verb.children
        for p in c.children
    )


def _relative_object(verb: Token, obj: Token, lang: English) -> bool:
    """``what he called X``, ``which she described as X``: the object is a wh-word before its verb."""
    return obj.i < verb.i and obj.lower_ in lang.lexicon.wh_words


def _owns_its_clause(obj: Token, lang: English) -> bool:
    """``expressed his hope that A``, ``appreciated the fact that A``: a noun with an owner, or one that
    only holds its clause, is part of what was said (spec 1.1 gold: content ``his hope that A``, cue
    ``expressed``); in ``shared the view that A`` the noun makes the phrase of the cue."""
    return (
        any(c.dep_ == POSSESSOR_DEP for c in obj.children) or obj.lemma_.lower() in lang.lexicon.holder_nouns
    )


#: How the parser hangs the object and the name in "call X Y" when it misreads them (an object
#: predicate, a clause, a second object, a loose noun phrase).
NAMING_DEPS = frozenset(
    {"dobj", "oprd", "xcomp", "ccomp", "npadvmod", "nmod", "dep", "appos", "attr", "acomp"}
)
#: What ends the naming: a coordinated act, a clause of its own.
NAMING_BREAK_DEPS = frozenset({"cc", "conj", "advcl", "mark"})


def _object_read_as_predicate(
    text: str, verb: Token, children: list[Token], frames: frozenset[str], cue: Offsets, lang: English
) -> tuple[Offsets, Offsets, str] | None:
    """``called Trump a “blowhard”``, ``called her “third-rate”``: with no object, the parser read the
    object as a second predicate, or as the predicate's possessor. In the active voice, the object
    and the name given to it are the content, as in ``called him “a feminist”``."""
    if "oprd" not in frames or _passive(verb):
        return None
    parts = [c for c in children if c.i > verb.i and c.dep_ in NAMING_DEPS]
    if not parts or parts[0].left_edge.i != verb.i + 1 or any(_infinitive(c) for c in parts):
        return None  # "called to ban X" is a demand, not a name
    if any(_tense(c) in FINITE_TAGS and not any(x.dep_ in SUBJECT_DEPS for x in c.children) for c in parts):
        return None  # "a group called Our Principles is growing": the name is the finite verb's subject
    span = verb.doc[verb.i + 1 : min(parts[-1].right_edge.i + 1, verb.sent.end)]
    if any(t.dep_ in NAMING_BREAK_DEPS and t.head.i == verb.i for t in span):
        return None  # "called the plan, and ...": what follows the break is no part of the name
    named = sum(t.dep_ in NAMING_DEPS or t.dep_ in SUBJECT_DEPS for t in span)
    if named < 2 and not _has_quotation_mark(span, lang):
        return None  # one phrase and no name in marks: "called the meeting" (convened it)
    return lang.marks.trim(text, span.start_char, span.end_char), cue, "oprd"


def _without_gloss(text: str, doc: Doc, content: Offsets, lang: English) -> Offsets:
    """``predicted a Cruz win in Texas, which votes on March 1``: a relative clause set off after a
    name at the content's end is the author telling the reader who or what the name is. Not where it
    judges (``the Alliance, which is stronger than ever``) or the speaker talks in the first person:
    that is the speaker's own. An afterword (``_afterword``) is the author's in any person."""
    start, end = content
    words = doc.char_span(start, end, alignment_mode="expand") or ()
    own = any(w.lower_ in lang.lexicon.first_person_pronouns for w in words)
    for t in words:
        if not _set_off_at_end(t, start, end, lang):
            continue
        gloss = (
            not own
            and t.dep_ in lang.tags.relative_clause_deps
            and not any(w.tag_ in DEGREE_TAGS for w in t.subtree)
            and t.head.pos_ in lang.tags.proper_noun_pos
        )
        if (
            gloss
            or _afterword(t, lang)
            or _contrasting_report(t, lang)
            or (not own and _named_party_aside(t, lang))
        ):
            return lang.marks.trim(text, start, doc[t.left_edge.i - 1].idx)
    return content


def _named_party_aside(t: Token, lang: English) -> bool:
    """``noted she was interested in X, which Secretary Blinken strongly supported``: a relative clause
    set off at the end, in the past, with a named subject of its own, tells what another party did."""
    return (
        t.dep_ in lang.tags.relative_clause_deps
        and t.tag_ in PAST_TAGS
        and any(c.dep_ in SUBJECT_DEPS and c.pos_ in lang.tags.proper_noun_pos for c in t.children)
    )


#: Conjunctions that set a second party against the first (``..., while Cruz said ...``).
CONTRAST_MARKS = frozenset({"while", "whereas", "though", "although"})


def _contrasting_report(t: Token, lang: English) -> bool:
    """``said X should step down, while 60 percent said he should stay``: a clause set off at the
    content's end that sets a report of its own (a speech verb with its own speaker) against the
    first is that report, not part of the first content."""
    return (
        any(m.dep_ == "mark" and m.lower_ in CONTRAST_MARKS for m in t.children)
        and bool(verb_frames(t, lang))
        and any(c.dep_ == ACTIVE_SUBJECT_DEP for c in t.children)
    )


def _act_of_its_own(text: str, clause: Token, lang: English) -> bool:
    """A subordinate clause whose verb reports words of its own, with a subject of its own (``as he
    urges conservatives to unite``): a report of its own, not the tail of another's content."""
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == ACTIVE_SUBJECT_DEP for c in clause.children)
        and bool(verb_frames(clause, lang))
        and not _not_an_act(clause, lang)
        and _frames_content(text, clause, lang) is not None
    )


def _set_off_at_end(t: Token, start: int, end: int, lang: English) -> bool:
    """The phrase ``t`` heads follows a comma inside the content and runs to the content's end."""
    return (
        t.left_edge.idx > start
        and t.right_edge.idx + len(t.right_edge) >= end
        and t.doc[t.left_edge.i - 1].text == lang.marks.comma
    )


def _afterword(t: Token, lang: English) -> bool:
    """``said X, according to the Times``, ``said the contest was "rigged," a charge that party leaders
    denied``: a phrase set off at the content's end that says where the report came from, or names the
    speaker's words as a speech act (an indefinite speech noun), is the author's."""
    if is_according(t.left_edge) and t.left_edge.i == t.i:
        return True
    return (
        t.dep_ in lang.tags.apposition_deps | GLOSS_DEPS
        and t.lemma_.lower() in lang.lexicon.speech_nouns
        and t.left_edge.lower_ in lang.lexicon.indefinite_articles
    )


#: How the parser hangs a noun phrase set off after a clause: as an apposition, or as an adverbial noun.
GLOSS_DEPS = frozenset({"npadvmod", "dobj", "attr", "conj"})


#: Comparatives and superlatives: a clause with one judges (``stronger than ever``).
DEGREE_TAGS = frozenset({"JJR", "JJS", "RBR", "RBS"})


#: How a target's phrase carries words of its own: "the decision to withdraw", "his call for X".
TARGET_CONTENT_DEPS = frozenset({"acl", "ccomp", "xcomp", "pcomp"})


def _more_than_a_target(obj: Token, lang: English) -> bool:
    """``condemned the attack`` names a target and no content (spec 1.1); ``denounced Trump's call
    for "a total shutdown"`` and ``criticised the decision to withdraw`` carry what was criticised."""
    words = list(obj.subtree)
    return any(t.dep_ in TARGET_CONTENT_DEPS for t in words) or _has_quotation_mark(words, lang)


def _gerund_subject(verb: Token) -> Token | None:
    """``said seeing so many officers there was a welcome sight``: the parser took the clause's gerund
    subject for the verb's own complement and hung the clause's verb on it. A gerund right after the
    verb that carries a clause after it is the start of the content."""
    for c in verb.rights:
        if (
            c.dep_ == "xcomp"
            and c.tag_ == "VBG"
            and c.left_edge.i == verb.i + 1
            and any(x.dep_ in CLAUSE_DEPS and x.i > c.i for x in c.children)
        ):
            return c
    return None


#: How the parser hangs a that-clause it misread as a relative clause on a noun before it.
STRAY_CLAUSE_DEPS = frozenset({"relcl"})
#: How the parser hangs the that-clause of "made it clear from the start that A" on the noun before it.
PHRASE_STRAY_DEPS = frozenset({*STRAY_CLAUSE_DEPS, "acl"})


def _stray_that_clause(verb: Token) -> Token | None:
    """``told the audience at his fundraiser for veterans that he had ...``: the parser hung the
    that-clause on the last noun as a relative clause. A clause with ``that`` as its subordinator
    and a subject of its own is no relative clause (there ``that`` is the subject or object): when
    the verb has no clause of its own (the caller's check), it is the verb's, misplaced."""
    for t in verb.subtree:
        if t.i <= verb.i or t.dep_ != "mark" or t.lower_ != "that":
            continue
        clause = t.head
        if clause.dep_ not in STRAY_CLAUSE_DEPS or not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
            return None
        head = clause.head
        while head.i != verb.i and head.pos_ not in ("VERB", "AUX"):
            head = head.head
        return clause if head.i == verb.i else None
    return None


def _what_was_said_then(verb: Token, lang: English) -> Token | None:
    """``I refer you to what the minister said yesterday, that the project will help``: a verb whose
    object is the ``what`` of a free relative, and right after it, set off by a comma or a colon, a
    that-clause the parser hung on a verb above: the clause spells out what was said (for a verb with
    no clause of its own: the caller's check)."""
    if not any(
        c.dep_ == "dobj" and c.lower_ in lang.lexicon.wh_words and c.i < verb.i for c in verb.children
    ):
        return None
    doc, k = verb.doc, verb.right_edge.i + 1
    if k + 1 >= len(doc) or doc[k].text not in (lang.marks.comma, lang.marks.introducer):
        return None
    that = doc[k + 1]
    if that.lower_ != "that" or that.dep_ != "mark":
        return None
    clause = that.head
    if clause.dep_ not in CLAUSE_DEPS or not any(c.dep_ in SUBJECT_DEPS for c in clause.children):
        return None
    return clause if clause.head in verb.ancestors else None


def _quoted_inside(obj: Token, lang: English) -> bool:
    """A quotation mark opens inside the object's phrase, after its first word."""
    return _has_quotation_mark((t for t in obj.subtree if t.i > obj.left_edge.i), lang)


#: A past or finite verb the parser hung on the object of a verb that takes no object: the clause's own verb.
MISREAD_CLAUSE_TAGS = frozenset({"VBD", "VBN", "VBP", "VBZ"})


def _clause_read_as_object(text: str, obj: Token, lang: English) -> Offsets | None:
    """``Delegates say the bulk of the talks centered on X``: a verb that reports clauses only has
    no noun-phrase content, so an object whose phrase holds a past verb (read as a modifier) is the
    clause's subject, misread."""
    verb = next(
        (t for t in obj.subtree if t.dep_ == "acl" and t.tag_ in MISREAD_CLAUSE_TAGS and t.i > obj.i), None
    )
    if verb is None or any(c.dep_ == "agent" for c in verb.children):
        return None  # "said the words spoken by him": a participle, not a clause
    return lang.marks.trim(text, *_subtree_span(obj))


def _inverted(text: str, verb: Token, lang: English) -> tuple[Offsets, Offsets, Token] | None:
    """``..., reported the Daily Herald.``: a name after a comma-led verb that ends the sentence is its subject."""
    if "clause" not in verb_frames(verb, lang) or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    if any(c.dep_ == "ccomp" or (c.dep_ == "nsubj" and c.i > verb.i) for c in verb.children):
        return None
    subj = next(
        (c for c in verb.rights if c.dep_ in ("dobj", "npadvmod", "attr") and c.pos_ == "PROPN"), None
    )
    if subj is None or any(
        not (t.is_punct or t.is_space) for t in verb.doc[subj.right_edge.i + 1 : verb.sent.end]
    ):
        return None
    return lang.marks.trim(text, verb.sent.start_char, verb.nbor(-1).idx), cue_phrase(verb, lang), subj


#: What a source named at a sentence's end is made of (``, U.S. and Russian officials have said.``).
SOURCE_POS = frozenset({"NOUN", "PROPN", "DET", "ADJ", "CCONJ", "NUM", "PART"})
#: A source longer than this (in words) is a clause of its own, not a source.
MAX_SOURCE_WORDS = 8


def _source_absorbed(text: str, verb: Token, lang: English) -> tuple[Offsets, Offsets, Token] | None:
    """``X will meet Y to discuss Z, Washington and Moscow have said.``: the parser makes the source
    conjuncts of the clause's last noun and the verb a conjunct without a subject. A speech verb that
    ends its sentence with a short noun phrase between it and a comma reports the clause before."""
    if "clause" not in verb_frames(verb, lang) or verb.dep_ != "conj":
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    doc = verb.doc
    if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1 : verb.sent.end]):
        return None
    i = verb.i - 1
    while i > verb.sent.start and doc[i].dep_ in ("aux", "auxpass", "neg"):
        i -= 1
    words: list[Token] = []
    while i > verb.sent.start and doc[i].pos_ in SOURCE_POS and len(words) <= MAX_SOURCE_WORDS:
        words.insert(0, doc[i])
        i -= 1
    comma = doc[i]
    nouns = [t for t in words if t.pos_ in NOMINAL_POS]
    if comma.text != "," or not nouns or len(words) > MAX_SOURCE_WORDS or i <= verb.sent.start:
        return None
    before = next((t for t in words if t.pos_ == "CCONJ"), None)
    head = [t for t in nouns if before is None or t.i < before.i][-1]
    return lang.marks.trim(text, verb.sent.start_char, comma.idx), cue_phrase(verb, lang), head


def _clause_before_the_source(text: str, verb: Token, lang: English) -> tuple[Offsets, Offsets, Token] | None:
    """``Those who take on debt struggle, even with a job, he said.``, ``X signals "Y" for the EU, said
    Geert Wilders, founder of Z.``: the parser linked no clause to the verb that ends the sentence.
    With the source set off by a comma (``, he said``, or ``, said X`` and X's apposition) and nothing
    after it, the clause before the comma is what was said."""
    if "clause" not in verb_frames(verb, lang):
        return None
    doc, sent = verb.doc, verb.sent
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    later = [c for c in subjects if c.i > verb.i]
    if later:  # ", said Geert Wilders, founder of Z."
        source, comma_at, last = later[0], verb.i - 1, later[0].right_edge.i
        if source.left_edge.i != verb.i + 1:
            return None
    else:  # ", he said."
        earlier = [c for c in subjects if c.i < verb.i]
        if not earlier:
            return None
        source, comma_at, last = earlier[-1], earlier[-1].left_edge.i - 1, verb.i
        if any(t.dep_ not in SOURCE_GAP_DEPS for t in doc[source.right_edge.i + 1 : verb.i]):
            return None
        if source.right_edge.i - source.left_edge.i >= MAX_SOURCE_WORDS:
            return None
    if comma_at <= sent.start or doc[comma_at].text != lang.marks.comma:
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[last + 1 : sent.end]):
        return None
    said = doc[sent.start : comma_at]
    if not (later or any(t.pos_ in lang.tags.verb_pos for t in said)):
        return None  # "After the meeting, he said": no clause before it (an inverted source is plain enough)
    if any(t.pos_ in lang.tags.verb_pos and verb_frames(t, lang) & SOURCE_FRAMES for t in said):
        return None  # '"A," said X, half joking': the clause has a source of its own
    return lang.marks.trim(text, said.start_char, said.end_char), cue_phrase(verb, lang), source


#: The frames of a verb that names a source of its own.
SOURCE_FRAMES = frozenset({"quote", "clause"})
#: What may stand between a source and its verb (``he has also said``).
SOURCE_GAP_DEPS = frozenset({"aux", "neg", "advmod"})


def _parenthetical(text: str, verb: Token, lang: English) -> tuple[Offsets, Offsets, str] | None:
    """``The plan is dead, officials said.``: the verb hangs off the clause it reports."""
    if "clause" not in verb_frames(verb, lang) or verb.dep_ not in ("parataxis", "ccomp", "conj", "advcl"):
        return None
    head = verb.head
    if head is verb or (head.pos_ not in ("VERB", "AUX") and not _clause_read_as_noun(head)):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    fronted = _fronted_source(verb, lang)
    if subj is None or (any(c.dep_ == "mark" for c in verb.children) and not fronted):
        return None  # "while that's going on, ...", "as he said, ...": a clause of the sentence, no source
    doc = verb.doc
    left = verb.left_edge
    set_off = (
        left.text == ","
        or (left.i > 0 and doc[left.i - 1].text == ",")
        or (subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ",")
    )
    if head.i > verb.i and not (set_off or fronted):
        return None  # "X, he said, Y": only a verb set off by commas reports the clause around it
    if head.i < verb.i and not (
        left.text in PARENTHETICAL_MARKS or left.i > 0 and doc[left.i - 1].text in PARENTHETICAL_MARKS
    ):
        # "The plan is dead, officials said.": a comma or dash sets the verb off from the clause;
        # after a colon the verb opens a sentence of its own ("... as an example: He says ...").
        return None
    if any(
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not _addressee(c, lang)) for c in verb.children
    ):
        return None  # "..., Carter told reporters.": an addressee is no content of its own
    start, end = _subtree_span(head)
    first = _after_the_comma(verb, lang) if fronted else None
    if first is not None:
        start = first.idx  # "As X noted, | Y": what follows the source's clause
    vstart = verb.left_edge.idx
    if verb.right_edge.i >= head.right_edge.i - 1 or (
        head.i < verb.i and not _goes_on(head, verb, bool(verb_frames(head, lang)))
    ):
        end = vstart
    return lang.marks.trim(text, start, end), cue_phrase(verb, lang), "parenthetical"


def _clause_read_as_noun(head: Token) -> bool:
    """``In both cases, Eric Trump said, those donations paid for X``: the parser made the clause's
    subject the sentence's root and its verb a modifier of it."""
    return head.dep_ == "ROOT" and any(
        c.dep_ == "acl" and c.tag_ in MISREAD_CLAUSE_TAGS and c.i > head.i for c in head.children
    )


def _goes_on(head: Token, verb: Token, reports: bool = False) -> bool:
    """``It was, he said, one of his failures``: after the source the reported clause goes on with a
    later part of its own. An afterthought to a word before the source (``X will end, the Office
    reported -- a development that ...``, hung on X's subject) is the author's, and so is a subordinate
    clause after the source of a clause that ``reports`` speech itself (``A and B agreed to X, the
    ministry said, as both seek Y``)."""
    doc = verb.doc
    after = next((t for t in doc[verb.right_edge.i + 1 : head.right_edge.i + 1] if not t.is_punct), None)
    if after is None:
        return False
    while after.head.i != head.i and after.head.i != after.i:
        after = after.head
    if reports and after.dep_ == "advcl" and any(c.dep_ == "mark" for c in after.children):
        return False  # "A and B agreed to X, the ministry said, as both seek Y": the author's clause
    return after.head.i == head.i and after.i > verb.i


def _in_fixed_phrase(tok: Token, lang: English) -> bool:
    """The token is part of a listed phrase (``lang/not_cues.txt``) as it stands in the text."""
    doc, word = tok.doc, tok.lower_
    for phrase in lang.lexicon.not_cues:
        for k, w in enumerate(phrase):
            start = tok.i - k
            if (
                w == word
                and start >= 0
                and start + len(phrase) <= len(doc)
                and all(doc[start + j].lower_ == p for j, p in enumerate(phrase))
            ):
                return True
    return False


def _not_an_act(verb: Token, lang: English) -> bool:
    """``the polls indicated ...``, ``That said, ...``, ``declined to comment on ...``: no one's speech here."""
    if (
        _in_fixed_phrase(verb, lang)
        or _performative(verb, lang)
        or _pointer_back(verb, lang)
        or _asked_for(verb, lang)
    ):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lang.lexicon.refusals:
        return True
    frames = verb_frames(verb, lang)
    if "active" in frames and _passive(verb) and not any(c.dep_ == AGENT_DEP for c in verb.children):
        return True  # "was asked to X": by someone unnamed; "was asked by Lee whether X": Lee asked
    if "passive" in frames and not _passive(verb):
        return True
    if "agent" not in frames:
        return False
    subj = subject_of(verb, lang)
    return subj is not None and not can_report(subj, lang)


#: Present-tense forms: a first-person speech act in them is performed by saying it.
PERFORMATIVE_TAGS = frozenset({"VBP", "VB"})
#: What ends a subject the parser left unattached, right before its verb.
MISSED_SUBJECT_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: Auxiliaries that keep a first-person act in the present ("would like to thank").
PRESENT_MODALS = frozenset({"would", "'d", "must", "should", "can"})


def _performative(verb: Token, lang: English) -> bool:
    """``We call on both sides to ...``, ``Thank you for ...``, ``I want to thank X for Y``: the act is done
    in the utterance itself (spec 1.1: performatives are not quotes)."""
    v = verb
    while v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX"):
        v = v.head  # "want to thank", "would like to extend"
    if _let_me(v, lang):
        return True
    if v.tag_ not in PERFORMATIVE_TAGS:
        return False
    if any(c.dep_ == "aux" and (c.tag_ != "MD" or c.lower_ not in PRESENT_MODALS) for c in v.children):
        return False  # "will call on", "have urged", "to thank": not performed now
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        # "(Ibu Retno,) thank you for ...": an imperative, said in the saying; but a noun right
        # before the verb ends a subject the parser missed ("Majorities of voters ... say they ...",
        # "About 4 in 10 say they ...")
        before = v.doc[v.i - 1] if v.i > 0 else None
        return before is None or before.pos_ not in MISSED_SUBJECT_POS
    pron = lang.lexicon.pronouns.get(subj.lower_)
    return pron is not None and pron.person == 1 and pron.case == "subj"


#: "Let me stress that ...": the verb that lets the speaker perform the act below it.
LETTING_VERBS = frozenset({"let"})


def _let_me(v: Token, lang: English) -> bool:
    """``Let me stress that X``, ``let us reaffirm X``: the speaker performs the act by saying it."""
    subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "dobj"), None)
    pron = lang.lexicon.pronouns.get(subj.lower_) if subj is not None else None
    return (
        v.dep_ in ("ccomp", "xcomp")
        and v.head.lemma_.lower() in LETTING_VERBS
        and v.head.tag_ in PERFORMATIVE_TAGS
        and pron is not None
        and pron.person == 1
    )


def _asked_for(verb: Token, lang: English) -> bool:
    """``Can you say whether X?``, ``Could you tell us what Y?``: a question asking the one addressed to
    speak; nothing has been said yet. The subject addressed is any of the verb's (a turn's label
    before it, ``Reuters: Can you confirm that X?``, may hang on the verb as a subject too)."""
    addressed = [
        c
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS and lang.tags.addressee_features.intersection(c.morph)
    ]
    if not addressed:
        return False
    inverted = any(c.dep_ == "aux" and c.i < subj.i for subj in addressed for c in verb.children)
    return inverted and any(c.is_punct and c.text == lang.marks.question for c in verb.children)


def _pointer_back(verb: Token, lang: English) -> bool:
    """``as I said a moment ago``, ``as you pointed out``: a pointer to content said elsewhere (spec 1.1).
    A clause or an infinitive of its own is no pointer (``even as Trump claimed that X, ...``, ``as
    several told POLITICO they were leaning``, ``as he urges conservatives to unite``); a clause set off
    by a comma is one only after a named source (``As Trump claimed, X``; not ``As he claimed, X``)."""
    return (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(
            (c.dep_ in CLAUSE_DEPS and (_has_that(c) or _bare_clause_of_a_source(verb, c, lang)))
            or (c.dep_ == "xcomp" and _infinitive(c))
            for c in verb.children
        )
        and not _fronted_source(verb, lang)
    )


def _bare_clause_of_a_source(verb: Token, clause: Token, lang: English) -> bool:
    """A clause without ``that`` that is the verb's own: right after it (or its listener), or after a
    comma where a named source speaks (``As Trump claimed, taxes would fall``, as ``_fronted_source``)."""
    if not _bare_clause(clause):
        return False
    return set_off_by_comma(clause, lang) is None or _named_source(verb)


def _fronted_source(verb: Token, lang: English) -> bool:
    """``As The Atlantic noted, trust is collapsing``: an as-clause that opens the sentence and names
    its source tells where the rest of the sentence comes from, as ``..., The Atlantic noted`` does.
    With a pronoun it points back to words said before (``As you pointed out, ...``, ``As I said``)."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    return (
        mark is not None
        and _named_source(verb)
        and verb.dep_ == "advcl"
        and verb.head.i > verb.i
        and _opens_its_clause(mark, lang)
        and "clause" in lang.lexicon.frames(verb.lemma_)  # "As the campaign went on": time, not a source
        and _after_the_comma(verb, lang) is not None
    )


def _named_source(verb: Token) -> bool:
    """The verb's active subject names its source, not a pronoun (``As Trump claimed``, not ``As he
    claimed``): a pronoun points back to words said before."""
    subj = next((c for c in verb.children if c.dep_ == ACTIVE_SUBJECT_DEP), None)
    return subj is not None and subj.pos_ != "PRON"


def _opens_its_clause(mark: Token, lang: English) -> bool:
    """``As X noted, ...``, ``But as X noted, ...``, ``..., and as X noted, ...``: the conjunction opens
    the sentence or a clause coordinated in it (after a coordinator, or a comma)."""
    if mark.i == mark.sent.start:
        return True
    before = mark.doc[mark.i - 1]
    return before.pos_ in lang.tags.coordinator_pos or before.text == lang.marks.comma


def _after_the_comma(verb: Token, lang: English) -> Token | None:
    """The first word after the comma that closes ``verb``'s clause (``As X noted, | Y``)."""
    doc = verb.doc
    k = verb.right_edge.i if verb.right_edge.text == lang.marks.comma else verb.right_edge.i + 1
    if k + 1 >= len(doc) or doc[k].text != lang.marks.comma:
        return None
    return doc[k + 1]


def _passive(verb: Token) -> bool:
    """``was asked``, ``Asked about X, ...``: a past participle without a subject of its own, or with auxpass."""
    if verb.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps or "nsubjpass" in deps or not deps & {"nsubj", "aux"}


def _according_to(text: str, tok: Token, lang: English) -> tuple[Offsets, Offsets, Token] | None:
    to = according_to(tok)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase_start, phrase_end = tok.idx, _subtree_span(pobj)[1]
    named = _apposed_name(pobj, lang)
    if named is not None:
        # "According to the city's transportation director, Paul Okafor, the closure ...": the parser
        # takes the name for the subject of what follows; it is the source's apposition.
        pobj, phrase_end = named
    before = lang.marks.trim(text, sent.start_char, phrase_start)
    after = lang.marks.trim(text, phrase_end, sent.end_char)
    opened = any(
        t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass") for t in sent if t.idx < phrase_start
    )
    both = opened and _words(text, before) >= MIN_SIDE_WORDS and _words(text, after) >= MIN_SIDE_WORDS
    if both and _authors_afterword(tok, phrase_end):
        content = before  # "X leads, according to the poll - despite Y": the rest is the author's
    elif both:
        # "X leads, according to the poll, in three states": the phrase interrupts the clause it
        # attributes (its subject or verb stands before it), so the content is the whole stretch;
        # after an adjunct alone ("On Friday, according to X, ...") the content follows it.
        content = (before[0], after[1])
    else:
        content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    return content, (tok.idx, to.idx + len(to)), pobj


#: What opens the author's own remark after a source at a clause's end (``..., according to X -
#: virtually the same as ...``, ``..., according to X, taking a step toward ...``).
AFTERWORD_OPENERS = CONTRAST_MARKS | {"despite", "compared"}


def _authors_afterword(tok: Token, phrase_end: int) -> bool:
    """After an ``according to`` phrase, a dash, a participle or a contrast opens the author's remark,
    not the rest of the attributed clause."""
    after = (t for t in tok.doc[tok.i : tok.sent.end] if t.idx >= phrase_end and not t.is_space)
    rest = list(islice(after, 2))
    if not rest:
        return False
    first = rest[0]
    if first.text in ASIDE_DASHES:
        return True
    word = rest[1] if first.is_punct and len(rest) > 1 else first
    return word.tag_ == "VBG" or word.lower_ in AFTERWORD_OPENERS


def _apposed_name(source: Token, lang: English) -> tuple[Token, int] | None:
    """A person's name set off by commas right after a source described by a noun for a person:
    its head token, and where the apposition ends (after its closing comma)."""
    if source.lemma_.lower() not in lang.lexicon.human_nouns and not lang.lexicon.is_title(
        source.text.title()
    ):
        return None
    doc = source.doc
    i = source.right_edge.i + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    name = next((e for e in doc.ents if e.start == i + 1 and e.label_ in lang.tags.person_entities), None)
    if name is None or name.end >= len(doc) or doc[name.end].text != ",":
        return None
    return name.root, doc[name.end].idx + 1


def _words(text: str, span: Offsets) -> int:
    return sum(1 for w in text[span[0] : span[1]].split() if any(ch.isalnum() for ch in w))


def _speech_noun(text: str, tok: Token, lang: English) -> tuple[Offsets, Offsets, Token | None, Token] | None:
    """``said in a statement that ...``: (content, cue, speaker, cue head).

    The clause hangs off the noun but the verb is the cue, and its subject the
    speaker. The noun alone (``the minister's statement that ...``) reports
    nothing: spec 1.1 leaves speech acts named by a noun without a verb of
    report out.
    """
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lang.lexicon.speech_nouns:
        return None
    for c in tok.children:
        if c.dep_ not in ("acl", "ccomp", "appos", "relcl"):
            continue
        if any(m.lower_ == "that" and m.dep_ == "mark" for m in c.lefts):
            got = _clause_content(text, c, False, lang)
        elif c.dep_ == "acl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts):
            got = lang.marks.trim(text, *_subtree_span(c))
        else:
            continue
        if not got:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
        if verb is not None and verb_frames(verb, lang):
            return got, cue_phrase(verb, lang), None, verb
        # "the minister's statement that ...": a speech act named by a noun with no verb of report is no
        # quote (spec 1.1).
        return None
    return None
