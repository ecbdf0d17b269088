"""A language's words, as the stages see them: one frozen object built from its data files.

The shape is the same for every language (coreferee keeps its lexicons the
same way): each attribute comes from the data file of the same name in the
language's folder, so a reader finds every word the extractor reacts to in a
plain file, and a user adds their own with ``extra_rules`` (a TSV file:
``category<TAB>value[<TAB>frames]``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import Errors, RuleFileError
from .data import DataFiles, parse_rows

#: The genders the data files mark that tell he from she ("n" for it, "-" for either).
GENDERED = ("f", "m")


@dataclass(frozen=True)
class Pronoun:
    person: int
    plural: bool | None
    gender: str  # "f", "m", "n" or "-"
    case: str = "-"  # "subj", "obj", "poss", "refl", "rel"

    @property
    def gendered(self) -> bool:
        return self.gender in GENDERED

    @property
    def possessive(self) -> bool:
        """``our``, ``my``: the word owns the noun after it (``our government``)."""
        return self.case == "poss"


@dataclass(frozen=True)
class Title:
    kind: str  # "honorific" or "role"
    gender: str

    @property
    def gendered(self) -> bool:
        return self.gender in GENDERED


@dataclass(frozen=True, eq=False)
class Lexicon:
    speech_verbs: dict[str, frozenset[str]]  # lemma -> frames (speech_verbs.tsv)
    speech_nouns: frozenset[str]
    content_nouns: frozenset[str]
    listeners: frozenset[str]
    titles: dict[str, Title]
    pronouns: dict[str, Pronoun]
    groups: frozenset[str]
    transcript_labels: frozenset[str]
    not_labels: frozenset[str]
    phrasal: dict[str, dict[str, frozenset[str]]]  # verb lemma -> {child word: frames}
    human_nouns: frozenset[str]
    first_names: dict[str, str]  # given name -> "f" / "m"
    family_first: frozenset[str]  # family names written first in English too ("Wang Yi", "Kim Jong Un")
    bodies: frozenset[str]  # nouns for organisations ("the agency")
    spokespeople: frozenset[str]  # nouns for people who speak for others ("a spokesperson")
    platforms: frozenset[str]  # where people post ("on Twitter"): never a speaker, whatever NER says
    not_cues: tuple[tuple[str, ...], ...]  # fixed phrases with a speech verb that report nothing
    refusals: frozenset[str]  # "declined to comment": verbs that cancel the act below them
    work_title_cues: frozenset[str]  # on "Face the Nation", the book "...": titles, not speech
    title_small_words: frozenset[str]  # "This Week with X": left in lower case by title case
    determiners: frozenset[str]  # stripped from names and role phrases
    referring: frozenset[str]  # determiners with which a plural refers back ("the ministers")
    group_counters: frozenset[str]  # words that make a phrase name several parties ("both", "two")
    name_connectors: frozenset[str]  # lower-case words inside names ("of", "van", "bin")
    wh_words: frozenset[str]  # words that open an embedded question
    pro_forms: frozenset[str]  # objects that stand for a content said elsewhere ("said it")
    nicknames: dict[str, str]  # folded short given name -> folded formal one ("joe" -> "joseph")
    text_verbs: frozenset[str]  # "it reads", "it was reported": the quotation is a document's text
    means_words: frozenset[str]  # "by saying": a second act that is how the first was done
    holder_nouns: frozenset[str]  # "noted the fact that": a noun that belongs to its clause, not the cue
    reciprocal_verbs: frozenset[str]  # "held talks with X and agreed": an act both parties perform
    quoting_verbs: frozenset[str]  # "quoted X as saying": the one quoted speaks
    setting_preps: frozenset[str]  # "at a rally", "through a spokeswoman": not part of what was said
    occasion_nouns: frozenset[str]  # "in an interview", "in his speech": where it was said, not what
    thing_nouns: frozenset[str]  # "the paper said": documents, media, events, never the person last quoted
    title_links: frozenset[str]  # "Secretary of State": words that carry a title on
    definite_articles: frozenset[str]  # "the minister": may name the person last quoted
    indefinite_articles: frozenset[str]  # "a spokesperson": someone new, never a person already named
    transcript_cues: tuple[str, ...]  # words in a document's first lines that make it a transcript
    joint_verbs: frozenset[str]  # "we agreed" with a named counterpart: both of them
    answer_labels: frozenset[str]  # transcript labels of the one who answers ("A"): the document's principal
    follow_up_labels: frozenset[str]  # "Follow-up:": the one who asked before the last answer

    def frames(self, lemma: str) -> frozenset[str]:
        return self.speech_verbs.get(lemma.lower(), frozenset())

    def is_content_noun(self, lower: str, lemma: str) -> bool:
        return lower in self.content_nouns or lemma.lower() in self.content_nouns

    def is_title(self, word: str) -> bool:
        """A title, also as speaker labels write it in capitals (``MINISTER``, ``MR``)."""
        return word in self.titles or (
            word.isupper() and (word.capitalize() in self.titles or word.title() in self.titles)
        )  # "SECRETARY-GENERAL": each part capitalised

    def is_honorific(self, word: str) -> bool:
        """A title of address as written (``Mr.``, ``Ms``, ``Dr.``)."""
        title = self.titles.get(word)
        return title is not None and title.kind == "honorific"

    @cached_property
    def honorifics(self) -> frozenset[str]:
        """Titles of address (``Mr.``, ``Dr``), folded without their period: never a role."""
        return frozenset(w.lower().rstrip(".") for w, t in self.titles.items() if t.kind == "honorific")

    @cached_property
    def subject_pronouns(self) -> frozenset[str]:
        return frozenset(w for w, p in self.pronouns.items() if p.case == "subj")

    @cached_property
    def first_person_pronouns(self) -> frozenset[str]:
        """The speaker's own words (``I``, ``we``, ``our``)."""
        return frozenset(w for w, p in self.pronouns.items() if p.person == 1)


#: Frames that take a word: ``prep:on`` (its object states the content), ``addr:on`` (its object is the
#: addressee of an infinitive that states it: ``called on X to ...``), ``prt:out`` (a particle).
PREFIXED_FRAMES = ("prep:", "addr:", "prt:")

#: Categories a user's ``extra_rules`` file may add to.
EXTRA_CATEGORIES = ("speech_verb", "speech_noun", "content_noun", "transcript_label", "title")


def check_frames(frames: Iterable[str], known: frozenset[str], where: str) -> frozenset[str]:
    """Frame names the language implements (``prep:`` and ``prt:`` take any word); else ``E503``."""
    out = frozenset(f for f in frames if f)
    bad = sorted(f for f in out if f not in known and not f.startswith(PREFIXED_FRAMES))
    if bad:
        raise RuleFileError(Errors.E503, where=where, frames=", ".join(bad), known=", ".join(sorted(known)))
    return out


def read_extra(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"extra_rules file {os.fspath(path)!r} does not exist")
    return p.read_text(encoding="utf-8")


def _merge_extra(
    text: str, source: str, known: frozenset[str], verbs: dict[str, set[str]], sets: dict[str, set[str]]
) -> None:
    for n, row in parse_rows(text):
        category = row[0]
        if category not in EXTRA_CATEGORIES or len(row) < 2 or not row[1]:
            raise ValueError(
                f"{source}:{n}: expected 'category<TAB>value' with category one of {', '.join(EXTRA_CATEGORIES)}"
            )
        if category == "speech_verb":
            given = row[2].split(",") if len(row) > 2 and row[2] else ["quote", "clause"]
            verbs.setdefault(row[1].lower(), set()).update(check_frames(given, known, f"{source}:{n}"))
        else:
            sets[category].add(row[1])


def load_lexicon(
    files: DataFiles, known_frames: frozenset[str], extra: str | None = None, source: str = "extra_rules"
) -> Lexicon:
    """The lexicon of one language's data files, with a user's ``extra_rules`` text merged in."""
    verbs: dict[str, set[str]] = {}
    seen: dict[str, int] = {}
    for n, (lemma, *rest) in files.rows("speech_verbs.tsv", 1, 2):
        files.unique("speech_verbs.tsv", n, lemma.lower(), seen)
        frames = rest[0].split(",") if rest else []
        verbs[lemma.lower()] = set(
            check_frames(frames, known_frames, f"{files.package}/speech_verbs.tsv:{n}")
        )
    sets: dict[str, set[str]] = {
        "speech_noun": set(files.words("speech_nouns.txt")),
        "content_noun": set(files.words("content_nouns.txt")),
        "transcript_label": set(files.words("transcript_labels.txt")),
        "title": set(),
    }
    if extra is not None:
        _merge_extra(extra, source, known_frames, verbs, sets)
    titles: dict[str, Title] = {}
    seen = {}
    for n, row in files.rows("titles.tsv", 2, 3):
        files.unique("titles.tsv", n, row[0], seen)
        titles[row[0]] = Title(row[1], row[2] if len(row) > 2 else "-")
    titles.update({t: Title("role", "-") for t in sets["title"]})
    pronouns: dict[str, Pronoun] = {}
    seen = {}
    for n, row in files.rows("pronouns.tsv", 5, 5):
        files.unique("pronouns.tsv", n, row[0].lower(), seen)
        pronouns[row[0].lower()] = Pronoun(int(row[1]), {"sg": False, "pl": True}.get(row[2]), row[3], row[4])
    phrasal: dict[str, dict[str, frozenset[str]]] = {}
    for n, (lemma, child, frames_field) in files.rows("phrasal_cues.tsv", 3, 3):
        where = f"{files.package}/phrasal_cues.tsv:{n}"
        phrasal.setdefault(lemma, {})[child] = check_frames(frames_field.split(","), known_frames, where)
    first_names: dict[str, str] = {}
    seen = {}
    for n, (name, gender) in files.rows("first_names.tsv", 2, 2):
        files.unique("first_names.tsv", n, name.casefold(), seen)
        first_names[name.casefold()] = gender

    nicknames: dict[str, str] = {}
    seen = {}
    for n, (short, formal) in files.rows("nicknames.tsv", 2, 2):
        files.unique("nicknames.tsv", n, short.casefold(), seen)
        nicknames[short.casefold()] = formal.casefold()

    def lower(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in files.words(name))

    return Lexicon(
        speech_verbs={k: frozenset(v) for k, v in verbs.items()},
        speech_nouns=frozenset(w.lower() for w in sets["speech_noun"]),
        content_nouns=frozenset(w.lower() for w in sets["content_noun"]),
        listeners=lower("listeners.txt"),
        titles=titles,
        pronouns=pronouns,
        groups=lower("groups.txt"),
        transcript_labels=frozenset(w.casefold() for w in sets["transcript_label"]),
        not_labels=frozenset(w.casefold() for w in files.words("not_labels.txt")),
        phrasal=phrasal,
        human_nouns=lower("human_nouns.txt"),
        first_names=first_names,
        family_first=lower("family_first_names.txt"),
        bodies=lower("bodies.txt"),
        spokespeople=lower("spokespeople.txt"),
        platforms=lower("platforms.txt"),
        not_cues=tuple(tuple(w.lower().split()) for w in files.words("not_cues.txt")),
        refusals=lower("refusal_verbs.txt"),
        work_title_cues=lower("work_title_cues.txt"),
        title_small_words=lower("title_small_words.txt"),
        determiners=lower("determiners.txt"),
        referring=lower("referring_determiners.txt"),
        group_counters=lower("group_counters.txt"),
        name_connectors=frozenset(files.words("name_connectors.txt")),
        wh_words=lower("wh_words.txt"),
        pro_forms=lower("pro_forms.txt"),
        means_words=lower("means_words.txt"),
        holder_nouns=lower("holder_nouns.txt"),
        reciprocal_verbs=lower("reciprocal_verbs.txt"),
        quoting_verbs=lower("quoting_verbs.txt"),
        setting_preps=lower("setting_preps.txt"),
        occasion_nouns=lower("occasion_nouns.txt"),
        thing_nouns=lower("thing_nouns.txt"),
        text_verbs=lower("text_verbs.txt"),
        nicknames=nicknames,
        title_links=lower("title_links.txt"),
        definite_articles=lower("definite_articles.txt"),
        indefinite_articles=lower("indefinite_articles.txt"),
        transcript_cues=tuple(w.casefold() for w in files.words("transcript_cues.txt")),
        joint_verbs=lower("joint_verbs.txt"),
        answer_labels=frozenset(w.casefold() for w in files.words("answer_labels.txt")),
        follow_up_labels=frozenset(w.casefold() for w in files.words("follow_up_labels.txt")),
    )
