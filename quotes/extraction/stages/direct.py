"""Direct quotes: quoted spans that stand as speech, with their cue.

A quoted span is a direct quote when a speech verb outside it, in the same
sentence (or the sentence it runs into), introduces it: before it
(``She said: "..."``, ``stating, "..."``), after it (``"...," she said``) or
inverted (``said the minister``). A span glued into a clause (``described
the call as "an important step"``) is left to the reported-speech stage,
which makes it a mixed quote; a short span with no cue (``the "2+2"
meeting``) is a scare quote and no quote at all. A long, sentence-like span
with no cue at all is a bare quote whose speaker comes from the quotes
around it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...lang.base import LanguageRules
from ..candidates import Candidate, Context, Intervals, Offsets, QuotedSpan, Rule
from ..layout import layout_of
from ..tokens import TokenIndex

#: A span shorter than this, with no cue governing it, is a scare quote or a title.
MIN_WORDS_WITH_NEARBY_CUE = 3
MIN_WORDS_BARE = 6
#: A quotation continues the quote before it when at most this many characters (its cue) stand between.
CONTINUATION_REACH = 120
CUE_CLAUSE_REACH = 300
#: How far (in characters) a mark that introduces a quotation may stand before its opening mark.
COLON_REACH = 8
#: Ends a paragraph: a cue after a quotation stands in the quotation's paragraph.
PARAGRAPH_BREAK = "\n"


def _governs(tok: Token, q: QuotedSpan) -> bool:
    """The verb is the head of a token inside the quote (the quote is its complement)."""
    return any(q.start <= c.idx < q.end for c in tok.children) or (q.start <= tok.head.idx < q.end)


def _adjoins(tok: Token, q: QuotedSpan, text: str, lang: LanguageRules) -> bool:
    """The verb stands right after the quotation, with nothing between but its own subject
    (``"...," Trump said, after Quick said ...``): it reports the quotation even where the parser
    hung the quotation on a later verb."""
    if tok.idx < q.close:
        return False
    subject = next((c for c in tok.children if c.dep_ in lang.tags.subject_deps), None)
    if subject is None:
        return False  # '"...," adding that "..."': a participle with no subject of its own goes on
    start = q.close
    if subject.i < tok.i:
        if subject.left_edge.idx < q.close or not lang.marks.only_punctuation(
            text, q.close, subject.left_edge.idx
        ):
            return False
        start = subject.right_edge.idx + len(subject.right_edge)
    return lang.marks.only_punctuation(text, start, tok.idx)


def _starts_sentence(text: str, q: QuotedSpan, lang: LanguageRules) -> bool:
    j = q.open - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] in lang.marks.sentence_openers


def _ends_sentence(text: str, q: QuotedSpan, lang: LanguageRules) -> bool:
    if not q.closed:
        return True
    # A quotation may end inside a nested one.
    inner = text[q.start : q.end].rstrip().rstrip(lang.marks.closing)
    return bool(inner) and inner[-1] in lang.marks.quote_final


def find(ctx: Context, earlier: list[Candidate]) -> list[Candidate]:
    """The finder: quotations with a cue (or continuing a quote with one), or long bare ones."""
    doc, text, lang = ctx.doc, ctx.text, ctx.lang
    index = TokenIndex(doc)
    posts = [t.content for t in ctx.turns if t.signed]
    outer = [q for q in ctx.quoted if q.depth == 0]
    interiors = Intervals((q.start, q.end) for q in outer if q.closed)
    found: list[Candidate] = []
    speaking: tuple[QuotedSpan, Offsets] | None = None  # the last quotation with a speaker, and its cue
    layout = layout_of(text, lang.marks)
    others = lang.marks.unambiguous
    closes = {q.close for q in ctx.quoted if q.closed}
    for q in outer:
        if q.end <= q.start or any(s - 2 <= q.start and q.end <= e + 2 for s, e in posts):
            continue
        if layout.in_heading(q.open):
            continue  # a headline is not speech
        if q.work_title:
            continue
        words = len(text[q.start : q.end].split())
        if words == 0:
            continue
        first, last = index.at(q.open), index.at(max(q.open, q.close - 1))
        if first is None or last is None:
            continue
        win_start, win_end = first.sent.start, last.sent.end
        # A cue may sit in the next sentence when the parser split "...," | "she said."
        if win_end < len(doc):
            after = text[q.close : doc[win_end].idx + 1].strip()
            if not after or after[:1].islower() or after[:1] in lang.marks.comma:
                win_end = doc[win_end].sent.end
        # ... or in the previous one when it ends with a colon introducing the quote
        # ("Cruz continued:" on a line of its own, then the quotation).
        k = win_start - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text == lang.marks.introducer and q.open - doc[k].idx <= COLON_REACH:
            win_start = doc[k].sent.start
        best: tuple[float, Token] | None = None
        for tok in doc[win_start:win_end]:
            if tok.idx in interiors:
                continue
            if lang.quote_cue(tok):
                if tok.idx >= q.close and PARAGRAPH_BREAK in text[q.close : tok.idx]:
                    continue  # a cue in the next paragraph ("According to X, ...") has its own content
                gap = tok.idx - q.close if tok.idx >= q.close else q.open - (tok.idx + len(tok))
                if gap < 0:
                    continue
                between = text[min(tok.idx, q.close) : max(tok.idx, q.open)]
                if any(m in between for m in others):
                    gap += 200  # another quote stands between verb and quote
                score = gap - (1000 if _governs(tok, q) or _adjoins(tok, q, text, lang) else 0)
                if best is None or score < best[0]:
                    best = (score, tok)
        cue_tok = best[1] if best is not None else None
        if cue_tok is None and _ends_sentence(text, q, lang):
            cue_tok = _cue_in_next_sentence(doc, text, q, last, lang)
        if _embedded(text, q, index, cue_tok, lang):
            continue
        if cue_tok is not None:
            governs = _governs(cue_tok, q)
            # A short quotation needs its cue to govern it, or to be a sentence of its own: '"Filth
            # out!" she wrote' (the parser split the sentence after the "!").
            whole = governs or _starts_sentence(text, q, lang)
            if words < MIN_WORDS_WITH_NEARBY_CUE and not (whole and _ends_sentence(text, q, lang)):
                continue
            cue = lang.cue_phrase(cue_tok)
            found += [
                Candidate(
                    kind="direct",
                    content=piece,
                    cue=cue,
                    cue_token=cue_tok.i,
                    confidence=0.95 if governs else 0.85,
                    rule=Rule.DIRECT_CUE,
                )
                for piece in _by_paragraph(text, q, lang) + _runs_on(text, q, closes, lang)
            ]
            speaking = (q, cue)
        elif _starts_sentence(text, q, lang) and _ends_sentence(text, q, lang):
            # '"A," she said. "B."': the speaker goes on in the next quotation.
            continued = speaking is not None and _continues(text, *speaking, q, lang)
            if continued or words >= MIN_WORDS_BARE:
                source = None if continued else _introduced_by(index, text, q, lang)
                found += [
                    Candidate(
                        kind="direct",
                        content=piece,
                        confidence=0.8 if continued else 0.6,
                        rule=Rule.DIRECT_CONTINUED if continued else Rule.DIRECT_BARE,
                        mention_token=source.i if source is not None else None,
                        context_speaker=source is None,
                    )
                    for piece in _by_paragraph(text, q, lang)
                ]
                speaking = (q, speaking[1]) if continued and speaking is not None else None
    return found


def _by_paragraph(text: str, q: QuotedSpan, lang: LanguageRules) -> list[Offsets]:
    """A quotation over several paragraphs is one direct quote per paragraph, and no content holds the
    mark that reopens a paragraph (spec 1.1, like the turns of a transcript)."""
    if q.paragraphs <= 1:
        return [(q.start, q.end)]
    pieces: list[Offsets] = []
    start = q.start
    while start < q.end:
        end = text.find("\n", start, q.end)
        end = q.end if end < 0 else end
        s, e = start, end
        while s < e and (text[s].isspace() or text[s] in lang.marks.pairs):
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            pieces.append((s, e))
        start = end + 1
    return pieces


#: How many paragraphs a quotation left open may run on without marks before its closing mark.
RUN_ON_PARAGRAPHS = 8


def _runs_on(text: str, q: QuotedSpan, closes: set[int], lang: LanguageRules) -> list[Offsets]:
    """``said: “A`` ¶ ``B`` ¶ ``C”.``: a quotation left open at its paragraph's end whose inner paragraphs
    are not reopened runs on to a closing mark that closes nothing else; one quote per paragraph."""
    if q.closed:
        return []
    pieces: list[Offsets] = []
    start = text.find("\n", q.end)
    for _ in range(RUN_ON_PARAGRAPHS):
        if start < 0:
            return []
        while start < len(text) and text[start].isspace():
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].rstrip()
        tail = line.rstrip(lang.marks.final_punct)
        last = start + len(tail) - 1
        inner = line[: len(tail) - 1] if tail else ""
        if any(ch in lang.marks.unambiguous for ch in inner):
            return []  # marks of its own: not the same quotation
        if tail and tail[-1] in lang.marks.closing and last + 1 not in closes:
            if last > start:
                pieces.append((start, last))
            return pieces
        if line:
            pieces.append(lang.marks.trim(text, start, start + len(line), final=False))
        start = end
    return []


def _continues(text: str, previous: QuotedSpan, cue: Offsets, q: QuotedSpan, lang: LanguageRules) -> bool:
    """The quotation follows a quote with a speaker in the same paragraph, with at most its cue between."""
    between = text[previous.close : q.open]
    # The cue clause may describe the speaker at length ('..." said Jo Doe, a pollster who ...').
    reach = CUE_CLAUSE_REACH if previous.close <= cue[0] < q.open else CONTINUATION_REACH
    if len(between) > reach or "\n" in between or any(m in between for m in lang.marks.unambiguous):
        return False
    tail = between.rstrip()
    return not tail.strip(lang.marks.apostrophes) or tail[-1] in lang.marks.continuation_end


def _only_adjuncts(index: TokenIndex, start: int, end: int, lang: LanguageRules) -> bool:
    """Only a time or an adverb stands between cue and quote (``said Tuesday "..."``)."""
    between = [t for t in index.between(start, end) if not t.is_space]
    tags = lang.tags
    return len(between) <= 3 and all(
        t.ent_type_ in tags.time_entities or t.pos_ in tags.adverb_pos for t in between
    )


def _introduced_by(index: TokenIndex, text: str, q: QuotedSpan, lang: LanguageRules) -> Token | None:
    """``Kasich resisted: "..."``, ``More from Jones: "..."``: a quotation that a colon introduces,
    with no speech verb, is the words of the clause's subject when it names someone, or of the name
    that ends right before the colon."""
    before = text[: q.open].rstrip()
    if not before.endswith(lang.marks.introducer) or q.open - len(before) > COLON_REACH:
        return None
    colon = index.at(len(before) - 1)
    if colon is None or colon.i == 0:
        return None
    root = colon.sent.root
    if root.i < colon.i and root.pos_ in lang.tags.verb_pos:
        subj = lang.subject_of(root)
        if subj is not None and _names_someone(subj, lang):
            return subj
    # "Clinton:", "- Jeffrey M. Jones:": a name standing alone before the colon; never the object of
    # the clause ("told CNN:", "on Twitter:", "on Tuesday:")
    name = colon.doc[colon.i - 1]
    if (
        name.pos_ in lang.tags.proper_noun_pos
        and name.ent_type_ in lang.tags.name_entities
        and name.dep_ not in lang.tags.object_deps | lang.tags.direct_object_deps
    ):
        return name
    return None


def _names_someone(tok: Token, lang: LanguageRules) -> bool:
    """A name, or a pronoun for a person (``she``, ``they``; not ``it``)."""
    if tok.pos_ in lang.tags.proper_noun_pos:
        return True
    pron = lang.lexicon.pronouns.get(tok.lower_)
    return pron is not None and pron.person == 3 and (pron.gendered or bool(pron.plural))


def _cue_in_next_sentence(
    doc: Doc, text: str, q: QuotedSpan, last: Token, lang: LanguageRules
) -> Token | None:
    """``"We will not back down." That was how Mayor Carver put it.``: a speech verb in the next
    sentence of the paragraph that has no content of its own refers back to the quote."""
    nxt = last.sent.end
    if nxt >= len(doc) or "\n" in text[q.close : doc[nxt].idx]:
        return None
    for tok in doc[nxt].sent:
        if lang.cue_without_content(tok):
            return tok
    return None


def _embedded(text: str, q: QuotedSpan, index: TokenIndex, cue: Token | None, lang: LanguageRules) -> bool:
    """The span is glued into a clause: a word right before or right after it that is not the cue."""
    cue_span = lang.cue_phrase(cue) if cue is not None else (-1, -1)
    before = index.at(q.open - 1) if q.open > 0 else None
    if before is not None and before.idx + len(before) <= q.open and before.is_alpha:
        near_cue = (
            cue is not None and cue_span[1] <= q.open and _only_adjuncts(index, cue_span[1], q.open, lang)
        )
        own_subject = cue is not None and before.dep_ in lang.tags.subject_deps and before.head.i == cue.i
        if not (cue_span[0] <= before.idx < cue_span[1] or near_cue or own_subject):
            return True
    after = index.at(q.close)
    if after is not None and after.idx >= q.close and after.is_alpha and after.idx - q.close <= 1:
        if after.lower_ in lang.lexicon.subject_pronouns or after.pos_ in lang.tags.proper_noun_pos:
            return False
        return not (cue is not None and 0 <= cue.idx - q.close <= 40)
    return False
