"""Reconcile: the kind of a parse-found content from the marks it covers, nesting, and the direct quotes' cues.

The step reads the text, the marks and the candidates, not the parse: the candidates are built here as the
finders would build them (a reported candidate anchored at its verb), on Docs of words alone.
"""

from __future__ import annotations

from handbuilt import context, cut, doc, plain, span, token

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


def test_one_quoted_word_of_the_speakers_makes_it_mixed() -> None:
    """Spec 1.1: 'said nothing "surprising" happened' is mixed: the word is the speaker's."""
    text = 'Officials called the plan "dead" in parliament.'
    d = plain(text)
    content = 'the plan "dead" in parliament'
    got = reconcile.reconcile(context(d), [clause(text, content, "called", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [("mixed", content)]


def test_marks_around_a_term_leave_it_indirect() -> None:
    """A name, a figure or a coined term in marks (the "2+2" meeting, "Brexit") is a scare quote."""
    for term in ("2+2", "Brexit"):
        text = f'Officials said the "{term}" talks would resume.'
        d = plain(text)
        content = f'the "{term}" talks would resume'
        got = reconcile.reconcile(context(d), [clause(text, content, "said", d)])
        assert [(c.kind, cut(text, c.content)) for c in got] == [("indirect", content)], term


def test_mixed_content_runs_to_the_closing_mark_of_a_quotation_it_opened() -> None:
    text = 'He said the deal was "weak on jobs, you know that. Weak."'
    d = plain(text)
    got = reconcile.reconcile(context(d), [clause(text, 'the deal was "weak on jobs', "said", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [
        ("mixed", 'the deal was "weak on jobs, you know that. Weak."')
    ]
    # The parse ends the clause with the quotation's last word: the closing mark is the clause's too.
    text = 'She said the talks had been "productive" and left.'
    d = plain(text)
    got = reconcile.reconcile(context(d), [clause(text, 'the talks had been "productive', "said", d)])
    assert [(c.kind, cut(text, c.content)) for c in got] == [("mixed", 'the talks had been "productive"')]


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


def _cue_and_clause(text: str, quoted: str, content: str) -> list[tuple[str, str]]:
    """A direct quote on ``quoted`` with cue "said", and the clause the parse gave "said"."""
    d = plain(text)
    said = token(d, "said")
    quote = Candidate(
        kind="direct",
        content=span(text, quoted),
        cue=span(text, "said"),
        cue_token=said,
        rule=Rule.DIRECT_CUE,
    )
    found = [quote, clause(text, content, "said", d)]
    return [
        (c.kind, cut(text, c.content))
        for c in reconcile.drop_swallowed(context(d), reconcile.reconcile(context(d), found))
    ]


def test_complement_carrying_its_cues_quotation_in_its_own_words_is_mixed() -> None:
    """Spec 1.1: 'said he was "a very big threat" to progressives' reports the clause, not the fragment."""
    text = 'He said he was "a very big threat" to progressives.'
    content = 'he was "a very big threat" to progressives'
    assert _cue_and_clause(text, "a very big threat", content) == [("mixed", content)]
    text = 'The party "allows us to get our message out," said Frank Coleman.'
    content = 'The party "allows us to get our message out'
    assert _cue_and_clause(text, "allows us to get our message out,", content) == [
        ("mixed", 'The party "allows us to get our message out,"')  # on to the closing mark
    ]


def test_complement_running_on_past_a_quotation_that_ended_its_clause_is_not_mixed() -> None:
    """'"A," while B ...': the parser ran on past the quotation; the words across the cue are not the clause's either."""
    text = 'He said, "We will win," while others left the hall.'
    assert _cue_and_clause(text, "We will win,", 'We will win," while others left the hall') == [
        ("direct", "We will win,")
    ]
    text = 'He stressed the need for calm: "We will win," he said.'
    assert _cue_and_clause(text, "We will win,", 'He stressed the need for calm: "We will win') == [
        ("direct", "We will win,")  # the colon sets the clause before off from the quotation
    ]
    text = 'Asked about the vote, he said, "We will win."'
    assert _cue_and_clause(text, "We will win.", 'Asked about the vote, he said, "We will win') == [
        ("direct", "We will win.")
    ]


def test_drop_swallowed_direct_quote_inside_a_mixed_one() -> None:
    text = 'He called it "a disaster. We will fight it," and left.'
    d = plain(text)
    mixed = Candidate(kind="mixed", content=span(text, 'it "a disaster. We will fight it,"'))
    inner = Candidate(kind="direct", content=span(text, "We will fight it,"))
    same = Candidate(kind="direct", content=mixed.content)  # the same span is no swallowing
    assert reconcile.drop_swallowed(context(d), [mixed, inner, same]) == [mixed, same]


NESTED = """
        0  "         ``   PUNCT  punct  10
        1  {who}     PRP  PRON   nsubj  2
        2  stressed  VBD  VERB   ccomp  10 stress
        3  that      IN   SCONJ  mark   6
        4  talks     NNS  NOUN   nsubj  6  talk
        5  must      MD   AUX    aux    6
        6  resume    VB   VERB   ccomp  2
        7  ,         ,    PUNCT  punct  10
        8  "         ''   PUNCT  punct  10
        9  {source}  PRP  PRON   nsubj  10
        10 {verb}    VBZ  VERB   ROOT   10 {lemma}
        11 .         .    PUNCT  punct  10
"""


def _nested(who: str, source: str, verb: str, lemma: str, person: str = "3") -> list[tuple[str, str]]:
    text = f'"{who} stressed that talks must resume," {source} {verb}.'
    d = doc(text, NESTED.format(who=who, source=source, verb=verb, lemma=lemma))
    d[1].set_morph(f"Person={person}|PronType=Prs")
    quote = Candidate(
        kind="direct",
        content=span(text, f"{who} stressed that talks must resume,"),
        cue=span(text, verb),
        cue_token=10,
        rule=Rule.DIRECT_CUE,
    )
    got = reconcile.reconcile(context(d), [quote, clause(text, "talks must resume", "stressed", d)])
    return [(c.kind, cut(text, c.content)) for c in got]


def test_speech_a_quoted_document_reports_is_a_quote_of_its_own() -> None:
    # A readout quoted by the news: its reports of its people's speech are quotes (spec 1.1: nesting).
    assert _nested("He", "it", "reads", "read") == [
        ("direct", "He stressed that talks must resume,"),
        ("indirect", "talks must resume"),
    ]


def test_a_speakers_account_of_anothers_speech_is_not_counted_again() -> None:
    assert _nested("He", "she", "writes", "write") == [("direct", "He stressed that talks must resume,")]


def test_the_documents_own_voice_is_not_a_report_inside_it() -> None:
    # "We stressed ...": the text speaks for its authors in that very utterance.
    assert _nested("We", "it", "reads", "read", person="1") == [
        ("direct", "We stressed that talks must resume,")
    ]
