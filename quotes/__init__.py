"""quotes: who said what, where, in news text.

Importing the package is cheap: spaCy and the English pipeline load on first
use of :func:`extract`, :func:`extract_many` or :func:`load_pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import KINDS, SCHEMA, DocumentResult, ErrorRecord, Quote, Span, Speaker

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "SCHEMA",
    "DocumentResult",
    "ErrorRecord",
    "Quote",
    "Span",
    "Speaker",
    "extract",
    "extract_many",
    "load_pipeline",
    "SpeakerIndex",
    "to_dataframe",
]

_LAZY = {"extract", "extract_many", "load_pipeline", "SpeakerIndex"}

if TYPE_CHECKING:
    from .api import SpeakerIndex, extract, extract_many, load_pipeline
    from .files.frames import to_dataframe


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from . import api

        return getattr(api, name)
    if name == "to_dataframe":
        from .files.frames import to_dataframe

        return to_dataframe
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
