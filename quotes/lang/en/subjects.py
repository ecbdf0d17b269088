"""English subjects and mentions: who performs a speech act, and the words that name them.

The subject is inherited where English leaves it out: a participle
(``..., stating, "..."``) or an infinitive takes its head verb's subject, a
coordinated verb (``agreed A and acknowledged B``) its first conjunct's, a
relative clause (``Smith, who said ...``) its antecedent. A passive takes its
``by`` agent, and an impersonal passive the author of the statement it is
found in (``In a statement by X, it was highlighted that ...``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..base import NameFinder, Offsets
from .cues import FINITE_TAGS, is_according, main_verb_again, misplaced_act, set_off_by_comma, verb_frames

if TYPE_CHECKING:
    from . import English

INHERIT_DEPS = frozenset({"advcl", "xcomp", "pcomp", "ccomp"})
#: A verb's object, and a preposition's: a participle hung inside them is still the verb's subject's act.
PHRASE_OBJECT_DEPS = frozenset({"dobj", "pobj"})
NOT_IN_MENTION = frozenset({"relcl", "acl", "advcl", "punct", "cc"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
MAX_HOPS = 6
POSSESSIVE = ("'s", "’s", "'", "’")
PERSON_ENTITIES = frozenset({"PERSON"})
NAME_LINKS = frozenset({"appos", "conj", "compound", "flat"})


def _agent(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _statement_author(v: Token, lang: English) -> Token | None:
    """``In a statement by X`` / ``in X's statement`` around an impersonal verb."""
    for c in v.children:
        if c.dep_ != "prep":
            continue
        for noun in c.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in lang.lexicon.speech_nouns:
                for g in noun.children:
                    if g.dep_ == "poss":
                        return g
                    if g.dep_ == "prep" and g.lower_ == "by":
                        return next((p for p in g.children if p.dep_ == "pobj"), None)
    return None


def can_speak(subj: Token, lang: English) -> bool:
    """A name, a pronoun, a title or a noun for people (itself or in apposition): what an inherited subject must be."""
    for i in _name_tokens(subj):
        tok = subj.doc[i]
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return True
        lemma = tok.lemma_.lower()
        if (
            lemma in lang.lexicon.human_nouns
            or lemma in lang.lexicon.groups
            or tok.text in lang.lexicon.titles
        ):
            return True
    return False


def can_report(subj: Token, lang: English) -> bool:
    """What may perform a speech act: a speaker, an organisation, or a document (``the statement said``)."""
    if can_speak(subj, lang):
        return True
    return any(
        subj.doc[i].lemma_.lower() in lang.lexicon.speech_nouns
        or subj.doc[i].lemma_.lower() in lang.lexicon.bodies
        for i in _name_tokens(subj)
    )


def quotes_a_text(cue: Token, lang: English) -> bool:
    """A document speaks: a verb of texts (``it reads``, ``it was reported``), or a subject that is a
    document (``the statement said``) or ``it``."""
    if cue.lemma_.lower() in lang.lexicon.text_verbs:
        return True
    subj = subject_of(cue, lang)
    if subj is None:
        return False
    pron = lang.lexicon.pronouns.get(subj.lower_)
    if pron is not None:
        return pron.gender == "n" and pron.person == 3
    return subj.lemma_.lower() in lang.lexicon.speech_nouns


def reports_others(cue: Token, lang: English) -> bool:
    """A document, an organisation or a spokesperson speaks (``the statement said``, ``the ministry
    said``, ``a spokesperson said``): the account reports what its people said and agreed."""
    if quotes_a_text(cue, lang):
        return True
    subj = subject_of(cue, lang)
    return subj is not None and (
        subj.lemma_.lower() in lang.lexicon.bodies
        or subj.lemma_.lower() in lang.lexicon.spokespeople
        or subj.ent_type_ in lang.tags.affiliation_entities
    )


def subject_of(v: Token, lang: English) -> Token | None:
    """The token that names who performs the speech act of verb ``v``."""
    found, inherited = _subject(v, lang)
    if found is not None and inherited and not can_speak(found, lang):
        return None  # "The meeting was marked by X, reaffirming Y": neither says anything
    return found


def name_cut_off(m: Token) -> Token | None:
    """The second subject the parser made of the name that ends ``m``'s coordination (``X and her
    counterpart Y called ...``), right after it; ``None`` where there is none."""
    if not any(c.dep_ == "conj" for c in m.children) or m.right_edge.pos_ != "NOUN":
        return None  # the role noun the name stands beside ends the phrase; not a mark or a word
    return next(
        (
            s
            for s in m.head.children
            if s.dep_ in ("nsubj", "nsubjpass") and s.left_edge.i == m.right_edge.i + 1
        ),
        None,
    )


def _coordination_before(subj: Token, subjects: list[Token]) -> Token:
    """``X and her counterpart Y called for ...``: the parser cut the name that ends a coordination
    off it as a second subject; the subject is the coordination."""
    return next((o for o in subjects if o.i < subj.i and name_cut_off(o) == subj), subj)


def _subject(v: Token, lang: English) -> tuple[Token | None, bool]:
    """The subject, and whether it was inherited from a governing verb through a participle or infinitive."""
    inherited = False
    if is_according(v):
        to = next((c for c in v.children if c.lower_ == "to"), None) or (
            v.nbor(1) if v.i + 1 < len(v.doc) else None
        )
        if to is not None:
            return next((c for c in to.children if c.dep_ == "pobj"), None), False
        return None, False
    quoted = _quoted_as_saying(v, lang)
    if quoted is not None:
        return quoted, True
    start = v
    for _ in range(MAX_HOPS):
        # the subject nearest the verb: where the parser gives it two ("Reporter (NHK): On China,
        # spokesperson Wang said ..." across a speaker label), the farther one is a misparse
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        subj = min(subjects, key=lambda c: abs(c.i - v.i), default=None)
        if subj is not None:
            subj = _coordination_before(subj, subjects)
            if subj.dep_ == "nsubjpass" and v is not start and _controls(v, start) and subj.lower_ != "it":
                return subj, inherited  # "Mr. Trump was prompted to say X", "Smith was asked to comment"
            if subj.dep_ == "nsubjpass" or (subj.lower_ == "it" and subj.dep_ == "nsubj" and v.tag_ == "VBN"):
                return _agent(v) or _statement_author(v, lang), inherited
            if subj.lower_ in RELATIVE and v.dep_ == "relcl":
                return v.head, inherited
            if subj.lower_ == "it" and any(c.dep_ == "auxpass" for c in v.children):
                return _statement_author(v, lang), inherited
            if subj.is_punct or not any(ch.isalnum() for ch in subj.text):
                # '«...,» said Claire Dubois': the parser took a mark for the subject; the name follows the verb.
                after = next(
                    (c for c in v.rights if c.pos_ == "PROPN" or c.dep_ in ("dobj", "attr", "npadvmod")), None
                )
                return after, inherited
            return _past_dateline(subj, lang), inherited
        if any(c.dep_ == "auxpass" for c in v.children):
            return _agent(v) or _statement_author(v, lang), inherited
        agent = _agent(v) if v.tag_ == "VBN" else None
        if agent is not None:
            return agent, inherited  # "Asked by a reporter whether X, he said ...": the reporter asked
        if v.head.pos_ in ("NOUN", "PROPN", "PRON") and (
            v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ in ("VBG", "VBN"))
        ):
            issuer = _issuer_of(v.head, lang) if v.dep_ == "acl" else None
            return issuer or v.head, inherited  # "Smith, who said ...", "a statement saying ..."
        if (
            v.dep_ == "conj"
            and v.head.dep_ == "ccomp"
            and verb_frames(v, lang)
            and verb_frames(v.head.head, lang)
        ):
            v = v.head.head  # "agreed that A and acknowledged that B", parsed with B's verb inside A
            continue
        if main_verb_again(v):
            # "voiced the hope that A would B but also warned ...": the speaker's next act, hung on B
            above = next((a for a in v.head.ancestors if verb_frames(a, lang)), None)
            if above is None:
                return None, inherited
            v = above
            continue
        if v.dep_ == "conj" and verb_frames(v, lang) and misplaced_act(v):
            # "mentioning the need for housing and adding, ...": a speech verb the parser hung on a
            # noun (or on a participle modifying one); its subject is that of the nearest verb above.
            above = next((a for a in v.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if above is None:
                return None, inherited
            v, inherited = above, True
            continue
        if v.dep_ == "conj" or (v.dep_ in INHERIT_DEPS and v.tag_ in ("VBG", "VB", "VBN")):
            if v.head is v:
                return None, inherited
            inherited = inherited or v.dep_ != "conj"
            participle = v.tag_ == "VBG" and set_off_by_comma(v, lang) is not None
            act = participle and bool(verb_frames(v, lang))
            v = v.head
            if act:
                # "X said A, telling Y ...", "expressing her commitment to A, emphasizing B": a second act
                # of the speaker's, hung inside the content of the first.
                v = (
                    next((a for a in v.ancestors if verb_frames(a, lang)), v)
                    if not verb_frames(v, lang)
                    else v
                )
            if v.pos_ == "ADP" and v.dep_ == "prep":  # "began by expressing": the verb above the preposition
                v = v.head
            if inherited and v.pos_ in ("NOUN", "PROPN") and v.dep_ in PHRASE_OBJECT_DEPS:
                # "offered few ideas for easing debt aside from stating that X": the participle hangs
                # in the verb's object; the one who offered states
                v = next((a for a in v.ancestors if a.pos_ in ("VERB", "AUX")), v)
            continue
        if v.pos_ in ("NOUN", "PROPN") and v is not start and _name_read_as_root(v, lang):
            return v, False  # "Trump defended X, calling it Y": the name was read as the sentence's noun
        found = _stranded_subject(v) or _interrupted_subject(v) or _inverted_subject_read_as_object(v, lang)
        return found, inherited
    return None, inherited


def _controls(passive: Token, verb: Token) -> bool:
    """``was prompted to say``: the passive verb's infinitive is the speech verb; its subject is the one
    prompted, asked or forced to speak."""
    return verb.head.i == passive.i and verb.dep_ == "xcomp" and any(c.dep_ == "aux" for c in verb.children)


def _name_read_as_root(noun: Token, lang: English) -> bool:
    """``Trump defended eminent domain, calling it ...``: the parser read a name that opens the sentence
    as its root noun (``trump``, ``will``, ``bush`` are words too) and the verb as a modifier; a
    participle climbing to it finds its subject there, when the document names a person so elsewhere."""
    if noun.dep_ != "ROOT" or noun.i != noun.sent.start or not noun.text[:1].isupper():
        return False
    return any(e.label_ in lang.tags.person_entities and noun.text in e.text.split() for e in noun.doc.ents)


#: Frames in which a verb takes a direct object (``told Burguiere``, ``called it X``).
OBJECT_TAKING_FRAMES = frozenset({"np", "cnp", "tnp", "oprd", "as", "listener", "to"})
#: What the parser calls a name it reads as the verb's object or complement.
OBJECT_READING_DEPS = frozenset({"dobj", "attr", "npadvmod"})


def _inverted_subject_read_as_object(v: Token, lang: English) -> Token | None:
    """``"...," mused Blaze co-host Stu Burguiere``: after a quotation, a verb that takes no object has
    its subject after it, and the parser read the name as objects; the last of them is the subject."""
    if v.i == 0 or not v.doc[v.i - 1].is_punct or verb_frames(v, lang) & OBJECT_TAKING_FRAMES:
        return None
    names = [c for c in v.rights if c.dep_ in OBJECT_READING_DEPS and c.pos_ == "PROPN"]
    return names[-1] if names else None


#: How the parser hangs a participle set off before the verb when it reads it as a clause of its own.
INTERRUPTION_DEPS = frozenset({"ccomp", "advcl", "parataxis"})
#: The past forms a participle like "asked" takes in that misreading.
PAST_FORM_TAGS = frozenset({"VBD", "VBN"})
#: The subject the parser gives the participle.
INTERRUPTED_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _interrupted_subject(v: Token) -> Token | None:
    """``A spokesperson for the ministry, asked about the talks, said ...``: the parser read the
    participle set off by commas as the subject's own verb, and left the verb after it without a
    subject. That subject is the verb's."""
    doc = v.doc
    if v.i < 2 or not doc[v.i - 1].is_punct:
        return None
    for c in v.lefts:
        if c.dep_ not in INTERRUPTION_DEPS or c.tag_ not in PAST_FORM_TAGS or c.right_edge.i != v.i - 2:
            continue
        subj = next((x for x in c.lefts if x.dep_ in INTERRUPTED_SUBJECT_DEPS), None)
        if subj is None or any(x.dep_ == "dobj" for x in c.children):
            return None
        return subj if subj.right_edge.i < c.i and doc[c.i - 1].is_punct else None
    return None


def _past_dateline(subj: Token, lang: English) -> Token:
    """``SEOUL, March 5 (Yonhap) -- South Korea's top diplomat urged ...``: the parser made the
    dateline's place the subject and hung the real one on it; the phrase after the dateline speaks."""
    sent = subj.sent
    if not sent[0].text.isupper():
        return subj  # a dateline opens with its place in capitals; most sentences do not
    dateline = lang.patterns.dateline.match(sent.text)
    if dateline is None:
        return subj
    end = sent.start_char + dateline.end()
    if subj.idx >= end:
        return subj
    after = [t for t in subj.subtree if t.idx >= end and t.head.idx < end]
    return max(after, key=lambda t: len(list(t.subtree)), default=subj)


#: What the parser calls the object a verb acts on (``released a statement``).
ISSUED_DEP = "dobj"


def _issuer_of(statement: Token, lang: English) -> Token | None:
    """``Chris Carr released a statement confirming X``, ``The ministry issued a statement saying X``:
    a statement that someone issued speaks with its issuer's voice; the verb's subject, when it can
    speak (the statement itself stays the source of ``a statement from X``, ``the statement said``)."""
    if statement.lemma_.lower() not in lang.lexicon.speech_nouns or statement.dep_ != ISSUED_DEP:
        return None
    issuer = subject_of(statement.head, lang)
    return issuer if issuer is not None and can_speak(issuer, lang) else None


def _stranded_subject(v: Token) -> Token | None:
    """``Alarmed by X, Senator Harry Reid, the minority leader, said ...``: the parser hung the
    name on a word before it (a conjunct, an apposition) and left the finite verb without a
    subject. The noun phrase that ends right before the verb is its subject."""
    if v.tag_ not in FINITE_TAGS or v.i == 0:
        return None
    before = _before_brackets(v.doc[v.i - 1])
    if before is not None:
        # "Sen. Chris Murphy (a Connecticut Democrat so boyish ...) says X": the name before the brackets
        return before if before.pos_ == "PROPN" else None
    closed = v.doc[v.i - 1].text == ","  # the comma that closes an apposition
    i = v.i - 2 if closed else v.i - 1
    if i < 0:
        return None
    t = v.doc[i]
    if t.pos_ not in ("NOUN", "PROPN") or t.right_edge.i != i:
        return None
    while closed and t.dep_ == "conj" and t.head.i < t.i:
        t = t.head  # "Jay DiPietro, the club's president and general manager, suggested ..."
    if closed and t.dep_ == "appos" and t.head.pos_ in ("NOUN", "PROPN"):
        return t.head  # "Reid, the minority leader, said": the name the apposition describes
    return None if closed else t


def _before_brackets(close: Token) -> Token | None:
    """The word before the brackets that ``close`` closes, or None when it closes none."""
    if not (close.is_bracket and close.is_right_punct):
        return None
    depth, i = 0, close.i
    while i >= 0:
        t = close.doc[i]
        if t.is_bracket:
            depth += 1 if t.is_right_punct else -1
            if depth == 0:
                return close.doc[i - 1] if i > 0 else None
        i -= 1
    return None


def _titled(ent_start: Token, lang: English) -> int:
    """Start offset of the name with the titles right before it (``Secretary of State Jane Doe``)."""
    doc, i = ent_start.doc, ent_start.i
    start = ent_start.idx
    while i > 0:
        prev = doc[i - 1]
        titled = prev.text in lang.lexicon.titles or (
            prev.lower_ in ("of", "for") and i > 1 and doc[i - 2].text in lang.lexicon.titles
        )
        # "Health Minister Nora Quist": a capitalised word that qualifies a title belongs to it.
        qualifier = (
            prev.is_title
            and prev.dep_ in ("compound", "amod", "nmod")
            and prev.ent_type_ not in ("GPE", "NORP", "PERSON")
            and i < len(doc)
            and doc[i].text in lang.lexicon.titles
        )
        if titled or qualifier:
            i -= 1
            start = prev.idx
            continue
        break
    return start


def _name_tokens(m: Token) -> set[int]:
    """The head and what names it again: appositions, coordinated names, compounds.

    ``The president of Norland, Erik Holm, says``: the parser hangs the apposition on the nearer
    noun; a person's name apposed to a place or a body in the head's own phrase names the head."""
    out, todo = set(), [m]
    for prep in m.rights:
        for obj in prep.children if prep.dep_ == "prep" else ():
            if obj.ent_type_ not in PERSON_ENTITIES:
                todo.extend(a for a in obj.children if a.dep_ == "appos" and a.ent_type_ in PERSON_ENTITIES)
    while todo:
        t = todo.pop()
        out.add(t.i)
        todo.extend(c for c in t.children if c.dep_ in NAME_LINKS and c.i not in out)
    return out


def mention_span(
    text: str, m: Token, lang: English, names: NameFinder
) -> tuple[Offsets, tuple[Offsets, ...]]:
    """The span naming the speaker (the titled names in the subject, else its noun phrase).

    Also the longer phrases it was cut from (without and with the clauses that
    describe the speaker): they name the same speaker and become aliases.
    """
    whole = lang.marks.trim(text, m.left_edge.idx, m.right_edge.idx + len(m.right_edge), final=False)
    start, end = m.left_edge.idx, m.right_edge.idx + len(m.right_edge)
    if _name_read_as_root(m, lang):
        # "Trump defended X, calling it Y": the name's subtree is the sentence
        start, end = m.idx, m.idx + len(m)
        whole = (start, end)
    before = comma_joined(m)
    if before:
        start = before[0].left_edge.idx  # "S. Korea, Japan agree to ...": a headline's two subjects
    cut_off = name_cut_off(m)
    if cut_off is not None:
        # "X and her counterpart Y": the name the parser made a second subject ends the phrase
        end = cut_off.right_edge.idx + len(cut_off.right_edge)
        whole = lang.marks.trim(text, whole[0], end, final=False)
    for c in m.rights:
        if c.dep_ in NOT_IN_MENTION and c.i > m.i:
            if c.dep_ in ("punct", "cc") and any(k.dep_ in ("conj", "appos") and k.i > c.i for k in m.rights):
                continue
            end = min(end, c.left_edge.idx)
    for t in m.subtree:
        # "Officials familiar with the plans, who spoke on condition of anonymity": a relative clause set
        # off by a comma describes the speaker, wherever the parser hung it in the phrase
        if t.i > m.i and t.dep_ == "relcl" and t.left_edge.i > 0 and m.doc[t.left_edge.i - 1].is_punct:
            end = min(end, m.doc[t.left_edge.i - 1].idx)
    for c in m.lefts:
        if c.dep_ in ("relcl", "acl", "advcl"):
            start = max(start, c.right_edge.idx + len(c.right_edge))
    # Never across a line break: keep the line that holds the head.
    line_start = text.rfind("\n", start, m.idx) + 1
    line_end = text.find("\n", m.idx, end)
    start, end = max(start, line_start), end if line_end < 0 else line_end
    dateline = lang.patterns.dateline.match(text, start, end)
    if dateline is not None and dateline.end() <= m.idx:
        start = dateline.end()  # "TOKYO, Jan 9 (Reuters) - Japan and ... agreed": the parse hangs it on them
    np = lang.marks.trim(text, start, max(start, end), final=False)
    linked = _name_tokens(m)
    names = [e for e in names.within(start, end) if any(t.i in linked for t in e)]
    joint = any(c.dep_ == "conj" for c in m.children) or bool(before)
    # "the Trump campaign", "the Obama administration": a body named after someone is the body.
    lemma = m.lemma_.lower()
    people = (
        m.tag_ in lang.tags.plural_noun_tags | lang.tags.common_noun_tags
        and (lemma in lang.lexicon.human_nouns or lemma in lang.lexicon.groups)
        and lemma not in lang.lexicon.speech_nouns
        and not any(
            c.dep_ in lang.tags.apposition_deps and c.pos_ in lang.tags.proper_noun_pos for c in m.subtree
        )
    )  # "African Union officials", "Sanders's supporters", "the Christie supporter": people around a
    # name, not its bearer (unless the name stands in apposition: "the spokesman, Mark Toner")
    body = (lemma in lang.lexicon.bodies or people) and not any(m.i in range(e.start, e.end) for e in names)
    if names and not joint and not body:
        first = names[0][0]
        if (
            first.lower_ in ("the", "a", "an") and len(names[0]) > 1
        ):  # "the Daily Herald": the name, not its article
            first = first.nbor(1)
        start, end = _titled(first, lang), names[-1].end_char
    start, end = lang.marks.trim(text, start, max(start, end), final=False)
    for suffix in POSSESSIVE:  # "The minister's statement": the minister
        if text.endswith(suffix, start, end) and end - len(suffix) > start:
            end -= len(suffix)
    head = (m.idx, m.idx + len(m))
    forms = tuple(f for f in (np, whole) if f[1] > f[0])
    return ((start, end) if end > start else head), forms


#: The preposition that names whom a meeting was with ("held talks with X", "met with X").
MEETING_PREP = "with"


def counterpart(cue: Token, lang: English) -> Token | None:
    """``held a telephone talk with Secretary Blinken and shared the view that A``: a reciprocal act
    coordinated after a meeting, with no subject of its own, is the subject's and the party met's;
    the token naming that party (its name where a role stands before it: ``his counterpart X``)."""
    if cue.lemma_.lower() not in lang.lexicon.reciprocal_verbs or cue.dep_ not in lang.tags.coordination_deps:
        return None
    if any(c.dep_ in INTERRUPTED_SUBJECT_DEPS for c in cue.children):
        return None
    meeting = cue.head
    for holder in (meeting, *(c for c in meeting.children if c.dep_ == "dobj" and c.i < cue.i)):
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ != MEETING_PREP or prep.i > cue.i:
                continue
            party = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if party is None:
                continue
            named = next(
                (c for c in party.children if c.dep_ == "appos" and c.pos_ in lang.tags.proper_noun_pos), None
            )
            return named or party
    return None


#: The preposition of "quoted X as saying".
QUOTED_AS = "as"


def quoting_verb(v: Token, lang: English) -> Token | None:
    """The verb that hands the words of participle ``v`` to someone: ``quoted`` in ``quoted X as
    saying A``, ``cited`` in ``cited X as saying A``."""
    prep = v.head
    if v.dep_ != "pcomp" or prep.lower_ != QUOTED_AS or prep.dep_ != "prep":
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() in lang.lexicon.quoting_verbs else None


def _quoted_as_saying(v: Token, lang: English) -> Token | None:
    """``The statement quoted Albanese as saying A``, ``Modi was quoted as saying A``: the one quoted
    (the object, or the subject of the passive) says A, not the statement or the agency."""
    verb = quoting_verb(v, lang)
    if verb is None:
        return None
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


#: What joins the items of a list of names with no coordinator before them (``S. Korea, Japan agree``;
#: ``H.E. Mr. A, President of X; H.E. Mr. B, President of Y; and ...``).
LIST_SEPARATORS = frozenset({",", ";"})
#: The separator of a list whose items hold commas of their own; the parser leaves its first item
#: unlabelled (``dep``) on the verb.
ITEM_SEPARATOR = ";"
UNLABELLED_DEP = "dep"


def comma_joined(m: Token) -> list[Token]:
    """``S. Korea, Japan agree to A``: a headline joins two subjects by a comma alone, and the parser
    gives the verb both; the names before ``m`` joined to it so (proper nouns only). Also the first
    item of a list of dignitaries kept apart by semicolons, which the parser hangs unlabelled."""
    out: list[Token] = []
    cur = m
    siblings = (c for c in m.head.lefts if c.dep_ in (m.dep_, UNLABELLED_DEP) and c.i < m.i)
    for s in sorted(siblings, key=lambda c: -c.i):
        last = s.right_edge
        while last.i > s.i and last.is_punct:
            last = last.doc[last.i - 1]  # the comma may hang on the first name
        between = list(m.doc[last.i + 1 : cur.left_edge.i])
        if (
            len(between) != 1
            or not between[0].is_punct
            or between[0].text not in LIST_SEPARATORS
            or (s.dep_ != m.dep_ and between[0].text != ITEM_SEPARATOR)
            or s.pos_ != "PROPN"
            or cur.pos_ != "PROPN"
        ):
            break
        out.insert(0, s)
        cur = s
    # only a line that opens with them: "X, an economist at the University of California, Berkeley, wrote"
    # is one person and an affiliation the parser split
    return out if out and out[0].left_edge.i == out[0].sent.start else []


def coordinated(head: Token, lang: English) -> list[Token]:
    """The heads of the names coordinated with ``head``: ``X and Y``, and a headline's ``X, Y``."""
    return [*comma_joined(head), head, *(c for c in head.children if c.dep_ in lang.tags.coordination_deps)]
