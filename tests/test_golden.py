"""Golden cases: one small hand-annotated text per phenomenon, compared with ``quotes.extract``.

Each ``tests/golden/<case>.txt`` has a ``<case>.json`` in schema ``quotes/1`` whose answer was
written by hand from the spec (``shared/spec/annotation-format.md``), not copied from the
extractor. A quote is compared as (kind, content offsets, cue offsets, mention offsets, speaker
names); the multisets must be equal. Speakers are compared by canonical name because ids are
document-local. Confidence is not compared, only range-checked.

Cases the extractor does not get right yet are listed in ``KNOWN_GAPS`` with the reason: they run
as strict xfails, so the suite stays green, each gap stays visible, and a fixed gap turns red until
its entry is removed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import quotes
from quotes.model import DocumentResult, Quote, Span
from quotes.schema import read_annotation, read_text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))

#: case -> why the current extractor fails it (what it outputs vs the expected answer).
KNOWN_GAPS: dict[str, str] = {
    "headline_speech": "the title-case heading 'Nordic Ministers Call for Talks ...' is found now, but the parse "
    "hangs 'Nordic' on 'Call', so the mention is 'Ministers' alone and the speaker is a group of its own, not "
    "the 'Nordic environment ministers' of the body",
}

Key = tuple[str, tuple[int, int], "tuple[int, int] | None", "tuple[int, int] | None", frozenset[str]]


def _offsets(span: Span | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _names(result: DocumentResult, quote: Quote) -> frozenset[str]:
    by_id = {s.id: s.name for s in result.speakers}
    return frozenset(by_id.get(i, f"<unknown id {i!r}>") for i in quote.speaker)


def key(result: DocumentResult, quote: Quote) -> Key:
    return (
        quote.kind,
        (quote.content.start, quote.content.end),
        _offsets(quote.cue),
        _offsets(quote.mention),
        _names(result, quote),
    )


def _show_span(text: str, offsets: tuple[int, int] | None) -> str:
    if offsets is None:
        return "None"
    s, e = offsets
    return f"[{s}:{e}] {text[s:e]!r}"


def describe(text: str, k: Key) -> str:
    kind, content, cue, mention, names = k
    return (
        f"  {kind:<10} content={_show_span(text, content)}\n"
        f"             cue={_show_span(text, cue)} mention={_show_span(text, mention)} "
        f"speakers={sorted(names)}"
    )


def diff(text: str, expected: Counter, got: Counter) -> str:
    missing = expected - got
    extra = got - expected
    lines = []
    if missing:
        lines.append(f"expected but not extracted ({sum(missing.values())}):")
        lines += [describe(text, k) for k in sorted(missing.elements(), key=lambda k: k[1])]
    if extra:
        lines.append(f"extracted but not expected ({sum(extra.values())}):")
        lines += [describe(text, k) for k in sorted(extra.elements(), key=lambda k: k[1])]
    matched = expected & got
    if matched:
        lines.append(f"matched: {sum(matched.values())}")
    return "\n".join(lines)


def _load(case: str) -> tuple[str, DocumentResult]:
    text = read_text(GOLDEN / f"{case}.txt")
    gold = read_annotation(GOLDEN / f"{case}.json", text)  # validates spans and sha256
    return text, gold


def _params() -> list:
    return [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[c])) if c in KNOWN_GAPS else c
        for c in CASES
    ]


def test_there_are_golden_cases() -> None:
    assert len(CASES) >= 30
    for case in CASES:
        assert (GOLDEN / f"{case}.txt").is_file(), case
    assert set(KNOWN_GAPS) <= set(CASES), "KNOWN_GAPS names a case that does not exist"


def test_crlf_case_keeps_its_line_endings() -> None:
    """Guard against a checkout that normalises newlines: the case would silently test nothing."""
    raw = (GOLDEN / "crlf_newlines.txt").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.parametrize("case", CASES)
def test_golden_annotation_is_valid(case: str) -> None:
    text, gold = _load(case)
    assert gold.document == f"{case}.txt"
    ids = [q.id for q in gold.quotes]
    assert len(ids) == len(set(ids))
    for s in gold.speakers:
        for alias in s.aliases:
            assert alias in text, f"{case}: alias {alias!r} of {s.name!r} is not in the text"
    names = [s.name for s in gold.speakers]
    assert len(names) == len(set(names)), f"{case}: two speakers share a canonical name"


@pytest.mark.parametrize("case", _params())
def test_golden(case: str) -> None:
    text, gold = _load(case)
    result = quotes.extract(text, document=f"{case}.txt")
    assert result.ok, result.errors
    for q in result.quotes:
        assert q.confidence is None or 0.0 <= q.confidence <= 1.0, q
    expected = Counter(key(gold, q) for q in gold.quotes)
    got = Counter(key(result, q) for q in result.quotes)
    if got != expected:
        pytest.fail(f"{case}: extractor output differs from the golden answer\n{diff(text, expected, got)}")


@pytest.mark.parametrize("case", CASES)
def test_golden_output_spans_hold(case: str) -> None:
    """Whatever the extractor finds (right or wrong), every span is an exact slice of the text."""
    text = read_text(GOLDEN / f"{case}.txt")
    result = quotes.extract(text)
    known = {s.id for s in result.speakers}
    for q in result.quotes:
        for field in ("content", "cue", "mention"):
            span = getattr(q, field)
            if span is None:
                continue
            assert 0 <= span.start <= span.end <= len(text), (case, q.id, field, span)
            assert text[span.start : span.end] == span.text, (case, q.id, field, span)
        assert set(q.speaker) <= known, (case, q.id, q.speaker)
