"""Transcript turns and signed posts: labels over paragraphs, rejected labels, the finder's candidates.

The stage reads the text and the Doc's entities, not its parse: the Docs here carry words and entities.
"""

from __future__ import annotations

import pytest
from handbuilt import context, cut, plain

from quotes.extraction.candidates import Rule
from quotes.extraction.stages import transcript

BRIEFING = (
    "Reporter: What did the minister promise today?\n"
    "Minister Tanaka: We will cut taxes next year.\n"
    "And we will build more homes."
)


def turns(text: str, ents: dict[str, str] | None = None):
    return context(plain(text, ents)).turns


def test_role_and_titled_name_labels_open_turns() -> None:
    got = turns(BRIEFING)
    assert [(t.index, t.name, cut(BRIEFING, t.content)) for t in got[:2]] == [
        (0, "Reporter", "What did the minister promise today?"),
        (1, "Minister Tanaka", "We will cut taxes next year."),
    ]
    assert not any(t.signed for t in got)


def test_a_label_may_name_the_speakers_outlet_or_party_in_brackets() -> None:
    text = "Minister Tanaka: We will cut taxes.\nReporter (NHK): What about the budget?\nRep. Gowdy (R-S.C.): Who told you that?"
    got = turns(text)
    assert [(t.name, cut(text, t.label), cut(text, t.content)) for t in got] == [
        ("Minister Tanaka", "Minister Tanaka", "We will cut taxes."),
        ("Reporter", "Reporter", "What about the budget?"),
        ("Rep. Gowdy", "Rep. Gowdy", "Who told you that?"),
    ]


def test_a_label_holds_over_the_next_paragraphs() -> None:
    got = turns(BRIEFING)
    assert [(t.index, t.name, cut(BRIEFING, t.content)) for t in got[2:]] == [
        (1, "Minister Tanaka", "And we will build more homes.")
    ]
    assert got[2].label == got[1].label


def test_a_heading_ends_the_turn() -> None:
    text = BRIEFING + "\nTax Plans\nThe vote follows next week in parliament."
    got = turns(text)
    assert [cut(text, t.content) for t in got][-1] == "And we will build more homes."


def test_a_single_label_does_not_hold_over_paragraphs() -> None:
    text = "Reporter: What did the minister promise today?\nThe minister then left the room."
    assert [cut(text, t.content) for t in turns(text)] == ["What did the minister promise today?"]


def test_not_a_label() -> None:
    # Name-like and used twice, "Read More" would pass as a speaker's label; the not-labels list rejects it.
    text = (
        "Read More: Tax plans in detail and what they mean.\n"
        "The minister spoke for an hour.\n"
        "Read More: The housing plan explained in full."
    )
    assert turns(text) == ()


def test_a_name_label_needs_an_entity_a_title_or_a_repeat() -> None:
    text = "Hiroko Tanaka: We will cut taxes next year."
    assert turns(text) == ()  # once, untitled, not an entity: a heading-like line, not a speaker
    (t,) = turns(text, {"Hiroko Tanaka": "PERSON"})
    assert t.name == "Hiroko Tanaka"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Kyodo", ["Kyodo"]),  # used once, no entity: a transcript's layout makes it a speaker
        ("Read More", []),  # still no label (not_labels.txt)
        ("Press Briefing", []),  # a heading that says what the text is (transcript_cues.txt)
        ("Transcript", []),  # the same, and a heading word (not_labels.txt)
    ],
)
def test_inside_a_transcript_a_name_shaped_label_used_once_is_a_speaker(
    label: str, expected: list[str]
) -> None:
    text = (
        "Reporter: What did the minister promise today?\n"
        "Minister Tanaka: We will cut taxes next year.\n"
        f"{label}: Can you confirm the date of the vote?\n"
        "Minister Tanaka: Not yet."
    )
    assert [t.name for t in turns(text) if t.name not in ("Reporter", "Minister Tanaka")] == expected
    # alone, the same line is a heading-like line, not a turn
    assert turns(f"{label}: Can you confirm the date of the vote?") == ()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Insiders", ["Taxes will fall next year."]),  # people (human_nouns.txt)
        ("Senate report", ["Taxes will fall next year."]),  # a statement (speech_nouns.txt)
        ("Boom", []),  # an interjection heading (not_labels.txt)
        ("Tax Cuts Ahead", []),  # a title-case heading: no source
        ("Beware, Voters", []),  # an address
        ("Ask his voters", []),  # a heading with a verb and a pronoun
    ],
)
def test_a_short_label_naming_a_source_is_its_speaker(label: str, expected: list[str]) -> None:
    text = f"{label}: Taxes will fall next year."
    assert [cut(text, t.content) for t in turns(text)] == expected


def test_a_label_naming_a_person_the_document_names() -> None:
    # A headline's one-word label is seldom an entity itself; the story's "Hiroko Tanaka" makes it a speaker.
    text = "Tanaka: We will cut taxes next year.\nFinance Minister Hiroko Tanaka spoke in Osaka on Monday."
    assert turns(text) == ()
    (t,) = turns(text, {"Hiroko Tanaka": "PERSON"})
    assert (t.name, cut(text, t.content)) == ("Tanaka", "We will cut taxes next year.")


def test_a_tally_is_not_a_turn() -> None:
    text = "Tanaka: 2,316.\nSato: 1,547.\nTanaka: We won the count."
    assert [cut(text, t.content) for t in turns(text)] == ["We won the count."]


def test_a_tally_holds_nothing_after_it() -> None:
    # the next line is the author's, not Sato's: a row of figures is no label of a transcript
    text = "Minister Tanaka: 2,316.\nMinister Sato: 1,547.\nTanaka needs 67 more to win."
    assert list(turns(text)) == []


def test_signed_post() -> None:
    text = (
        "\u201cThe vote was a disgrace and we will not forget it.\u201d \u2014 Jane Doe (@jdoe) March 3, 2024"
    )
    (t,) = turns(text)
    assert t.signed and t.name == "Jane Doe"
    assert cut(text, t.content) == "The vote was a disgrace and we will not forget it."


def test_a_signed_post_in_markup_starts_after_the_tag() -> None:
    text = '<tweet id="7" author="@jdoe">The vote was a disgrace, we will not forget it. \u2014 Jane Doe (@jdoe) March 3</tweet>'
    (t,) = turns(text)
    assert cut(text, t.content) == "The vote was a disgrace, we will not forget it."


def test_finder_makes_transcript_candidates() -> None:
    text = (
        BRIEFING + "\n\u201cThe vote was a disgrace and we will not forget it.\u201d \u2014 Jane Doe (@jdoe)"
    )
    got = transcript.find(context(plain(text)), [])
    assert [(c.kind, c.rule, c.turn, cut(text, c.mention)) for c in got] == [
        ("transcript", Rule.LABEL, 0, "Reporter"),
        ("transcript", Rule.LABEL, 1, "Minister Tanaka"),
        ("transcript", Rule.LABEL, 1, "Minister Tanaka"),
        ("transcript", Rule.SIGNED_POST, 2, "Jane Doe"),
    ]


def test_a_stage_direction_in_brackets_is_no_part_of_a_turn() -> None:
    text = (
        "Reporter: Will taxes fall?\n\nMinister Tanaka: They will.\n\n(Laughter.)\n\n"
        "And wages will rise.\n\n(The briefing was concluded at 2:47 p.m.)"
    )
    got = turns(text)
    assert [(t.name, cut(text, t.content)) for t in got] == [
        ("Reporter", "Will taxes fall?"),
        ("Minister Tanaka", "They will."),
        ("Minister Tanaka", "And wages will rise."),
    ]


def test_a_name_before_one_quotation_is_its_speaker() -> None:
    # A headline's "Name: 'words'": the marks say the words are someone's, the label says whose.
    text = "Hiroko Tanaka: \u2018We will cut taxes.\u2019\nThe minister spoke in Osaka.\nReporter: And homes?"
    (t, _) = turns(text)
    assert (t.name, cut(text, t.content), t.quoted) == ("Hiroko Tanaka", "We will cut taxes.", True)
    got = transcript.find(context(plain(text)), [])
    assert [(c.kind, cut(text, c.mention), cut(text, c.content)) for c in got][0] == (
        "direct",
        "Hiroko Tanaka",
        "We will cut taxes.",
    )
    # Without the marks the label is a heading's, as before; a long title-case topic is no name.
    assert turns("Hiroko Tanaka: We will cut taxes.\nThe minister spoke in Osaka.") == ()
    text = "Tanaka on Her Plans for the Budget: \u2018We will cut taxes.\u2019"
    assert turns(text) == ()


def test_a_quoted_label_makes_no_transcript() -> None:
    # Two labels would make a transcript whose turns hold over the paragraphs after them; one that
    # is only a quotation's does not count, and holds over nothing.
    text = (
        "Hiroko Tanaka: \u2018We will cut taxes.\u2019\n"
        "The minister spoke in Osaka on Monday.\n"
        "Minister Sato: The budget is ready.\n"
        "The vote follows next week in parliament."
    )
    assert [cut(text, t.content) for t in turns(text)] == ["We will cut taxes.", "The budget is ready."]
