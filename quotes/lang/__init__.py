"""Languages: everything the stages know about one language, behind :class:`~quotes.lang.base.LanguageRules`.

A language is one folder (``quotes/lang/<code>/``: its data files and a
``LanguageRules`` subclass) and one line in :data:`LANGUAGES`, the way pySBD's
``languages.py`` lists its languages. The component picks the language from
``nlp.lang``.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import Errors

if TYPE_CHECKING:
    from .base import LanguageRules

#: spaCy language code -> "module:class" of its rules.
LANGUAGES: dict[str, str] = {
    "en": "quotes.lang.en:English",
}


def supported() -> list[str]:
    return sorted(LANGUAGES)


class UnsupportedLanguage(ValueError):
    """The pipeline's language has no rules here (``E402``)."""


@lru_cache(maxsize=16)
def get_language(code: str, extra_rules: str | None = None, source: str = "extra_rules") -> LanguageRules:
    """The rules of language ``code``, with the text of a user's ``extra_rules`` file merged in (cached).

    ``source`` names that text in error messages (the file's path).
    """
    target = LANGUAGES.get(code)
    if target is None:
        raise UnsupportedLanguage(Errors.E402.format(lang=code, supported=", ".join(supported())))
    module, _, name = target.partition(":")
    cls = getattr(importlib.import_module(module), name)
    return cls(extra_rules, source)
