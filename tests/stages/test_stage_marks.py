"""The marks stage on plain text: which characters pair into quotations (no Doc needed)."""

from __future__ import annotations

from handbuilt import english

from quotes.extraction.stages import marks


def quoted(text: str):
    return marks.find(text, english())


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted(text)]


def test_straight_and_curly_marks_pair() -> None:
    text = 'He said "yes" and \u201cno\u201d.'
    got = quoted(text)
    assert contents(text) == ["yes", "no"]
    assert all(q.closed and q.depth == 0 and q.family == "double" for q in got)
    assert [(text[q.open], text[q.close - 1]) for q in got] == [('"', '"'), ("\u201c", "\u201d")]


def test_single_marks_nest_inside_double() -> None:
    text = "\"He told me 'never again,' and left,\" she said."
    got = quoted(text)
    assert [(text[q.start : q.end], q.depth, q.family) for q in got] == [
        ("He told me 'never again,' and left,", 0, "double"),
        ("never again,", 1, "single"),
    ]


def test_apostrophes_in_words_and_after_plurals_are_not_marks() -> None:
    text = "Japan's minister said the ministers\u2019 plan was \u201cdead on arrival.\u201d"
    assert contents(text) == ["dead on arrival."]
    assert contents("In the '90s the economy grew.") == []  # an elision before digits
    # Inside a word, even a mark that would close the open single quotation is an apostrophe.
    text = "He wrote: \u2018Russia\u2019s plan is dead,\u2019 and left."
    assert contents(text) == ["Russia\u2019s plan is dead,"]


def test_unclosed_mark_closes_at_the_paragraph_end() -> None:
    text = 'The mayor said "we will fight on.\nThe council met on Monday.'
    (q,) = quoted(text)
    assert not q.closed
    assert text[q.start : q.end] == "we will fight on."
    assert q.end == q.close == text.index("\n")  # the next paragraph is not swallowed


def test_quote_reopened_on_the_next_paragraph_is_one_span() -> None:
    text = (
        '"We will not stop at the first setback, because the people want this.\n'
        '"And we will keep going," she said.'
    )
    (q,) = quoted(text)
    assert q.closed and q.paragraphs == 2
    assert q.open == 0 and text[q.end :] == '" she said.'


def test_a_stray_mark_after_a_word_does_not_open_a_multi_paragraph_quote() -> None:
    # The first quotation opens after a word ("said"), not a clause break: it closes at the paragraph end
    # and the next paragraph's mark opens a quotation of its own.
    text = 'The mayor said "we will fight on.\n"The council met on Monday.'
    got = quoted(text)
    assert [(text[q.start : q.end], q.paragraphs) for q in got] == [
        ("we will fight on.", 1),
        ("The council met on Monday.", 1),
    ]


def test_work_title_after_a_possessive_or_a_cue_word() -> None:
    text = 'She appeared on ABC\'s "This Week" on Sunday.'
    (q,) = quoted(text)
    assert text[q.start : q.end] == "This Week"
    assert q.work_title
    assert marks.is_work_title(text, q, english().marks, english().lexicon.work_title_cues)
    (q,) = quoted('He wrote a play called "Sons of Trump" last year.')
    assert q.work_title
    (q,) = quoted('He said so on NBC\'s "Midday with Charlie Sykes," a talk show.')
    assert q.work_title  # "with" is left in lower case by title case


def test_title_case_words_after_a_speech_verb_are_no_work_title() -> None:
    text = 'She said "This Week" on Sunday.'
    (q,) = quoted(text)
    assert not q.work_title


def test_a_mark_placed_as_a_closing_one_closes_whatever_its_glyph() -> None:
    """Typing slips: an opening glyph where a quote closes (``not,“ he said``), or a straight mark
    closing a curly one. Its place (text before it, a space after) says it closes the open quote
    of its family, so the rest of the paragraph is not swallowed."""
    text = "\u201cApparently not,\u201c he said. \u201cA leopard doesn\u2019t change its spots.\u201d"
    assert contents(text) == ["Apparently not,", "A leopard doesn\u2019t change its spots."]
    text = '\u201cWe will talk to him," the editor said. "Not today."'
    assert contents(text) == ["We will talk to him,", "Not today."]


def test_a_closing_glyph_between_two_words_closes_the_open_quote() -> None:
    """``Hispanics!”Former``: no space after the mark, so its place decides nothing; its glyph
    pairs with the open quote and closes it instead of opening a new one."""
    text = "\u201cI love Hispanics!\u201dFormer candidate Bush said it was \u201cinsensitive.\u201d"
    assert contents(text) == ["I love Hispanics!", "insensitive."]


def test_two_apostrophes_are_one_double_mark() -> None:
    """ASCII archives type a double mark as two apostrophes (or two backticks to open)."""
    text = "''We will win,'' she said. He called it ''the 'wrong track.'''"
    got = quoted(text)
    assert [(text[q.start : q.end], q.depth, q.family) for q in got] == [
        ("We will win,", 0, "double"),
        ("the 'wrong track.", 0, "double"),  # the single mark closing with the double one is dropped
    ]
    assert [text[q.open : q.start] for q in got] == ["''", "''"]
    assert contents("``Yes,'' she said.") == ["Yes,"]
    assert contents("The players' union said ''no.''") == ["no."]


def test_a_paragraph_reopened_with_two_apostrophes_continues_the_quote() -> None:
    text = "''We will stay in the city for as long as it takes.\n\n''And we will win,'' she said."
    got = quoted(text)
    assert [(q.paragraphs, q.closed) for q in got] == [(2, True)]
    assert text[got[0].start : got[0].end].endswith("And we will win,")


def test_a_quotation_after_an_apostrophe_that_opened_nothing_is_outermost() -> None:
    """'Sophie in 't Veld': the single mark never closes; the quotation after it is not nested in it."""
    text = "said Sophie in 't Veld, a member. \"It's a risk everywhere.\"\n\nNext."
    got = quoted(text)
    assert [(text[q.start : q.end], q.depth, q.closed) for q in got] == [("It's a risk everywhere.", 0, True)]


def test_a_quotation_followed_by_its_author_is_a_works_title() -> None:
    text = '"Met accused of whitewashing baby Jesus," by Post\'s Kathianne Boniello: "A man is suing."'
    assert [(text[q.start : q.end], q.work_title) for q in quoted(text)] == [
        ("Met accused of whitewashing baby Jesus,", True),
        ("A man is suing.", False),
    ]
    text = '"We will win," by all accounts, was his line.'  # no name after "by": speech
    assert [q.work_title for q in quoted(text)] == [False]
