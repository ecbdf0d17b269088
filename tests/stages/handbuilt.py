"""Hand-built spaCy Docs for the stage tests: a parse written out as a table, no trained model.

A table has one token a line::

    index  word  tag  pos  dep  head  [lemma]  [entity]

``head`` is the absolute index of the head (a root points at itself), ``lemma``
``-`` (or left out) is the lower-cased word, ``entity`` an IOB tag (``B-PERSON``,
``I-PERSON``; left out: outside). The index column must count from 0: it is
there so that a reader can check the heads, and :func:`doc` checks it too.

The words are found in order in ``text``; a single space after a word becomes
its ``spaces`` flag, and any other whitespace between two words (a line break,
a paragraph break) becomes a whitespace token of its own, attached to the
token before it as spaCy attaches one, so that ``doc.text == text``.
Sentences come from the parse: each root's subtree is one sentence.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotes.extraction.candidates import Context
from quotes.extraction.stages import marks, transcript
from quotes.lang import get_language
from quotes.lang.base import LanguageRules


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """English lexical attributes (``is_punct``, ``is_alpha``) without any trained component."""
    return spacy.blank("en").vocab


def english() -> LanguageRules:
    return get_language("en")


def _rows(table: str) -> list[list[str]]:
    rows = []
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split()
        if not 6 <= len(fields) <= 8:
            raise ValueError(f"expected 6 to 8 fields, got {fields!r}")
        if int(fields[0]) != len(rows):
            raise ValueError(f"row {len(rows)} is numbered {fields[0]}: {line!r}")
        rows.append(fields[1:])
    return rows


def doc(text: str, table: str) -> Doc:
    """The Doc of ``text`` parsed as ``table`` says (see the module's docstring)."""
    rows = _rows(table)
    words, spaces, tags, pos, deps, heads, lemmas, ents = [], [], [], [], [], [], [], []
    new_index: list[int] = []  # table row -> token index (whitespace tokens shift them)
    at = 0
    for n, (word, tag, p, dep, head, *rest) in enumerate(rows):
        found = text.find(word, at)
        if found < 0 or text[at:found].strip():
            raise ValueError(f"word {n} {word!r} not found at {at} in {text[at : at + 30]!r}")
        gap = text[at:found]
        if n == 0 and gap:
            raise ValueError("the text must start with the first word")
        if gap and gap != " ":
            if not spaces or spaces[-1]:
                raise ValueError(f"unexpected whitespace {gap!r} before word {n}")
            words.append(gap)
            spaces.append(False)
            tags.append("_SP")
            pos.append("SPACE")
            deps.append("dep")
            heads.append(("ws", len(new_index) - 1))
            lemmas.append(gap)
            ents.append("O")
        elif n:
            spaces[-1] = gap == " "
        new_index.append(len(words))
        words.append(word)
        spaces.append(False)
        tags.append(tag)
        pos.append(p)
        deps.append(dep)
        heads.append(("row", int(head)))
        lemma = rest[0] if rest else "-"
        lemmas.append(word.lower() if lemma == "-" else lemma)
        ents.append(rest[1] if len(rest) > 1 else "O")
        at = found + len(word)
    if text[at:]:
        raise ValueError(f"text left over after the last word: {text[at:]!r}")
    absolute = [new_index[h] for _, h in heads]
    built = Doc(
        vocab(),
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=absolute,
        lemmas=lemmas,
        ents=ents,
    )
    assert built.text == text
    return built


def context(d: Doc, lang: LanguageRules | None = None) -> Context:
    """The Context the pipeline builds for ``d``: marks and transcript turns from its text."""
    lang = lang or english()
    text = d.text
    quoted = marks.find(text, lang)
    return Context(d, text, lang, quoted, tuple(transcript.find_turns(d, text, lang, quoted)))


def span(text: str, part: str, start: int = 0) -> tuple[int, int]:
    """The offsets of the first ``part`` in ``text`` at or after ``start``."""
    i = text.index(part, start)
    return i, i + len(part)


def cut(text: str, off: tuple[int, int] | None) -> str | None:
    return None if off is None else text[off[0] : off[1]]


def plain(text: str, ents: dict[str, str] | None = None) -> Doc:
    """A Doc with words and entities only (each word its own root), for stages that read no parse.

    ``ents`` maps the text of an entity (its first occurrence) to its label.
    """
    import re

    pieces = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:['’]\w+)?|[^\w\s]", text)]
    lines = []
    for n, (s, e) in enumerate(pieces):
        lines.append(f"{n} {text[s:e]} XX X ROOT {n}")
    d = doc(text, "\n".join(lines))
    spans = []
    for part, label in (ents or {}).items():
        s, e = span(text, part)
        sp = d.char_span(s, e, label=label)
        if sp is None:
            raise ValueError(f"{part!r} does not fall on token boundaries")
        spans.append(sp)
    d.ents = spans
    return d


def token(d: Doc, word: str, after: str = "") -> int:
    """The index of the first token ``word`` in ``d`` (after the first occurrence of ``after``)."""
    start = d.text.index(after) + len(after) if after else 0
    return next(t.i for t in d if t.text == word and t.idx >= start)


#: A sentence several stages read: a speech verb with a that-clause, and its parse.
SAID_THAT = "The minister said that taxes would fall."
SAID_THAT_PARSE = """
    0  The       DT   DET    det    1
    1  minister  NN   NOUN   nsubj  2
    2  said      VBD  VERB   ROOT   2  say
    3  that      IN   SCONJ  mark   6
    4  taxes     NNS  NOUN   nsubj  6  tax
    5  would     MD   AUX    aux    6
    6  fall      VB   VERB   ccomp  2
    7  .         .    PUNCT  punct  2
    """
