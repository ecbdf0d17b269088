"""Cross-document speaker linking: the same person gets the same id in every document of a run.

Linking is online, so it works on a stream: an id, once given, never
changes; the entity's name is the full name most documents so far give it
(``Tanaka`` first, ``Hiroko Tanaka`` later: same id, the fuller name). Merging is
conservative because a wrong merge across an archive is worse than a missed
one: full names must agree word for word (in any order, so ``Tanaka Hiroko``
is ``Hiroko Tanaka``), and a lone family name joins a full name only while
exactly one person in the run carries it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..model import PERSON, DocumentResult, Speaker
from ..names import family_word, id_words, slug


@dataclass
class LinkedSpeaker:
    id: str
    name: str
    entity_type: str | None
    aliases: set[str] = field(default_factory=set)
    documents: list[str] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    #: canonical names of this entity, by how many documents gave each
    names: Counter[str] = field(default_factory=Counter)

    @property
    def quotes(self) -> int:
        return sum(self.kinds.values())


def _usual_name(names: Counter[str]) -> str:
    """The name most documents give in full (``Ted Cruz`` over a rare ``Rafael Edward Cruz``; ``Antony
    Blinken`` over ``Blinken``), the longer on a tie."""
    full = [n for n in names if len(id_words(n)) > 1] or list(names)
    return max(full, key=lambda n: (names[n], len(id_words(n)), n))


class SpeakerIndex:
    """Speakers seen so far in a run, and the rule that links a new document's speakers to them."""

    def __init__(self) -> None:
        self.speakers: dict[str, LinkedSpeaker] = {}
        self._by_words: dict[frozenset[str], str] = {}
        self._by_family: defaultdict[str, set[str]] = defaultdict(set)

    def _find(self, sp: Speaker) -> str | None:
        words = id_words(sp.name)
        if not words:
            return None
        if words in self._by_words:
            return self._by_words[words]
        if sp.entity_type == PERSON and len(words) == 1:
            owners = self._by_family.get(next(iter(words)), set())
            if len(owners) == 1:
                return next(iter(owners))
        if sp.entity_type == PERSON and len(words) > 1:
            # A full name arriving after its family name alone: take over that entity.
            for w in words:
                sid = self._by_words.get(frozenset({w}))
                if (
                    sid is not None
                    and self.speakers[sid].entity_type == PERSON
                    and len(self._by_family[w]) <= 1
                ):
                    return sid
        return None

    def _remember(self, sid: str, sp: Speaker) -> None:
        entry = self.speakers[sid]
        words = id_words(sp.name)
        self._by_words.setdefault(words, sid)
        entry.names[sp.name] += 1
        entry.name = _usual_name(entry.names)
        entry.aliases.update(sp.aliases)
        entry.aliases.update(n for n in entry.names if n != entry.name)
        if sp.entity_type == PERSON:
            family = family_word(sp.name)
            if family and len(words) > 1:
                self._by_family[family].add(sid)
            elif len(words) == 1:
                self._by_family[next(iter(words))].add(sid)

    def link(self, result: DocumentResult) -> DocumentResult:
        """The result with its speaker ids replaced by run-wide ids (names and aliases kept)."""
        mapping: dict[str, str] = {}
        for sp in result.speakers:
            sid = self._find(sp)
            if sid is None:
                base = slug(sp.name)
                sid, n = base, 2
                while sid in self.speakers:
                    sid, n = f"{base}-{n}", n + 1
                self.speakers[sid] = LinkedSpeaker(sid, sp.name, sp.entity_type)
            self._remember(sid, sp)
            mapping[sp.id] = sid
        for sid in dict.fromkeys(mapping.values()):
            self.speakers[sid].documents.append(result.document)
        quotes = tuple(
            replace(q, speaker=tuple(dict.fromkeys(mapping[s] for s in q.speaker))) for q in result.quotes
        )
        for q in quotes:
            for sid in q.speaker:
                self.speakers[sid].kinds[q.kind] += 1
        merged: dict[str, Speaker] = {}
        for sp in result.speakers:
            sid = mapping[sp.id]
            prev = merged.get(sid)
            aliases = set(sp.aliases) | {sp.name} | (set(prev.aliases) if prev else set())
            name = self.speakers[
                sid
            ].name  # the fullest name the run has seen ("Blinken" -> "Antony Blinken")
            merged[sid] = Speaker(sid, name, tuple(sorted(aliases - {name})), sp.entity_type)
        return replace(result, speakers=tuple(merged.values()), quotes=quotes)

    def link_all(self, results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        for r in results:
            yield self.link(r)

    def as_speakers(self) -> tuple[Speaker, ...]:
        """The index as plain speakers (the fullest name, every alias seen)."""
        return tuple(
            Speaker(s.id, s.name, tuple(sorted(s.aliases - {s.name})), s.entity_type)
            for s in self.speakers.values()
        )

    def ranked(self) -> list[LinkedSpeaker]:
        return sorted(self.speakers.values(), key=lambda s: (-s.quotes, s.name.casefold()))
