"""``quotes.to_dataframe``: the CSV format's columns with typed cells, for analysis (issue 18)."""

from __future__ import annotations

import pytest

import quotes
from quotes.files.formats import CSV_COLUMNS
from quotes.model import DocumentResult, ErrorRecord, Quote, Span, Speaker

pd = pytest.importorskip("pandas")

TEXT = "The two ministers agreed to meet again. Lee said that talks would go on."


def _span(sub: str) -> Span:
    start = TEXT.index(sub)
    return Span.of(TEXT, start, start + len(sub))


def _results() -> list[DocumentResult]:
    speakers = (
        Speaker("lee", "Lee Min", ("Lee",), "PERSON"),
        Speaker("ortiz", "Ana Ortiz", (), "PERSON"),
    )
    quotes_ = (
        Quote(
            "q1",
            "indirect",
            _span("to meet again"),
            _span("agreed"),
            _span("The two ministers"),
            ("lee", "ortiz"),
            0.8,
        ),
        Quote("q2", "indirect", _span("talks would go on"), _span("said"), _span("Lee"), ("lee",)),
    )
    return [
        DocumentResult("a.txt", "f" * 64, speakers, quotes_),
        DocumentResult("bad.txt", "0" * 64, errors=(ErrorRecord("E101", "not UTF-8"),)),
    ]


def test_one_row_per_quote_with_speakers_joined_as_in_csv() -> None:
    df = quotes.to_dataframe(_results())
    assert list(df.columns) == list(CSV_COLUMNS)
    assert len(df) == 3  # two quotes and the failed document's row
    first = df.iloc[0]
    assert first["speaker"] == "Lee Min; Ana Ortiz" and first["speaker_id"] == "lee; ortiz"
    assert first["content"] == "to meet again"
    assert TEXT[first["content_start"] : first["content_end"]] == first["content"]
    assert df["content_start"].dtype == "Int64" and df["confidence"].dtype == "Float64"
    assert pd.isna(df.iloc[1]["confidence"])  # no confidence given: missing, not 0 or ""
    failed = df.iloc[2]
    assert failed["document"] == "bad.txt" and pd.isna(failed["quote"])
    assert failed["errors"] == "E101: not UTF-8"


def test_one_row_per_speaker_counts_who_is_quoted() -> None:
    df = quotes.to_dataframe(_results(), speakers="rows")
    assert len(df) == 4
    counts = df.dropna(subset=["quote"]).groupby("speaker").size().to_dict()
    assert counts == {"Lee Min": 2, "Ana Ortiz": 1}
    assert set(df["speaker_id"].dropna()) == {"lee", "ortiz"}


def test_rejects_an_unknown_layout() -> None:
    with pytest.raises(ValueError, match="joined"):
        quotes.to_dataframe(_results(), speakers="columns")  # type: ignore[arg-type]
