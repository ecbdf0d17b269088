"""Paragraphs and headings of the raw text, which the parse does not know about."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import regex

from ..lang.base import Marks

PARAGRAPH = regex.compile(r"[^\n]+")
HEADING_MAX_WORDS = 25


def is_heading(line: str, heading_end: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    """A line that does not end a sentence: a headline, a section title, a caption, a byline."""
    words = line.split()
    return 0 < len(words) <= max_words and not line.rstrip().endswith(tuple(heading_end))


def long_words(words: list[str]) -> list[str]:
    """The words of four letters or more: the ones title case capitalises."""
    return [w for w in words if sum(ch.isalpha() for ch in w) >= 4]


def mostly_capitalised(words: list[str], skip: str) -> bool:
    """Eight in ten of these words start with a capital (an opening mark in ``skip`` skipped)."""
    capitalised = sum(1 for w in words if w.lstrip(skip)[:1].isupper())
    return capitalised * 10 >= len(words) * 8


def is_title_case(line: str, skip: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    """A headline set in title case (``Sanders Pins The Rise Of ISIS On Iraq.``), full stop or not."""
    words = long_words(line.split())
    if len(words) < 3 or len(line.split()) > max_words:
        return False
    return mostly_capitalised(words, skip)


class Layout:
    """Which line each offset is on, and whether that line is a heading."""

    def __init__(self, text: str, marks: Marks) -> None:
        self.lines = [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]
        self.starts = [s for s, _ in self.lines]
        self.headings = [
            is_heading(text[s:e], marks.heading_end) or is_title_case(text[s:e], marks.capital_skip)
            for s, e in self.lines
        ]

    def line_start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts (``offset`` itself between lines)."""
        i = bisect_right(self.starts, offset) - 1
        return self.starts[i] if i >= 0 and offset < self.lines[i][1] else offset

    def in_heading(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.lines[i][1] and self.headings[i]


@lru_cache(maxsize=8)
def layout_of(text: str, marks: Marks) -> Layout:
    return Layout(text, marks)
