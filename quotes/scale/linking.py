"""Cross-document speaker linking: the same person gets the same id in every document of a run.

Linking is online, so it works on a stream: an id, once given, never
changes; the entity's name is the full name most documents so far give it
(``Tanaka`` first, ``Hiroko Tanaka`` later: same id, the fuller name).
Merging is conservative because a wrong merge across an archive is worse
than a missed one:

- names are compared by their *key words*: the words of the name without
  initials and suffixes (``Donald J. Trump`` = ``Donald Trump``, ``Joseph R.
  Biden Jr.`` = ``Joseph Biden``), in any order (``Tanaka Hiroko`` =
  ``Hiroko Tanaka``); a middle name does not split a person either
  (``Hillary Rodham Clinton`` = ``Hillary Clinton``: same first and last word);
- a lone family name joins a full name only while exactly one person in the
  run carries it (or one with the same title: ``President Obama``); a full name takes over an entity known only by its family
  name, never one that already has another full name (``Carla Cruz`` is not
  ``Ted Cruz``), and never by a given name (``Bob`` is not ``Bob Woodward``);
- people link to people and organisations to organisations;
- a role without a name (``Reporter``, ``Q``) is a different person in
  every document.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

from ..model import PERSON, DocumentResult, Speaker
from ..names import ID_WORD_EDGES, id_words, key_words, slug


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
    titles: Counter[str] = field(default_factory=Counter)
    descriptions: Counter[str] = field(default_factory=Counter)
    affiliations: Counter[str] = field(default_factory=Counter)

    @property
    def quotes(self) -> int:
        return sum(self.kinds.values())

    def full_names(self) -> set[tuple[str, ...]]:
        """The key words (in order) of every full name the entity was given."""
        return {k for k in (key_words(n) for n in self.names) if len(k) > 1}

    def as_speaker(self) -> Speaker:
        return Speaker(
            self.id,
            self.name,
            tuple(sorted(self.aliases - {self.name})),
            self.entity_type,
            tuple(t for t, _ in self.titles.most_common()),
            tuple(d for d, _ in self.descriptions.most_common()),
            self.affiliations.most_common(1)[0][0] if self.affiliations else None,
        )


def _key(sp: Speaker, nicknames: Mapping[str, str]) -> tuple[str, ...]:
    """A person's key words, a short given name in its formal form (``Joe Biden`` = ``Joseph R. Biden
    Jr.``); an organisation's words as written (``U.S.`` is no initial there)."""
    if sp.entity_type == PERSON:
        key = key_words(sp.name)
        if len(key) > 1 and key[0] in nicknames:
            key = (nicknames[key[0]], *key[1:])
        return key
    return tuple(w.strip(ID_WORD_EDGES).casefold() for w in sp.name.split() if w.strip(ID_WORD_EDGES))


def _usual_name(names: Counter[str]) -> str:
    """The name most documents give in full (``Ted Cruz`` over a rare ``Rafael Edward Cruz``; ``Antony
    Blinken`` over ``Blinken``), the longer on a tie."""
    full = [n for n in names if len(id_words(n)) > 1] or list(names)
    return max(full, key=lambda n: (names[n], len(id_words(n)), n))


class SpeakerIndex:
    """Speakers seen so far in a run, and the rule that links a new document's speakers to them."""

    def __init__(self, nicknames: Mapping[str, str] | None = None) -> None:
        """``nicknames``: folded short given names to formal ones; by default the English lexicon's."""
        self._nicknames = nicknames
        self.speakers: dict[str, LinkedSpeaker] = {}
        self._by_words: dict[tuple[str | None, frozenset[str]], str] = {}
        self._by_ends: defaultdict[tuple[str, str], set[str]] = defaultdict(set)  # (first, last) -> people
        self._by_family: defaultdict[str, set[str]] = defaultdict(set)  # last word -> people with full names

    @property
    def nicknames(self) -> Mapping[str, str]:
        if self._nicknames is None:
            from ..lang import get_language

            self._nicknames = get_language("en").lexicon.nicknames
        return self._nicknames

    def key_of(self, sp: Speaker) -> tuple[str, ...]:
        """The words the index compares ``sp``'s name by (computed once per speaker and link)."""
        return _key(sp, self.nicknames)

    def _owner(self, family: str, titles: Iterable[str]) -> str | None:
        """The one person of the run with a full name ending in ``family`` (a title picks among several)."""
        owners = self._by_family.get(family, set())
        wanted = set(titles)
        if len(owners) > 1 and wanted:
            # "President Obama" with Barack and Michelle Obama in the run: the one with that title
            owners = {o for o in owners if wanted & set(self.speakers[o].titles)}
        return next(iter(owners)) if len(owners) == 1 else None

    def consolidate(self) -> dict[str, str]:
        """After a run: an entity known only by a family name (``Obama``, seen before any full name)
        joins the one person of the run it now names. Returns ``{old id: new id}`` for the ids merged
        away, for outputs made with them (``quotes speakers`` and the benchmark call this; the records
        ``quotes extract`` has written keep their ids)."""
        moved: dict[str, str] = {}
        for sid, entry in list(self.speakers.items()):
            if entry.entity_type != PERSON or entry.full_names() or not entry.names:
                continue
            family = key_words(entry.name)
            owner = self._owner(family[-1], entry.titles) if len(family) == 1 else None
            if owner is None or owner == sid:
                continue
            target = self.speakers[owner]
            target.kinds.update(entry.kinds)
            target.documents.extend(entry.documents)
            target.names.update(entry.names)
            target.aliases |= entry.aliases | set(entry.names)
            target.titles.update(entry.titles)
            target.descriptions.update(entry.descriptions)
            target.affiliations.update(entry.affiliations)
            target.name = _usual_name(target.names)
            target.aliases.discard(target.name)
            del self.speakers[sid]
            moved[sid] = owner
        return moved

    def _find(self, sp: Speaker, key: tuple[str, ...]) -> str | None:
        if sp.role_only:
            return None
        if not key:
            return None
        if sp.entity_type == PERSON and len(key) == 1:
            # One word names someone only inside a document: across documents it joins the one person
            # of the run with that family name, and two "Bob"s or two "Trump"s stay apart.
            return self._owner(key[0], sp.titles)
        found = self._by_words.get((sp.entity_type, frozenset(key)))
        if found is not None:
            return found
        if sp.entity_type != PERSON:
            return None
        owners = self._by_ends.get((key[0], key[-1]), set())
        if len(owners) == 1:
            return next(iter(owners))  # "Hillary Rodham Clinton" after "Hillary Clinton"
        # A full name arriving after its family name alone: take over that entity, if it has no
        # full name of its own and no other person carries the family name.
        sid = self._by_words.get((PERSON, frozenset({key[-1]})))
        if sid is not None and not self.speakers[sid].full_names() and not self._by_family.get(key[-1]):
            return sid
        return None

    def _remember(self, sid: str, sp: Speaker, key: tuple[str, ...]) -> None:
        entry = self.speakers[sid]
        self._by_words.setdefault((sp.entity_type, frozenset(key)), sid)
        entry.names[sp.name] += 1
        entry.name = _usual_name(entry.names)
        entry.aliases.update(sp.aliases)
        entry.aliases.update(n for n in entry.names if n != entry.name)
        entry.titles.update(sp.titles)
        entry.descriptions.update(sp.descriptions)
        if sp.affiliation:
            entry.affiliations[sp.affiliation] += 1
        if sp.entity_type == PERSON and len(key) > 1:
            self._by_family[key[-1]].add(sid)
            self._by_ends[key[0], key[-1]].add(sid)

    def link(self, result: DocumentResult) -> DocumentResult:
        """The result with its speaker ids replaced by run-wide ids (names and aliases kept)."""
        mapping: dict[str, str] = {}
        for sp in result.speakers:
            key = self.key_of(sp)
            sid = self._find(sp, key)
            if sid is None:
                base = slug(sp.name)
                sid, n = base, 2
                while sid in self.speakers:
                    sid, n = f"{base}-{n}", n + 1
                self.speakers[sid] = LinkedSpeaker(sid, sp.name, sp.entity_type)
            self._remember(sid, sp, key)
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
            name = self.speakers[sid].name  # the name the run knows best ("Blinken" -> "Antony Blinken")
            merged[sid] = replace(
                sp,
                id=sid,
                name=name,
                aliases=tuple(sorted(aliases - {name})),
                titles=tuple(dict.fromkeys((*(prev.titles if prev else ()), *sp.titles))),
                descriptions=tuple(dict.fromkeys((*(prev.descriptions if prev else ()), *sp.descriptions))),
                affiliation=(prev.affiliation if prev else None) or sp.affiliation,
            )
        return replace(result, speakers=tuple(merged.values()), quotes=quotes)

    def renamed(self, result: DocumentResult, moved: Mapping[str, str]) -> DocumentResult:
        """A linked result with the ids :meth:`consolidate` merged away replaced by the ones kept."""
        if not moved:
            return result
        quotes = tuple(
            replace(q, speaker=tuple(dict.fromkeys(moved.get(s, s) for s in q.speaker)))
            for q in result.quotes
        )
        speakers: dict[str, Speaker] = {}
        for sp in result.speakers:
            sid = moved.get(sp.id, sp.id)
            if sid in speakers:
                continue
            speakers[sid] = replace(sp, id=sid, name=self.speakers[sid].name) if sid in self.speakers else sp
        return replace(result, speakers=tuple(speakers.values()), quotes=quotes)

    def link_all(self, results: Iterable[DocumentResult]) -> Iterator[DocumentResult]:
        for r in results:
            yield self.link(r)

    def as_speakers(self) -> tuple[Speaker, ...]:
        """The index as plain speakers (the usual name, every alias, title and description seen)."""
        return tuple(s.as_speaker() for s in self.speakers.values())

    def ranked(self) -> list[LinkedSpeaker]:
        return sorted(self.speakers.values(), key=lambda s: (-s.quotes, s.name.casefold()))
