"""Pair quotation marks into quoted spans, over the raw text.

Works on characters, not tokens, because tokenizers split marks
inconsistently. A mark opens or closes by what flanks it (as CommonMark
decides emphasis): an opening mark has text after it and space or an opening
punctuation before it. Apostrophes inside words (``Japan's``, ``Russia’s``)
and after plurals (``ministers’``) are not marks. A quote left open at the end
of a paragraph continues when the next paragraph reopens it (the newspaper
convention for multi-paragraph quotes) and is otherwise closed there, so an
unbalanced mark never swallows the rest of the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from ...lang.base import LanguageRules, Marks
from ..candidates import QuotedSpan
from ..layout import long_words, mostly_capitalised

#: A line this short that does not end a sentence is taken as hard-wrapped, not as a paragraph end.
SOFT_WRAP = 100
#: A quote continued into the next paragraph fills its first paragraph; a stray mark near a
#: paragraph's end does not start one.
MIN_CONTINUED_WORDS = 4


@dataclass
class _Open:
    pos: int
    mark: str
    family: str
    paragraphs: int = 1


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _opens_clause(text: str, pos: int) -> bool:
    """The mark starts its paragraph or follows punctuation (``said: "``), not a word (``the "north``)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] == "\n" or not text[j].isalnum()


def _mark_at(text: str, j: int, marks: Marks) -> str:
    """The mark that starts at ``j`` (a two-character one first), or the character there."""
    return next((d for d in marks.digraphs if text.startswith(d, j)), text[j : j + 1])


def find(text: str, lang: LanguageRules) -> tuple[QuotedSpan, ...]:
    """The stage: every quoted span, the outermost ones marked when they are a work's title."""
    cues, small, byline = lang.lexicon.work_title_cues, lang.lexicon.title_small_words, lang.patterns.byline
    return tuple(
        replace(q, work_title=True)
        if q.depth == 0 and (is_work_title(text, q, lang.marks, cues, small) or _by_author(text, q, byline))
        else q
        for q in find_quoted_spans(text, lang.marks)
    )


#: A headline named with its byline is longer than a title in title case, but not much.
MAX_HEADLINE_WORDS = 25


def _by_author(text: str, q: QuotedSpan, byline: regex.Pattern[str]) -> bool:
    """``"Met accused of whitewashing baby Jesus," by Post's Kathianne Boniello``: a quotation
    followed by its author is the title of a work (an article, a book), in any case."""
    return (
        q.closed
        and len(text[q.start : q.end].split()) <= MAX_HEADLINE_WORDS
        and bool(byline.match(text, q.close))
    )


def find_quoted_spans(text: str, marks: Marks) -> list[QuotedSpan]:
    """Every quoted span, outermost and nested, in order of opening mark."""
    families = marks.families
    pairs = marks.pairs
    ambiguous = marks.ambiguous_singles
    stack: list[_Open] = []
    out: list[QuotedSpan] = []
    n = len(text)
    line_start = 0
    skip = -1  # offset of a mark that only reopens a continuing quote

    def close_top(i: int, end: int, closed: bool) -> None:
        top = stack.pop()
        depth = len(stack)
        content_end = end
        if not closed:  # recover: the quote ends with the paragraph's text
            while content_end > top.pos + 1 and text[content_end - 1].isspace():
                content_end -= 1
        out.append(
            QuotedSpan(
                top.pos,
                top.pos + len(top.mark),
                content_end,
                i if closed else content_end,
                top.family,
                depth,
                closed,
                top.paragraphs,
            )
        )

    def drop_apostrophe() -> None:
        """The open single mark was an apostrophe (``Sophie in 't Veld``): quotes closed inside it
        were never nested in it."""
        top = stack.pop()
        depth = len(stack)
        for k in range(len(out) - 1, -1, -1):
            if out[k].open < top.pos:
                break
            if out[k].depth > depth:
                out[k] = replace(out[k], depth=out[k].depth - 1)

    for m in marks.pattern.finditer(text):
        i, after = m.start(), m.end()
        c = m.group()
        if c == "\n":
            line_len, line_start = i - line_start, i + 1
            j = i + 1
            while j < n and text[j] in " \t\r\n\u00a0":
                j += 1
            while stack and stack[-1].family == marks.ambiguous_family and stack[-1].mark in ambiguous:
                drop_apostrophe()  # an unclosed single mark at a paragraph end was an apostrophe
            if not stack:
                continue
            soft_wrap = (
                "\n" not in text[i + 1 : j]
                and line_len <= SOFT_WRAP
                and text[i - 1 : i] not in marks.soft_wrap_end
            )
            if soft_wrap:
                continue  # hard-wrapped text: the paragraph goes on
            nxt = _mark_at(text, j, marks)
            opened_here = text[stack[0].pos + 1 : i].split()
            if (
                nxt in pairs
                and families.get(nxt) == stack[0].family
                and (
                    stack[0].paragraphs > 1
                    or (len(opened_here) >= MIN_CONTINUED_WORDS and _opens_clause(text, stack[0].pos))
                )
            ):
                del stack[1:]  # the paragraph reopens the quote: one quote over several paragraphs
                stack[0].paragraphs += 1
                skip = j
                continue
            while stack:
                close_top(i, i, closed=False)
            continue
        if i == skip:
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[after] if after < n else ""
        can_open = not _is_space(nxt) and (
            _is_space(prev) or prev in marks.opening_punct or prev in families or prev == ""
        )
        can_close = not _is_space(prev) and (
            _is_space(nxt) or nxt in marks.closing_punct or nxt in families or nxt == ""
        )
        if c in marks.apostrophes:
            if prev.isalnum() and nxt.isalnum():
                continue  # apostrophe inside a word
            if (
                c in marks.possessive_apostrophe
                and not any(o.family == marks.ambiguous_family for o in stack)
                and not can_open
            ):
                continue  # possessive plural or elision, not a closing mark
            if c in marks.elision_apostrophe and can_open and nxt.isdigit():
                continue  # '90s
        if (
            c in marks.opening_singles
            and can_open
            and not (nxt.isalpha() or nxt in families or nxt.isdigit())
        ):
            can_open = False
        # Try to close the innermost compatible open mark.
        closer_of = None
        if can_close or not can_open:
            for k in range(len(stack) - 1, -1, -1):
                o = stack[k]
                if c in pairs.get(o.mark, {}):
                    closer_of = k
                    break
            if closer_of is None and can_close and not can_open and families.get(c) != marks.ambiguous_family:
                # 'not,“ he said': a mark placed as a closing one but typed as an opening one (or
                # in another style) closes the open quote of its family.
                closer_of = next(
                    (k for k in range(len(stack) - 1, -1, -1) if stack[k].family == families.get(c)), None
                )
        if closer_of is not None and (can_close or c not in pairs or not can_open):
            # A mark that neither opens nor closes by its place ('Hispanics!”Former') goes by its
            # glyph: it closes the open quote it pairs with.
            while len(stack) > closer_of + 1:
                stack.pop()  # inner marks that never closed were not quotes
            close_top(after, i, closed=True)
            continue
        if c in pairs and (can_open or (not can_close and families.get(c) != marks.ambiguous_family)):
            if c in marks.apostrophes and not can_open:
                continue
            stack.append(_Open(i, c, pairs[c][next(iter(pairs[c]))]))
    while stack:
        top = stack[-1]
        if top.family == marks.ambiguous_family and top.mark in ambiguous:
            drop_apostrophe()
            continue
        close_top(n, n, closed=False)
    out.sort(key=lambda q: (q.open, -q.close))
    return out


#: A work's title is short; a quotation of more words is speech whatever its capitals.
MAX_TITLE_WORDS = 10


def is_work_title(
    text: str, q: QuotedSpan, marks: Marks, cues: frozenset[str], small: frozenset[str] = frozenset()
) -> bool:
    """``on ABC's "This Week,"``, ``a play called "Sons of Trump"``: the title of a work, not speech.

    A short quotation in title case (the ``small`` words that title case leaves in lower case
    aside) after a possessive or a word that introduces a title (the lexicon's ``work_title_cues``).
    """
    words = [w.strip(marks.title_strip) for w in text[q.start : q.end].split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if not mostly_capitalised(
        [w for w in long_words(words[1:]) if w.lower() not in small], marks.capital_skip
    ):
        return False
    before = text[max(0, q.open - 40) : q.open].split()
    if not before:
        return False
    last = before[-1].rstrip(marks.title_cue_strip)
    return last.endswith(marks.possessive_ends) or last.lower() in cues
