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

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum, auto

from spacy.tokens import Doc, Span, Token

from ...lang.base import LanguageRules, Tagset
from ...lang.lexicon import Lexicon, Pronoun
from ...model import GROUP, ORG, PERSON, PHRASE, UNKNOWN_SPEAKER, Speaker
from ...names import acronym, fold, initials, name_words, slug
from ..candidates import Candidate, Contents, Context, Intervals, Offsets, Turn
from ..layout import layout_of

#: Entity kinds besides the output's entity types: a transcript role with no name.
LABEL = "LABEL"
#: A heading of at least this many words, this share of them capitalised, is a title-case headline.
MIN_HEADLINE_WORDS = 3
TITLE_CASE_SHARE = 0.75
#: spaCy's ``Token.ent_iob`` codes: a token that begins an entity, and one inside it.
ENT_BEGINS, ENT_GOES_ON = 3, 1
#: At most this many given names follow a family name and a comma in a label ("SMITH, ANNA MARIA").
MAX_GIVEN_NAMES = 2
#: How far before a name its title may begin ("Minister for Foreign Affairs Retno Marsudi").
MAX_TITLE_WORDS = 6
#: A description beside a name (an apposition) longer than this is a clause, not a description.
MAX_DESCRIPTION_WORDS = 12
#: Longer mention texts are descriptions, not names worth keeping as aliases.
MAX_ALIAS_CHARS = 200


class How(Enum):
    """How a quote's speaker was found."""

    LABEL = auto()
    NAME = auto()
    ROLE = auto()
    PRONOUN = auto()
    FIRST_PERSON = auto()
    GROUP = auto()
    CONTEXT = auto()
    PHRASE = auto()
    DEFINITE = auto()


#: How much each way of finding a speaker is to be trusted (a trained scorer may replace these).
ATTRIBUTION_CONFIDENCE = {
    How.LABEL: 0.95,
    How.NAME: 0.95,
    How.ROLE: 0.8,
    How.PRONOUN: 0.75,
    How.FIRST_PERSON: 0.9,
    How.GROUP: 0.75,
    How.CONTEXT: 0.6,
    How.PHRASE: 0.7,
    How.DEFINITE: 0.55,
}


@dataclass
class Entity:
    key: int
    kind: str  # PERSON, ORG, LABEL, PHRASE
    words: set[str] = field(default_factory=set)  # folded name words, titles excluded
    forms: Counter[str] = field(default_factory=Counter)  # surface name forms, titles stripped
    #: forms seen only in headings: a title-case headline's verbs pass for names ("Wang Yi Meets")
    heading_forms: Counter[str] = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)  # titled forms and labels, for the output only
    alone: Counter[str] = field(default_factory=Counter)  # words used alone (family-name evidence)
    titled_alone: Counter[str] = field(default_factory=Counter)  # ... after a title ("Minister Kamikawa")
    caps: set[str] = field(default_factory=set)  # words written in capitals (Japanese family names)
    roles: set[str] = field(default_factory=set)
    gender: Counter[str] = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    human: bool = False  # a phrase entity headed by a noun for a person ("the minister"): may be "she"
    #: a phrase entity for a document or a publication ("the newspaper", "a new poll"): it speaks, but
    #: "the businessman" or "he" after it still names the person before it
    thing: bool = False
    titles: Counter[str] = field(default_factory=Counter)  # "Foreign Minister", "Sen."
    descriptions: Counter[str] = field(default_factory=Counter)  # "the White House press secretary"
    affiliations: Counter[str] = field(default_factory=Counter)  # "Japan", "U.S. Department of State"
    #: the output type of a phrase entity (GROUP, ORG, PERSON), or None for a phrase that cannot speak
    phrase_type: str | None = None
    named: bool = False  # a phrase entity with a proper name in it ("the Trump campaign"): one body anywhere

    def canonical(self, lex: Lexicon | None = None) -> str:
        """The fullest form, given name first. A known given name is never taken for the family name
        (``DONALD TRUMP`` in a headline is ``Donald Trump``); a family name that English writes first, as
        at home, stays first (``Wang Yi``, ``WANG Yi`` -> ``Wang Yi``)."""
        given_names = lex.first_names if lex is not None else {}
        family_first = lex.family_first if lex is not None else frozenset()
        forms = self.forms or self.heading_forms
        best = max(forms, key=lambda f: (len(name_words(f)), forms[f], -len(f)), default="")
        # "Ned Price, Department Spokesperson" over a turn labelled "MR PRICE" in which he is hailed "Ned":
        # a heading's fuller form is trusted when the body or a label in capitals wrote each of its words
        if self.kind == PERSON and self.forms and self.heading_forms:
            labels = [a for a in self.aliases if a.isupper()]
            seen = {w for f in (*self.forms, *labels) for w in name_words(f)}
            fuller = [
                f
                for f in self.heading_forms
                if len(name_words(f)) > len(name_words(best)) and set(name_words(f)) <= seen
            ]
            if fuller:
                best = max(fuller, key=lambda f: (len(name_words(f)), self.heading_forms[f], -len(f)))
        words = best.split()
        if self.kind == PERSON and best.isupper():
            # a label in capitals ("PRIME MINISTER KISHIDA") is typography: the case the text writes the
            # name in elsewhere ("Prime Minister Kishida"); an acronym never written otherwise stays
            mixed = {
                w
                for f in (*self.forms, *self.heading_forms, *self.aliases)
                for w in f.split()
                if not w.isupper()
            }
            best = " ".join(w.title() if w.title() in mixed else w for w in words)
            words = best.split()
        if self.kind != PERSON or len(words) < 2:
            return best
        # "KAMIKAWA Yoko": a family name in capitals before one given name ("POLITICO New York" is none)
        family = (
            next((w for w in words if w.casefold() in self.caps and w.casefold() not in given_names), None)
            if len(words) == 2
            else None
        )
        if family is None:
            # "Kamikawa Yoko" with "Minister Kamikawa" elsewhere: the word a title goes with is the
            # family name. Only a first word is moved: "Bill de Blasio", "Joseph R. Biden Jr." stay.
            # A known given name must remain: "President Prabowo" does not make "Prabowo Subianto" a
            # family name first (as "Minister Kamikawa" does for "Kamikawa Yoko").
            alone = [w for w in words if self.titled_alone[w.casefold()] and w.casefold() not in given_names]
            family = (
                alone[0]
                if len(alone) == 1
                and alone[0] == words[0]
                and any(w.casefold() in given_names for w in words[1:])
                else None
            )
        if family is None:
            return best
        words = [w.title() if w.isupper() else w for w in words]
        family = family.title() if family.isupper() else family
        if family == words[0] and family.casefold() in family_first:
            return " ".join(words)
        return " ".join([*(w for w in words if w != family), family])


#: How much a gendered given name counts toward a person's gender, against one pronoun after the name.
GIVEN_NAME_WEIGHT = 2


class Resolver:
    def __init__(self, doc: Doc, text: str, turns: tuple[Turn, ...], lang: LanguageRules) -> None:
        self.doc = doc
        self.text = text
        self.lang = lang
        self.lex = lang.lexicon
        self.tags = lang.tags
        self.turns = turns
        self.entities: list[Entity] = []
        self.by_token: dict[int, Entity] = {}
        self._labels: dict[tuple[int, int], Entity] = {}
        self._orgs = {(e.start, e.end): True for e in doc.ents if e.label_ in self.tags.org_entities}
        #: the organisations the document names, without their article ("White House")
        self._body_names = {
            e[1:].text if e[0].lower_ in lang.lexicon.determiners else e.text
            for e in doc.ents
            if e.label_ in self.tags.org_entities
        }
        self.quoted = Intervals(())  # inside quotations: names there are the speaker's words
        self.layout = layout_of(text, lang.marks)
        self._collect_names()

    # -- names -------------------------------------------------------------

    def _title_words(self, toks: list[Token]) -> int:
        """How many of the first tokens are one title: ``SECRETARY-GENERAL`` is three tokens, one title."""
        if len(toks) > 2 and toks[2].i == toks[0].i + 2:
            joined = self.doc[toks[0].i : toks[2].i + 1].text
            if not any(ch.isspace() for ch in joined) and self.lex.is_title(joined):
                return 3
        return 1 if self.lex.is_title(toks[0].text) else 0

    def _strip_titles(self, span: Span, kind: str = PERSON) -> tuple[Span, list[Token]]:
        """The name without its titles; an organisation keeps them (``Justice Department``)."""
        if kind == PERSON:
            commas = [t.i for t in span if t.text in self.lang.marks.comma and t.i > span.start]
            if commas and commas[-1] + 1 < span.end:
                span = self.doc[
                    commas[-1] + 1 : span.end
                ]  # "the White House, Obama is ...": the name is after it
        toks = [t for t in span if not t.is_punct or t.text in self.lang.marks.name_punct]
        titles = []
        last_run = 0  # tokens in the last title taken
        while toks:
            run = self._title_words(toks) if kind == PERSON else 0
            if not run and toks[0].lower_ not in self.lex.determiners:
                break
            last_run = run or 1
            titles += toks[:last_run]
            del toks[:last_run]
        if kind == PERSON and not titles:
            for k in range(len(toks) - 1, 1, -1):
                if self.doc[toks[0].i : toks[k - 1].i + 1].text in self._body_names:
                    toks = toks[k:]  # "White House Obama": a body's name (of two words or more) run into it
                    break
        owner = next(
            (n for n, t in enumerate(toks) if n and t.lower_ in self.lang.marks.possessive_ends), None
        )
        if kind == PERSON and owner is not None:
            toks = toks[:owner]  # "Qin Gang's Regular Press Conference": the name ends at its possessive
        while toks and (toks[-1].is_punct or toks[-1].lower_ in self.lang.marks.possessive_ends):
            toks.pop()
        if not toks:
            if len(titles) > 1 and last_run == 1 and titles[-1].lower_ not in self.lex.determiners:
                # "Minister Bishop": a family name that is also a title; the last word is the name
                return self.doc[titles[-1].i : titles[-1].i + 1], titles[:-1]
            return span[0:0], titles
        return self.doc[toks[0].i : toks[-1].i + 1], titles

    def _role_words(self, name: Span) -> set[str]:
        """Title words before the name, and an appositive role after or before it."""
        roles: set[str] = set()
        titles, tags = self.lex.titles, self.tags
        i = name.start - 1
        while i >= 0 and (self.doc[i].text in titles or self.doc[i].lower_ in self.lex.title_links):
            if self.doc[i].text in titles:
                roles.add(self.doc[i].lower_.rstrip(self.lang.marks.abbreviation))
            i -= 1
        root = name.root
        heads = [c for c in root.children if c.dep_ in tags.apposition_deps]
        if root.dep_ in tags.apposition_deps:
            heads.append(root.head)
        for h in heads:
            for t in h.subtree:
                if (t.pos_ in tags.noun_pos or t.text in titles) and not name.start <= t.i < name.end:
                    roles.add(t.lower_)
        return {r for r in roles if r not in self.lex.honorifics}

    def _describe(self, ent: Entity, span: Span, name: Span, titles: list[Token]) -> None:
        """The titles written with a name, the description set beside it, and the place or body they tie it to."""
        doc, lex, tags = self.doc, self.lex, self.tags
        start = name.start
        titled = False
        i = name.start - 1
        while i >= 0 and name.start - i <= MAX_TITLE_WORDS:
            t = doc[i]
            if lex.is_title(t.text):
                titled = True
            elif not (
                t.lower_ in lex.title_links
                or (
                    t.text[:1].isupper()
                    and t.is_alpha
                    and t.pos_ in tags.title_word_pos
                    and t.ent_type_ not in tags.affiliation_entities
                )
            ):
                break
            start = i
            i -= 1
        if not titled:
            start = name.start
        while start < name.start and doc[start].lower_ in lex.title_links:
            start += 1
        title = [t for t in doc[start : name.start] if not t.is_punct]
        if title and not all(t.lower_.rstrip(self.lang.marks.abbreviation) in lex.honorifics for t in title):
            ent.titles[doc[title[0].i : title[-1].i + 1].text] += 1
        around: list[Span] = []
        before = start - 1
        if before >= 1 and doc[before].lower_ in self.lang.marks.possessive_ends:
            before -= 1  # "Japan's Foreign Minister"
        runs_into_name = before + 1 < len(doc) and doc[before + 1].ent_iob == ENT_GOES_ON
        if before >= 0 and doc[before].ent_type_ in tags.affiliation_entities and not runs_into_name:
            # (an entity that runs on into the name is the recogniser's misreading of the name:
            # "the Hon Penny Wong" as an organisation)
            first = before
            while first > 0 and doc[first].ent_iob == ENT_GOES_ON:
                first -= 1
            around.append(doc[first : before + 1])  # "U.S. Secretary of State", "Florida Sen."
        root = name.root
        others: list[Span] = []
        for c in root.children:
            if c.dep_ in tags.apposition_deps and not name.start <= c.i < name.end and self._for_a_person(c):
                others.append(doc[c.left_edge.i : c.right_edge.i + 1])
        if root.dep_ in tags.apposition_deps and root.head.i < name.start and self._for_a_person(root.head):
            # "The spokesman for the foreign ministry, Omar Haddad": all before the name
            others.append(doc[root.head.left_edge.i : name.start])
        elif name.start >= 2 and doc[name.start - 1].text in self.lang.marks.comma:
            # "According to the city's transportation director, Paul Okafor, ...": parsed apart
            before = doc[name.start - 2]
            head = next(
                (
                    a
                    for a in [before, *before.ancestors]
                    if a.right_edge.i == before.i and self._for_a_person(a)
                ),
                None,
            )
            if head is not None:
                others.append(doc[head.left_edge.i : head.i + 1])
        for o in others:
            text = o.text.strip(self.lang.marks.edge_punct)
            if text and "\n" not in text and len(text.split()) <= MAX_DESCRIPTION_WORDS:
                ent.descriptions[text] += 1
                around.append(o)
        for c in root.children:
            # "President Enrique Pena Nieto of Mexico", "Sen. Marco Rubio of Florida"
            if c.dep_ in tags.preposition_deps and c.lower_ in lex.title_links and c.i >= name.end:
                around += [
                    doc[o.left_edge.i : o.right_edge.i + 1] for o in c.children if o.dep_ in tags.object_deps
                ]
        for part in around:
            found = self._first_entity(part, tags.affiliation_entities)
            if found is not None:
                words = found.split()
                if words and words[0].lower() in self.lex.definite_articles:
                    words = words[1:]  # "the White House"
                ent.affiliations[" ".join(words)] += 1

    def _first_entity(self, part: Span, labels: frozenset[str]) -> str | None:
        """The text of the first entity of one of ``labels`` that starts in ``part`` (read off the tokens:
        ``Span.ents`` rebuilds the document's entity list on every call)."""
        for t in part:
            if t.ent_iob == ENT_BEGINS and t.ent_type_ in labels:
                end = t.i + 1
                while end < len(self.doc) and self.doc[end].ent_iob == ENT_GOES_ON:
                    end += 1
                return self.doc[t.i : end].text
        return None

    def _for_a_person(self, head: Token) -> bool:
        """A noun phrase that can describe a person: a noun for people or a title at its head."""
        return head.lemma_.lower() in self.lex.human_nouns or self.lex.is_title(head.text.title())

    def _add_name(self, span: Span, kind: str) -> Entity | None:
        name, titles = self._strip_titles(span, kind)
        if len(name) == 0:
            return None
        if kind == PERSON and any(t.pos_ in self.tags.coordinator_pos for t in name):
            return None  # "Netanyahu and Obama": two people, each found on their own
        form = name.text
        words = set(name_words(form))
        if not words or words <= self.lex.groups:
            return None  # "Foreign Ministers" tagged as a name: a group of people, not anyone's name
        parts = [t.text for t in span if not t.is_space and t.lower_ not in self.lex.determiners]
        if (
            kind == PERSON
            and len(parts) > 1
            and parts[0].lower() in self.lex.bodies
            and self.lex.is_title(parts[-1])
        ):
            return None  # "Department Spokesperson", "Embassy Spokesman": an office, nobody's name
        ent = self._match(words, kind)
        if ent is None and kind != PERSON:
            ent = self._by_acronym(form)
        if ent is None:
            ent = Entity(len(self.entities), kind)
            self.entities.append(ent)
        ent.words |= words
        before = self.doc[name.start - 1] if name.start > 0 else None
        titled = any(t.lower_ not in self.lex.determiners for t in titles) or (
            before is not None and self.lex.is_title(before.text)
        )
        if self._in_title_case_heading(span.start_char) and not titled and not self._byline(name):
            ent.heading_forms[form] += 1  # "Press Conference by Foreign Minister Hana Sato" is trusted
        else:
            ent.forms[form] += 1
        if len(words) == 1 and (titles or kind == PERSON):
            ent.alone[next(iter(words))] += 1
            if titled:
                ent.titled_alone[next(iter(words))] += 1
        for t in name:
            if (
                t.text.isupper()
                and len(t.text) > 1
                and t.is_alpha
                and kind == PERSON
                and not self.lang.patterns.roman_numeral.fullmatch(t.text)
            ):
                ent.caps.add(t.lower_)  # a family name in capitals (TANAKA Hiroko), not a suffix (III)
        if kind == PERSON:
            for w in _given_part(name):
                g = self.lex.first_names.get(w.text.casefold())
                if g is not None and w.text.casefold() not in ent.caps:
                    # a given name outweighs the nearest pronoun, which may be another's ("Holt
                    # criticised the president, saying he had failed")
                    ent.gender[g] += GIVEN_NAME_WEIGHT
                    break
        for t in titles:
            g = self.lex.titles.get(t.text)
            if g is not None and g.gendered:
                ent.gender[g.gender] += 2
        self._describe(ent, span, name, titles)
        ent.roles |= self._role_words(name) | {
            t.lower_.rstrip(self.lang.marks.abbreviation)
            for t in titles
            if t.lower_ not in self.lex.determiners
        }
        ent.positions.append(span.start_char)
        for t in span:
            self.by_token[t.i] = ent
        if titles and titles[0].lower_ not in self.lex.determiners:
            ent.aliases.add(span.text.strip())
        return ent

    def names_only(self, form: str, e: Entity) -> bool:
        """An alias is a name, with or without its titles: never a description (``Jane Smith, the
        party leader``), a role noun alone (``the Secretary``) or a pronoun."""
        marks = self.lang.marks
        if any(c in form for c in marks.comma) or "\n" in form:
            return False
        own = {w.rstrip(marks.abbreviation) for w in e.words}
        edges = marks.abbreviation + marks.chars + marks.edge_punct
        raw = [w for w in form.split() if any(ch.isalpha() for ch in w)]
        link = next(
            (
                i
                for i, w in enumerate(raw)
                if w.lower() in self.lex.title_links and i and fold(raw[i - 1]).strip(edges) in own
            ),
            None,
        )
        if (
            link is not None
            and len(raw) - link - 1 <= MAX_TITLE_WORDS
            and all(w[:1].isupper() for w in raw[link + 1 :])
        ):
            raw = raw[:link]  # "Sen. Ted Cruz of Texas", "Robert Gordon of Northwestern University"
        words = [fold(w).strip(edges) for w in raw]
        if not words or words[-1] not in own:
            return False  # "A Clinton ally", "Sanders's supporters": someone else
        name = 0
        while name < len(words) and words[len(words) - 1 - name] in own:
            name += 1
        # The name, and what is written before it as its title ("Former Florida Gov. Jane Doe",
        # "Democratic pollster Geoff Garin"); never a clause or an apposition.
        return len(words) - name <= MAX_TITLE_WORDS

    def _byline(self, name: Span) -> bool:
        """``Matthew Miller, Department Spokesperson``: a heading line that opens with the name and sets
        it off by a comma names the person (no headline's verb runs on into it)."""
        after = name.end
        return (
            self.layout.line_start(name.start_char) == name.start_char
            and after < len(self.doc)
            and self.doc[after].text in self.lang.marks.comma
        )

    def _in_title_case_heading(self, pos: int) -> bool:
        """A headline in title case, whose verbs the recogniser takes for names (``Wang Yi Meets ...``)."""
        if not self.layout.in_heading(pos):
            return False
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        words = [w for w in self.text[start : end if end >= 0 else len(self.text)].split() if w[:1].isalpha()]
        capitalised = sum(w[:1].isupper() for w in words)
        return len(words) >= MIN_HEADLINE_WORDS and capitalised >= TITLE_CASE_SHARE * len(words)

    def _by_acronym(self, form: str) -> Entity | None:
        """``the European Union`` ... ``the EU``: a body's name and its acronym name one body; the
        latest body whose name the acronym spells (or whose acronym the name makes)."""
        short, spelled = acronym(form), initials(form)
        if short is None and spelled is None:
            return None
        for e in reversed(self.entities):
            if e.kind == PERSON:
                continue
            for f in (*e.forms, *e.heading_forms):
                if (short is not None and initials(f) == short) or (
                    spelled is not None and acronym(f) == spelled
                ):
                    return e
        return None

    def _match(self, words: set[str], kind: str) -> Entity | None:
        fits = [
            e
            for e in self.entities
            if (words <= e.words or e.words <= words)
            and (
                e.kind == kind
                or (kind == PERSON and e.kind == LABEL)
                # NER often calls a lone surname an organisation: "According to Reyes" after "Tom Reyes".
                or (e.kind == PERSON and words < e.words)
            )
        ]
        if not fits:
            return None
        return max(fits, key=lambda e: e.positions[-1] if e.positions else -1)

    def _collect_names(self) -> None:
        for ent in self.doc.ents:
            if (
                ent.label_ in self.tags.name_entities
                and ent.text.casefold() not in self.lex.platforms
                # "QUESTION:" tagged as a person: a role label, its turns' speaker and nobody's name
                and ent.text.casefold() not in self.lex.transcript_labels
            ):
                person = (
                    ent.label_ in self.tags.person_entities
                    or self._given_name_first(ent)
                    or self._titled_person(ent)
                )
                if person and len(ent) > 1 and ent[-1].lower_ in self.lex.bodies:
                    person = False  # "the Obama White House", "Sanders campaign": a body named after someone
                if person:
                    ent = self._whole_name(ent)
                got = self._add_name(ent, PERSON if person else ORG)
                if got is not None:
                    self._gender_from_pronoun(got, ent)
        self._collect_titled_names()
        self._collect_unlabelled_full_names()
        for t in self.turns:
            self.label_entity(t)
        self._count_bare_names()

    def _titled_person(self, ent: Span) -> bool:
        """``PM Modi`` tagged as an organisation after ``Narendra Modi``: a title, then the name of a
        person named before (``General Motors`` names nobody)."""
        words = [t for t in ent if t.lower_ not in self.lex.determiners]
        if len(words) < 2 or not self.lex.is_title(words[0].text):
            return False
        rest = set(name_words(" ".join(t.text for t in words[1:])))
        return bool(rest) and any(e.kind == PERSON and rest <= e.words for e in self.entities)

    def _given_name_first(self, ent: Span) -> bool:
        """``Carly Fiorina``, ``the Hon Penny Wong`` tagged as an organisation: titles and articles
        aside, a given name opens a name of two words or more."""
        words = [t for t in ent if t.lower_ not in self.lex.determiners and not self.lex.is_title(t.text)]
        return len(words) > 1 and words[0].text.casefold() in self.lex.first_names

    def _whole_name(self, ent: Span) -> Span:
        """``Spokesperson Jonas | Berg``: a person's name the recogniser cut short runs on over the
        capitalised proper nouns right after it; ``Antony | J. Blinken`` over a given name before
        it (one the lexicon knows, or any before a middle initial)."""
        doc, start, end = self.doc, ent.start, ent.end
        while (
            end < len(doc)
            and end - ent.end < MAX_GIVEN_NAMES
            and self._name_word(doc[end])
            and doc[end - 1].whitespace_ == " "
            and not any(c.dep_ in self.tags.subject_deps for c in doc[end].children)
        ):
            end += 1  # but not over a headline's verb ("Minister Cho Tae-yul Holds Talks")
        initial = len(ent[0].text) == 2 and ent[0].text[0].isupper() and not ent[0].text[1].isalnum()
        while (
            start > 0
            and ent.start - start < MAX_GIVEN_NAMES
            and self._name_word(doc[start - 1])
            and doc[start - 1].whitespace_ == " "
            and (
                initial
                or doc[start - 1].text.casefold() in self.lex.first_names
                or self._after_honorific(start - 1)
            )
        ):
            start -= 1
        return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)

    def _after_honorific(self, i: int) -> bool:
        """``Mr. Filipe Jacinto Nyusi``: the word right after a title of address starts the name, even
        where the recogniser began it a word later."""
        return i > 0 and self.lex.is_honorific(self.doc[i - 1].text)

    def _name_word(self, tok: Token) -> bool:
        """A capitalised proper noun outside any entity that is no title: a word of a name."""
        return (
            tok.pos_ in self.tags.proper_noun_pos
            and tok.text[:1].isupper()
            and tok.is_alpha
            and not tok.ent_type_
            and not self.lex.is_title(tok.text)
        )

    def _collect_titled_names(self) -> None:
        """``Mayor Ana Ruiz``: capitalised proper nouns after a title are a person's name, whatever NER said."""
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            j = i + 1
            if tok.text in self.lex.titles and not tok.ent_type_:
                while (
                    j < len(doc)
                    and j - i <= 3
                    and doc[j].pos_ in self.tags.proper_noun_pos
                    and doc[j].text[:1].isupper()
                ):
                    if (
                        doc[j].text in self.lex.titles
                        or (doc[j].ent_type_ and doc[j].ent_type_ not in self.tags.person_entities)
                        or doc[j].lower_ in self.lex.bodies  # "Commissioner Office": a body, not a name
                    ):
                        break
                    j += 1
                if j > i + 1 and not any(t.i in self.by_token for t in doc[i + 1 : j]):
                    self._add_name(doc[i:j], PERSON)
                    i = j
                    continue
            i += 1

    def _collect_unlabelled_full_names(self) -> None:
        """``Ana Ruiz, the mayor, ...`` then ``Ruiz said``: two or three proper nouns NER left unlabelled
        are a person's full name when the last of them stands alone elsewhere in the document."""
        doc = self.doc

        def namelike(t: Token) -> bool:
            return (
                t.tag_ in self.tags.proper_noun_tags
                and t.is_alpha
                and t.text[:1].isupper()
                and not t.ent_type_
                and t.text not in self.lex.titles
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
                self._add_name(doc[start:end], PERSON)

    def _count_bare_names(self) -> None:
        """Name words NER left out or mislabelled still count as mentions of the one person they name."""
        owners: dict[str, list[Entity]] = {}
        for e in self.entities:
            if e.kind == PERSON:
                for w in e.words:
                    owners.setdefault(w, []).append(e)
        for tok in self.doc:
            if tok.i in self.by_token or not tok.text[:1].isupper():
                continue
            found = owners.get(fold(tok.text), [])
            if len(found) == 1:
                found[0].positions.append(tok.idx)
                found[0].aliases.add(tok.text)
                self.by_token[tok.i] = found[0]
        for e in self.entities:
            e.positions.sort()

    def _gender_from_pronoun(self, ent: Entity, span: Span) -> None:
        """The first singular pronoun after a name in its sentence tells the person's gender."""
        if ent.kind != PERSON:
            return
        for tok in self.doc[span.end : min(span.sent.end, span.end + 12)]:
            p = self.lex.pronouns.get(tok.lower_)
            if p is not None and p.person == 3 and p.gendered:
                ent.gender[p.gender] += 1
                return
            if tok.ent_type_ in self.tags.person_entities:
                return

    def label_entity(self, turn: Turn) -> Entity:
        """The speaker a turn's label names (once per label occurrence: every paragraph of a turn shares it)."""
        known = self._labels.get(turn.label)
        if known is None:
            known = self._labels[turn.label] = self._label_entity(turn)
        return known

    def _label_entity(self, turn: Turn) -> Entity:
        label = self.text[turn.label[0] : turn.label[1]]
        sep = self.lang.marks.label_separator
        name_part = label.split(sep)[0].strip()
        known = self._label_person(name_part)
        if known is not None:
            if self.names_only(name_part, known):
                known.aliases.add(name_part)  # "MR PRICE", not "A" or "Minister"
            known.positions.append(turn.label[0])
            return known
        if name_part.casefold() in self.lex.follow_up_labels:
            asker = self._last_asker(turn)
            if asker is not None:
                asker.positions.append(turn.label[0])
                return asker
        span = self.doc.char_span(turn.label[0], turn.label[0] + len(name_part), alignment_mode="expand")
        role = (
            name_part.casefold() in self.lex.transcript_labels
            or name_part.casefold() in self.lex.answer_labels
        )
        if role or span is None:
            return self._role_label(name_part, turn)
        kind = ORG if self._orgs.get((span.start, span.end)) else PERSON
        ent = self._add_name(span, kind)
        if ent is None:
            return self._role_label(name_part, turn)  # "SECRETARY-GENERAL": an office, no name in it
        after = label.split(sep, 1)[-1].split() if sep in label else []
        # "SMITH, ANNA": one family name first, then the given name ("Nikkei Shimbun, Ito" is an outlet
        # and its reporter, no name turned round)
        given = self._given_names(after) if len(name_part.split()) == 1 else []
        if given and kind == PERSON and ent.kind == PERSON:
            # "SMITH, ANNA": family name first, then the given name: "Anna Smith"
            full = " ".join(w.title() if w.isupper() else w for w in (*given, *name_part.split()))
            ent.forms[full] += 2
            ent.words |= set(name_words(full))
            ent.aliases.add(label.strip())
        else:
            ent.roles |= {w.lower() for w in after if w[:1].isupper()}
        ent.aliases.add(name_part)
        return ent

    def _last_asker(self, turn: Turn) -> Entity | None:
        """Who asked before the last answer: the speaker of the latest earlier turn that is not the one
        who spoke last (``Bloomberg: ...``, ``Mao Ning: ...``, ``Follow-up: ...`` is Bloomberg again)."""
        earlier = list(
            {t.index: t for t in self.turns if t.label[0] < turn.label[0] and not t.signed}.values()
        )
        if len(earlier) < 2:
            return None
        answerer = self.label_entity(earlier[-1])
        return next((e for t in reversed(earlier[:-1]) if (e := self.label_entity(t)) is not answerer), None)

    def _role_label(self, name_part: str, turn: Turn) -> Entity:
        """The speaker of a label that names a role, not a person (``Reporter``, ``QUESTION``, an
        office alone): one entity for every turn the same label opens."""
        words = set(name_words(name_part))
        ent = next((e for e in self.entities if e.kind == LABEL and e.words == words), None)
        if ent is None:
            ent = Entity(len(self.entities), LABEL, words=words)
            self.entities.append(ent)
        ent.forms[name_part] += 1
        ent.positions.append(turn.label[0])
        return ent

    def _given_names(self, words: list[str]) -> list[str]:
        """After a label's comma, one or two capitalised words and no title are given names."""
        if not 0 < len(words) <= MAX_GIVEN_NAMES:
            return []
        if any(
            self.lex.is_title(w) or w.lower() in self.lex.title_links or not w[:1].isupper() for w in words
        ):
            return []
        return words

    def _label_person(self, name_part: str) -> Entity | None:
        """The person a label names when the document names them in full elsewhere: ``MR PRICE`` is Ned
        Price, ``FOREIGN MINISTER ORTIZ`` Lena Ortiz; a bare office (``Minister:``) or an answer label
        (``A.``) is the person the heading names with that office."""
        words = name_part.split()
        titles = [i for i, w in enumerate(words) if self.lex.is_title(w)]
        rest = {fold(w) for w in words[titles[-1] + 1 :]} if titles else {fold(w) for w in words}
        people = [e for e in self.entities if e.kind == PERSON and e.positions]
        if titles and rest:
            fits = [e for e in people if rest <= e.words and len(e.words) > len(rest)]
            return fits[0] if len(fits) == 1 else None
        if titles and not rest and len(words) > 1:
            # "MINISTER BISHOP": a name that is also a title (Bishop, Dean, King) names the person first.
            last = fold(words[-1])
            fits = [e for e in people if last in e.words and len(e.words) > 1]
            if len(fits) == 1:
                return fits[0]
            if self._used_as_name(words[-1]):
                return None  # the label's own name ("Minister Bishop" in the text): a person of its own
        principal = self._principal()
        if name_part.casefold() in self.lex.answer_labels:
            return principal
        if titles and not rest:
            office = {fold(w).rstrip(self.lang.marks.abbreviation) for w in words}
            if principal is not None and office & principal.roles:
                return principal
            fits = [e for e in people if office & e.roles]
            return fits[0] if len(fits) == 1 else None
        return None

    def _used_as_name(self, word: str) -> bool:
        """The word follows another title somewhere in the text (``Minister Bishop``): a name there.
        Not after a title of address (``Mr. President``, ``Madam Secretary``): that is the office."""
        folded = fold(word)
        return any(
            fold(t.text) == folded
            and t.i > 0
            and self.lex.is_title(t.nbor(-1).text)
            and fold(t.nbor(-1).text) != folded
            and t.nbor(-1).lower_.rstrip(self.lang.marks.abbreviation) not in self.lex.honorifics
            for t in self.doc
        )

    def _principal(self) -> Entity | None:
        """The person a transcript is about: the titled person its first lines name."""
        head_end = self._head_end()
        titled = [
            e
            for e in self.entities
            if e.kind == PERSON and e.roles and e.positions and e.positions[0] < head_end
        ]
        # A full name before a single word a title-case heading passed off as one.
        return min(titled, key=lambda e: (len(e.words) < 2, e.positions[0])) if titled else None

    def _head_end(self) -> int:
        """Where the document's heading lines end (its first paragraph that is a turn or prose starts)."""
        first_turn = min((t.label[0] for t in self.turns), default=len(self.text))
        return first_turn

    # -- mentions ------------------------------------------------------------

    def entities_of_head(self, head: Token) -> list[Entity]:
        """The entity the mention's head names, with names coordinated to it (``X and Y``, ``X, Y``)."""
        first = self.by_token.get(head.i)
        if first is None or first.kind not in (PERSON, ORG, LABEL):
            return []
        found = [first]
        for c in self.lang.coordinated(head):
            if c is not head:
                e = self.by_token.get(c.i)
                if e is None:
                    # "X and her counterpart Y": the conjunct is a role, the name in apposition to it
                    # (or made a second subject by the parser, right after it)
                    e = next(
                        (
                            self.by_token[a.i]
                            for a in c.children
                            if a.dep_ in self.tags.apposition_deps and a.i in self.by_token
                        ),
                        None,
                    )
                    cut_off = self.lang.name_cut_off(head)
                    if e is None and cut_off is not None and cut_off.i in self.by_token:
                        e = self.by_token[cut_off.i]
                if e is not None and e not in found and e.kind in (PERSON, ORG):
                    found.append(e)
        return found

    def entities_in(self, off: Offsets) -> list[Entity]:
        span = self.doc.char_span(off[0], off[1], alignment_mode="expand")
        if span is None:
            return []
        found: list[Entity] = []
        for t in span:
            e = self.by_token.get(t.i)
            if e is not None and e not in found and e.kind in (PERSON, ORG, LABEL):
                found.append(e)
        if len(found) > 1 and not any(t.dep_ in self.tags.coordination_deps for t in span):
            # "White House press secretary Josh Earnest": a description ending in the name it describes.
            people = [e for e in found if e.kind == PERSON]
            found = [people[-1] if people else found[-1]]
        if not found:
            # A name NER labelled otherwise ("Tanaka" as GPE): match its words to a known person.
            words = {fold(t.text) for t in span if t.text[:1].isupper() and t.text not in self.lex.titles}
            if words:
                fits = [e for e in self.entities if e.kind in (PERSON, ORG) and words <= e.words]
                if fits:
                    found.append(max(fits, key=lambda e: (e.kind == PERSON, len(e.positions))))
                    return found
            # Proper nouns the tagger saw but NER missed ("Minister Tanaka" tagged as GPE, say).
            run = [
                t
                for t in span
                if t.pos_ in self.tags.proper_noun_pos
                and t.text[:1].isupper()  # a lower-case word tagged PROPN ("the minister") is a tagging slip
                and t.text not in self.lex.titles
                and t.lower_ not in self.lex.groups  # "The two Foreign Ministers": a group, not a name
                and t.ent_type_ not in self.tags.not_name_entities
            ]
            if run and span.root.pos_ in self.tags.proper_noun_pos:
                e = self._add_name(self.doc[run[0].i : run[-1].i + 1], PERSON)
                if e is not None:
                    found.append(e)
        return found


def resolve_speakers(ctx: Context, found: list[Candidate]) -> tuple[tuple[Speaker, ...], list[Candidate]]:
    """The stage: one entity per person (or body) that speaks, and each quote's speakers."""
    turns = ctx.turns
    r = Resolver(ctx.doc, ctx.text, turns, ctx.lang)
    r.quoted = Intervals((q.start, q.end) for q in ctx.quoted if q.closed)
    turn_of: dict[int, Turn] = {}
    turn_span: dict[int, Offsets] = {}
    for t in turns:
        turn_of.setdefault(t.index, t)
        s, e = turn_span.get(t.index, t.content)
        turn_span[t.index] = (min(s, t.content[0]), max(e, t.content[1]))
    turn_by_span = {t.content: t for t in turns if t.content[1] > t.content[0]}
    turn_index = Intervals(turn_by_span)
    last: list[Entity] = []  # speakers of the last quote, for salience (no document or publication)
    last_said: list[Entity] = []  # speakers of the last quote, whoever: the next cue-less quote is theirs
    last_group: list[Entity] = []
    last_body: list[Entity] = []  # the last organisation that spoke: "the statement says" is its statement
    contents = Contents(c.content for c in found)  # speech reported inside another is not who goes on
    resolved: list[Candidate] = []
    for c in sorted(
        found, key=lambda c: c.content[0] if c.mention is None else min(c.mention[0], c.content[0])
    ):
        speakers: list[Entity] = []
        how: How | None = None
        turn = _turn_at(c, turn_index, turn_by_span)
        if c.kind == "transcript" and turn is not None:
            speakers, how = [r.label_entity(turn)], How.LABEL
        elif c.mention is not None:
            speakers, how = _resolve_mention(r, c, turn, turn_span, last, last_group, last_body)
            speakers = _with_counterpart(r, c, speakers)
        elif c.context_speaker and last_said:
            speakers, how = list(last_said), How.CONTEXT
        if speakers and not contents.inside_another(c.content):
            last_said = speakers  # "X said that Russia appreciates A. Russia is ready to B.": X goes on
        if speakers and not all(e.thing for e in speakers):
            last = speakers
            if len(speakers) > 1:
                last_group = speakers
            bodies = [e for e in speakers if _is_body(e, r)]
            if bodies:
                last_body = bodies
        conf = c.confidence * (ATTRIBUTION_CONFIDENCE.get(how, 1.0) if speakers and how else 0.9)
        resolved.append(
            c.with_(
                speaker=tuple(str(e.key) for e in speakers),
                confidence=conf,
                resolved_by=how.name.lower() if speakers and how else None,
            )
        )
    # Ids and aliases for the entities that speak.
    used = {k for c in resolved for k in c.speaker}
    ids: dict[str, str] = {}
    speakers_out: list[Speaker] = []
    taken: set[str] = set()
    for e in r.entities:
        if str(e.key) not in used:
            continue
        name = e.canonical(r.lex) or UNKNOWN_SPEAKER
        sid = slug(name)
        n = 2
        while sid in taken:
            sid, n = f"{slug(name)}-{n}", n + 1
        taken.add(sid)
        ids[str(e.key)] = sid
        aliases = sorted({f for f in (*e.forms, *e.aliases) if f and f != name and r.names_only(f, e)})
        speakers_out.append(_speaker(sid, name, tuple(aliases), e))
    final = [c.with_(speaker=tuple(dict.fromkeys(ids[k] for k in c.speaker))) for c in resolved]
    return tuple(speakers_out), final


def _given_part(name: Span | list[Token]) -> list[Token]:
    """The words of a name that may be given names: all but the last word written apart, which is the
    family name (``Karine Jean-Pierre``: not "Jean"); a name of one word may be a given name."""
    toks = list(name)
    last = len(toks) - 1
    while last > 0 and not toks[last - 1].whitespace_:
        last -= 1  # "Jean-Pierre" is one word of three tokens
    return toks[:last] if last > 0 else toks


def _with_counterpart(r: Resolver, c: Candidate, speakers: list[Entity]) -> list[Entity]:
    """``Kamikawa held talks with Blinken and agreed to A``: one person's reciprocal act after a meeting
    with another is both (spec 1.1: the speaker of a joint act is every member)."""
    if len(speakers) != 1 or speakers[0].kind != PERSON or c.cue_token is None:
        return speakers
    party = r.lang.counterpart(r.doc[c.cue_token])
    if party is None:
        return speakers
    other = r.entities_of_head(party) or r.entities_in((party.idx, party.idx + len(party)))
    if len(other) == 1 and other[0] is not speakers[0] and other[0].kind == PERSON:
        return [speakers[0], other[0]]
    return speakers


def _speaker(sid: str, name: str, aliases: tuple[str, ...], e: Entity) -> Speaker:
    """The output entity: a person, an organisation or a group; one known only by a role or a
    description (``Reporter``, ``the company``) carries that as its title, so that no run links it
    to another document's."""
    titles = tuple(t for t, _ in e.titles.most_common())
    if e.kind == LABEL:
        return Speaker(sid, name, aliases, PERSON, (name,))
    if e.kind == PHRASE:
        return Speaker(
            sid, name, aliases if e.named else (), e.phrase_type or PERSON, () if e.named else (name,)
        )
    return Speaker(
        sid,
        name,
        aliases,
        e.kind,
        titles,
        tuple({fold(d): d for d, _ in reversed(e.descriptions.most_common())}.values())[::-1],
        e.affiliations.most_common(1)[0][0] if e.affiliations else None,
    )


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
    last_body: list[Entity] = (),  # type: ignore[assignment]
) -> tuple[list[Entity], How | None]:
    assert c.mention is not None
    doc, lex, tags = r.doc, r.lex, r.tags
    mtext = r.text[c.mention[0] : c.mention[1]]
    head: Token | None = doc[c.mention_token] if c.mention_token is not None else None
    folded = mtext.casefold().strip()
    pron = lex.pronouns.get(folded) or (
        lex.pronouns.get(head.lower_) if head is not None and len(mtext.split()) == 1 else None
    )
    if head is not None and head.pos_ in tags.proper_noun_pos:
        pron = None  # "US said": a country, not "us"
    # the turn's own speaker: "I" and "we" are them; "he", "they", "the coast guard" are someone else
    speaking = r.label_entity(turn) if turn is not None else None
    if pron is not None and pron.person == 1:
        if turn is None or speaking is None:
            return [], None
        joint = c.cue_token is not None and doc[c.cue_token].lemma_.lower() in lex.joint_verbs
        if pron.plural and joint:
            others = [
                e for e in r.entities_in(turn_span[turn.index]) if e is not speaking and e.kind == PERSON
            ]
            others += [e for e in last_group if e is not speaking and e not in others]
            return ([speaking, others[0]] if others else [speaking]), How.FIRST_PERSON
        return [speaking], How.FIRST_PERSON
    owner = lex.pronouns.get(folded.partition(" ")[0])
    if (
        owner is not None
        and owner.person == 1
        and owner.possessive  # "our government"; "US State Department" is no "us"
        and speaking is not None
        and head is not None
        and head.lemma_.lower() in lex.bodies
    ):
        return [speaking], How.FIRST_PERSON  # "Our government has urged ...": the speaker's own side
    if pron is not None and pron.person == 3:
        if pron.plural:
            return _group(r, c, last, last_group, speaking), How.GROUP
        return _by_gender(r, c, pron, last, speaking), How.PRONOUN
    words = [w for w in name_words(mtext) if w not in lex.determiners]
    if (
        head is not None
        and head.lemma_.lower() in lex.bodies
        and head.i not in r.by_token
        and not head.ent_type_  # "the White House" is a name; "Seoul's foreign ministry" (tagged PROPN) is not
        and not _starts_with_word(folded, lex.indefinite_articles)
    ):
        # "the Trump campaign", "the foreign ministry": the body speaks, not the person it is named after
        if words == [head.lower_] and _starts_with_word(folded, lex.definite_articles):
            earlier = _body_named_before(r, head.lower_, c.mention[0])
            if earlier is not None:
                earlier.positions.append(c.mention[0])
                earlier.aliases.add(mtext.strip())  # the short form names it again
                return [earlier], How.DEFINITE  # "the ministry" after "the Turkish defence ministry"
        body = _phrase_entity(r, head, c.mention)
        return ([body], How.PHRASE) if body.phrase_type else ([], None)
    if (
        head is not None
        and head.tag_ in tags.plural_noun_tags | tags.common_noun_tags
        and head.i not in r.by_token
        and (head.lemma_.lower() in lex.human_nouns or head.lemma_.lower() in lex.groups)
        and head.lemma_.lower() not in lex.speech_nouns
        and not _starts_with_word(folded, lex.referring)
        and any(t.i in r.by_token for t in _around(head, tags))
        and not any(c.dep_ in tags.apposition_deps and c.i in r.by_token for c in head.subtree)
    ):
        # "African Union officials", "aides to Clinton", "Sanders's supporters", "one Trump
        # confidant": people around a name, not its bearer: an entity of their own (unless a name
        # stands in apposition: "State Department spokesman, Mark Toner" is Toner)
        return [_phrase_entity(r, head, c.mention)], How.PHRASE
    holder = _title_initials(r, mtext)
    if holder is not None:
        _seen_as(r, [holder], c)
        return [holder], How.ROLE  # "EAM thanked him": the External Affairs Minister named before
    named = r.entities_of_head(head) if head is not None else []
    named = named or r.entities_in(c.mention)
    if named:
        _seen_as(r, named, c)
        return named, How.NAME
    counted = any(w in lex.group_counters for w in words)
    if head is not None and (
        counted or (r.lang.plural(head) and (head.lemma_.lower() in lex.groups or head.lower_ in lex.groups))
    ):
        # "the two ministers", "both leaders": the parties named before. A bare plural ("local
        # officials said") names people of its own, who become a speaker by that phrase below.
        referring = _starts_with_word(folded, lex.referring)
        # "two officials familiar with the call": a number alone (no "the", no "all") counts people not
        # met before
        counters = [t for t in head.subtree if t.i < head.i and t.lower_ in lex.group_counters]
        numbered = bool(counters) and all(t.pos_ in tags.number_pos for t in counters)
        members = _group(r, c, last, last_group) if referring or (counted and not numbered) else []
        if members:
            return members, How.GROUP
    indefinite = _starts_with_word(folded, lex.indefinite_articles)  # "a spokesperson": someone new
    several = counted and head is not None and head.tag_ in tags.plural_noun_tags  # never one person
    role, role_elsewhere = (None, False) if indefinite or several else _by_role(r, c, words)
    if role is not None:
        _seen_as(r, [role], c)
        return [role], How.ROLE
    if head is not None and head.lemma_.lower() in lex.speech_nouns:
        issuer = _issuer(r, head)
        if issuer is not None:
            return [issuer], How.PHRASE  # "a statement from the Turkish defence ministry": the ministry
        # "the press release says": the statement of the organisation that last spoke; "according to
        # reports", "press reports say": others, not named
        unnamed = (
            head.tag_ in tags.plural_noun_tags
            and not _starts_with_word(folded, lex.referring)
            and not any(ch.dep_ in tags.possessor_deps for ch in head.children)
        )
        orgs = [e for e in last if _is_body(e, r)] or list(last_body)
        if orgs and not unnamed:
            return orgs, How.ROLE
    definite = (
        head is not None
        and _starts_with_word(folded, lex.definite_articles)
        and head.tag_ in tags.common_noun_tags
    )
    if (
        definite
        and len(last) == 1
        and last[0].kind == PERSON
        and last[0] is not speaking  # in a turn, "the coast guard said" is someone the speaker reports
        and _may_be(last[0], head, r)
        and not role_elsewhere  # "the Mexican president" after President X of no stated country
    ):
        _seen_as(r, last, c)
        return [last[0]], How.DEFINITE
    parties = _coordinated_parties(r, head) if head is not None else []
    if len(parties) > 1:
        return parties, How.PHRASE  # "Washington and Moscow have said": each country speaks
    if head is not None and (head.pos_ not in tags.function_pos or _partitive(r, head) is not None):
        entity = _phrase_entity(r, head, c.mention)
        if entity.phrase_type is None:
            return [], None  # "50 percent", "my reaction": nothing that speaks
        return [entity], How.PHRASE
    return [], None


def _around(head: Token, tags: Tagset) -> list[Token]:
    """The words of ``head``'s phrase outside the head itself and outside an apposition to it."""
    appositions = [c for c in head.children if c.dep_ in tags.apposition_deps]
    inside = {t.i for a in appositions for t in a.subtree}
    return [t for t in head.subtree if t.i != head.i and t.i not in inside]


def _coordinated_parties(r: Resolver, head: Token) -> list[Entity]:
    """``South Korea and Japan agreed``: places and bodies named one by one and coordinated are each
    a party of the act (spec 1.1: the speaker of a joint act is every member), not one entity."""
    tags = r.tags
    heads = r.lang.coordinated(head)
    if len(heads) < 2 or not all(
        t.pos_ in tags.proper_noun_pos and t.ent_type_ in tags.affiliation_entities for t in heads
    ):
        return []
    spans = []
    for t in heads:
        ent = _entity_span(r.doc, t)
        if ent is None:
            return []
        spans.append((ent.start_char, ent.end_char))
    return [_phrase_entity(r, t, off) for t, off in zip(heads, spans, strict=True)]


def _entity_span(doc: Doc, tok: Token) -> Span | None:
    """The named-entity span the recogniser put ``tok`` in, if any."""
    return next((e for e in doc.ents if e.start <= tok.i < e.end), None)


def _body_named_before(r: Resolver, noun: str, pos: int) -> Entity | None:
    """The body last named before ``pos`` by a longer phrase with this noun (``the Turkish defence
    ministry``, ``Seoul's foreign ministry``), which ``the ministry`` then names again."""
    fits = [
        e
        for e in r.entities
        if e.kind in (PHRASE, ORG)
        and len(e.words) > 1
        and any(p < pos for p in e.positions)
        and any(
            form.casefold().split()[-1:] == [noun] for form in e.forms
        )  # its head: "company executives" is no company
    ]
    return max(fits, key=lambda e: max(p for p in e.positions if p < pos), default=None)


def _issuer(r: Resolver, statement: Token) -> Entity | None:
    """The body a statement comes from, named in a phrase on it (``a statement from the ministry``)."""
    for prep in statement.children:
        body = next((c for c in prep.children if c.dep_ in r.tags.object_deps), None)
        if body is None:
            continue
        if body.lemma_.lower() in r.lex.bodies:
            named = r.entities_of_head(body)
            if named:
                return named[0]
            return _phrase_entity(r, body, (body.left_edge.idx, body.idx + len(body)))
        ent = _entity_span(r.doc, body)
        if (
            ent is not None
            and ent.label_ in r.tags.affiliation_entities
            and body.pos_ in r.tags.proper_noun_pos
        ):
            # "a readout from New Delhi", "a statement from Beijing": the government the place stands for
            named = r.entities_of_head(body)
            return named[0] if named else _phrase_entity(r, body, (ent.start_char, ent.end_char))
    return None


def _starts_with_word(phrase: str, words: frozenset[str]) -> bool:
    """The phrase's first word is one of ``words`` and more follows (``the ministers``)."""
    first, space, _rest = phrase.partition(" ")
    return bool(space) and first in words


def _is_body(e: Entity, r: Resolver) -> bool:
    """An organisation: named as one, or a phrase headed by a noun for one (``the External Action Service``)."""
    return e.kind == ORG or (e.kind == PHRASE and bool(e.words & r.lex.bodies))


def _may_be(person: Entity, head: Token, r: Resolver) -> bool:
    """``the <noun>`` can name this person: not an organisation or a thing (``the paper``,
    ``thing_nouns.txt``), and no title the person is known without."""
    lemma = head.lemma_.lower()
    if lemma in r.lex.bodies or lemma in r.lex.thing_nouns:
        return False
    if head.text.title() in r.lex.titles and person.roles:
        return lemma in person.roles or head.lower_ in person.roles
    return True


def _seen_as(r: Resolver, entities: list[Entity], c: Candidate) -> None:
    """Keep the phrases that named a single speaker here: a titled name (``Former Gov. Jane Doe``) as an
    alias, a role or a description (``the governor``, ``Jane Doe, the party leader``) as a description."""
    if len(entities) != 1:
        return
    e = entities[0]
    for off in (c.mention, *c.mention_np):
        if off is not None:
            form = r.text[off[0] : off[1]].strip()
            if not form or len(form) > MAX_ALIAS_CHARS or "\n" in form or form.casefold() in r.lex.pronouns:
                continue
            if r.names_only(form, e):
                e.aliases.add(form)
            elif not set(name_words(form)) & e.words:
                e.descriptions[form] += 1  # (a name with its apposition: _describe took the apposition)


def _people_before(r: Resolver, pos: int) -> list[Entity]:
    seen = [(max((p for p in e.positions if p < pos), default=-1), e) for e in r.entities if e.kind == PERSON]
    return [e for p, e in sorted(seen, key=lambda x: -x[0]) if p >= 0]


def _by_gender(
    r: Resolver, c: Candidate, pron: Pronoun, last: list[Entity], speaking: Entity | None = None
) -> list[Entity]:
    """The person ``he``/``she`` names; never ``speaking``, the turn's own speaker, who says "I"."""
    last = [e for e in last if e is not speaking]

    def fits(e: Entity) -> bool:
        # a role label ("Reporter", "QUESTION") is addressed as "you", never "he" in the answer
        if e is speaking or (e.kind != PERSON and not (e.kind == PHRASE and e.human)):
            return False
        if not pron.gendered or not e.gender:
            return True
        return e.gender.most_common(1)[0][0] == pron.gender

    pos = c.mention[0] if c.mention else c.content[0]
    if len(last) == 1 and fits(last[0]):
        # "Mayor Jonas Berg was more cautious. '...,' he told reporters.": a person named in the pronoun's
        # paragraph, where the last speaker is not, is who "he" is.
        paragraph = r.text.rfind("\n", 0, pos) + 1
        named_here = [e for e in _people_before(r, pos) if _seen_between(e, paragraph, pos, r.quoted)]
        if named_here and last[0] not in named_here and fits(named_here[0]):
            return [named_here[0]]
        return [last[0]]
    before = [e for e in _people_before(r, pos) if fits(e)]
    subject = _subject_before(r, pos, before)
    if subject is not None:
        return [subject]
    return before[:1]


def _subject_before(r: Resolver, pos: int, people: list[Entity]) -> Entity | None:
    """``Blinken spoke with Foreign Minister Kuleba. He reiterated ...``: a pronoun whose own sentence
    names nobody before it goes on with the subject of the sentence before, not with the last name
    in it (an object or a companion)."""
    at = _token_at(r, pos)
    if at is None or not people:
        return None
    sent = at.sent
    if any(sent.start_char <= p < pos for e in people for p in e.positions) or sent.start == 0:
        return None
    previous = r.doc[sent.start - 1].sent
    for e in people:
        for p in e.positions:
            if previous.start_char <= p < previous.end_char and _in_subject(r, p):
                return e
    return None


def _in_subject(r: Resolver, pos: int) -> bool:
    """The name at ``pos`` is (in) the subject of its clause."""
    tok = _token_at(r, pos)
    if tok is None:
        return False
    while tok.head.i != tok.i and tok.head.pos_ not in r.tags.verb_pos:
        tok = tok.head
    return tok.dep_ in r.tags.subject_deps


def _token_at(r: Resolver, pos: int) -> Token | None:
    """The token that holds the character at ``pos``."""
    at = r.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return at[0] if at is not None and len(at) else None


def _seen_between(e: Entity, start: int, end: int, quoted: Intervals) -> bool:
    """Named between the offsets, outside quotations (a name inside one is the speaker's word)."""
    return any(start <= p < end and p not in quoted for p in e.positions)


def _group(
    r: Resolver, c: Candidate, last: list[Entity], last_group: list[Entity], speaking: Entity | None = None
) -> list[Entity]:
    if last_group and speaking not in last_group:
        return list(last_group)
    pos = c.mention[0] if c.mention else c.content[0]
    people = [e for e in _people_before(r, pos) if e is not speaking]
    if len(people) >= 2:
        salient = sorted(people, key=lambda e: -sum(1 for p in e.positions if p < pos))[:2]
        return sorted(salient, key=lambda e: e.key)
    return []


def _title_initials(r: Resolver, mention: str) -> Entity | None:
    """The one person whose title the mention writes as its initials (``EAM`` for External Affairs
    Minister, ``PM`` for Prime Minister); ``None`` when nobody or several hold such a title."""
    # "the PM", "Japan's FM": the initials last, after an article or an owner
    words = [
        w
        for w in mention.split()
        if w.casefold() not in r.lex.determiners and not w.endswith(tuple(r.lang.marks.possessive_ends))
    ]
    letters = acronym(words[0]) if len(words) == 1 and mention.split()[-1] == words[0] else None
    if letters is None:
        return None

    def office(title: str) -> str | None:  # "External Affairs Minister Dr.": the office without "Dr."
        return initials(" ".join(w for w in title.split() if not r.lex.is_honorific(w)))

    holders = [e for e in r.entities if e.kind == PERSON and any(office(t) == letters for t in e.titles)]
    return holders[0] if len(holders) == 1 else None


def _by_role(r: Resolver, c: Candidate, words: list[str]) -> tuple[Entity | None, bool]:
    """The person the phrase names by their role (``the Secretary``), and whether a person holds the
    role only in another place (``the Chinese Foreign Minister`` beside Foreign Minister Motegi): then
    the phrase names somebody else."""
    wanted = {w.rstrip(r.lang.marks.abbreviation) for w in words} - r.lex.determiners
    # "the prime minister" is not Foreign Minister Kamikawa: every title word of the phrase is the person's
    required = {w for w in wanted if r.lex.is_title(w.title()) and w not in r.lex.honorifics}
    places = _places_in(r, c.mention)
    best: tuple[int, int, Entity] | None = None
    elsewhere = False
    for e in r.entities:
        if e.kind != PERSON or not e.roles:
            continue
        overlap = len(wanted & e.roles)
        if overlap == 0 or not required <= e.roles:
            continue
        if places and not _tied_to(r, e, places):
            elsewhere = True  # "the Chinese Foreign Minister" is not Foreign Minister Motegi
            continue
        recency = max((p for p in e.positions if p < c.content[0]), default=-1)
        if best is None or (overlap, recency) > best[:2]:
            best = (overlap, recency, e)
    return (best[2], False) if best else (None, elsewhere)


def _places_in(r: Resolver, span: Offsets | None) -> list[str]:
    """The countries and peoples a mention names (``the Chinese Foreign Minister``: ``Chinese``)."""
    if span is None:
        return []
    words = r.doc.char_span(*span, alignment_mode="expand") or ()
    return [t.text for t in words if t.ent_type_ in r.tags.place_entities]


def _tied_to(r: Resolver, e: Entity, places: list[str]) -> bool:
    """The person was written with each of these places: in an affiliation, a title or a description."""
    said = [w for f in (*e.affiliations, *e.titles, *e.descriptions, *e.aliases) for w in f.split()]
    return all(any(r.lang.same_place(p, w) for w in said) for p in places)


def _phrase_entity(r: Resolver, head: Token, off: Offsets) -> Entity:
    """An entity the text names by a phrase, not a name: a body, a group, a person by their role."""
    mtext = r.text[off[0] : off[1]].strip()
    words = set(name_words(mtext))
    for e in r.entities:
        if e.kind == PHRASE and e.words == words:
            e.positions.append(off[0])
            return e
    e = Entity(len(r.entities), PHRASE, words=words)
    span = r.doc.char_span(off[0], off[1], alignment_mode="expand")
    e.named = span is not None and any(
        t.pos_ in r.tags.proper_noun_pos and t.text[:1].isupper() and not r.lex.is_title(t.text) for t in span
    )
    first, _, rest = mtext.partition(" ")
    e.forms[rest if e.named and rest and first.casefold() in r.lex.definite_articles else mtext] += 1
    e.positions.append(off[0])
    e.phrase_type = _phrase_type(r, head)
    lemma = head.lemma_.lower()
    e.human = lemma in r.lex.human_nouns or head.text.title() in r.lex.titles
    e.thing = e.phrase_type is not None and lemma in r.lex.thing_nouns
    r.entities.append(e)
    return e


def _partitive(r: Resolver, head: Token) -> Token | None:
    """``one of the officials``, ``some of the delegates``: a number or a quantifier whose phrase
    hangs the people it counts on a preposition; the people's head."""
    tags = r.tags
    if head.pos_ not in tags.number_pos | tags.function_pos:
        return None
    return next(
        (
            o
            for p in head.children
            if p.dep_ in tags.preposition_deps and p.i > head.i
            for o in p.children
            if o.dep_ in tags.object_deps
        ),
        None,
    )


def _phrase_type(r: Resolver, head: Token) -> str | None:
    """What a phrase names, from its head: an organisation, a group, a person; ``None`` for what
    cannot speak (``50 percent``, ``my reaction``)."""
    lex, tags = r.lex, r.tags
    part = _partitive(r, head)
    if part is not None:
        # "one of the officials" is a person of that group; "some of the delegates" a group
        whole = _phrase_type(r, part)
        if whole in (GROUP, PERSON):
            return GROUP if head.pos_ not in tags.number_pos or head.lower_ in lex.group_counters else PERSON
        return whole
    lemma = head.lemma_.lower()
    if lemma in lex.bodies or head.ent_type_ in tags.org_entities:
        return ORG
    if head.ent_type_ in tags.group_entities or head.tag_ in tags.plural_noun_tags:
        return GROUP
    if lemma in lex.human_nouns or lex.is_title(head.text.title()) or head.pos_ in tags.proper_noun_pos:
        return PERSON
    if lemma in lex.groups:
        return ORG  # "the Chinese side", "the Peruvian delegation": one party of talks, speaking as a body
    if lemma in lex.thing_nouns:
        return ORG  # "the newspaper said", "a lawsuit alleges": a publication or a document is the source
    return None
