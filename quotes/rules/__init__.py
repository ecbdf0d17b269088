"""Language rules as data: the files beside this module, loaded once.

Keeping lexicons out of the code (as coreferee does) lets a reader see every
word the extractor reacts to, and lets users add their own with
``extra_rules`` (a TSV file: ``category<TAB>value[<TAB>more]``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Pronoun:
    person: int
    plural: bool | None
    gender: str  # "f", "m", "n" or "-"


@dataclass(frozen=True)
class Title:
    kind: str  # "honorific" or "role"
    gender: str


@dataclass(frozen=True)
class Rules:
    speech_verbs: dict[str, frozenset[str]]
    speech_nouns: frozenset[str]
    content_nouns: frozenset[str]
    topic_verbs: frozenset[str]
    listeners: frozenset[str]
    titles: dict[str, Title]
    pronouns: dict[str, Pronoun]
    groups: frozenset[str]
    transcript_labels: frozenset[str]
    not_labels: frozenset[str]
    quote_pairs: dict[str, dict[str, str]]  # open mark -> {close mark: family}
    phrasal: dict[str, dict[str, frozenset[str]]]  # verb lemma -> {child word: frames}
    human_nouns: frozenset[str]
    first_names: dict[str, str]  # given name -> "f" / "m"
    bodies: frozenset[str] = frozenset()  # nouns for organisations ("the agency")
    not_cues: tuple[tuple[str, ...], ...] = ()  # fixed phrases with a speech verb that report nothing
    refusals: frozenset[str] = frozenset()  # "declined to comment": verbs that cancel the act below them
    work_title_cues: frozenset[str] = frozenset()  # on "Face the Nation", the book "...": titles, not speech

    def frames(self, lemma: str) -> frozenset[str]:
        return self.speech_verbs.get(lemma.lower(), frozenset())

    def is_content_noun(self, lower: str, lemma: str) -> bool:
        return lower in self.content_nouns or lemma.lower() in self.content_nouns


def _lines(name: str) -> Iterator[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    yield from _parse(text)


def _parse(text: str) -> Iterator[list[str]]:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [field.strip() for field in line.rstrip("\n").split("\t")]


def _words(name: str) -> set[str]:
    return {row[0] for row in _lines(name)}


EXTRA_CATEGORIES = ("speech_verb", "speech_noun", "content_noun", "topic_verb", "transcript_label", "title")


def _merge_extra(path: str, verbs: dict[str, set[str]], sets: dict[str, set[str]]) -> None:
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"extra_rules file {path!r} does not exist")
    for n, row in enumerate(_parse(p.read_text(encoding="utf-8")), 1):
        category = row[0]
        if category not in EXTRA_CATEGORIES or len(row) < 2 or not row[1]:
            raise ValueError(
                f"{path}:{n}: expected 'category<TAB>value' with category one of {', '.join(EXTRA_CATEGORIES)}"
            )
        if category == "speech_verb":
            frames = set(row[2].split(",")) if len(row) > 2 and row[2] else {"quote", "clause"}
            verbs.setdefault(row[1].lower(), set()).update(frames)
        else:
            sets[category].add(row[1])


@lru_cache(maxsize=8)
def load_rules(extra: str | os.PathLike[str] | None = None) -> Rules:
    verbs: dict[str, set[str]] = {}
    for lemma, *rest in _lines("speech_verbs.tsv"):
        frames = {f for f in (rest[0].split(",") if rest else []) if f}
        verbs.setdefault(lemma.lower(), set()).update(frames)
    sets: dict[str, set[str]] = {
        "speech_noun": _words("speech_nouns.txt"),
        "content_noun": _words("content_nouns.txt"),
        "topic_verb": _words("topic_verbs.txt"),
        "transcript_label": _words("transcript_labels.txt"),
        "title": set(),
    }
    if extra is not None:
        _merge_extra(os.fspath(extra), verbs, sets)
    titles = {row[0]: Title(row[1], row[2] if len(row) > 2 else "-") for row in _lines("titles.tsv")}
    titles.update({t: Title("role", "-") for t in sets["title"]})
    pronouns = {
        row[0].lower(): Pronoun(int(row[1]), {"sg": False, "pl": True}.get(row[2]), row[3])
        for row in _lines("pronouns.tsv")
    }
    pairs: dict[str, dict[str, str]] = {}
    for open_mark, close_mark, family in _lines("quote_marks.tsv"):
        pairs.setdefault(open_mark, {})[close_mark] = family
    phrasal: dict[str, dict[str, frozenset[str]]] = {}
    for lemma, child, frames_field in _lines("phrasal_cues.tsv"):
        phrasal.setdefault(lemma, {})[child] = frozenset(frames_field.split(","))
    return Rules(
        speech_verbs={k: frozenset(v) for k, v in verbs.items()},
        speech_nouns=frozenset(w.lower() for w in sets["speech_noun"]),
        content_nouns=frozenset(w.lower() for w in sets["content_noun"]),
        topic_verbs=frozenset(w.lower() for w in sets["topic_verb"]),
        listeners=frozenset(w.lower() for w in _words("listeners.txt")),
        titles=titles,
        pronouns=pronouns,
        groups=frozenset(w.lower() for w in _words("groups.txt")),
        transcript_labels=frozenset(w.casefold() for w in sets["transcript_label"]),
        not_labels=frozenset(w.casefold() for w in _words("not_labels.txt")),
        quote_pairs=pairs,
        phrasal=phrasal,
        human_nouns=frozenset(w.lower() for w in _words("human_nouns.txt")),
        first_names={name.casefold(): gender for name, gender in _lines("first_names.tsv")},
        bodies=frozenset(w.lower() for w in _words("bodies.txt")),
        not_cues=tuple(tuple(row[0].lower().split()) for row in _lines("not_cues.txt")),
        refusals=frozenset(w.lower() for w in _words("refusal_verbs.txt")),
        work_title_cues=frozenset(w.lower() for w in _words("work_title_cues.txt")),
    )
