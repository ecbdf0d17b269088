"""Indirect and mixed speech from the dependency parse.

A speech verb reports a content through one of the frames its lexicon entry
allows (``rules/speech_verbs.tsv``): a clause (``said that ...``), an
infinitive (``agreed to ...``), a content noun phrase (``expressed her
gratitude for ...``), a preposition's object (``concurred on ...``), or
``described X as Y``. ``according to X, ...`` and speech nouns with a
that-clause (``the statement that ...``) report too. A content that carries
a quoted fragment is mixed; one that is wholly a quotation is left to (or
becomes) a direct quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from spacy.tokens import Doc, Token

from ..rules import Rules
from .candidates import Candidate, Intervals, Offsets, inside, overlaps, trim
from .direct import cue_phrase, is_speech_verb, verb_frames
from .layout import layout_of
from .marks import QuotedSpan, is_work_title
from .mentions import can_report, subject_of

CLAUSE_DEPS = ("ccomp",)
WH_WORDS = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who", "which"})
#: Children of the verb after its object that still belong to the content (``... to X on Y``).
CONTENT_TAIL_DEPS = frozenset({"prep", "dative", "oprd", "acomp", "xcomp", "ccomp", "advcl"})
#: Children that never belong to a noun-phrase content.
NP_STOP_DEPS = frozenset({"cc", "conj", "punct", "mark", "advmod", "npadvmod", "relcl"})
#: A quoted fragment needs this many words to make a reported content mixed.
MIN_MIXED_WORDS = 2
#: What sets a parenthetical speech verb off from the clause it reports (``..., officials said``).
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "--"})
#: An ``according to`` phrase with this many words on each side interrupts its content.
MIN_SIDE_WORDS = 2
PRONOUN_CONTENT = frozenset(
    {"it", "this", "that", "so", "something", "nothing", "anything", "them", "these", "those"}
)


def _subtree_span(tok: Token) -> Offsets:
    left, right = tok.left_edge, tok.right_edge
    return left.idx, right.idx + len(right)


def _clause_content(text: str, c: Token, allow_wh: bool, rules: Rules) -> Offsets | None:
    start, end = _subtree_span(c)
    # Drop a leading complementizer ("that"), and a comma after it.
    toks = list(c.subtree)
    k = 0
    while k < len(toks) and (toks[k].lower_ == "that" and toks[k].dep_ == "mark" or toks[k].is_punct):
        k += 1
    if k >= len(toks):
        return None
    first = toks[k]
    if (
        first.lower_ in WH_WORDS
        and first.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr")
        and not allow_wh
    ):
        return None
    # "agreed that A and acknowledged that B": the parser often hangs the second speech verb
    # inside the first clause; the first content stops before it.
    for t in toks[k:]:
        if t.dep_ == "conj" and t.head.i in {x.i for x in toks} and _reports_again(t, rules):
            cc = [x for x in t.head.children if x.dep_ == "cc" and x.i < t.i]
            stop = cc[-1] if cc else t
            end = min(end, stop.idx)
            break
    # "said he saw no need to change, telling reporters that ...": a participle set off by a comma
    # at the end is a second act of the speaker's, which the parser hung inside the clause.
    doc = c.doc
    for t in toks[k + 1 :]:
        if t.idx >= end:
            break
        if (
            t.tag_ == "VBG"
            and t.dep_ in ("advcl", "xcomp", "conj")
            and t.left_edge.i > 0
            and doc[t.left_edge.i - 1].text == ","
            and verb_frames(t, rules)
        ):
            end = doc[t.left_edge.i - 1].idx
            break
    return trim(text, first.idx, end)


def _with_sibling_clauses(text: str, content: Offsets, later: list[Token]) -> Offsets:
    """``said he is ready to "take on X," secure Y and cut Z``: a quotation mark can split one
    reported clause into sibling complements of the verb; those set off by punctuation alone join it."""
    start, end = content
    for c in later:
        if c.dep_ not in CLAUSE_DEPS:
            continue
        cstart, cend = _subtree_span(c)
        gap = text[end:cstart]
        if cstart < end or gap.strip(" ,;\"'“”‘’") or "\n" in gap:
            break
        end = trim(text, start, cend)[1]
    return start, end


def _reports_again(verb: Token, rules: Rules) -> bool:
    """A coordinated speech verb with a content of its own and no subject of its own."""
    if not verb_frames(verb, rules) or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _with_tail(text: str, verb: Token, start: int, end: int, after: int) -> Offsets:
    """Extend a phrase content over the verb's later complements (``his congratulations | to X | on Y``).

    A complement joins when only spaces separate it from the content so far,
    or a comma before a prepositional phrase (``..., with a shared commitment
    to ...``); a comma before a clause ends the content.
    """
    for child in verb.rights:
        if child.i <= after or child.dep_ not in CONTENT_TAIL_DEPS:
            continue
        cstart, cend = _subtree_span(child)
        if cstart < end:
            end = max(end, cend)
            continue
        gap = text[end:cstart]
        if gap.strip() == "" or (gap.strip() == "," and child.dep_ == "prep" and child.lower_ != "according"):
            end = cend
        else:
            break
    return trim(text, start, end)


def _before_second_act(text: str, verb: Token, span: Offsets, rules: Rules) -> Offsets:
    """A phrase content stops before a speech verb the parser hung on one of its nouns.

    ``mentioning the need for housing and adding, "..."`` parses ``adding`` as
    a conjunct of ``housing``; a verb conjoined to a noun is a misparse of a
    second act, so the phrase ends before ``and adding``.
    """
    start, end = span
    doc = verb.doc
    for t in doc[verb.i + 1 :]:
        if t.idx >= end:
            break
        if t.idx > start and t.dep_ == "conj" and t.head.pos_ in ("NOUN", "PROPN") and verb_frames(t, rules):
            cc = [x for x in t.head.children if x.dep_ == "cc" and x.i < t.i]
            return trim(text, start, (cc[-1] if cc else t).idx)
    return span


def _np_content(text: str, verb: Token, obj: Token, rules: Rules) -> Offsets | None:
    if obj.lower_ in PRONOUN_CONTENT or obj.pos_ == "PRON":
        return None
    start, end = _subtree_span(obj)
    return _before_second_act(text, verb, _with_tail(text, verb, start, end, obj.i), rules)


def _prep_content(text: str, verb: Token, prep: Token, rules: Rules) -> Offsets | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs or (len(objs) == 1 and objs[0].lower_ in PRONOUN_CONTENT):
        return None
    start = min(_subtree_span(o)[0] for o in objs)
    end = max(_subtree_span(o)[1] for o in objs)
    return _before_second_act(text, verb, _with_tail(text, verb, start, end, prep.i), rules)


def _frames_content(text: str, verb: Token, rules: Rules) -> tuple[Offsets, Offsets, str] | None:
    """(content, cue, frame) for the first frame of the verb that the parse fills."""
    frames = verb_frames(verb, rules)
    children = list(verb.children)
    cue = cue_phrase(verb, rules)
    particles = {f"prt:{c.lower_}" for c in children if c.dep_ == "prt"}
    if particles & frames:
        # "pointed out that ...", "laid out a plan": the particle makes the verb a speech verb.
        frames = frames | {"clause", "np"}
    elif all(f.startswith("prt:") for f in frames):
        return None
    if "clause" in frames or "wh" in frames:
        # A complement after the verb first: in "X cites an example: he says Y", Y is what he says.
        order = sorted(range(len(children)), key=lambda n: children[n].i < verb.i)
        for n in order:
            c = children[n]
            if c.dep_ in CLAUSE_DEPS:
                got = _clause_content(text, c, "wh" in frames, rules)
                if got:
                    return _with_sibling_clauses(text, got, children[n + 1 :]), cue, "clause"
    if "to" in frames:
        for c in children:
            if c.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts):
                return trim(text, *_subtree_span(c)), cue, "to"
    for c in children:
        if c.dep_ == "prep" and c.i > verb.i and f"prep:{c.lower_}" in frames:
            # A frame preposition follows its verb ("called on X to ..."); one before it is an
            # adjunct ("X on Wednesday called ...").
            got = _prep_content(text, verb, c, rules)
            if got:
                phrase = (cue[0], c.idx + len(c)) if c.i == verb.i + 1 else cue
                return got, phrase, "prep"
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if "as" in frames:
        # "described the call as ...": the "as" may hang off the verb or off the object.
        # ... or mark a participle ("described the country as beset by crime").
        as_tok = next(
            (t for t in verb.subtree if t.lower_ == "as" and t.dep_ in ("prep", "mark") and t.i > obj.i), None
        )
        if as_tok is not None:
            phrase = as_tok if as_tok.dep_ == "prep" else as_tok.head
            return (
                _with_tail(text, verb, _subtree_span(obj)[0], _subtree_span(phrase)[1], phrase.i),
                cue,
                "as",
            )
    if "oprd" in frames:
        oprd = next((c for c in children if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > obj.i), None)
        if oprd is not None:
            return trim(text, _subtree_span(obj)[0], _subtree_span(oprd)[1]), cue, "oprd"
    if "np" in frames or ("cnp" in frames and rules.is_content_noun(obj.lower_, obj.lemma_)):
        got = _np_content(text, verb, obj, rules)
        if got:
            return got, cue, "np"
    return None


def _inverted(text: str, verb: Token, rules: Rules) -> tuple[Offsets, Offsets, Token] | None:
    """``..., reported the Daily Herald.``: a name after a comma-led verb that ends the sentence is its subject."""
    if "clause" not in verb_frames(verb, rules) or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    if any(c.dep_ == "ccomp" or (c.dep_ == "nsubj" and c.i > verb.i) for c in verb.children):
        return None
    subj = next(
        (c for c in verb.rights if c.dep_ in ("dobj", "npadvmod", "attr") and c.pos_ == "PROPN"), None
    )
    if subj is None or any(
        not (t.is_punct or t.is_space) for t in verb.doc[subj.right_edge.i + 1 : verb.sent.end]
    ):
        return None
    return trim(text, verb.sent.start_char, verb.nbor(-1).idx), cue_phrase(verb, rules), subj


def _parenthetical(text: str, verb: Token, rules: Rules) -> tuple[Offsets, Offsets, str] | None:
    """``The plan is dead, officials said.``: the verb hangs off the clause it reports."""
    if "clause" not in verb_frames(verb, rules) or verb.dep_ not in ("parataxis", "ccomp", "conj", "advcl"):
        return None
    head = verb.head
    if head is verb or head.pos_ not in ("VERB", "AUX") or is_speech_verb(head, rules, "clause"):
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    doc = verb.doc
    left = verb.left_edge
    set_off = (
        left.text == ","
        or (left.i > 0 and doc[left.i - 1].text == ",")
        or (subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ",")
    )
    if head.i > verb.i and not set_off:
        return None  # "X, he said, Y": only a verb set off by commas reports the clause around it
    if head.i < verb.i and not (left.i > 0 and doc[left.i - 1].text in PARENTHETICAL_MARKS):
        # "The plan is dead, officials said.": a comma or dash sets the verb off from the clause;
        # after a colon the verb opens a sentence of its own ("... as an example: He says ...").
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    start, end = _subtree_span(head)
    vstart = verb.left_edge.idx
    if verb.right_edge.i >= head.right_edge.i - 1:
        end = vstart
    return trim(text, start, end), cue_phrase(verb, rules), "parenthetical"


def _in_fixed_phrase(tok: Token, rules: Rules) -> bool:
    """The token is part of a listed phrase (``rules/not_cues.txt``) as it stands in the text."""
    doc, word = tok.doc, tok.lower_
    for phrase in rules.not_cues:
        for k, w in enumerate(phrase):
            start = tok.i - k
            if (
                w == word
                and start >= 0
                and start + len(phrase) <= len(doc)
                and all(doc[start + j].lower_ == p for j, p in enumerate(phrase))
            ):
                return True
    return False


def _not_an_act(verb: Token, rules: Rules) -> bool:
    """``the polls indicated ...``, ``That said, ...``, ``declined to comment on ...``: no one's speech here."""
    if _in_fixed_phrase(verb, rules):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in rules.refusals:
        return True
    frames = verb_frames(verb, rules)
    if "active" in frames and _passive(verb):
        return True
    if "agent" not in frames:
        return False
    subj = subject_of(verb, rules)
    return subj is not None and not can_report(subj, rules)


def _passive(verb: Token) -> bool:
    """``was asked``, ``Asked about X, ...``: a past participle without a subject of its own, or with auxpass."""
    if verb.tag_ != "VBN":
        return False
    deps = {c.dep_ for c in verb.children}
    return "auxpass" in deps or "nsubjpass" in deps or not deps & {"nsubj", "aux"}


def _according_to(text: str, tok: Token) -> tuple[Offsets, Offsets, Token] | None:
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    to = tok.nbor(1)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    phrase_start, phrase_end = tok.idx, _subtree_span(pobj)[1]
    before = trim(text, sent.start_char, phrase_start)
    after = trim(text, phrase_end, sent.end_char)
    opened = any(
        t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "nsubjpass") for t in sent if t.idx < phrase_start
    )
    if opened and _words(text, before) >= MIN_SIDE_WORDS and _words(text, after) >= MIN_SIDE_WORDS:
        # "X leads, according to the poll, in three states": the phrase interrupts the clause it
        # attributes (its subject or verb stands before it), so the content is the whole stretch;
        # after an adjunct alone ("On Friday, according to X, ...") the content follows it.
        content = (before[0], after[1])
    else:
        content = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
    return content, (tok.idx, to.idx + len(to)), pobj


def _words(text: str, span: Offsets) -> int:
    return sum(1 for w in text[span[0] : span[1]].split() if any(ch.isalnum() for ch in w))


def _speech_noun(text: str, tok: Token, rules: Rules) -> tuple[Offsets, Offsets, Token | None, Token] | None:
    """``the minister's statement that ...``, ``her promise to hire ...``: (content, cue, speaker, cue head).

    In ``said in a statement that ...`` the clause hangs off the noun but the
    verb is the cue, and its subject the speaker.
    """
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in rules.speech_nouns:
        return None
    for c in tok.children:
        if c.dep_ not in ("acl", "ccomp", "appos", "relcl"):
            continue
        if any(m.lower_ == "that" and m.dep_ == "mark" for m in c.lefts):
            got = _clause_content(text, c, False, rules)
        elif c.dep_ == "acl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.lefts):
            got = trim(text, *_subtree_span(c))
        else:
            continue
        if not got:
            continue
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
        if verb is not None and verb_frames(verb, rules):
            return got, cue_phrase(verb, rules), None, verb
        speaker = next((g for g in tok.children if g.dep_ == "poss"), None)
        if speaker is None:
            by = next((g for g in tok.children if g.dep_ == "prep" and g.lower_ == "by"), None)
            speaker = next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None
        return got, (tok.idx, tok.idx + len(tok)), speaker, tok
    return None


def _introduces(text: str, content: Offsets, quote: Offsets) -> bool:
    """The verb of a direct quote found this content too: the quote itself, or the clause just before it.

    ``She stressed the need for calm: "...," she said.`` parses with the first
    clause as a complement of ``said``; but ``said`` already has its content,
    the quotation, and the clause is ``stressed``'s own.
    """
    if overlaps(content, quote):
        return True
    between = text[content[1] : quote[0]]
    return content[1] <= quote[0] and not any(ch.isalnum() for ch in between) and len(between) <= 4


def _through_quotation(content: Offsets, covering: list[QuotedSpan], direct: list[Candidate]) -> Offsets:
    """A reported clause does not end inside a quotation it opened: ``he is "weak on X, you know
    that. Weak."`` (the parse stopped at the comma) runs to the closing mark, unless the rest of the
    quotation is a direct quote of its own (the overlap stage splits those)."""
    start, end = content
    for q in covering:
        if start <= q.open and q.start < end < q.end and not _quoted_directly(q, direct):
            end = q.close
    return start, end


def _quoted_directly(q: QuotedSpan, direct: list[Candidate]) -> bool:
    """A direct quote already stands on (part of) this quotation."""
    return any(overlaps(d.content, (q.start, q.end)) for d in direct)


def _scare(text: str, q: QuotedSpan) -> bool:
    """Marks around a single term (``the "2+2" meeting``) do not make a content mixed."""
    return len(text[q.start : q.end].split()) < MIN_MIXED_WORDS


def find_reported(
    doc: Doc, quoted: list[QuotedSpan], earlier: Iterable[Candidate], rules: Rules
) -> list[Candidate]:
    text = doc.text
    outer = [q for q in quoted if q.depth == 0 and q.closed]
    earlier = list(earlier)
    posts = [c.content for c in earlier if c.rule == "signed-post"]
    direct = [c for c in earlier if c.kind == "direct"]
    direct_cues = {c.cue_token: c.content for c in direct if c.cue_token is not None}
    layout = layout_of(text)
    quoted_or_posted = Intervals([(q.start, q.end) for q in outer] + posts)
    found: list[Candidate] = []
    for tok in doc:
        if tok.idx in quoted_or_posted:
            continue  # speech reported inside a quotation or a post belongs to it
        if layout.in_heading(tok.idx):
            continue  # a headline is not speech
        mention_tok: Token | None = None
        cue_head = tok
        got: tuple[Offsets, Offsets, str] | None = None
        conf = 0.8
        if tok.lower_ == "according":
            acc = _according_to(text, tok)
            if acc:
                got = (acc[0], acc[1], "according")
                mention_tok = acc[2]
                conf = 0.85
        elif verb_frames(tok, rules):
            if _not_an_act(tok, rules):
                continue
            inv = _inverted(text, tok, rules)
            if inv:
                got, mention_tok = (inv[0], inv[1], "parenthetical"), inv[2]
            else:
                got = _frames_content(text, tok, rules) or _parenthetical(text, tok, rules)
            if got:
                conf = {"clause": 0.85, "to": 0.75, "prep": 0.7, "np": 0.7, "as": 0.8, "oprd": 0.7}.get(
                    got[2], 0.75
                )
        elif tok.pos_ == "NOUN":
            sn = _speech_noun(text, tok, rules)
            if sn:
                got = (sn[0], sn[1], "speech-noun")
                mention_tok, cue_head = sn[2], sn[3]
                conf = 0.65
        if got is None:
            continue
        content, cue, frame = got
        if content[1] - content[0] < 2:
            continue
        if tok.i in direct_cues and _introduces(text, content, direct_cues[tok.i]):
            continue  # this verb's complement is the direct quote it introduces
        kind = "indirect"
        covering = [
            q
            for q in outer
            if overlaps((q.open, q.close), content)
            and not _scare(text, q)
            and not is_work_title(text, q, rules)
        ]
        if covering:
            whole = next((q for q in covering if inside(content, (q.open, q.close))), None)
            if whole is not None:
                if tok.i in direct_cues or _quoted_directly(whole, direct):
                    continue  # the quotation itself is the direct quote already found
                content = (whole.start, whole.end)
                kind = "direct"
            else:
                kind = "mixed"
                content = _through_quotation(content, covering, direct)
        found.append(
            Candidate(
                kind=kind,  # type: ignore[arg-type]
                content=content,
                cue=cue,
                cue_token=cue_head.i,
                mention_token=mention_tok.i if mention_tok is not None else None,
                confidence=conf,
                rule=f"reported-{frame}",
            )
        )
    return _outermost(found)


def _outermost(found: list[Candidate]) -> list[Candidate]:
    """Speech reported inside a reported clause belongs to that clause, as in quotations."""
    contents = sorted({c.content for c in found})
    starts = [s for s, _ in contents]
    reach = list(accumulate((e for _, e in contents), max))  # the furthest end among contents so far

    def nested(c: Candidate) -> bool:
        if c.cue is None:
            return False
        x = c.cue[0]
        j = bisect_right(starts, x) - 1
        while j >= 0 and reach[j] > x:
            s, e = contents[j]
            if s <= x < e and (s, e) != c.content:
                return True
            j -= 1
        return False

    return [c for c in found if not nested(c)]
