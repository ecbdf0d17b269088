"""Names, compared and turned into ids the same way everywhere (resolver, linker, scorer, model).

A *name key* compares whole names as the spec's matching does
(case-insensitive, spaces collapsed). *Name words* are the folded words of a
surface form, which the resolver compares as sets inside a document
(``Tanaka`` ⊂ ``Hiroko Tanaka``); *id words* are the words of a canonical
name with edge punctuation dropped (``George W. Bush`` = ``George W Bush``),
which the linker compares across documents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: A word of a name: letters, digits, apostrophes, periods (initials) and hyphens.
NAME_WORD = re.compile(r"[\w'’.-]+")


def fold(s: str) -> str:
    """Unicode-compatible, case-free form of a word without its accents (``ＴＡＮＡＫＡ`` = ``tanaka``,
    ``Sơn`` = ``son``: texts write a name with and without its diacritics)."""
    decomposed = unicodedata.normalize("NFKD", s)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", bare).casefold()


def name_key(name: str) -> str:
    """How the spec compares two names: case-insensitive, whitespace collapsed."""
    return " ".join(name.split()).casefold()


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys of several names, empty names dropped."""
    return frozenset(k for k in (name_key(n) for n in names) if k)


def name_words(form: str) -> list[str]:
    """The folded words of a name form, those without a letter dropped (``No. 2``, ``—``)."""
    return [fold(w) for w in NAME_WORD.findall(form) if any(ch.isalpha() for ch in w)]


#: How long an acronym may be, in letters (``EU``, ``NATO``, ``ECOWAS``).
ACRONYM_LETTERS = range(2, 8)


def acronym(form: str) -> str | None:
    """The letters of a name written as an acronym (``EU``, ``U.N.`` -> ``UN``), else None."""
    letters = "".join(ch for ch in form if not ch.isspace() and ch != ".")
    if len(letters) in ACRONYM_LETTERS and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials(form: str) -> str | None:
    """The acronym a name of several capitalised words makes (``European Union`` -> ``EU``,
    ``Asia-Pacific Economic Cooperation`` -> ``APEC``); words in lower case (``of``, ``the``) are
    skipped. None for a name of one word or one in capitals already."""
    parts = [p for w in NAME_WORD.findall(form) for p in w.split("-") if p[:1].isupper()]
    if len(parts) < 2 or acronym(form) is not None:
        return None
    return "".join(p[0] for p in parts)


#: Dropped from both ends of a word of a canonical name before names are compared across documents.
ID_WORD_EDGES = ".,'’"


def id_words(name: str) -> frozenset[str]:
    """The words of a canonical name as the cross-document linker compares them (digits kept)."""
    return frozenset(w.strip(ID_WORD_EDGES).casefold() for w in name.split() if w.strip(ID_WORD_EDGES))


#: Words after a family name that do not name anyone (``Jr.``, ``III``), compared folded without periods.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def key_words(name: str) -> tuple[str, ...]:
    """The words that tell people apart, in order: :func:`id_words` without middle initials (``G.K.``
    is ``G. K.``, whose ``K.`` goes) and suffixes, unless nothing else is left (``Donald J. Trump`` ->
    ``donald trump``, ``G. K. Butterfield`` -> ``g butterfield``)."""
    words = [w.strip(ID_WORD_EDGES).casefold() for w in name.replace(".", ". ").split()]
    words = [w for w in words if w]
    kept = [w for n, w in enumerate(words) if (n == 0 or len(w) > 1) and w not in NAME_SUFFIXES]
    return tuple(kept or words)


def family_word(name: str) -> str:
    """The last word of a canonical name, as :func:`id_words` has it ("" for an empty name)."""
    words = name.split()
    return words[-1].strip(ID_WORD_EDGES).casefold() if words else ""


def slug(name: str) -> str:
    """An ASCII id for a name: ``Bùi Thanh Sơn`` -> ``bui-thanh-son``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "speaker"
