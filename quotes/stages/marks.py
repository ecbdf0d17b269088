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

from dataclasses import dataclass

import regex

from ..rules import Rules
from .layout import long_words, mostly_capitalised

OPENING_PUNCT = "([{<—–-/\u2014\u2013"
CLOSING_PUNCT = ".,;:!?)]}>…—–-/\u2014\u2013*"
#: A line this short that does not end a sentence is taken as hard-wrapped, not as a paragraph end.
SOFT_WRAP = 100
#: A quote continued into the next paragraph fills its first paragraph; a stray mark near a
#: paragraph's end does not start one.
MIN_CONTINUED_WORDS = 4


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    open: int  # offset of the opening mark
    start: int  # first character inside the marks
    end: int  # end of the content (the closing mark's offset, or the paragraph end)
    close: int  # end of the closing mark (== end when unclosed)
    family: str  # "double", "single" or "angle"
    depth: int  # 0 for outermost
    closed: bool
    paragraphs: int = 1  # how many paragraphs the quote runs over

    @property
    def outer(self) -> tuple[int, int]:
        return self.open, self.close


@dataclass
class _Open:
    pos: int
    mark: str
    family: str
    paragraphs: int = 1


def mark_chars(rules: Rules) -> str:
    chars = set(rules.quote_pairs)
    for closes in rules.quote_pairs.values():
        chars.update(closes)
    return "".join(sorted(chars))


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _opens_clause(text: str, pos: int) -> bool:
    """The mark starts its paragraph or follows punctuation (``said: "``), not a word (``the "north``)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j < 0 or text[j] == "\n" or not text[j].isalnum()


def find_quoted_spans(text: str, rules: Rules) -> list[QuotedSpan]:
    """Every quoted span, outermost and nested, in order of opening mark."""
    mark_re = regex.compile("[" + regex.escape(mark_chars(rules)) + "]|\n")
    families = {m: fam for closes in rules.quote_pairs.values() for m, fam in closes.items()}
    families.update({m: next(iter(c.values())) for m, c in rules.quote_pairs.items()})
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

    for m in mark_re.finditer(text):
        i = m.start()
        c = m.group()
        if c == "\n":
            line_len, line_start = i - line_start, i + 1
            j = i + 1
            while j < n and text[j] in " \t\r\n\u00a0":
                j += 1
            while stack and stack[-1].family == "single" and stack[-1].mark in "'’‘":
                stack.pop()  # an unclosed single mark at a paragraph end was an apostrophe
            if not stack:
                continue
            soft_wrap = (
                "\n" not in text[i + 1 : j] and line_len <= SOFT_WRAP and text[i - 1 : i] not in ".!?:"
            )
            if soft_wrap:
                continue  # hard-wrapped text: the paragraph goes on
            nxt = text[j] if j < n else ""
            opened_here = text[stack[0].pos + 1 : i].split()
            if (
                nxt in rules.quote_pairs
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
        nxt = text[i + 1] if i + 1 < n else ""
        can_open = not _is_space(nxt) and (
            _is_space(prev) or prev in OPENING_PUNCT or prev in families or prev == ""
        )
        can_close = not _is_space(prev) and (
            _is_space(nxt) or nxt in CLOSING_PUNCT or nxt in families or nxt == ""
        )
        if c in "'’":
            if prev.isalnum() and nxt.isalnum():
                continue  # apostrophe inside a word
            if c == "’" and not any(o.family == "single" for o in stack) and not can_open:
                continue  # possessive plural or elision, not a closing mark
            if c == "'" and can_open and nxt.isdigit():
                continue  # '90s
        if c in "‘'" and can_open and not (nxt.isalpha() or nxt in families or nxt.isdigit()):
            can_open = False
        # Try to close the innermost compatible open mark.
        closer_of = None
        if can_close or not can_open:
            for k in range(len(stack) - 1, -1, -1):
                o = stack[k]
                if c in rules.quote_pairs.get(o.mark, {}):
                    closer_of = k
                    break
        if closer_of is not None and (can_close or c not in rules.quote_pairs):
            while len(stack) > closer_of + 1:
                stack.pop()  # inner marks that never closed were not quotes
            close_top(i + 1, i, closed=True)
            continue
        if c in rules.quote_pairs and (can_open or (not can_close and families.get(c) != "single")):
            if c in "'’" and not can_open:
                continue
            stack.append(_Open(i, c, rules.quote_pairs[c][next(iter(rules.quote_pairs[c]))]))
    while stack:
        top = stack[-1]
        if top.family == "single" and top.mark in "'’‘":
            stack.pop()
            continue
        close_top(n, n, closed=False)
    out.sort(key=lambda q: (q.open, -q.close))
    return out


#: A work's title is short; a quotation of more words is speech whatever its capitals.
MAX_TITLE_WORDS = 10
POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")


def is_work_title(text: str, q: QuotedSpan, rules: Rules) -> bool:
    """``on ABC's "This Week,"``, ``a play called "Sons of Trump"``: the title of a work, not speech.

    A short quotation in title case after a possessive or a word that introduces a title
    (``rules/work_title_cues.txt``).
    """
    words = [w.strip(".,;:!?…\"'“”‘’()") for w in text[q.start : q.end].split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if not mostly_capitalised(long_words(words[1:])):
        return False
    before = text[max(0, q.open - 40) : q.open].split()
    if not before:
        return False
    last = before[-1].rstrip(",:")
    return last.endswith(POSSESSIVE_ENDS) or last.lower() in rules.work_title_cues
