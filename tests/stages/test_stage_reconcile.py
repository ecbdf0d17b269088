"""Reconcile: the kind of a parse-found content from the marks it covers, nesting, and the direct quotes' cues.

The step reads the text, the marks and the candidates, not the parse: the candidates are built here as the
finders would build them (a reported candidate anchored at its verb), on Docs of words alone.
"""

from __future__ import annotations

from handbuilt import context, cut, plain, span, token

from quotes.extraction.candidates import Candidate, Rule
from quotes.extraction.stages import reconcile


def clause(text: str, content: str, verb: str, d, after: str = "") -> Candidate:
    """A reported clause as the parse finder makes it: indirect, anchored at its verb."""
    i = token(d, verb, after)
    cue = (d[i].idx, d[i].idx + len(d[i]))
    return Candidate(
        kind="indirect",
        content=span(text, content),
        cue=cue,
        cue_token=i,
        anchor=i,
        rule=Rule.REPORTED_CLAUSE,
        confidence=0.85,
    )


def test_content_inside_a_quotation_becomes_direct() -> None:
    text = 'He said "the plan will not survive the winter."'
    d = plain(text)
    got = reconcile.reconcile(context(d), [clause(text, "the plan will not survive the winter", "said", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [
        ("direct", "the plan will not survive the winter.")  # the whole quotation, to its closing mark
    ]


def test_content_inside_a_quotation_already_quoted_directly_is_dropped() -> None:
    text = 'He said "the plan will not survive the winter."'
    d = plain(text)
    quote = Candidate(
        kind="direct",
        content=span(text, "the plan will not survive the winter."),
        cue=span(text, "said"),
        cue_token=token(d, "said"),
        rule=Rule.DIRECT_CUE,
    )
    found = [quote, clause(text, "the plan will not survive the winter", "said", d)]
    assert reconcile.reconcile(context(d), found) == [quote]


def test_quoted_fragment_of_two_words_makes_it_mixed() -> None:
    text = 'Officials described the plan as "dead on arrival" in parliament.'
    d = plain(text)
    content = 'the plan as "dead on arrival" in parliament'
    got = reconcile.reconcile(context(d), [clause(text, content, "described", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [("mixed", content)]


def test_one_word_scare_quote_leaves_it_indirect() -> None:
    text = 'Officials called the plan "dead" in parliament.'
    d = plain(text)
    content = 'the plan "dead" in parliament'
    got = reconcile.reconcile(context(d), [clause(text, content, "called", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [("indirect", content)]


def test_mixed_content_runs_to_the_closing_mark_of_a_quotation_it_opened() -> None:
    text = 'He said the deal was "weak on jobs, you know that. Weak."'
    d = plain(text)
    got = reconcile.reconcile(context(d), [clause(text, 'the deal was "weak on jobs', "said", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [
        ("mixed", 'the deal was "weak on jobs, you know that. Weak."')
    ]


def test_nested_reported_speech_keeps_the_outermost() -> None:
    text = "The minister said that officials had promised to cut taxes."
    d = plain(text)
    outer = clause(text, "officials had promised to cut taxes", "said", d)
    inner = clause(text, "to cut taxes", "promised", d).with_(rule=Rule.REPORTED_TO)
    assert reconcile.reconcile(context(d), [outer, inner]) == [outer]


def test_complement_of_a_direct_quotes_cue_is_dropped() -> None:
    # The parse took "She stressed the need for calm" as the complement of "said", the cue of the
    # quotation: "said" has its content already, and the clause is no quote of "said".
    text = 'She stressed the need for calm: "We will win," she said.'
    d = plain(text)
    said = token(d, "said")
    quote = Candidate(
        kind="direct",
        content=span(text, "We will win,"),
        cue=span(text, "said"),
        cue_token=said,
        rule=Rule.DIRECT_CUE,
    )
    misread = clause(text, "She stressed the need for calm", "said", d)
    assert reconcile.reconcile(context(d), [quote, misread]) == [quote]


def test_drop_swallowed_direct_quote_inside_a_mixed_one() -> None:
    text = 'He called it "a disaster. We will fight it," and left.'
    d = plain(text)
    mixed = Candidate(kind="mixed", content=span(text, 'it "a disaster. We will fight it,"'))
    inner = Candidate(kind="direct", content=span(text, "We will fight it,"))
    same = Candidate(kind="direct", content=mixed.content)  # the same span is no swallowing
    assert reconcile.drop_swallowed(context(d), [mixed, inner, same]) == [mixed, same]
