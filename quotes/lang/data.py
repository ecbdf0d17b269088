"""Reading a language's data files: plain text, one entry a line, ``#`` for comments.

Every language folder holds the same kinds of file (word lists ``*.txt``,
tables ``*.tsv``); this module reads them and checks them, so that a typo in
a rule file fails loudly at load, naming the file and the line (``E501``),
instead of silently disabling a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

import regex

from ..errors import Errors, RuleFileError

#: How characters that a TSV cannot hold plainly are written in the data files.
ESCAPE = regex.compile(r"\\(u[0-9a-fA-F]{4}|[stnr\\])")
ESCAPES = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unescape(field: str) -> str:
    r"""``\s`` is a space, ``\t`` a tab, ``\uXXXX`` any character: punctuation sets need them."""
    return ESCAPE.sub(lambda m: chr(int(m[1][1:], 16)) if m[1][0] == "u" else ESCAPES[m[1]], field)


def parse_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(line number, fields)`` for each line that is neither blank nor a comment."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, [field.strip() for field in line.split("\t")]


class DataFiles:
    """The data files of one language package, each read once and checked as it is read."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.read: set[str] = set()  # which files were loaded: a file no one reads is a bug

    def text(self, name: str) -> str:
        self.read.add(name)
        return resources.files(self.package).joinpath(name).read_text(encoding="utf-8")

    def rows(
        self, name: str, columns: int, max_columns: int | None = None
    ) -> Iterator[tuple[int, list[str]]]:
        """Rows with at least ``columns`` (and at most ``max_columns``) non-empty fields."""
        top = columns if max_columns is None else max_columns
        for n, row in parse_rows(self.text(name)):
            if not columns <= len(row) <= top or not all(row[:columns]):
                raise RuleFileError(
                    Errors.E501,
                    where=f"{self.package}/{name}:{n}",
                    detail=f"expected {columns} to {top} tab-separated fields, got {len(row)}",
                )
            yield n, row

    def words(self, name: str) -> list[str]:
        """The first column of a word list, checked for duplicates."""
        out: list[str] = []
        seen: dict[str, int] = {}
        for n, row in self.rows(name, 1, 1):
            self.unique(name, n, row[0], seen)
            out.append(row[0])
        return out

    def unique(self, name: str, line: int, key: str, seen: dict[str, int]) -> None:
        if key in seen:
            raise RuleFileError(
                Errors.E502, where=f"{self.package}/{name}:{line}", entry=key, first=seen[key]
            )
        seen[key] = line

    def sets(self, name: str) -> dict[str, frozenset[str]]:
        """``name<TAB>value,value,...`` rows as named sets (tags, dependency labels, entity types)."""
        out: dict[str, frozenset[str]] = {}
        seen: dict[str, int] = {}
        for n, (key, values) in self.rows(name, 2, 2):
            self.unique(name, n, key, seen)
            out[key] = frozenset(v.strip() for v in values.split(",") if v.strip())
        return out

    def strings(self, name: str) -> dict[str, str]:
        """``name<TAB>value`` rows, the value unescaped (punctuation sets, patterns)."""
        out: dict[str, str] = {}
        seen: dict[str, int] = {}
        for n, row in parse_rows(self.text(name)):
            if len(row) != 2 or not row[0]:
                raise RuleFileError(
                    Errors.E501, where=f"{self.package}/{name}:{n}", detail="expected 'name<TAB>value'"
                )
            self.unique(name, n, row[0], seen)
            out[row[0]] = unescape(row[1])
        return out
