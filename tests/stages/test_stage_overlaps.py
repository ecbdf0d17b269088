"""The overlap stage's repair rules on hand-built parses: where a reported clause that crosses a quote is cut.

``tests/test_overlaps.py`` checks the properties (nothing crosses afterwards); these check each repair.
"""

from __future__ import annotations

from handbuilt import context, cut, doc, plain, span, token

from quotes.extraction.candidates import Candidate, Rule
from quotes.extraction.stages import overlaps


def direct_quote(text: str, content: str, cue: str, d, after: str = "") -> Candidate:
    i = token(d, cue, after)
    return Candidate(
        kind="direct",
        content=span(text, content),
        cue=(d[i].idx, d[i].idx + len(d[i])),
        cue_token=i,
        rule=Rule.DIRECT_CUE,
        confidence=0.95,
    )


def clause(text: str, content: str, verb: str, d, kind: str = "indirect") -> Candidate:
    i = token(d, verb)
    return Candidate(
        kind=kind,
        content=span(text, content),
        cue=(d[i].idx, d[i].idx + len(d[i])),
        cue_token=i,
        anchor=i,
        rule=Rule.REPORTED_NP,
        confidence=0.7,
    )


SECOND_ACT = 'She rejected the notion that taxes would rise, saying "We will cut them next year."'
SECOND_ACT_PARSE = """
    0  She       PRP  PRON   nsubj     1
    1  rejected  VBD  VERB   ROOT      1  reject
    2  the       DT   DET    det       3
    3  notion    NN   NOUN   dobj      1
    4  that      IN   SCONJ  mark      7
    5  taxes     NNS  NOUN   nsubj     7  tax
    6  would     MD   AUX    aux       7
    7  rise      VB   VERB   acl       3
    8  ,         ,    PUNCT  punct     1
    9  saying    VBG  VERB   advcl     1  say
    10 "         ``   PUNCT  punct     9
    11 We        PRP  PRON   nsubj     13 we
    12 will      MD   AUX    aux       13
    13 cut       VB   VERB   ccomp     9
    14 them      PRP  PRON   dobj      13 they
    15 next      JJ   ADJ    amod      16 -    B-DATE
    16 year      NN   NOUN   npadvmod  13 -    I-DATE
    17 .         .    PUNCT  punct     1
    18 "         ''   PUNCT  punct     1
    """


def test_clause_is_cut_before_a_second_act() -> None:
    d = doc(SECOND_ACT, SECOND_ACT_PARSE)
    quote = direct_quote(SECOND_ACT, "We will cut them next year.", "saying", d)
    # The phrase content ran on over the participle into the quotation.
    crossing = clause(
        SECOND_ACT, 'the notion that taxes would rise, saying "We will cut them', "rejected", d, "mixed"
    )
    got = overlaps.settle_overlaps(context(d), [crossing, quote])
    assert [(c.kind, cut(SECOND_ACT, c.content)) for c in got] == [
        ("indirect", "the notion that taxes would rise"),  # no marks left: no longer mixed
        ("direct", "We will cut them next year."),
    ]


def test_without_a_second_act_the_quotation_gives_way_to_the_clause() -> None:
    # The same crossing with "saying" tagged as a noun: no second act, no sentence end before the mark,
    # so the clause stands and the quotation keeps only what follows it.
    d = doc(SECOND_ACT, SECOND_ACT_PARSE.replace("saying    VBG  VERB", "saying    NN   NOUN"))
    quote = direct_quote(SECOND_ACT, "We will cut them next year.", "rejected", d)
    crossing = clause(
        SECOND_ACT, 'the notion that taxes would rise, saying "We will cut them', "rejected", d, "mixed"
    )
    got = overlaps.settle_overlaps(context(d), [crossing, quote])
    assert [(c.kind, cut(SECOND_ACT, c.content)) for c in got] == [
        ("mixed", 'the notion that taxes would rise, saying "We will cut them'),
        ("direct", "next year."),
    ]


def test_first_act_by_means_of_the_second_has_no_content() -> None:
    text = 'He explained the delay by saying "the trains were full."'
    d = doc(
        text,
        """
        0  He         PRP  PRON   nsubj  1
        1  explained  VBD  VERB   ROOT   1  explain
        2  the        DT   DET    det    3
        3  delay      NN   NOUN   dobj   1
        4  by         IN   ADP    prep   1
        5  saying     VBG  VERB   pcomp  4  say
        6  "          ``   PUNCT  punct  5
        7  the        DT   DET    det    8
        8  trains     NNS  NOUN   nsubj  9  train
        9  were       VBD  AUX    ccomp  5  be
        10 full       JJ   ADJ    acomp  9
        11 .          .    PUNCT  punct  1
        12 "          ''   PUNCT  punct  1
        """,
    )
    quote = direct_quote(text, "the trains were full.", "saying", d)
    crossing = clause(text, 'the delay by saying "the trains were full', "explained", d, "mixed")
    assert overlaps.settle_overlaps(context(d), [crossing, quote]) == [quote]


def test_clause_is_cut_at_the_mark_after_a_sentence_end() -> None:
    text = 'The minister said taxes would fall. "We will cut them next year," she added.'
    d = doc(
        text,
        """
        0  The       DT   DET    det       1
        1  minister  NN   NOUN   nsubj     2
        2  said      VBD  VERB   ROOT      2  say
        3  taxes     NNS  NOUN   nsubj     5  tax
        4  would     MD   AUX    aux       5
        5  fall      VB   VERB   ccomp     2
        6  .         .    PUNCT  punct     2
        7  "         ``   PUNCT  punct     17
        8  We        PRP  PRON   nsubj     10 we
        9  will      MD   AUX    aux       10
        10 cut       VB   VERB   ccomp     17
        11 them      PRP  PRON   dobj      10 they
        12 next      JJ   ADJ    amod      13 -    B-DATE
        13 year      NN   NOUN   npadvmod  10 -    I-DATE
        14 ,         ,    PUNCT  punct     17
        15 "         ''   PUNCT  punct     17
        16 she       PRP  PRON   nsubj     17
        17 added     VBD  VERB   ROOT      17 add
        18 .         .    PUNCT  punct     17
        """,
    )
    quote = direct_quote(text, "We will cut them next year,", "added", d)
    crossing = clause(text, 'taxes would fall. "We will cut them', "said", d, "mixed")
    got = overlaps.settle_overlaps(context(d), [crossing, quote])
    assert [(c.kind, cut(text, c.content)) for c in got] == [
        ("indirect", "taxes would fall"),
        ("direct", "We will cut them next year,"),
    ]


def test_clause_begun_inside_a_quotation_is_dropped() -> None:
    text = '"Taxes will fall. We promise," Patel said, according to the agency.'
    d = plain(text)
    quote = direct_quote(text, "Taxes will fall. We promise,", "said", d)
    inside_out = clause(text, 'We promise," Patel said', "said", d)
    assert overlaps.settle_overlaps(context(d), [quote, inside_out]) == [quote]


def test_clause_running_into_a_turn_starts_at_the_turn() -> None:
    text = (
        "Reporter: Will taxes rise next year?\n"
        "Minister Tanaka: No. Taxes will fall next year, and wages will rise."
    )
    d = plain(text)
    turn = Candidate(
        kind="transcript", content=span(text, "No. Taxes will fall next year, and wages will rise.")
    )
    crossing = clause(text, "next year?\nMinister Tanaka: No. Taxes will fall", "rise", d)
    got = overlaps.settle_overlaps(context(d), [crossing, turn])
    assert sorted((c.kind, cut(text, c.content)) for c in got) == [
        ("indirect", "No. Taxes will fall"),
        ("transcript", "No. Taxes will fall next year, and wages will rise."),
    ]
