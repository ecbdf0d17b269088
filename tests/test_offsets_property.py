"""Property tests: ``quotes.extract`` holds its contract on any text, however odd.

For arbitrary text (any Unicode, astral characters, combining marks, right-to-left text, zero-width
joiners, ``\\r\\n`` and bare ``\\r`` newlines, NUL, no letters at all, nothing but quotation marks)
and for news-like text with stray quotation marks thrown in, the extractor never raises and:

- every span (content, cue, mention) lies inside the text and equals its slice;
- quote ids are unique and every speaker id a quote names is in ``speakers``;
- confidence is in [0, 1];
- quotes never cross: two contents are apart or one lies inside the other (speech reported inside
  a quotation or a transcript turn is its own quote, so nesting is allowed), and no content is
  reported twice (the spec: each reported clause is one quote);
- the output is deterministic and describes the text as given (its sha256 is the text's).

The number of examples comes from the Hypothesis profile (``tests/conftest.py``):
``HYPOTHESIS_PROFILE=thorough`` runs 10,000 per property instead of the CI-fast default.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

import quotes
from quotes.model import DocumentResult
from quotes.schema import read_text, sha256_text, to_dict

GOLDEN = Path(__file__).parent / "golden"

QUOTE_MARKS = ['"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "『", "』", "`", "´"]
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]
ODD = [
    "\x00",
    "\u200d",  # zero-width joiner
    "\u200c",  # zero-width non-joiner
    "\u200b",  # zero-width space
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # BOM
    "\u00a0",  # no-break space
    "\u0301",  # combining acute
    "\u0338",  # combining long solidus overlay
    "\u3000",  # ideographic space
    "\ufffd",
    "👩‍👩‍👧",  # ZWJ emoji sequence
    "🇯🇵",
    "𝐀𝐁𝐂",  # mathematical bold (astral)
    "𐍈",  # Gothic (astral)
    "e\u0301",
    "שלום",  # Hebrew
    "مرحبا",  # Arabic
    "日本語",
    "한국어",
    "Ωμέγα",
    "Привет",
    "—",
    "–",
    "…",
    ":",
    "(@",
    ")",
]
WORDS = [
    "said",
    "says",
    "stated",
    "told reporters",
    "according to",
    "agreed to",
    "added",
    "that",
    "the",
    "minister",
    "Minister",
    "Secretary",
    "she",
    "He",
    "They",
    "we",
    "I",
    "Reporter:",
    "Reporter:Did",
    "Q:",
    "Ms. KAMI",
    "TANAKA Hiroko",
    "Japan's",
    "ministers’",
    "'90s",
    "rock 'n' roll",
    "2+2",
    "Dr.",
    "U.S.",
    "and",
    "expressed her gratitude for",
    "concurred on",
    "discussed",
]

NAMES = [
    "Maria Ortiz",
    "Ortiz",
    "Foreign Minister TANAKA Hiroko",
    "Ms. Tanaka",
    "Governor Jane Doe",
    "the minister",
    "The two ministers",
    "She",
    "he",
    "officials",
    "the Daily Herald",
    "Dr. Amara Osei-Bonsu",
    "Jean-Luc Ébrard",
    "José María Núñez",
    "Zoë O'Connor",
    "李明",
    "Ахмед",
]
CONTENTS = [
    "We will not back down",
    "the talks were productive",
    "Japan’s role is clear",
    "nobody expected the '90s to return",
    "it's the so-called “reset” again",
    "to meet again in May",
    "the plan, he said, is dead",
    "A. B. C",
    "",
    "…",
    "مرحبا بالعالم",
    "שלום עולם",
    "😀 emoji 🇯🇵 here",
]
TEMPLATES = [
    "{o}{c},{e} {n} said.",
    "{o}{c}{e} {n} said.",
    "{o}{c},{e} said {n}.",
    "{n} said: {o}{c}.{e}",
    "{n} said that {c}.",
    "{n} stated, {o}{c}.{e}",
    "{n} agreed {c} and acknowledged that {c}.",
    "According to {n}, {c}.",
    "{c}, according to {n}.",
    "{c}, reported {n}.",
    "{n}: {c}",
    "{n}:{c}",
    "{c} — {n} (@handle) May 3, 2024",
    "{o}{c},{e} {n} said, {o}{c}.{e}",
    "{n} described it as {o}{c}{e} for everyone.",
    "The {o}2+2{e} meeting {c}.",
    "{o}{c}",
    "{n} Says {c}",
    "{n}'s statement that {c} was welcomed.",
]
PAIRS = [
    ("“", "”"),
    ('"', '"'),
    ("'", "'"),
    ("‘", "’"),
    ("«", "»"),
    ("„", "“"),
    ("「", "」"),
    ("", ""),
    ("“", ""),
]


def check(text: str, result: DocumentResult) -> None:
    assert isinstance(result, DocumentResult)
    assert result.sha256 == sha256_text(text), "the result does not describe the text as given"
    ids = [q.id for q in result.quotes]
    assert len(ids) == len(set(ids)), f"duplicate quote ids: {ids}"
    speaker_ids = [s.id for s in result.speakers]
    assert len(speaker_ids) == len(set(speaker_ids)), f"duplicate speaker ids: {speaker_ids}"
    known = set(speaker_ids)
    n = len(text)
    for q in result.quotes:
        assert q.kind in quotes.KINDS, q
        assert q.content is not None, q
        for field in ("content", "cue", "mention"):
            span = getattr(q, field)
            if span is None:
                continue
            assert 0 <= span.start <= span.end <= n, f"{q.id}.{field} out of bounds: {span} (len {n})"
            assert text[span.start : span.end] == span.text, (
                f"{q.id}.{field} text differs from its slice: {span.text!r} != "
                f"{text[span.start : span.end]!r} at [{span.start}:{span.end}]"
            )
        missing = set(q.speaker) - known
        assert not missing, f"{q.id} names unknown speaker ids {missing}"
        assert q.confidence is None or 0.0 <= q.confidence <= 1.0, f"{q.id} confidence {q.confidence}"
    check_no_crossing(result)


def check_no_crossing(result: DocumentResult) -> None:
    spans = sorted(
        ((q.content.start, q.content.end, q.id) for q in result.quotes), key=lambda t: (t[0], -t[1])
    )
    assert len({(s, e) for s, e, _ in spans}) == len(spans), f"a content is reported twice: {spans}"
    open_: list[tuple[int, int, str]] = []  # contents that contain the current start, outermost first
    for s, e, qid in spans:
        while open_ and open_[-1][1] <= s:
            open_.pop()
        if open_:
            ps, pe, pid = open_[-1]
            assert e <= pe, f"{qid} [{s}:{e}] crosses {pid} [{ps}:{pe}]"
        open_.append((s, e, qid))


def run(text: str) -> None:
    before = "".join(text)  # an independent copy, to compare after the run
    first = quotes.extract(text)
    check(text, first)
    second = quotes.extract(text)
    assert to_dict(first) == to_dict(second), "two runs on the same text differ"
    assert text == before


def _golden_texts() -> list[str]:
    return [read_text(p) for p in sorted(GOLDEN.glob("*.txt"))] or ["“We will win,” she said."]


odd_chars = st.sampled_from(QUOTE_MARKS + NEWLINES + ODD)
astral = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
combining = st.characters(categories=("Mn", "Me", "Mc"))
rtl = st.characters(min_codepoint=0x0590, max_codepoint=0x08FF)
any_char = st.characters(exclude_categories=("Cs",))

mixed_text = st.lists(
    st.one_of(any_char, odd_chars, astral, combining, rtl, st.sampled_from(WORDS), st.just(" ")),
    max_size=80,
).map("".join)
no_letters = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Lu", "Ll", "Lt", "Lm", "Lo")), max_size=120
)
only_marks = st.lists(st.sampled_from(QUOTE_MARKS + [" ", "\n", "\r\n"]), max_size=60).map("".join)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    o, e = draw(st.sampled_from(PAIRS))
    return draw(st.sampled_from(TEMPLATES)).format(
        o=o, e=e, n=draw(st.sampled_from(NAMES)), c=draw(st.sampled_from(CONTENTS))
    )


@st.composite
def with_insertions(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """``base`` with random quotation marks, newlines and odd characters put in at random places."""
    text = draw(base)
    inserts = draw(st.lists(st.tuples(st.integers(min_value=0), odd_chars), max_size=8))
    for pos, piece in sorted(inserts, key=lambda t: -(t[0] % (len(text) + 1))):
        i = pos % (len(text) + 1)
        text = text[:i] + piece + text[i:]
    return text


news_like = with_insertions(
    st.lists(
        st.tuples(sentence(), st.sampled_from([" ", "\n\n", "\r\n\r\n", "\n", "\r\r", "\r\n"])),
        min_size=1,
        max_size=8,
    ).map(lambda parts: "".join(s + sep for s, sep in parts))
)
golden_mutated = with_insertions(st.sampled_from(_golden_texts()))


@given(st.text())
@example("")
@example("\x00")
@example("\r\n\r\n")
@example("“")
@example("”“")
@example("'")
def test_any_text(text: str) -> None:
    run(text)


@given(mixed_text)
@example("Reporter:\u200d“שלום”\r\n— Governor 👩‍👩‍👧 (@x)")
@example("“e\u0301”, she said.\r“")
def test_mixed_scripts_and_odd_characters(text: str) -> None:
    run(text)


@given(no_letters)
def test_text_without_letters(text: str) -> None:
    run(text)


@given(only_marks)
@example('""""')
@example("“““”””")
@example("'\n'\n'")
def test_only_quote_marks(text: str) -> None:
    run(text)


@given(news_like)
def test_news_like_text_with_stray_marks(text: str) -> None:
    run(text)


@given(golden_mutated)
def test_golden_texts_with_stray_marks(text: str) -> None:
    run(text)


@given(st.sampled_from(_golden_texts()), st.sampled_from(["\r\n", "\r", "\u2028"]))
def test_newline_styles(text: str, newline: str) -> None:
    run(text.replace("\r\n", "\n").replace("\n", newline))
