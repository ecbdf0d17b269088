"""Long documents: pieces cut at paragraph breaks, results in the original offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import quotes
from quotes.api import load_pipeline
from quotes.scale import longdocs


@given(st.text(alphabet=st.sampled_from('ab .\n\t"“”'), max_size=400), st.integers(min_value=5, max_value=60))
def test_pieces_cover_the_text_in_order_within_the_limit(text, limit):
    spans = list(longdocs.pieces(text, limit))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 == s2 and s1 < e1
    assert all(e - s <= limit for s, e in spans)


def test_pieces_prefer_blank_lines_then_line_breaks():
    para = "word " * 30  # 150 characters
    text = f"{para}\n{para}\n\n{para}"
    first_end = next(longdocs.pieces(text, 400))[1]
    assert text[first_end - 2 : first_end] == "\n\n"
    one_line = f"{para}\n{para}"
    assert one_line[next(longdocs.pieces(one_line, 200))[1] - 1] == "\n"


def test_piecewise_result_equals_whole_parse_and_keeps_offsets():
    story = (
        'Mayor Ana Ruiz spoke on Monday. "The bridge will open in May," Ruiz said.\n\n'
        "Council member Tom Baker said that the budget was too small.\n\n"
    )
    text = story * 12
    whole = quotes.extract(text)
    spans = list(longdocs.pieces(text, 700))
    assert len(spans) > 2
    nlp = load_pipeline()
    parts = [(s, nlp(text[s:e])._.quotes_result) for s, e in spans]
    merged = longdocs.merge(text, parts)
    assert [(q.kind, q.content) for q in merged.quotes] == [(q.kind, q.content) for q in whole.quotes]
    for q in merged.quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        for span in (q.cue, q.mention):
            assert span is None or text[span.start : span.end] == span.text
    names = {s.name for s in merged.speakers}
    assert {"Ana Ruiz", "Tom Baker"} <= names
    ids = {s.id for s in merged.speakers}
    assert all(set(q.speaker) <= ids for q in merged.quotes)
    assert [q.id for q in merged.quotes] == [f"q{n}" for n in range(1, len(merged.quotes) + 1)]


def test_text_over_the_limit_gets_an_error_record():
    result = quotes.extract("a" * 50, max_chars=10)
    assert result.quotes == () and [e.code for e in result.errors] == ["E105"]
    assert "50 characters" in result.errors[0].message
