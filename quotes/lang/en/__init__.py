"""English: the data files beside this module, and the predicates that read an English parse.

The predicates are written for spaCy's English pipelines (ClearNLP
dependency labels, Penn Treebank tags, OntoNotes entity types); ``cues.py``
says which tokens report speech, ``reports.py`` what they report,
``subjects.py`` who reports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base import LanguageRules, NameFinder, Offsets, Report
from . import cues, reports, subjects

#: How many first letters a people's name and its country's share ("Chin-ese", "Chin-a").
PLACE_STEM = 4

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class English(LanguageRules):
    code = "en"
    package = __name__
    frames = reports.FRAMES

    def verb_frames(self, tok: Token) -> frozenset[str]:
        return cues.verb_frames(tok, self)

    def cue_phrase(self, tok: Token) -> Offsets:
        return cues.cue_phrase(tok, self)

    def quote_cue(self, tok: Token) -> bool:
        return cues.quote_cue(tok, self)

    def cue_without_content(self, tok: Token) -> bool:
        return cues.cue_without_content(tok, self)

    def second_act(self, tokens: list[Token], cue: int | None) -> Token | None:
        return cues.second_act(tokens, cue, self)

    def reports(self, text: str, tok: Token) -> list[Report]:
        return reports.reports(text, tok, self)

    def heading_reports(self, text: str, tok: Token) -> list[Report]:
        return reports.heading_reports(text, tok, self)

    def narrates(self, sentence: Span) -> bool:
        return reports.narrates(sentence, self)

    def speaker_voice(self, sentence: Span) -> bool:
        return reports.speaker_voice(sentence, self)

    def quotes_a_text(self, cue: Token) -> bool:
        return subjects.quotes_a_text(cue, self)

    def reports_others(self, cue: Token) -> bool:
        return subjects.reports_others(cue, self)

    def coordinated(self, head: Token) -> list[Token]:
        return subjects.coordinated(head, self)

    def counterpart(self, cue: Token) -> Token | None:
        return subjects.counterpart(cue, self)

    def source_word(self, word: str) -> bool:
        # "Insiders": a plural names the same people as its singular
        return super().source_word(word) or (word.endswith("s") and super().source_word(word[:-1]))

    def name_cut_off(self, head: Token) -> Token | None:
        return subjects.name_cut_off(head)

    def plural(self, word: Token) -> bool:
        # "The Prime Ministers welcomed ...": a title-case plural the tagger took for a singular name
        if super().plural(word):
            return True
        w = word.text
        return (
            w[:1].isupper()
            and w.endswith("s")
            and (self.lexicon.is_title(w[:-1]) or w[:-1].casefold() in self.lexicon.groups)
        )

    def same_place(self, a: str, b: str) -> bool:
        # "Chinese" and "China", "Japanese" and "Japan", "British" and "Britain": a people's name and
        # its country's share their first letters
        a, b = a.casefold(), b.casefold()
        return a == b or (min(len(a), len(b)) >= PLACE_STEM and a[:PLACE_STEM] == b[:PLACE_STEM])

    def third_person(self, word: Token) -> bool:
        return not self.tags.speech_party_features.intersection(word.morph)

    def subject_of(self, verb: Token) -> Token | None:
        return subjects.subject_of(verb, self)

    def mention_span(self, text: str, head: Token, names: NameFinder) -> tuple[Offsets, tuple[Offsets, ...]]:
        return subjects.mention_span(text, head, self, names)
