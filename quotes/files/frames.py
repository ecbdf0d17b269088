"""Results as a table for analysis: ``quotes.to_dataframe`` (pandas, an optional extra).

The columns are the CSV format's (:data:`~quotes.files.formats.CSV_COLUMNS`),
with typed cells: offsets are nullable integers, a missing span or
confidence is ``<NA>``, not an empty string. A document without quotes (or
that failed) keeps one row with the quote cells empty, so that counting
documents stays right and no failure is lost.

A quote of several speakers (``the two ministers agreed``) is one row whose
``speaker``, ``speaker_id`` and ``speaker_type`` cells join the speakers with
``"; "``, as the CSV format does; with ``speakers="rows"`` it is one row per
speaker instead, the table to count who is quoted with ``groupby``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from ..model import DocumentResult, Span
from .formats import CSV_COLUMNS, JOIN

if TYPE_CHECKING:
    import pandas as pd

OFFSET_COLUMNS = tuple(c for c in CSV_COLUMNS if c.endswith(("_start", "_end")))
SPEAKER_COLUMNS = ("speaker", "speaker_id", "speaker_type")


def _span(span: Span | None) -> list[Any]:
    return [None, None, None] if span is None else [span.text, span.start, span.end]


def _rows(result: DocumentResult, per_speaker: bool) -> list[list[Any]]:
    errors = JOIN.join(f"{e.code}: {e.message}" if e.code else e.message for e in result.errors)
    head: list[Any] = [result.document, result.sha256]
    rows: list[list[Any]] = []
    for q in result.quotes:
        speakers = result.speakers_of(q)
        cells = [*_span(q.content), *_span(q.cue), *_span(q.mention), q.confidence, errors or None]
        if per_speaker and speakers:
            for s in speakers:
                rows.append([*head, q.id, q.kind, s.name, s.id, s.entity_type, *cells])
        else:
            names = [
                JOIN.join(s.name for s in speakers) or None,
                JOIN.join(q.speaker) or None,
                JOIN.join(s.entity_type or "" for s in speakers) or None,
            ]
            rows.append([*head, q.id, q.kind, *names, *cells])
    if not rows:
        rows.append([*head] + [None] * (len(CSV_COLUMNS) - 3) + [errors or None])
    return rows


def to_dataframe(
    results: Iterable[DocumentResult], *, speakers: Literal["joined", "rows"] = "joined"
) -> pd.DataFrame:
    """One row per quote (``speakers="rows"``: per quote and speaker), a row per quoteless document.

    Needs pandas: ``pip install "quotes[pandas]"``.
    """
    if speakers not in ("joined", "rows"):
        raise ValueError(f"speakers must be 'joined' or 'rows', not {speakers!r}")
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError('quotes.to_dataframe needs pandas: pip install "quotes[pandas]"') from e
    rows = [row for result in results for row in _rows(result, speakers == "rows")]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    for column in OFFSET_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    frame["confidence"] = frame["confidence"].astype("Float64")
    for column in CSV_COLUMNS:
        if column not in OFFSET_COLUMNS and column != "confidence":
            frame[column] = frame[column].astype("string")
    return frame
