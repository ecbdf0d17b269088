"""What a stage may ask of a language: the interface every language folder implements.

Stages hold mechanics only (pairing marks, windows, settling overlaps,
merging name forms); whatever depends on the language (its words, its
punctuation, the labels its spaCy pipeline assigns, and the predicates that
read its dependency parse) comes from a :class:`LanguageRules` object. As in
coreferee's ``rules.py``, each slot says whether a new language **must**
provide it or **may** keep the default.

A language is a folder ``quotes/lang/<code>/`` holding data files (the same
names as ``quotes/lang/en/``) and an ``__init__.py`` with a subclass, plus one
line in :data:`quotes.lang.LANGUAGES`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar

import regex

from ..errors import Errors, RuleFileError
from .data import DataFiles
from .lexicon import Lexicon, load_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Offsets = tuple[int, int]
V = TypeVar("V")


@dataclass(frozen=True, eq=False)
class Marks:
    """Quotation marks and the punctuation the stages read, from ``marks.tsv`` and ``quote_marks.tsv``."""

    pairs: dict[str, dict[str, str]]  # open mark -> {close mark: family}
    opening_punct: str  # may stand right before an opening mark
    closing_punct: str  # may stand right after a closing mark
    apostrophes: str  # marks that are apostrophes inside a word (Japan's)
    possessive_apostrophe: str  # after a plural (ministers’): no closing mark unless a single quote is open
    elision_apostrophe: str  # before digits ('90s): an elision, not a mark
    opening_singles: str  # opening single marks, which need a letter, digit or mark after them
    ambiguous_singles: str  # single marks left open at a paragraph end: apostrophes, dropped
    ambiguous_family: str  # the family those marks belong to
    soft_wrap_end: str  # a short line ending in none of these is hard-wrapped, not a paragraph end
    title_strip: str  # stripped from the words of a quotation tested as a work's title
    title_cue_strip: str  # stripped from the word before it
    possessive_ends: tuple[str, ...]  # a possessive before a short title-case quotation: a work's title
    heading_end: str  # a line ending in one of these ends a sentence: no heading
    capital_skip: str  # skipped before testing whether a word is capitalised
    quote_edge: str  # trimmed from a signed post's text
    label_separator: str  # separates a name from a role in a speaker label (SMITH, Anna)
    sentence_openers: str  # before an opening mark: the quotation starts a sentence
    quote_final: str  # the last character of a quotation that ends a sentence
    introducer: str  # a mark that introduces a quotation (She said:)
    continuation_end: str  # before a further quotation: the cue clause ended
    clause_breaks: str  # before a quotation: a new sentence or clause
    edge_punct: str  # trimmed from both ends of a content
    final_punct: str  # a sentence-final mark, trimmed from a content's end
    name_punct: str  # punctuation kept inside a name (initials, hyphens)
    handle_open: str  # opens a social-media handle after a signature name
    comma: str  # after a quotation: the sentence goes on ('"...," she said')
    abbreviation: str  # ends an abbreviated title (Gov.), stripped to compare roles
    question: str  # ends a question ("Can you say whether ...?" asks for speech, reports none)

    @cached_property
    def chars(self) -> str:
        """Every one-character quotation mark, open or close, in one string."""
        return "".join(sorted(m for m in self._all_marks if len(m) == 1))

    @cached_property
    def digraphs(self) -> tuple[str, ...]:
        """Marks typed as two characters (``''`` for a double mark in ASCII archives), longest first."""
        return tuple(sorted((m for m in self._all_marks if len(m) > 1), key=lambda m: (-len(m), m)))

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """Any quotation mark (a two-character one first) or a line feed: what the marks stage scans for."""
        digraphs = "".join(regex.escape(d) + "|" for d in self.digraphs)
        return regex.compile(digraphs + "[" + regex.escape(self.chars) + "]|\n")

    @cached_property
    def _all_marks(self) -> frozenset[str]:
        found = set(self.pairs)
        for closes in self.pairs.values():
            found.update(closes)
        return frozenset(found)

    @cached_property
    def families(self) -> dict[str, str]:
        out = {m: fam for closes in self.pairs.values() for m, fam in closes.items()}
        out.update({m: next(iter(c.values())) for m, c in self.pairs.items()})
        return out

    @cached_property
    def unambiguous(self) -> str:
        """Marks that are never apostrophes: between a cue and its quote, another quotation stands."""
        return "".join(m for m in self.chars if self.families[m] != self.ambiguous_family)

    @cached_property
    def closing(self) -> str:
        return "".join(sorted({m for closes in self.pairs.values() for m in closes}))

    def only_punctuation(self, text: str, start: int, end: int) -> bool:
        """Nothing but quotation marks, clause-edge punctuation and spaces stands between the offsets
        (``"...," said X``: the verb is right after the quotation)."""
        return not text[start:end].strip(self.chars + self.edge_punct)

    def trim(self, text: str, start: int, end: int, *, final: bool = True) -> Offsets:
        """Strip whitespace and clause-edge punctuation; with ``final``, a sentence-final mark too."""
        strip = self.edge_punct + self.final_punct if final else self.edge_punct
        while start < end and text[start] in self.edge_punct:
            start += 1
        while end > start and text[end - 1] in strip:
            end -= 1
        return start, end


@dataclass(frozen=True)
class Tagset:
    """The labels of the language's spaCy pipeline that the stages read, by role (``tagset.tsv``)."""

    name_entities: frozenset[str]
    person_entities: frozenset[str]
    org_entities: frozenset[str]
    label_entities: frozenset[str]
    time_entities: frozenset[str]
    not_name_entities: frozenset[str]
    adverb_pos: frozenset[str]
    proper_noun_pos: frozenset[str]
    noun_pos: frozenset[str]
    function_pos: frozenset[str]
    linking_pos: frozenset[str]
    plural_noun_tags: frozenset[str]
    common_noun_tags: frozenset[str]
    proper_noun_tags: frozenset[str]
    subject_deps: frozenset[str]
    coordination_deps: frozenset[str]
    apposition_deps: frozenset[str]
    speech_party_features: frozenset[str]  # the speaker's and the addressee's words (I, we, you)
    addressee_features: frozenset[str]  # the addressee's words (you): "Can you say ...?" asks for speech
    affiliation_entities: frozenset[str]  # what a speaker is tied to: a country, a people, a body
    place_entities: frozenset[str]  # a country or a people ("the Chinese Foreign Minister" is China's)
    group_entities: frozenset[str]  # a people or party named as a group ("Republicans")
    title_word_pos: frozenset[str]  # words of a multi-word title ("Foreign Minister")
    coordinator_pos: frozenset[str]  # "and" between two names: two people, not one name
    # What the trained scorer reads of a candidate's grammar (quotes.scoring.features):
    verb_pos: frozenset[str]  # a content with a verb is a clause, not a noun phrase
    modal_tags: frozenset[str]  # "would say", "could argue": a report that may be hypothetical
    negation_deps: frozenset[str]  # "did not say"
    relative_clause_deps: frozenset[str]  # "..., which was passed in 2010": often the author's gloss
    adverbial_clause_deps: frozenset[str]  # "..., claiming that ...": a second act or the author's
    participle_tags: frozenset[str]
    object_deps: frozenset[str]  # the object of a preposition
    direct_object_deps: frozenset[str]  # a verb's object or addressee ("told CNN:")
    preposition_deps: frozenset[str]  # a prepositional phrase hung on a word ("X of Mexico")
    possessor_deps: frozenset[str]  # the owner of a noun ("his remarks", "Japan's position")
    marker_deps: frozenset[str]  # the word that opens a clause ("that", "as"): said, that A
    number_pos: frozenset[str]  # "two officials": a count of people, new unless "the" refers back


@dataclass(frozen=True)
class Patterns:
    """Regular expressions by role (``patterns.tsv``)."""

    label: regex.Pattern[str]  # a speaker label opening a paragraph, groups "label" and "time" (a timestamp)
    label_line: regex.Pattern[
        str
    ]  # a paragraph that is a speaker label alone: the turn is the next paragraphs
    dot_label: regex.Pattern[str]  # a one-letter label with a period (Q. / A.), group "label"
    timestamp: regex.Pattern[str]  # a paragraph that is only a timestamp (00:22): neither content nor an end
    signature: regex.Pattern[str]  # the signature of a quoted post, group "name"
    acronym: regex.Pattern[str]  # an agency or outlet as a label (NHK:)
    roman_numeral: regex.Pattern[str]  # a name suffix (III), not a family name in capitals
    markup_tag: regex.Pattern[str]  # an opening tag of markup left in a text (<tweet id="...">)
    byline: regex.Pattern[str]  # right after a quotation, the author of the work it names ("...," by X)
    dateline: regex.Pattern[str]  # a news story's place, date and agency before its first words
    stage_direction: regex.Pattern[str]  # a paragraph in brackets in a transcript ("(Laughter.)")


class NameFinder(Protocol):
    """The document's name entities by offset (``quotes.extraction.tokens.NameIndex``)."""

    def within(self, start: int, end: int) -> list[Span]: ...


class Report(NamedTuple):
    """Reported speech that a language finds at one token of the parse."""

    content: Offsets
    cue: Offsets
    frame: str  # which frame filled it: clause, to, prep, np, as, oprd, parenthetical, according, speech-noun
    mention: Token | None  # the token naming the speaker, when the construction gives it
    cue_head: Token  # the token the cue hangs on (the verb; the noun of "her statement that")


def _from_strings(
    cls: type, values: Mapping[str, V], files: DataFiles, name: str, convert: Callable[[str, V], Any]
) -> dict[str, Any]:
    """The fields of ``cls`` from a file's named rows, every field present and no other (``E501``)."""
    wanted = {f.name for f in fields(cls)} - {"pairs"}
    missing, unknown = wanted - set(values), set(values) - wanted
    if missing or unknown:
        raise RuleFileError(
            Errors.E501,
            where=f"{files.package}/{name}",
            detail=f"missing {sorted(missing)}, unknown {sorted(unknown)}",
        )
    return {k: convert(k, v) for k, v in values.items()}


def load_marks(files: DataFiles) -> Marks:
    pairs: dict[str, dict[str, str]] = {}
    for _, (open_mark, close_mark, family) in files.rows("quote_marks.tsv", 3, 3):
        pairs.setdefault(open_mark, {})[close_mark] = family
    values = _from_strings(
        Marks,
        files.strings("marks.tsv"),
        files,
        "marks.tsv",
        lambda k, v: tuple(v.split()) if k == "possessive_ends" else v,
    )
    return Marks(pairs=pairs, **values)


def load_tagset(files: DataFiles) -> Tagset:
    return Tagset(**_from_strings(Tagset, files.sets("tagset.tsv"), files, "tagset.tsv", lambda k, v: v))


def load_patterns(files: DataFiles) -> Patterns:
    raw = {k: v for _, (k, v) in files.rows("patterns.tsv", 2, 2)}
    return Patterns(**_from_strings(Patterns, raw, files, "patterns.tsv", lambda k, v: regex.compile(v)))


class LanguageRules(ABC):
    """One language's knowledge, read by the stages.

    **Must** be provided by a language: the class attributes :attr:`code`,
    :attr:`package` and :attr:`frames`, the data files in :attr:`package`
    (the same names as ``quotes/lang/en/``; read here, once), and every
    abstract method. **May** be overridden: nothing else; a language that
    needs more from the stages adds a slot here first.
    """

    #: MUST: the spaCy language code (``nlp.lang``).
    code: ClassVar[str]
    #: MUST: the package holding the data files.
    package: ClassVar[str]
    #: MUST: the frame names ``speech_verbs.tsv`` may use (``prep:WORD``, ``addr:WORD`` and ``prt:WORD`` besides).
    frames: ClassVar[frozenset[str]]

    def __init__(self, extra_rules: str | None = None, source: str = "extra_rules") -> None:
        """``extra_rules``: the text of a user's rules file (named ``source``), merged into the lexicon."""
        files = DataFiles(self.package)
        self.extra_rules = extra_rules
        self.lexicon: Lexicon = load_lexicon(files, self.frames, extra_rules, source)
        self.marks: Marks = load_marks(files)
        self.tags: Tagset = load_tagset(files)
        self.patterns: Patterns = load_patterns(files)
        #: Which data files were read: every file of the folder must be (a test checks it).
        self.data_files_read = frozenset(files.read)

    # -- cues ---------------------------------------------------------------

    @abstractmethod
    def verb_frames(self, tok: Token) -> frozenset[str]:
        """MUST: the frames in which this token reports speech (empty for no speech verb)."""

    @abstractmethod
    def cue_phrase(self, tok: Token) -> Offsets:
        """MUST: the cue's characters: the verb with its particle or listener (``told reporters``)."""

    @abstractmethod
    def quote_cue(self, tok: Token) -> bool:
        """MUST: the token may introduce a direct quotation (``said``, ``according to``)."""

    @abstractmethod
    def cue_without_content(self, tok: Token) -> bool:
        """MUST: a quote cue with no content of its own, which may refer back (``That was how X put it``)."""

    @abstractmethod
    def second_act(self, tokens: list[Token], cue: int | None) -> Token | None:
        """MUST: the last token among ``tokens`` that opens a speech act other than the cue's (``..., saying``)."""

    # -- reported speech and speakers ---------------------------------------

    @abstractmethod
    def reports(self, text: str, tok: Token) -> list[Report]:
        """MUST: reported speech anchored at this token (a verb's frames, a speech noun, ``according to``)."""

    @abstractmethod
    def narrates(self, sentence: Span) -> bool:
        """MUST: the sentence is the author's narration (time, place, what happened), not a speaker's words."""

    @abstractmethod
    def speaker_voice(self, sentence: Span) -> bool:
        """MUST: the sentence speaks as a party would (first person, a modal: ``Both sides should ...``)."""

    @abstractmethod
    def quotes_a_text(self, cue: Token) -> bool:
        """MUST: the quotation this cue introduces is a document's text (``..., it reads``, ``the statement said``)."""

    def heading_reports(self, text: str, tok: Token) -> list[Report]:
        """MAY: reported speech in a headline that the parse misread (a title-case verb taken for a
        name); none by default."""
        return []

    @abstractmethod
    def reports_others(self, cue: Token) -> bool:
        """MUST: what this cue introduces is a document's or an organisation's account, which reports its
        people's speech (``X agreed to Y, the ministry said``), not one person's own words."""

    def coordinated(self, head: Token) -> list[Token]:
        """MAY: the heads of the names coordinated with ``head`` (``X and Y``), ``head`` among them;
        by default ``head`` and its conjuncts."""
        return [head, *(c for c in head.children if c.dep_ in self.tags.coordination_deps)]

    def source_word(self, word: str) -> bool:
        """MAY: the word, as a label writes it, names people, a body or a statement (``Insiders``,
        ``report``); by default when listed as written in human_nouns, speech_nouns or bodies."""
        w, lex = word.casefold(), self.lexicon
        return w in lex.human_nouns or w in lex.speech_nouns or w in lex.bodies

    def name_cut_off(self, head: Token) -> Token | None:
        """MAY: a name the parser cut off the end of ``head``'s coordination (``X and her counterpart Y``
        read as two subjects); none by default."""
        return None

    def plural(self, word: Token) -> bool:
        """MAY: the word names more than one (``ministers``); by default when its tag is a plural's."""
        return word.tag_ in self.tags.plural_noun_tags

    def same_place(self, a: str, b: str) -> bool:
        """MAY: two words name the same country or people (``Chinese`` and ``China``); by default only
        when they are the same word, case aside."""
        return a.casefold() == b.casefold()

    def counterpart(self, cue: Token) -> Token | None:
        """MAY: the token naming the other party of a joint act, where the sentence names it only as the
        party met (``held talks with X and agreed to Y``); none by default."""
        return None

    @abstractmethod
    def third_person(self, word: Token) -> bool:
        """MUST: the word is not the speaker's or the addressee's (not ``I``, ``we``, ``you``, ``our``)."""

    @abstractmethod
    def subject_of(self, verb: Token) -> Token | None:
        """MUST: the token naming who performs the speech act of ``verb`` (inherited where the language drops it)."""

    @abstractmethod
    def mention_span(self, text: str, head: Token, names: NameFinder) -> tuple[Offsets, tuple[Offsets, ...]]:
        """MUST: the span naming the speaker around ``head``, and the longer phrases it was cut from."""
