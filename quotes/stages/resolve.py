"""Resolve mentions to speaker entities: one canonical entity per person in a document.

Rules, in the order a reader would apply them:

- **names**: name forms that share their name words are one person
  (``Tanaka`` ⊂ ``Hiroko Tanaka`` = ``TANAKA Hiroko``); the canonical name is
  the fullest form, given name first (a family name in capitals, or the word
  used alone with a title, is the family name);
- **titles and roles**: ``the Secretary`` is the person introduced with that
  role (``Secretary Doe``, ``X, the Minister for Foreign Affairs``);
- **pronouns**: by gender where the text shows it, then by salience (the
  speaker of the last quote first); ``they``, ``both``, ``the two ministers``
  name the last group, else the last two people;
- **transcripts**: a turn's label is its speaker; ``I`` inside a turn is that
  speaker and ``we`` adds the other party the turn names;
- **anything else** that names a speaker (``campaign officials``) is an
  entity of its own. Nothing supports an answer: the speaker stays empty.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Speaker
from ..rules import Rules
from .candidates import Candidate, Intervals, Offsets
from .transcript import Turn

NAME_ENTS = frozenset({"PERSON", "ORG"})
#: Longer mention texts are descriptions, not names worth keeping as aliases.
MAX_ALIAS_CHARS = 200
ROMAN = re.compile(r"[IVX]+")
GROUP_WORDS = frozenset({"both", "two", "three", "all"})
#: Determiners with which a plural phrase refers back to parties already named ("the ministers").
REFERRING = ("the ", "these ", "those ")
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
ATTRIBUTION_CONFIDENCE = {
    "label": 0.95,
    "name": 0.95,
    "role": 0.8,
    "pronoun": 0.75,
    "first-person": 0.9,
    "group": 0.75,
    "context": 0.6,
    "phrase": 0.7,
    "definite": 0.55,
}


@dataclass
class Entity:
    key: int
    kind: str  # PERSON, ORG, LABEL, PHRASE
    words: set[str] = field(default_factory=set)  # folded name words, titles excluded
    forms: Counter[str] = field(default_factory=Counter)  # surface name forms, titles stripped
    aliases: set[str] = field(default_factory=set)  # titled forms and labels, for the output only
    alone: Counter[str] = field(default_factory=Counter)  # words used alone (family-name evidence)
    caps: set[str] = field(default_factory=set)  # words written in capitals (Japanese family names)
    roles: set[str] = field(default_factory=set)
    gender: Counter[str] = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    human: bool = False  # a phrase entity headed by a noun for a person ("the minister"): may be "she"

    def canonical(self) -> str:
        best = max(self.forms, key=lambda f: (len(_name_words(f)), self.forms[f], -len(f)), default="")
        words = best.split()
        if self.kind != "PERSON" or len(words) < 2:
            return best
        family = next((w for w in words if w.casefold() in self.caps), None)
        if family is None:
            alone = [w for w in words if self.alone[w.casefold()]]
            family = alone[-1] if len(alone) == 1 else None
        if family is None:
            return best
        given = [w for w in words if w != family]
        return " ".join([*given, family.title() if family.isupper() else family])


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


def _name_words(form: str) -> list[str]:
    return [_fold(w) for w in re.findall(r"[\w'’.-]+", form) if any(ch.isalpha() for ch in w)]


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "speaker"


class Resolver:
    def __init__(self, doc: Doc, turns: list[Turn], rules: Rules) -> None:
        self.doc = doc
        self.text = doc.text
        self.rules = rules
        self.turns = turns
        self.entities: list[Entity] = []
        self.by_token: dict[int, Entity] = {}
        self._labels: dict[tuple[int, int], Entity] = {}
        self._orgs = {(e.start, e.end): True for e in doc.ents if e.label_ == "ORG"}
        self._collect_names()

    # -- names -------------------------------------------------------------

    def _strip_titles(self, span: Span) -> tuple[Span, list[Token]]:
        toks = [t for t in span if not t.is_punct or t.text in ".-"]
        titles = []
        while toks and (toks[0].text in self.rules.titles or toks[0].lower_ in DETERMINERS):
            titles.append(toks.pop(0))
        while toks and (toks[-1].is_punct or toks[-1].lower_ in ("'s", "’s")):
            toks.pop()
        if not toks:
            return span[0:0], titles
        return self.doc[toks[0].i : toks[-1].i + 1], titles

    def _role_words(self, name: Span) -> set[str]:
        """Title words before the name, and an appositive role after or before it."""
        roles: set[str] = set()
        i = name.start - 1
        while i >= 0 and (self.doc[i].text in self.rules.titles or self.doc[i].lower_ in ("of", "for")):
            if self.doc[i].text in self.rules.titles:
                roles.add(self.doc[i].lower_.rstrip("."))
            i -= 1
        root = name.root
        heads = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            heads.append(root.head)
        for h in heads:
            for t in h.subtree:
                if (t.pos_ == "NOUN" or t.text in self.rules.titles) and not name.start <= t.i < name.end:
                    roles.add(t.lower_)
        return {r for r in roles if r not in ("mr", "ms", "mrs", "dr")}

    def _add_name(self, span: Span, kind: str) -> Entity | None:
        name, titles = self._strip_titles(span)
        if len(name) == 0:
            return None
        form = name.text
        words = set(_name_words(form))
        if not words:
            return None
        ent = self._match(words, kind)
        if ent is None:
            ent = Entity(len(self.entities), kind)
            self.entities.append(ent)
        ent.words |= words
        ent.forms[form] += 1
        if len(words) == 1 and (titles or kind == "PERSON"):
            ent.alone[next(iter(words))] += 1
        for t in name:
            if (
                t.text.isupper()
                and len(t.text) > 1
                and t.is_alpha
                and kind == "PERSON"
                and not ROMAN.fullmatch(t.text)
            ):
                ent.caps.add(t.lower_)  # a family name in capitals (TANAKA Hiroko), not a suffix (III)
        if kind == "PERSON":
            for w in name:
                g = self.rules.first_names.get(w.text.casefold())
                if g is not None and w.text.casefold() not in ent.caps:
                    ent.gender[g] += 1
                    break
        for t in titles:
            g = self.rules.titles.get(t.text)
            if g is not None and g.gender in "fm" and g.gender != "-":
                ent.gender[g.gender] += 2
        ent.roles |= self._role_words(name) | {
            t.lower_.rstrip(".") for t in titles if t.lower_ not in DETERMINERS
        }
        ent.positions.append(span.start_char)
        for t in span:
            self.by_token[t.i] = ent
        if titles and titles[0].lower_ not in DETERMINERS:
            ent.aliases.add(span.text.strip())
        return ent

    def _match(self, words: set[str], kind: str) -> Entity | None:
        fits = [
            e
            for e in self.entities
            if (words <= e.words or e.words <= words)
            and (
                e.kind == kind
                or (kind == "PERSON" and e.kind == "LABEL")
                # NER often calls a lone surname an organisation: "According to Reyes" after "Tom Reyes".
                or (e.kind == "PERSON" and words < e.words)
            )
        ]
        if not fits:
            return None
        return max(fits, key=lambda e: e.positions[-1] if e.positions else -1)

    def _collect_names(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in NAME_ENTS:
                got = self._add_name(ent, ent.label_)
                if got is not None:
                    self._gender_from_pronoun(got, ent)
        self._collect_titled_names()
        self._collect_unlabelled_full_names()
        for t in self.turns:
            self.label_entity(t)
        self._count_bare_names()

    def _collect_titled_names(self) -> None:
        """``Mayor Ana Ruiz``: capitalised proper nouns after a title are a person's name, whatever NER said."""
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            j = i + 1
            if tok.text in self.rules.titles and not tok.ent_type_:
                while j < len(doc) and j - i <= 3 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                    if doc[j].text in self.rules.titles or doc[j].ent_type_ not in ("", "PERSON"):
                        break
                    j += 1
                if j > i + 1 and not any(t.i in self.by_token for t in doc[i + 1 : j]):
                    self._add_name(doc[i:j], "PERSON")
                    i = j
                    continue
            i += 1

    def _collect_unlabelled_full_names(self) -> None:
        """``Ana Ruiz, the mayor, ...`` then ``Ruiz said``: two or three proper nouns NER left unlabelled
        are a person's full name when the last of them stands alone elsewhere in the document."""
        doc = self.doc

        def namelike(t: Token) -> bool:
            return (
                t.tag_ == "NNP"
                and t.is_alpha
                and t.text[:1].isupper()
                and not t.ent_type_
                and t.text not in self.rules.titles
                and t.i not in self.by_token
            )

        alone: set[str] = set()
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and namelike(doc[j]):
                j += 1
            if j - i == 1:
                alone.add(doc[i].text)
            elif 2 <= j - i <= 3:
                runs.append((i, j))
            i = max(j, i + 1)
        for start, end in runs:
            if doc[end - 1].text in alone:
                self._add_name(doc[start:end], "PERSON")

    def _count_bare_names(self) -> None:
        """Name words NER left out or mislabelled still count as mentions of the one person they name."""
        owners: dict[str, list[Entity]] = {}
        for e in self.entities:
            if e.kind == "PERSON":
                for w in e.words:
                    owners.setdefault(w, []).append(e)
        for tok in self.doc:
            if tok.i in self.by_token or not tok.text[:1].isupper():
                continue
            found = owners.get(_fold(tok.text), [])
            if len(found) == 1:
                found[0].positions.append(tok.idx)
                found[0].aliases.add(tok.text)
                self.by_token[tok.i] = found[0]
        for e in self.entities:
            e.positions.sort()

    def _gender_from_pronoun(self, ent: Entity, span: Span) -> None:
        """The first singular pronoun after a name in its sentence tells the person's gender."""
        if ent.kind != "PERSON":
            return
        for tok in self.doc[span.end : min(span.sent.end, span.end + 12)]:
            p = self.rules.pronouns.get(tok.lower_)
            if p is not None and p.person == 3 and p.gender in "fm" and p.gender != "-":
                ent.gender[p.gender] += 1
                return
            if tok.ent_type_ == "PERSON":
                return

    def label_entity(self, turn: Turn) -> Entity:
        """The speaker a turn's label names (once per label occurrence: every paragraph of a turn shares it)."""
        known = self._labels.get(turn.label)
        if known is None:
            known = self._labels[turn.label] = self._label_entity(turn)
        return known

    def _label_entity(self, turn: Turn) -> Entity:
        label = self.text[turn.label[0] : turn.label[1]]
        name_part = label.split(",")[0].strip()
        span = self.doc.char_span(turn.label[0], turn.label[0] + len(name_part), alignment_mode="expand")
        if name_part.casefold() in self.rules.transcript_labels or span is None:
            words = set(_name_words(name_part))
            ent = next((e for e in self.entities if e.kind == "LABEL" and e.words == words), None)
            if ent is None:
                ent = Entity(len(self.entities), "LABEL", words=words)
                self.entities.append(ent)
            ent.forms[name_part] += 1
            ent.positions.append(turn.label[0])
            return ent
        kind = "ORG" if self._orgs.get((span.start, span.end)) else "PERSON"
        ent = self._add_name(span, kind) or Entity(len(self.entities), "LABEL")
        if ent not in self.entities:
            self.entities.append(ent)
        ent.roles |= (
            {w.lower() for w in label.split(",", 1)[-1].split() if w[:1].isupper()} if "," in label else set()
        )
        ent.aliases.add(name_part)
        return ent

    # -- mentions ------------------------------------------------------------

    def entities_of_head(self, head: Token) -> list[Entity]:
        """The entity the mention's head names, with names coordinated to it (``X and Y``)."""
        first = self.by_token.get(head.i)
        if first is None or first.kind not in ("PERSON", "ORG", "LABEL"):
            return []
        found = [first]
        for c in head.children:
            if c.dep_ == "conj":
                e = self.by_token.get(c.i)
                if e is not None and e not in found and e.kind in ("PERSON", "ORG"):
                    found.append(e)
        return found

    def entities_in(self, off: Offsets) -> list[Entity]:
        span = self.doc.char_span(off[0], off[1], alignment_mode="expand")
        if span is None:
            return []
        found: list[Entity] = []
        for t in span:
            e = self.by_token.get(t.i)
            if e is not None and e not in found and e.kind in ("PERSON", "ORG", "LABEL"):
                found.append(e)
        if len(found) > 1 and not any(t.dep_ == "conj" for t in span):
            # "White House press secretary Josh Earnest": a description ending in the name it describes.
            people = [e for e in found if e.kind == "PERSON"]
            found = [people[-1] if people else found[-1]]
        if not found:
            # A name NER labelled otherwise ("Tanaka" as GPE): match its words to a known person.
            words = {_fold(t.text) for t in span if t.text[:1].isupper() and t.text not in self.rules.titles}
            if words:
                fits = [e for e in self.entities if e.kind in ("PERSON", "ORG") and words <= e.words]
                if fits:
                    found.append(max(fits, key=lambda e: (e.kind == "PERSON", len(e.positions))))
                    return found
            # Proper nouns the tagger saw but NER missed ("Minister Tanaka" tagged as GPE, say).
            run = [
                t
                for t in span
                if t.pos_ == "PROPN"
                and t.text[:1].isupper()  # a lower-case word tagged PROPN ("the minister") is a tagging slip
                and t.text not in self.rules.titles
                and t.ent_type_ not in ("GPE", "NORP", "DATE")
            ]
            if run and span.root.pos_ == "PROPN":
                e = self._add_name(self.doc[run[0].i : run[-1].i + 1], "PERSON")
                if e is not None:
                    found.append(e)
        return found


def resolve_speakers(
    doc: Doc, found: list[Candidate], turns: list[Turn], rules: Rules
) -> tuple[tuple[Speaker, ...], list[Candidate]]:
    r = Resolver(doc, turns, rules)
    turn_of: dict[int, Turn] = {}
    turn_span: dict[int, Offsets] = {}
    for t in turns:
        turn_of.setdefault(t.index, t)
        s, e = turn_span.get(t.index, t.content)
        turn_span[t.index] = (min(s, t.content[0]), max(e, t.content[1]))
    turn_by_span = {t.content: t for t in turns if t.content[1] > t.content[0]}
    turn_index = Intervals(turn_by_span)
    last: list[Entity] = []  # speakers of the last quote, for salience
    last_group: list[Entity] = []
    resolved: list[Candidate] = []
    for c in sorted(
        found, key=lambda c: c.content[0] if c.mention is None else min(c.mention[0], c.content[0])
    ):
        speakers: list[Entity] = []
        how = ""
        turn = _turn_at(c, turn_index, turn_by_span)
        if c.kind == "transcript" and turn is not None:
            speakers, how = [r.label_entity(turn)], "label"
        elif c.mention is not None:
            speakers, how = _resolve_mention(r, c, turn, turn_span, last, last_group, rules)
        elif c.context_speaker and last:
            speakers, how = list(last), "context"
        if speakers:
            last = speakers
            if len(speakers) > 1:
                last_group = speakers
        conf = c.confidence * (ATTRIBUTION_CONFIDENCE.get(how, 1.0) if speakers else 0.9)
        resolved.append(c.with_(speaker=tuple(str(e.key) for e in speakers), confidence=conf))
    # Ids and aliases for the entities that speak.
    used = {k for c in resolved for k in c.speaker}
    ids: dict[str, str] = {}
    speakers_out: list[Speaker] = []
    taken: set[str] = set()
    for e in r.entities:
        if str(e.key) not in used:
            continue
        name = e.canonical() or "unknown"
        sid = slug(name)
        n = 2
        while sid in taken:
            sid, n = f"{slug(name)}-{n}", n + 1
        taken.add(sid)
        ids[str(e.key)] = sid
        aliases = sorted({f for f in (*e.forms, *e.aliases) if f and f != name})
        speakers_out.append(Speaker(sid, name, tuple(aliases), "PERSON" if e.kind == "LABEL" else e.kind))
    final = [c.with_(speaker=tuple(dict.fromkeys(ids[k] for k in c.speaker))) for c in resolved]
    return tuple(speakers_out), final


def _turn_at(c: Candidate, turns: Intervals, by_span: dict[tuple[int, int], Turn]) -> Turn | None:
    span = turns.containing(c.content[0])
    return by_span.get(span) if span is not None else None


def _resolve_mention(
    r: Resolver,
    c: Candidate,
    turn: Turn | None,
    turn_span: dict[int, Offsets],
    last: list[Entity],
    last_group: list[Entity],
    rules: Rules,
) -> tuple[list[Entity], str]:
    assert c.mention is not None
    doc = r.doc
    mtext = r.text[c.mention[0] : c.mention[1]]
    head: Token | None = doc[c.mention_token] if c.mention_token is not None else None
    folded = mtext.casefold().strip()
    pron = rules.pronouns.get(folded) or (
        rules.pronouns.get(head.lower_) if head is not None and len(mtext.split()) == 1 else None
    )
    if pron is not None and pron.person == 1:
        if turn is None:
            return [], ""
        speaker = r.label_entity(turn)
        if pron.plural:
            others = [
                e for e in r.entities_in(turn_span[turn.index]) if e is not speaker and e.kind == "PERSON"
            ]
            others += [e for e in last_group if e is not speaker and e not in others]
            return ([speaker, others[0]] if others else [speaker]), "first-person"
        return [speaker], "first-person"
    if pron is not None and pron.person == 3:
        if pron.plural:
            return _group(r, c, last, last_group), "group"
        return _by_gender(r, c, pron.gender, last), "pronoun"
    named = r.entities_of_head(head) if head is not None else []
    named = named or r.entities_in(c.mention)
    if named:
        _seen_as(r, named, c)
        return named, "name"
    words = [w for w in _name_words(mtext) if w not in DETERMINERS]
    counted = any(w in GROUP_WORDS for w in words)
    if head is not None and (
        counted or (head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() in rules.groups)
    ):
        # "the two ministers", "both leaders": the parties named before. A bare plural ("local
        # officials said") names people of its own, who become a speaker by that phrase below.
        members = _group(r, c, last, last_group) if counted or folded.startswith(REFERRING) else []
        if members:
            return members, "group"
    role = _by_role(r, c, words)
    if role is not None:
        _seen_as(r, [role], c)
        return [role], "role"
    if head is not None and head.lemma_.lower() in rules.speech_nouns and last:
        orgs = [e for e in last if e.kind == "ORG"]
        if orgs:
            return orgs, "role"
    definite = head is not None and folded.startswith("the ") and head.tag_ == "NN"
    if definite and len(last) == 1 and last[0].kind == "PERSON" and _may_be(last[0], head, rules):
        _seen_as(r, last, c)
        return [last[0]], "definite"
    if head is not None and head.pos_ not in ("PRON", "DET", "SCONJ", "CCONJ", "ADP", "PART"):
        entity = _phrase_entity(r, mtext, c.mention)
        lemma = head.lemma_.lower()
        entity.human = entity.human or lemma in rules.human_nouns or head.text.title() in rules.titles
        return [entity], "phrase"
    return [], ""


def _may_be(person: Entity, head: Token, rules: Rules) -> bool:
    """``the <noun>`` can name this person: not an organisation, and no title the person is known without."""
    lemma = head.lemma_.lower()
    if lemma in rules.bodies:
        return False
    if head.text.title() in rules.titles and person.roles:
        return lemma in person.roles or head.lower_ in person.roles
    return True


def _seen_as(r: Resolver, entities: list[Entity], c: Candidate) -> None:
    """Keep the forms that named a single speaker here (``Former Gov. Jane Doe``, ``the governor``) as aliases."""
    if len(entities) != 1:
        return
    for off in (c.mention, *c.mention_np):
        if off is not None:
            form = r.text[off[0] : off[1]].strip()
            if form and len(form) <= MAX_ALIAS_CHARS and "\n" not in form:
                entities[0].aliases.add(form)


def _people_before(r: Resolver, pos: int) -> list[Entity]:
    seen = [
        (max((p for p in e.positions if p < pos), default=-1), e) for e in r.entities if e.kind == "PERSON"
    ]
    return [e for p, e in sorted(seen, key=lambda x: -x[0]) if p >= 0]


def _by_gender(r: Resolver, c: Candidate, gender: str, last: list[Entity]) -> list[Entity]:
    def fits(e: Entity) -> bool:
        if e.kind not in ("PERSON", "LABEL") and not (e.kind == "PHRASE" and e.human):
            return False
        if gender not in "fm" or not e.gender:
            return True
        return e.gender.most_common(1)[0][0] == gender

    if len(last) == 1 and fits(last[0]):
        return [last[0]]
    for e in _people_before(r, c.mention[0] if c.mention else c.content[0]):
        if fits(e):
            return [e]
    return []


def _group(r: Resolver, c: Candidate, last: list[Entity], last_group: list[Entity]) -> list[Entity]:
    if last_group:
        return list(last_group)
    pos = c.mention[0] if c.mention else c.content[0]
    people = _people_before(r, pos)
    if len(people) >= 2:
        salient = sorted(people, key=lambda e: -sum(1 for p in e.positions if p < pos))[:2]
        return sorted(salient, key=lambda e: e.key)
    return []


def _by_role(r: Resolver, c: Candidate, words: list[str]) -> Entity | None:
    wanted = {w.rstrip(".") for w in words} - DETERMINERS
    best: tuple[int, int, Entity] | None = None
    for e in r.entities:
        if e.kind != "PERSON" or not e.roles:
            continue
        overlap = len(wanted & e.roles)
        if overlap == 0:
            continue
        recency = max((p for p in e.positions if p < c.content[0]), default=-1)
        if best is None or (overlap, recency) > best[:2]:
            best = (overlap, recency, e)
    return best[2] if best else None


def _phrase_entity(r: Resolver, mtext: str, off: Offsets) -> Entity:
    words = set(_name_words(mtext))
    for e in r.entities:
        if e.kind == "PHRASE" and e.words == words:
            e.positions.append(off[0])
            return e
    e = Entity(len(r.entities), "PHRASE", words=words)
    e.forms[mtext.strip()] += 1
    e.positions.append(off[0])
    r.entities.append(e)
    return e
