"""The scorer's features of a candidate, read from hand-built parses (no trained model)."""

from __future__ import annotations

from handbuilt import context, doc, span
from hypothesis import given
from hypothesis import strategies as st

from quotes.extraction.candidates import Candidate, Rule
from quotes.scoring.features import Contents, DocumentFacts, candidate_features

NEGATED = "Smith did not say that taxes, which rose, would fall."
NEGATED_PARSE = """
    0  Smith  NNP  PROPN  nsubj  3   -     B-PERSON
    1  did    VBD  AUX    aux    3   do
    2  not    RB   PART   neg    3
    3  say    VB   VERB   ROOT   3
    4  that   IN   SCONJ  mark   11
    5  taxes  NNS  NOUN   nsubj  11  tax
    6  ,      ,    PUNCT  punct  5
    7  which  WDT  PRON   nsubj  8
    8  rose   VBD  VERB   relcl  5   rise
    9  ,      ,    PUNCT  punct  5
    10 would  MD   AUX    aux    11
    11 fall   VB   VERB   ccomp  3
    12 .      .    PUNCT  punct  3
"""

QUOTED = '"I would win," she said.'
QUOTED_PARSE = """
    0  "      ``   PUNCT  punct  3
    1  I      PRP  PRON   nsubj  3
    2  would  MD   AUX    aux    3
    3  win    VB   VERB   ccomp  7
    4  ,      ,    PUNCT  punct  7
    5  "      ''   PUNCT  punct  7
    6  she    PRP  PRON   nsubj  7
    7  said   VBD  VERB   ROOT   7  say
    8  .      .    PUNCT  punct  7
"""

#: A quotation in two parts and a sentence of narration after them, in a new paragraph.
IN_PARTS = QUOTED + ' "And I did."\nHe left.'
IN_PARTS_PARSE = (
    QUOTED_PARSE
    + """
    9   "      ``   PUNCT  punct  12
    10  And    CC   CCONJ  cc     12
    11  I      PRP  PRON   nsubj  12
    12  did    VBD  VERB   ROOT   12 do
    13  .      .    PUNCT  punct  12
    14  "      ''   PUNCT  punct  12
    15  He     PRP  PRON   nsubj  16
    16  left   VBD  VERB   ROOT   16 leave
    17  .      .    PUNCT  punct  16
"""
)


def features(text: str, table: str, candidate: Candidate) -> set[str]:
    ctx = context(doc(text, table))
    return set(candidate_features(DocumentFacts(ctx, [candidate]), candidate))


def test_grammar_of_a_negated_report_with_a_relative_clause() -> None:
    c = Candidate(
        "indirect",
        span(NEGATED, "taxes, which rose, would fall"),
        cue=span(NEGATED, "say"),
        mention=span(NEGATED, "Smith"),
        cue_token=3,
        mention_token=0,
        rule=Rule.REPORTED_CLAUSE,
    )
    got = features(NEGATED, NEGATED_PARSE, c)
    assert {
        "cue_negated=1",
        "cue_modal=-",
        "cue_tag=VB",
        "cue_head=ROOT",
        "mention_entity=PERSON",
        "mention_tag=NNP",
        "first_tag=NNS",
        "clause=1",
        "relative=1",  # ", which rose,": set off by a comma
        "root_on_cue=1",
        "root_dep=ccomp",
        "root_tag=indirect|VB",
        "punct=indirect|2",
        "before=w",
        "after=.",
        "first_person=indirect|0",
        "kind_cue=indirect|say",
        "inner_cues=0",
        "quoted=0",
    } <= got
    assert not any(f.startswith("first_word=") for f in got)  # "taxes" is no function word


def test_grammar_of_a_quoted_first_person_sentence() -> None:
    c = Candidate(
        "direct",
        span(QUOTED, "I would win,"),
        cue=span(QUOTED, "said"),
        mention=span(QUOTED, "she"),
        cue_token=7,
        mention_token=6,
        rule=Rule.DIRECT_CUE,
    )
    got = features(QUOTED, QUOTED_PARSE, c)
    assert {
        "before=q",
        "after=q",
        "end=,",
        "first_person=direct|1",
        "first_word=i",
        "cue_negated=0",
        "cue_tag=VBD",
        "relative=0",
        "root_on_cue=1",
        "mention_entity=-",
        "mention_tag=PRP",
        "quoted=1",  # inside the marks
        "cue_quoted=0",
    } <= got


def test_the_modal_before_a_cue_is_named() -> None:
    text = "She would say that it works."
    table = """
        0  She    PRP  PRON   nsubj  2
        1  would  MD   AUX    aux    2
        2  say    VB   VERB   ROOT   2
        3  that   IN   SCONJ  mark   5
        4  it     PRP  PRON   nsubj  5
        5  works  VBZ  VERB   ccomp  2  work
        6  .      .    PUNCT  punct  2
    """
    c = Candidate(
        "indirect", span(text, "it works"), cue=span(text, "say"), cue_token=2, rule=Rule.REPORTED_CLAUSE
    )
    got = features(text, table, c)
    assert "cue_modal=would" in got and "cue_negated=0" in got and "mention=none" in got


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 20)), min_size=1, max_size=30))
def test_nesting_by_bisection_is_the_pairwise_answer(raw: list[tuple[int, int]]) -> None:
    spans = [(s, s + n) for s, n in raw]
    contents = Contents(spans)
    for own in spans:
        others = [o for o in spans if o != own]
        assert contents.inside_another(own) == any(a <= own[0] and own[1] <= b for a, b in others)
        assert contents.holds_another(own) == any(own[0] <= a and b <= own[1] for a, b in others)


def test_a_quotation_in_parts_is_a_chain_of_one_speaker() -> None:
    text, table = IN_PARTS, IN_PARTS_PARSE
    first = Candidate(
        "direct",
        span(text, "I would win,"),
        cue=span(text, "said"),
        cue_token=7,
        rule=Rule.DIRECT_CUE,
        speaker=("a",),
    )
    second = Candidate("direct", span(text, "And I did."), rule=Rule.DIRECT_CONTINUED, speaker=("a",))
    other = Candidate("indirect", span(text, "He left"), rule=Rule.REPORTED_CLAUSE, speaker=("b",))
    facts = DocumentFacts(context(doc(text, table)), [first, second, other])
    assert {"chain=direct|0|1", "next_kind=direct|direct|direct-continued"} <= set(
        candidate_features(facts, first)
    )
    assert {"chain=direct|1|0", "next_kind=direct|-|-"} <= set(
        candidate_features(facts, second)
    )  # a new paragraph


def test_the_document_says_what_kind_of_text_it_is() -> None:
    # Two direct parts and one indirect: a news story, not a readout of reported speech only.
    text, table = IN_PARTS, IN_PARTS_PARSE
    found = [
        Candidate("direct", span(text, "I would win,"), rule=Rule.DIRECT_CUE),
        Candidate("direct", span(text, "And I did."), rule=Rule.DIRECT_CONTINUED),
        Candidate("indirect", span(text, "He left"), rule=Rule.REPORTED_CLAUSE),
    ]
    facts = DocumentFacts(context(doc(text, table)), found)
    assert {"doc_direct=<=0.75", "doc_indirect=<=0.5", "doc_mixed=<=0", "doc_candidates=<=5"} <= set(
        candidate_features(facts, found[2])
    )
