"""English cues: which tokens report speech, in which frames, and the words that belong to the cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from . import English

Offsets = tuple[int, int]

#: ``according to X``: the one attribution phrase whose head is no speech verb.
ACCORDING = ("according", "to")


def is_according(tok: Token) -> bool:
    return tok.lower_ == ACCORDING[0]


def according_to(tok: Token) -> Token | None:
    """The ``to`` of ``according to``, when ``tok`` opens one."""
    if not is_according(tok) or tok.i + 1 >= len(tok.doc):
        return None
    nxt = tok.nbor(1)
    return nxt if nxt.lower_ == ACCORDING[1] else None


def cue_phrase(tok: Token, lang: English) -> Offsets:
    """The cue's span: the verb, with a particle (``pointed out``) or a listener (``told reporters``)."""
    start, end = tok.idx, tok.idx + len(tok)
    if is_according(tok):
        to = according_to(tok)
        if to is not None:
            end = to.idx + len(to)
        return start, end
    phrasal = phrasal_child(tok, lang)
    if phrasal is not None and phrasal.i - tok.i <= 3:
        end = phrasal.idx + len(phrasal)  # "made it clear", "put it", "weighed in"
    for child in tok.rights:
        if (
            child.dep_ == "prt"
            and child.i == tok.i + 1
            or child.dep_ in ("dobj", "dative")
            and child.lower_ in lang.lexicon.listeners
            and child.i <= tok.i + 2
        ):
            end = child.idx + len(child)
    return start, end


def phrasal_child(tok: Token, lang: English) -> Token | None:
    """The word that makes ``tok`` a multi-word cue (``made it clear``, ``weighed in``), if any."""
    words = lang.lexicon.phrasal.get(tok.lemma_.lower())
    if not words:
        return None
    return next((c for c in tok.children if c.lower_ in words and c.i > tok.i), None)


def verb_frames(tok: Token, lang: English) -> frozenset[str]:
    """The frames in which this verb token reports speech (empty when it is no speech verb)."""
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return frozenset()
    child = phrasal_child(tok, lang)
    if child is not None:
        return lang.lexicon.phrasal[tok.lemma_.lower()][child.lower_]
    return lang.lexicon.frames(tok.lemma_)


def is_speech_verb(tok: Token, lang: English, frame: str) -> bool:
    return frame in verb_frames(tok, lang)


def quote_cue(tok: Token, lang: English) -> bool:
    return is_according(tok) or is_speech_verb(tok, lang, "quote")


def cue_without_content(tok: Token, lang: English) -> bool:
    """A quote verb with no clause of its own, whose object (if any) is a pro-form (``put it``) or
    the listeners (``Trump asked reporters``)."""
    if not is_speech_verb(tok, lang, "quote") or any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return False
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    return all(
        o.lower_ in ("it", "this", "that", "so") or o.lemma_.lower() in lang.lexicon.listeners
        for o in objects
    )


def second_act(tokens: list[Token], cue: int | None, lang: English) -> Token | None:
    """The last participle or coordinated speech verb in ``tokens`` that opens a speech act of its own."""
    for tok in reversed(tokens):
        if tok.i == cue or not verb_frames(tok, lang):
            continue
        if tok.tag_ == "VBG" or (tok.dep_ == "conj" and tok.head.i == cue):
            return tok
    return None


#: A bare verb under a modal (``would take``) and a finite verb coordinated to it without a subject
#: (``but also sought``) cannot share the modal: the second verb is the main clause's.
BARE_TAGS = frozenset({"VB"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
MODAL_TAGS = frozenset({"MD"})


def main_verb_again(verb: Token) -> bool:
    """``expressed hope that it would take place but also sought to ...``: the parser hangs the
    speaker's next act on the clause's verb."""
    if verb.dep_ != "conj" or verb.tag_ not in FINITE_TAGS or verb.head.tag_ not in BARE_TAGS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return any(c.tag_ in MODAL_TAGS for c in verb.head.children)


def misplaced_act(conj: Token) -> bool:
    """A verb conjoined to a noun, or a finite verb conjoined to a participle that modifies one
    (``welcomed the progress made and underlined B``): no coordination, a second act misparsed."""
    head = conj.head
    return head.pos_ in ("NOUN", "PROPN") or (
        head.dep_ == "acl" and conj.tag_ in FINITE_TAGS and head.tag_ not in FINITE_TAGS
    )


def set_off_by_comma(t: Token, lang: English) -> int | None:
    """Where the text before ``t``'s phrase ends, when a comma sets the phrase off: at the comma, or
    after the closing mark that holds it (American style: ``was "too weak," urging X``)."""
    if t.left_edge.i == 0:
        return None
    before = t.doc[t.left_edge.i - 1]
    if before.text == lang.marks.comma:
        return before.idx
    if before.text in lang.marks.chars and before.i > 0 and t.doc[before.i - 1].text == lang.marks.comma:
        return before.idx + len(before)
    return None
