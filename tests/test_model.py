"""The result model: unit tests, and properties of the ``quotes/1`` round trip on random documents."""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.errors import Errors, SchemaError
from quotes.model import KINDS, SCHEMA, DocumentResult, ErrorRecord, Quote, Span, Speaker
from quotes.schema import (
    dumps,
    from_dict,
    loads,
    read_annotation,
    read_jsonl,
    sha256_text,
    to_dict,
    write_annotation,
    write_jsonl,
)

# -- random documents --------------------------------------------------------------------

#: Pieces that break naive offset handling: CRLF and lone CR, quotation marks, astral
#: characters (one code point, two UTF-16 units, four UTF-8 bytes), combining marks, a
#: flag (two astral code points), line/paragraph separators Python's splitlines() splits on.
TRICKY = [
    "\r\n",
    "\r",
    "\n",
    " ",
    "\t",
    '"',
    "'",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u00ab",
    "\u00bb",
    "\u201e",
    "\U0001f600",
    "\U0001d49c",
    "\U0001f1ef\U0001f1f5",
    "e\u0301",
    "\u0308",
    "\u2028",
    "\u2029",
    "\x85",
    "\x1c",
    "\ufeff",
    "said",
    "Kamikawa",
]
# Any code point UTF-8 can hold (so no lone surrogates, which no decoded file contains).
chars = st.characters(codec="utf-8")
texts = st.lists(st.one_of(chars, st.sampled_from(TRICKY)), max_size=40).map("".join)
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
names = st.lists(st.one_of(chars, st.sampled_from(TRICKY)), max_size=6).map("".join)
#: The writer rounds confidence to 4 decimals, so draw values that survive that.
confidences = st.none() | st.integers(0, 10_000).map(lambda k: k / 10_000)


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span.of(text, start, end)


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, DocumentResult]:
    text = draw(texts)
    ids = draw(st.lists(slugs, unique=True, max_size=4))
    speakers = tuple(
        Speaker(
            sid,
            draw(names),
            tuple(draw(st.lists(names, max_size=3))),
            draw(st.none() | st.sampled_from(["PERSON", "ORG", "GPE", "NORP"])),
        )
        for sid in ids
    )
    quote_ids = draw(st.lists(st.text(min_size=1, max_size=6), unique=True, max_size=6))
    quotes = tuple(
        Quote(
            id=qid,
            kind=draw(st.sampled_from(KINDS)),
            content=draw(spans(text)),
            cue=draw(st.none() | spans(text)),
            mention=draw(st.none() | spans(text)),
            speaker=tuple(draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))) if ids else (),
            confidence=draw(confidences),
        )
        for qid in quote_ids
    )
    errors = tuple(
        draw(st.lists(st.builds(ErrorRecord, st.sampled_from([e.name for e in Errors]), names), max_size=2))
    )
    result = DocumentResult(
        document=draw(st.text(min_size=1, max_size=20)),
        sha256=sha256_text(text),
        speakers=speakers,
        quotes=quotes,
        errors=errors,
    )
    return text, result


def all_spans(result: DocumentResult):
    for q in result.quotes:
        for span in (q.content, q.cue, q.mention):
            if span is not None:
                yield q, span


#: The number of examples comes from the Hypothesis profile (tests/conftest.py); file I/O makes
#: timings uneven, so no deadline.
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents())
def test_dumps_loads_identity(doc):
    text, result = doc
    line = dumps(result)
    # One JSON Lines line: no raw line feed or carriage return survives serialisation.
    assert "\n" not in line and "\r" not in line
    back = loads(line, text=text, source="prop")
    assert back == result
    assert loads(line) == result  # shape-only reading gives the same record
    assert from_dict(to_dict(result), text=text) == result
    assert to_dict(back) == to_dict(result)
    for q, span in all_spans(back):
        assert text[span.start : span.end] == span.text, (q.id, span)
        assert span.matches(text)


@PROPERTY
@given(documents())
def test_files_round_trip(doc):
    """Through real files: the text written as raw UTF-8 bytes, read back with read_annotation."""
    text, result = doc
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "doc.txt").write_bytes(text.encode("utf-8"))
        result = dataclasses.replace(result, document="doc.txt")
        write_annotation(result, Path(d) / "doc.json")
        assert read_annotation(Path(d) / "doc.json") == result
        write_jsonl([result, result.with_document("again.txt")], Path(d) / "out.jsonl")
        assert list(read_jsonl(Path(d) / "out.jsonl")) == [result, result.with_document("again.txt")]
        assert sorted(p.name for p in Path(d).iterdir()) == ["doc.json", "doc.txt", "out.jsonl"]


@PROPERTY
@given(documents(), st.data())
def test_a_span_that_disagrees_with_the_text_is_rejected(doc, data):
    text, result = doc
    if not result.quotes:
        return
    i = data.draw(st.integers(0, len(result.quotes) - 1))
    q = result.quotes[i]
    shift = data.draw(st.sampled_from([-1, 1, 2]))
    moved = Span(q.content.start + shift, q.content.end + shift, q.content.text)
    d = to_dict(result)
    d["quotes"][i]["content"] = {"start": moved.start, "end": moved.end, "text": moved.text}
    if moved.matches(text):  # the shifted window happens to hold the same characters
        assert from_dict(d, text=text).quotes[i].content == moved
        return
    with pytest.raises(SchemaError) as info:
        from_dict(d, text=text, source="prop")
    assert info.value.code == ("E004" if moved.start >= 0 and moved.end <= len(text) else "E003")
    assert info.value.quote_id == q.id


# -- Span ----------------------------------------------------------------------------------

TEXT = 'A\U0001f600 e\u0301 "said"\r\nB'


def test_span_of_slices_code_points():
    i = TEXT.index("said")
    assert i == 7  # 'A', emoji, ' ', 'e', combining acute, ' ', '"': seven code points before it
    s = Span.of(TEXT, i, i + 4)
    assert s == Span(7, 11, "said")
    assert Span.of(TEXT, 1, 2).text == "\U0001f600"
    assert Span.of(TEXT, 3, 5).text == "e\u0301"
    assert Span.of(TEXT, 12, 14).text == "\r\n"
    assert Span.of(TEXT, 4, 4) == Span(4, 4, "")


def test_span_matches():
    assert Span(7, 11, "said").matches(TEXT)
    assert Span(0, len(TEXT), TEXT).matches(TEXT)
    assert Span(len(TEXT), len(TEXT), "").matches(TEXT)
    assert not Span(8, 12, "said").matches(TEXT)  # off by one, as UTF-16 offsets would be
    assert not Span(7, 11, "SAID").matches(TEXT)
    assert not Span(-1, len(TEXT), "B").matches(TEXT)  # a slice would count from the end
    assert not Span(-3, -1, TEXT[-3:-1]).matches(TEXT)
    assert not Span(5, 3, "").matches(TEXT)  # text[5:3] == "" but the span is reversed
    assert not Span(len(TEXT), len(TEXT) + 2, "").matches(TEXT)


def test_span_of_does_not_validate_but_matches_catches_it():
    s = Span.of(TEXT, 12, 40)
    assert s.text == TEXT[12:]
    assert not s.matches(TEXT)


def test_model_is_frozen_hashable_and_picklable():
    s = Span(0, 1, "A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 2  # type: ignore[misc]
    q = Quote("q1", "direct", s, speaker=("a",))
    r = DocumentResult("d.txt", "0", (Speaker("a", "A"),), (q,), (ErrorRecord("E201", "x"),))
    assert hash(r) == hash(pickle.loads(pickle.dumps(r)))
    assert pickle.loads(pickle.dumps(r)) == r
    assert r.schema == SCHEMA == "quotes/1"
    assert not r.ok and DocumentResult("d.txt", "0").ok
    assert r.with_document("e.txt").document == "e.txt" and r.document == "d.txt"


# -- Speaker.names ---------------------------------------------------------------------------


def test_speaker_names_are_folded_stripped_and_deduplicated():
    s = Speaker("kamikawa", "Yoko Kamikawa", ("KAMIKAWA Yoko", " Kamikawa ", "kamikawa", "Straße", "", "  "))
    assert s.names() == frozenset({"yoko kamikawa", "kamikawa yoko", "kamikawa", "strasse"})
    assert isinstance(s.names(), frozenset)


def test_speaker_names_include_the_name_without_aliases():
    assert Speaker("reporter", "Reporter").names() == frozenset({"reporter"})
    assert Speaker("x", "  ").names() == frozenset()


# -- DocumentResult.speakers_of ----------------------------------------------------------------

KAMIKAWA = Speaker("yoko-kamikawa", "Yoko Kamikawa", ("Kamikawa",))
BLINKEN = Speaker("antony-blinken", "Antony Blinken", ("Blinken",))
DOC = DocumentResult("d.txt", "0", speakers=(KAMIKAWA, BLINKEN))


def _quote(*speaker: str) -> Quote:
    return Quote("q1", "indirect", Span(0, 0, ""), speaker=speaker)


def test_speakers_of_follows_the_quote_order():
    assert DOC.speakers_of(_quote("antony-blinken", "yoko-kamikawa")) == (BLINKEN, KAMIKAWA)
    assert DOC.speakers_of(_quote("yoko-kamikawa")) == (KAMIKAWA,)


def test_speakers_of_unresolved_and_unknown():
    assert DOC.speakers_of(_quote()) == ()
    assert DOC.speakers_of(_quote("nobody", "antony-blinken")) == (BLINKEN,)


def test_speaker_lookup():
    assert DOC.speaker("antony-blinken") is BLINKEN
    assert DOC.speaker("nobody") is None
