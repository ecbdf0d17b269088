"""Adversarial inputs: nothing crashes, hangs or reports an offset that does not point at its text.

Stages that work on characters (marks, transcript labels, layout, piece
cutting) are run at the sizes the robustness issue names; the full pipeline,
whose parse costs about a millisecond a token on the CI machine, at sizes
that keep the suite fast. The ``thorough`` profile (``HYPOTHESIS_PROFILE``)
runs the full pipeline at full size too.
"""

from __future__ import annotations

import dataclasses
import os
import time

import pytest
import regex
import spacy

import quotes
from quotes.extraction import layout
from quotes.extraction.stages import marks, transcript
from quotes.extraction.stages.overlaps import crosses
from quotes.lang import get_language
from quotes.model import DocumentResult
from quotes.scale import longdocs

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
LANG = get_language("en")


def check_spans(text: str, result: DocumentResult) -> None:
    ids = {s.id for s in result.speakers}
    for q in result.quotes:
        for span in (q.content, q.cue, q.mention):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert set(q.speaker) <= ids


@pytest.fixture(scope="module")
def blank():
    """A tokenizer-only pipeline: stage tests on big inputs without paying for a parse."""
    return spacy.blank("en")


#: Growing the input GROWTH times may cost at most this many times the time: linear work costs about
#: 4x, n log n about 5x, quadratic work 16x. The two sizes run in one test, so a busy machine slows both.
GROWTH, MAX_COST_RATIO = 4, 10.0
#: Below this many seconds a timing is noise: the smaller run counts as at least this long.
TIMING_FLOOR = 0.05


def _best_of_two(run, n: int) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        run(n)
        best = min(best, time.perf_counter() - start)
    return best


def grows_linearly(run, n: int) -> None:
    """``run(n)`` costs about GROWTH times ``run(n // GROWTH)``, not its square: no wall-clock limit
    (speed targets live in the benchmark), a comparison of two sizes in one run."""
    small, big = _best_of_two(run, n // GROWTH), _best_of_two(run, n)
    assert big < MAX_COST_RATIO * max(small, TIMING_FLOOR), (
        f"{GROWTH}x the input cost {big / max(small, TIMING_FLOOR):.1f}x the time ({small:.3f}s -> {big:.3f}s)"
    )


def test_five_megabyte_single_line_is_refused_with_a_clear_error():
    text = "word " * 1_000_000  # 5,000,000 characters, one line
    result = quotes.extract(text)
    assert result.quotes == ()
    assert [e.code for e in result.errors] == ["E105"]
    assert "5000000 characters" in result.errors[0].message


def test_over_spacy_max_length_is_processed_in_pieces():
    """1.2 million characters: beyond spaCy's own limit, within ours; offsets stay in the original."""
    body = "x" * 1_200_000
    text = f'"We will rebuild the bridge," Mayor Ana Ruiz said.\n\n{body}\n\n"It opens in May," Ruiz said.'
    result = quotes.extract(text)
    assert not result.errors
    check_spans(text, result)
    assert [q.content.text for q in result.quotes] == ["We will rebuild the bridge,", "It opens in May,"]
    assert len({q.speaker for q in result.quotes}) == 1  # one speaker across the pieces


def test_hundred_thousand_quote_marks_in_the_marks_stage():
    text = '"' * 100_000
    spans = marks.find_quoted_spans(text, LANG.marks)
    assert all(0 <= s.open <= s.start <= s.end <= s.close <= len(text) for s in spans)
    grows_linearly(lambda n: marks.find_quoted_spans('"' * n, LANG.marks), 100_000)


def test_quote_marks_only_through_the_pipeline():
    n = 100_000 if THOROUGH else 5_000
    for mark in ('"', "“", "'", "”"):
        text = mark * n
        result = quotes.extract(text)
        check_spans(text, result)
        assert not result.errors
        if not THOROUGH:
            break


def _nested(depth: int) -> str:
    """``“‘“‘ ... core ... ’”’”``: quotations nested ``depth`` deep, double and single marks in turn."""
    opens = "".join("“‘"[i % 2] for i in range(depth))
    closes = "".join("”’"[i % 2] for i in reversed(range(depth)))
    return f"Ana Ruiz said {opens}we will rebuild it{closes}, the paper reported."


def test_thousands_of_nested_quotes_in_the_marks_stage():
    text = _nested(5_000)
    spans = marks.find_quoted_spans(text, LANG.marks)
    assert all(0 <= s.open <= s.start <= s.end <= s.close <= len(text) for s in spans)
    grows_linearly(lambda n: marks.find_quoted_spans(_nested(n), LANG.marks), 2_000)


def test_thousands_of_nested_quotes_through_the_pipeline():
    text = _nested(5_000 if THOROUGH else 2_000)
    result = quotes.extract(text)
    assert not result.errors
    check_spans(text, result)
    contents = [(q.content.start, q.content.end) for q in result.quotes]
    assert len(set(contents)) == len(contents)
    assert not any(crosses(a, b) for a in contents for b in contents)


def _unclosed(n: int) -> str:
    return "\n\n".join(f'The mayor said "paragraph {i} never closes its quotation' for i in range(n))


def test_ten_thousand_unclosed_paragraphs_in_the_marks_stage():
    text = _unclosed(10_000)
    spans = marks.find_quoted_spans(text, LANG.marks)
    grows_linearly(lambda n: marks.find_quoted_spans(_unclosed(n), LANG.marks), 10_000)
    # Each unclosed quote ends with its own paragraph: none swallows the next.
    assert len(spans) == 10_000
    assert all("\n" not in text[s.start : s.end] for s in spans)


def test_unclosed_paragraphs_through_the_pipeline():
    n = 10_000 if THOROUGH else 300
    text = "\n\n".join(f'Mayor Ana Ruiz said "paragraph {i} never closes its quotation' for i in range(n))
    result = quotes.extract(text)
    check_spans(text, result)
    assert all("\n" not in q.content.text for q in result.quotes)


def _turns(pairs: int) -> str:
    lines = []
    for i in range(pairs):
        lines.append(f"Reporter:Question number {i} about the budget?")
        lines.append(f"Minister Tanaka: Answer number {i}. We will publish the figures.")
    return "\n\n".join(lines)


def _turn_finding_grows_linearly(blank, make_text, n: int):
    """Check that finding turns grows linearly from ``make_text(n // GROWTH)`` to ``make_text(n)``;
    the Doc of the full size, for the test's own checks."""
    docs = {size: blank.make_doc(make_text(size)) for size in (n // GROWTH, n)}
    grows_linearly(lambda size: transcript.find_turns(docs[size], docs[size].text, LANG), n)
    return docs[n]


def test_transcript_of_five_thousand_turns(blank):
    doc = _turn_finding_grows_linearly(blank, _turns, 2_500)
    text = doc.text
    turns = transcript.find_turns(doc, text, LANG)
    assert len(turns) == 5_000
    for t in turns:
        assert text[t.content[0] : t.content[1]].startswith(("Question", "Answer"))


def test_transcript_through_the_pipeline():
    n = 2_500 if THOROUGH else 50
    text = "\n\n".join(
        f"Reporter: Will the bridge open in May, question {i}?\n\nMinister Tanaka: Yes, it will open in May."
        for i in range(n)
    )
    result = quotes.extract(text)
    check_spans(text, result)
    kinds = [q.kind for q in result.quotes]
    assert kinds.count("transcript") == 2 * n
    assert {s.name for s in result.speakers} >= {"Reporter", "Tanaka"}


def _patterns() -> list[tuple[str, regex.Pattern]]:
    """Every compiled pattern at module level in the package's character-level code."""
    import quotes.evaluation.evaluate
    import quotes.files.inputs

    found = []
    for module in (marks, transcript, layout, longdocs, quotes.files.inputs, quotes.evaluation.evaluate):
        for name, value in vars(module).items():
            if hasattr(value, "pattern") and hasattr(value, "finditer"):
                found.append((f"{module.__name__}.{name}", value))
            elif isinstance(value, tuple) and value and all(hasattr(v, "finditer") for v in value):
                found.extend((f"{module.__name__}.{name}[{i}]", v) for i, v in enumerate(value))
    for field in dataclasses.fields(LANG.patterns):  # the language's patterns.tsv
        found.append((f"en.patterns.{field.name}", getattr(LANG.patterns, field.name)))
    return found


#: Inputs built to make backtracking explode: what comes first, a unit repeated, and what follows.
PATHOLOGICAL = [
    ("", " ", 200_000, ""),
    ("", "\t\n", 100_000, ""),
    ("", "a", 200_000, ""),
    ("", "—", 100_000, "(@x)"),
    ("", "— Name ", 30_000, "(@handle)"),
    ("", ":", 200_000, ""),
    ("", "Label ", 30_000, ":"),
    ("Reporter", " ", 100_000, ":"),
    ("", ".", 200_000, ""),
    ("", "\n \n", 60_000, ""),
    ("", '"', 200_000, ""),
    ("", "charset=", 30_000, ""),
    ("", "\x80\x9f", 100_000, ""),
]


#: Patterns the code only ever anchors with ``.match()`` at a line start (one bounded try per line).
ANCHORED = {"en.patterns.label", "en.patterns.acronym"}


@pytest.mark.parametrize(("name", "pattern"), _patterns(), ids=[n for n, _ in _patterns()])
def test_every_pattern_is_linear_on_pathological_input(name, pattern):
    """Each pattern, used as the code uses it, on inputs built to make backtracking explode."""
    assert len(_patterns()) >= 8, "pattern discovery found too few: it is broken"
    for prefix, unit, count, suffix in PATHOLOGICAL:

        def run(n: int, prefix: str = prefix, unit: str = unit, suffix: str = suffix) -> None:
            text = prefix + unit * n + suffix
            subject = text.encode("latin-1", "replace") if isinstance(pattern.pattern, bytes) else text
            if name in ANCHORED:
                for line_start in range(0, len(subject), 1000):
                    pattern.match(subject, line_start)
            else:
                for _ in pattern.finditer(subject):
                    pass

        grows_linearly(run, count)


def _dashes(n: int) -> str:
    return "— a " * n + "— Jane Doe (@jdoe) May 3"


def test_signed_post_search_is_bounded_on_a_long_line_of_dashes(blank):
    doc = _turn_finding_grows_linearly(blank, _dashes, 50_000)
    turns = transcript.find_turns(doc, doc.text, LANG)
    assert [t.name for t in turns if t.signed] == ["Jane Doe"]


@pytest.mark.parametrize(
    "text",
    [
        '<html><body><p>&ldquo;We will win,&rdquo; said Jane Smith.</p><script>var x = "y";</script></body></html>',
        '# Heading\n\n> "Quoted in markdown," said **Jane Smith**.\n\n- item "one"\n- [link](http://x.y/"z")',
        "â€œWe will win,â€ said Jane Smith. Itâ€™s a â€˜greatâ€™ day.",
        '\ufeffZero\u200dwidth \u200fRTL \u202e"reversed" said Jane\u0301 Smith.\r\n\r\nNext\rline "x".',
        '\x00\x01 NUL "inside" quote \x00',
        '中文“引号”测试。 "English," she said. «Français», a-t-il dit.',
    ],
    ids=["html", "markdown", "mojibake", "unicode-controls", "nul", "mixed-scripts"],
)
def test_markup_and_mojibake_leftovers(text):
    result = quotes.extract(text)
    check_spans(text, result)
    assert result == quotes.extract(text)  # deterministic


def test_the_linearity_check_catches_quadratic_work():
    """The check above can fail: work that grows with the square of its input does not pass it.
    (Sleeping stands in for the work, so the check is tested, not the machine's load.)"""
    with pytest.raises(AssertionError, match="cost"):
        grows_linearly(lambda n: time.sleep(0.06 * (n / 1_000) ** 2), 4_000)
    grows_linearly(lambda n: time.sleep(0.06 * n / 1_000), 4_000)  # and linear work passes
