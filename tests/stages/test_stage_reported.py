"""The reported-speech finder and English ``report`` on hand-built parses: one frame a test."""

from __future__ import annotations

import pytest
from handbuilt import SAID_THAT, SAID_THAT_PARSE, context, cut, doc, english, span

from quotes.extraction.candidates import Candidate, Rule
from quotes.extraction.stages import reconcile, reported


def found(text: str, table: str):
    return reported.find(context(doc(text, table)), [])


def test_report_reads_a_that_clause() -> None:
    d = doc(SAID_THAT, SAID_THAT_PARSE)
    (got,) = english().reports(SAID_THAT, d[2])
    assert got.frame == "clause"
    assert cut(SAID_THAT, got.content) == "taxes would fall"  # no "that", no final period
    assert cut(SAID_THAT, got.cue) == "said"
    assert got.cue_head.i == 2 and got.mention is None
    assert english().reports(SAID_THAT, d[6]) == []  # "fall" reports nothing


def test_said_that_clause() -> None:
    got = found(SAID_THAT, SAID_THAT_PARSE)
    assert [(c.kind, c.rule, cut(SAID_THAT, c.content), cut(SAID_THAT, c.cue)) for c in got] == [
        ("indirect", Rule.REPORTED_CLAUSE, "taxes would fall", "said")
    ]
    assert (got[0].cue_token, got[0].anchor, got[0].mention_token) == (2, 2, None)


def test_agreed_to_infinitive() -> None:
    text = "The unions agreed to end the strike."
    got = found(
        text,
        """
        0  The     DT   DET    det    1
        1  unions  NNS  NOUN   nsubj  2  union
        2  agreed  VBD  VERB   ROOT   2  agree
        3  to      TO   PART   aux    4
        4  end     VB   VERB   xcomp  2
        5  the     DT   DET    det    6
        6  strike  NN   NOUN   dobj   4
        7  .       .    PUNCT  punct  2
        """,
    )
    assert [(c.rule, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        (Rule.REPORTED_TO, "to end the strike", "agreed")
    ]


def test_according_to() -> None:
    text = "According to the police, the suspect fled on foot."
    got = found(
        text,
        """
        0  According  VBG  VERB   prep   7  accord
        1  to         IN   ADP    prep   0
        2  the        DT   DET    det    3
        3  police     NN   NOUN   pobj   1
        4  ,          ,    PUNCT  punct  7
        5  the        DT   DET    det    6
        6  suspect    NN   NOUN   nsubj  7
        7  fled       VBD  VERB   ROOT   7  flee
        8  on         IN   ADP    prep   7
        9  foot       NN   NOUN   pobj   8
        10 .          .    PUNCT  punct  7
        """,
    )
    assert [(c.rule, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        (Rule.REPORTED_ACCORDING, "the suspect fled on foot", "According to")
    ]
    assert got[0].mention_token == 3  # the police: the construction names the source


PLAN_IS_DEAD = """
    0  The   DT   DET    det    1
    1  plan  NN   NOUN   nsubj  2
    2  is    VBZ  AUX    ROOT   2  be
    3  dead  JJ   ADJ    acomp  2
    4  ,     ,    PUNCT  punct  2
"""


@pytest.mark.parametrize(
    ("source", "rows", "verb"),
    [
        # The verb hangs off the clause it reports (parataxis), set off by a comma.
        ("officials said", ["5 officials NNS NOUN nsubj 6 official", "6 said VBD VERB parataxis 2 say"], 6),
        # Its addressee is no content of its own.
        (
            "Carter told reporters",
            [
                "5 Carter NNP PROPN nsubj 6",
                "6 told VBD VERB ccomp 2 tell",
                "7 reporters NNS NOUN dobj 6 reporter",
            ],
            6,
        ),
    ],
)
def test_parenthetical_speech_verb(source: str, rows: list[str], verb: int) -> None:
    text = f"The plan is dead, {source}."
    table = PLAN_IS_DEAD + "\n".join(rows) + f"\n{len(rows) + 5} . . PUNCT punct 2\n"
    got = found(text, table)
    assert [(c.rule, cut(text, c.content), c.cue_token) for c in got] == [
        (Rule.REPORTED_PARENTHETICAL, "The plan is dead", verb)
    ]


def test_declined_to_comment_reports_nothing() -> None:
    text = "The ministry declined to comment on the report."
    got = found(
        text,
        """
        0  The       DT   DET    det    1
        1  ministry  NN   NOUN   nsubj  2
        2  declined  VBD  VERB   ROOT   2  decline
        3  to        TO   PART   aux    4
        4  comment   VB   VERB   xcomp  2
        5  on        IN   ADP    prep   4
        6  the       DT   DET    det    7
        7  report    NN   NOUN   pobj   5
        8  .         .    PUNCT  punct  2
        """,
    )
    assert got == []


def test_speech_noun_alone_reports_nothing() -> None:
    """Spec 1.1: a speech act named by a noun with no verb of report is no quote."""
    text = "The minister's statement that taxes would fall surprised investors."
    got = found(
        text,
        """
        0  The        DT   DET    det    1
        1  minister   NN   NOUN   poss   3
        2  's         POS  PART   case   1
        3  statement  NN   NOUN   nsubj  8
        4  that       IN   SCONJ  mark   7
        5  taxes      NNS  NOUN   nsubj  7  tax
        6  would      MD   AUX    aux    7
        7  fall       VB   VERB   acl    3
        8  surprised  VBD  VERB   ROOT   8  surprise
        9  investors  NNS  NOUN   dobj   8  investor
        10 .          .    PUNCT  punct  8
        """,
    )
    assert got == []


def test_said_in_a_statement_that() -> None:
    """The clause hangs off the noun, but the verb is the cue and its subject the speaker."""
    text = "Cole said in a statement that taxes would fall."
    got = found(
        text,
        """
        0  Cole       NNP  PROPN  nsubj  1  Cole  B-PERSON
        1  said       VBD  VERB   ROOT   1  say
        2  in         IN   ADP    prep   1
        3  a          DT   DET    det    4
        4  statement  NN   NOUN   pobj   2
        5  that       IN   SCONJ  mark   8
        6  taxes      NNS  NOUN   nsubj  8  tax
        7  would      MD   AUX    aux    8
        8  fall       VB   VERB   acl    4
        9  .          .    PUNCT  punct  1
        """,
    )
    assert [(c.rule, cut(text, c.content), cut(text, c.cue), c.cue_token) for c in got] == [
        (Rule.REPORTED_SPEECH_NOUN, "taxes would fall", "said", 1)
    ]


QUOTED_REPORT = """
        0  "          ``   PUNCT  punct  10
        1  Officials  NNS  NOUN   nsubj  2  official
        2  said       VBD  VERB   ccomp  10 say
        3  that       IN   SCONJ  mark   6
        4  taxes      NNS  NOUN   nsubj  6  tax
        5  would      MD   AUX    aux    6
        6  fall       VB   VERB   ccomp  2
        7  ,          ,    PUNCT  punct  10
        8  "          ''   PUNCT  punct  10
        9  {who}      PRP  PRON   nsubj  10
        10 {verb}     VBD  VERB   ROOT   10 {lemma}
        11 .          .    PUNCT  punct  10
        """


def _inside_quotation(who: str, verb: str, lemma: str) -> list[int]:
    text = f'"Officials said that taxes would fall," {who} {verb}.'
    d = doc(text, QUOTED_REPORT.format(who=who, verb=verb, lemma=lemma))
    direct = Candidate(
        kind="direct",
        content=span(text, "Officials said that taxes would fall,"),
        cue=span(text, verb),
        cue_token=10,
        rule=Rule.DIRECT_CUE,
    )
    return [c.anchor for c in reported.find(context(d), [direct])]


def test_speech_inside_a_quotation_belongs_to_it() -> None:
    # Only "wrote" reports (its clause is the quotation); "said" inside the marks is the writer's account.
    assert _inside_quotation("she", "wrote", "write") == [10]


def test_speech_inside_a_documents_text_is_read() -> None:
    # "..., it read": the quotation is a document's text; whether "said" there is a quote of its own is the
    # reconcile step's call. ("read" only introduces quotations: it reports no clause of its own.)
    assert _inside_quotation("it", "read", "read") == [2]


def test_an_imperative_is_performed_but_a_missed_subject_still_reports() -> None:
    """A present-tense speech verb without a subject is an imperative, done in the saying (spec 1.1:
    performatives are not quotes), unless a noun stands right before it: then the parser missed
    the subject (``Majorities of voters ... say they ...``, the verb hung on ``going``)."""
    imperative = "Say that you will come."
    assert (
        found(
            imperative,
            """
            0  Say   VB   VERB   ROOT   0
            1  that  IN   SCONJ  mark   4
            2  you   PRP  PRON   nsubj  4
            3  will  MD   AUX    aux    4
            4  come  VB   VERB   ccomp  0
            5  .     .    PUNCT  punct  0
            """,
        )
        == []
    )
    text = "Voters going to the polls Tuesday say they would vote."
    got = found(
        text,
        """
        0  Voters   NNS  NOUN   nsubj  1  voter
        1  going    VBG  VERB   ROOT   1  go
        2  to       IN   ADP    prep   1
        3  the      DT   DET    det    4
        4  polls    NNS  NOUN   pobj   2  poll
        5  Tuesday  NNP  PROPN  npadvmod  1
        6  say      VBP  VERB   dep    1
        7  they     PRP  PRON   nsubj  9
        8  would    MD   AUX    aux    9
        9  vote     VB   VERB   ccomp  6
        10 .        .    PUNCT  punct  1
        """,
    )
    assert [(c.kind, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        ("indirect", "they would vote", "say")
    ]


def test_called_x_quoted_name_read_as_one_object() -> None:
    """``calls her “an intelligent woman”``: the parser made one noun phrase of the object and the
    name given to it; the quoted name inside the object is the sign, and both are the content."""
    text = "He calls her “an intelligent woman” now."
    got = found(
        text,
        """
        0  He           PRP  PRON   nsubj  1
        1  calls        VBZ  VERB   ROOT   1  call
        2  her          PRP$ PRON   poss   6
        3  “            ``   PUNCT  punct  6
        4  an           DT   DET    det    6
        5  intelligent  JJ   ADJ    amod   6
        6  woman        NN   NOUN   dobj   1
        7  ”            ''   PUNCT  punct  6
        8  now          RB   ADV    advmod 1
        9  .            .    PUNCT  punct  1
        """,
    )
    assert [(c.kind, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        ("indirect", "her “an intelligent woman”", "calls")  # the reconcile stage makes it mixed
    ]
    plain = "He calls her an intelligent woman now."
    assert (
        found(
            plain,
            """
            0  He           PRP  PRON   nsubj  1
            1  calls        VBZ  VERB   ROOT   1  call
            2  her          PRP$ PRON   poss   5
            3  an           DT   DET    det    5
            4  intelligent  JJ   ADJ    amod   5
            5  woman        NN   NOUN   dobj   1
            6  now          RB   ADV    advmod 1
            7  .            .    PUNCT  punct  1
            """,
        )
        == []
    )  # without the marks there is no telling a name given from a person called (on the phone)


def test_a_phrase_of_the_setting_ends_a_noun_phrase_content() -> None:
    # "to the union" joins the content, as "conveyed thanks to X" does; "at a rally" says where it was said.
    text = "She expressed support to the union at a rally."
    got = found(
        text,
        """
        0  She        PRP  PRON   nsubj  1
        1  expressed  VBD  VERB   ROOT   1  express
        2  support    NN   NOUN   dobj   1
        3  to         IN   ADP    prep   1
        4  the        DT   DET    det    5
        5  union      NN   NOUN   pobj   3
        6  at         IN   ADP    prep   1
        7  a          DT   DET    det    8
        8  rally      NN   NOUN   pobj   6
        9  .          .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("support to the union", "expressed")]


@pytest.mark.parametrize(
    ("noun", "place", "expected"),
    [
        # right after a feeling, "at" says what it is about (the parser hangs it on the verb)
        ("satisfaction", "the ties", "satisfaction at the ties"),
        # ... unless it names an occasion (occasion_nouns.txt)
        ("satisfaction", "the summit", "satisfaction"),
    ],
)
def test_at_after_a_feeling_says_what_it_is_about(noun: str, place: str, expected: str) -> None:
    text = f"She expressed {noun} at {place}."
    det, pobj = place.split()
    got = found(
        text,
        f"""
        0  She        PRP  PRON   nsubj  1
        1  expressed  VBD  VERB   ROOT   1  express
        2  {noun}     NN   NOUN   dobj   1
        3  at         IN   ADP    prep   1
        4  {det}      DT   DET    det    5
        5  {pobj}     NN   NOUN   pobj   3
        6  .          .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [expected]


def test_a_named_date_ends_a_noun_phrase_content_and_a_length_of_time_does_not() -> None:
    # "in early June" says when it was said; "in two decades" belongs to what was congratulated.
    rows = """
        0  She            PRP  PRON   nsubj  1
        1  congratulated  VBD  VERB   ROOT   1  congratulate
        2  him            PRP  PRON   dobj   1
        3  on             IN   ADP    prep   1
        4  his            PRP$ PRON   poss   5
        5  win            NN   NOUN   pobj   3
        6  in             IN   ADP    prep   1
        """
    when = "She congratulated him on his win in early June."
    got = found(
        when,
        rows
        + """
        7  early          JJ   ADJ    amod   8  -  B-DATE
        8  June           NNP  PROPN  pobj   6  -  I-DATE
        9  .              .    PUNCT  punct  1
        """,
    )
    assert [cut(when, c.content) for c in got] == ["his win"]
    length = "She congratulated him on his win in two decades."
    got = found(
        length,
        rows
        + """
        7  two            CD   NUM    nummod 8  -  B-DATE
        8  decades        NNS  NOUN   pobj   6  decade  I-DATE
        9  .              .    PUNCT  punct  1
        """,
    )
    assert [cut(length, c.content) for c in got] == ["his win in two decades"]


def test_quoted_words_on_both_sides_of_a_comma_and_keep_one_content() -> None:
    # The parser hangs the second clause on "said"; its own quotation says it is still the speaker's.
    text = 'Reid said Sanders was "a part of it," and Democrats would "depend on him" now.'
    table = """
        0   Reid       NNP  PROPN  nsubj  1
        1   said       VBD  VERB   ROOT   1  say
        2   Sanders    NNP  PROPN  nsubj  3
        3   was        VBD  AUX    ccomp  1  be
        4   "          ``   PUNCT  punct  3
        5   a          DT   DET    det    6
        6   part       NN   NOUN   attr   3
        7   of         IN   ADP    prep   6
        8   it         PRP  PRON   pobj   7
        9   ,          ,    PUNCT  punct  1
        10  "          ''   PUNCT  punct  1
        11  and        CC   CCONJ  cc     1
        12  Democrats  NNPS PROPN  nsubj  15
        13  would      MD   AUX    aux    15
        14  "          ``   PUNCT  punct  15
        15  depend     VB   VERB   conj   1
        16  on         IN   ADP    prep   15
        17  him        PRP  PRON   pobj   16
        18  "          ''   PUNCT  punct  15
        19  now        RB   ADV    advmod 15
        20  .          .    PUNCT  punct  15
        """
    (got,) = found(text, table)
    assert cut(text, got.content) == 'Sanders was "a part of it," and Democrats would "depend on him" now'
    plain = 'Reid said Sanders was "a part of it," and Democrats would depend on him now.'
    rows = [r for r in table.splitlines() if not r.strip().startswith(("14 ", "18 "))]
    renumbered = "\n".join(_shift(r) for r in rows)
    (got,) = found(plain, renumbered)
    assert (
        cut(plain, got.content) == 'Sanders was "a part of it'
    )  # the author going on (reconcile adds the mark)


def _shift(row: str) -> str:
    """Row indices and heads after tokens 14 and 18 of the table above are dropped."""
    cells = row.split()
    if len(cells) < 6:
        return row
    moved = [int(c) - (int(c) > 14) - (int(c) > 18) for c in (cells[0], cells[5])]
    return " ".join([str(moved[0]), *cells[1:5], str(moved[1]), *cells[6:]])


def test_a_clause_after_but_that_quotes_the_speaker_goes_on_with_the_content() -> None:
    text = 'He said two files were secret, but the rest were just "minor."'
    table = """
        0   He       PRP  PRON   nsubj  1
        1   said     VBD  VERB   ROOT   1  say
        2   two      CD   NUM    nummod 3
        3   files    NNS  NOUN   nsubj  4
        4   were     VBD  AUX    ccomp  1  be
        5   secret   JJ   ADJ    acomp  4
        6   ,        ,    PUNCT  punct  1
        7   but      CC   CCONJ  cc     1
        8   the      DT   DET    det    9
        9   rest     NN   NOUN   nsubj  10
        10  were     VBD  AUX    conj   1  be
        11  just     RB   ADV    advmod 10
        12  "        ``   PUNCT  punct  10
        13  minor    JJ   ADJ    acomp  10
        14  .        .    PUNCT  punct  10
        15  "        ''   PUNCT  punct  10
        """
    (got,) = found(text, table)
    assert cut(text, got.content) == 'two files were secret, but the rest were just "minor."'


def test_a_clause_after_but_in_the_simple_past_is_the_author_going_on() -> None:
    text = "He said he would come, but he never did."
    table = """
        0  He     PRP  PRON   nsubj  1
        1  said   VBD  VERB   ROOT   1  say
        2  he     PRP  PRON   nsubj  4
        3  would  MD   AUX    aux    4
        4  come   VB   VERB   ccomp  1
        5  ,      ,    PUNCT  punct  1
        6  but    CC   CCONJ  cc     1
        7  he     PRP  PRON   nsubj  9
        8  never  RB   ADV    neg    9
        9  did    VBD  VERB   conj   1  do
        10 .      .    PUNCT  punct  9
        """
    (got,) = found(text, table)
    assert cut(text, got.content) == "he would come"


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        # a headline drops "is": the object and its predicate are the clause "says" reports
        ("says", "say", ["alliance with Seoul 'stronger than ever'"]),
        # a verb whose object is a content of its own reads it as that, not as a clause
        ("states", "state", ["alliance with Seoul"]),
    ],
)
def test_a_headline_s_verbless_clause_is_the_content(verb: str, lemma: str, expected: list[str]) -> None:
    text = f"FM {verb} alliance with Seoul 'stronger than ever'"
    got = found(
        text,
        f"""
        0  FM        NNP  PROPN  nsubj  1
        1  {verb}    VBZ  VERB   ROOT   1  {lemma}
        2  alliance  NN   NOUN   dobj   1
        3  with      IN   ADP    prep   2
        4  Seoul     NNP  PROPN  pobj   3  Seoul  B-GPE
        5  '         ``   PUNCT  punct  1
        6  stronger  JJR  ADJ    acomp  1
        7  than      IN   ADP    prep   6
        8  ever      RB   ADV    pcomp  7
        9  '         ''   PUNCT  punct  6
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


def test_a_verb_right_after_the_quotation_it_reports_takes_no_clause_after_its_subject() -> None:
    text = '"We won," said Brock, who heads Correct the Record.'
    table = """
        0   "        ``   PUNCT  punct  5
        1   We       PRP  PRON   nsubj  2
        2   won      VBD  VERB   ccomp  5  win
        3   ,        ,    PUNCT  punct  5
        4   "        ''   PUNCT  punct  5
        5   said     VBD  VERB   ROOT   5  say
        6   Brock    NNP  PROPN  nsubj  10
        7   ,        ,    PUNCT  punct  6
        8   who      WP   PRON   nsubj  9
        9   heads    VBZ  VERB   relcl  6  head
        10  Correct  VB   VERB   ccomp  5  correct
        11  the      DT   DET    det    12
        12  Record   NNP  PROPN  dobj   10
        13  .        .    PUNCT  punct  5
        """
    ctx = context(doc(text, table))
    quotation = Candidate(
        kind="direct", content=span(text, "We won,"), cue=span(text, "said"), rule=Rule.DIRECT_CUE
    )
    assert [cut(text, c.content) for c in reported.find(ctx, [])] == ["Brock, who heads Correct the Record"]
    assert reported.find(ctx, [quotation]) == []


def test_a_verb_after_its_quotation_and_subject_takes_no_clause_but_one_opened_by_that() -> None:
    # '"...," Spencer said, as A': the parser hangs the adverbial on "said" as its clause.
    text = '"It will live on," Spencer said, {mark} fighters worked out.'
    table = """
        0   "         ``   PUNCT  punct  7
        1   It        PRP  PRON   nsubj  3
        2   will      MD   AUX    aux    3
        3   live      VB   VERB   ccomp  7  live
        4   on        RP   ADP    prt    3
        5   ,         ,    PUNCT  punct  7
        6   "         ''   PUNCT  punct  7
        7   Spencer   NNP  PROPN  nsubj  8
        8   said      VBD  VERB   ROOT   8  say
        9   ,         ,    PUNCT  punct  8
        10  {mark}    IN   SCONJ  mark   12
        11  fighters  NNS  NOUN   nsubj  12
        12  worked    VBD  VERB   ccomp  8  work
        13  out       RP   ADP    prt    12
        14  .         .    PUNCT  punct  8
        """
    for mark, content in (("as", None), ("that", "fighters worked out")):
        t = text.format(mark=mark)
        ctx = context(doc(t, table.format(mark=mark)))
        quotation = Candidate(
            kind="direct",
            content=span(t, "It will live on,"),
            cue=span(t, "said"),
            cue_token=8,
            rule=Rule.DIRECT_CUE,
        )
        assert [cut(t, c.content) for c in reported.find(ctx, [])] in (["as fighters worked out"], [content])
        got = [cut(t, c.content) for c in reported.find(ctx, [quotation])]
        assert got == ([content] if content else [])


def test_appreciated_efforts_is_a_content_but_a_bare_target_is_not() -> None:
    table = """
        0  Kao          NNP  PROPN  nsubj  1
        1  appreciated  VBD  VERB   ROOT   1  appreciate
        2  Japan        NNP  PROPN  poss   4
        3  's           POS  PART   case   2
        4  {noun}       NNS  NOUN   dobj   1  {lemma}
        5  .            .    PUNCT  punct  1
        """
    text = "Kao appreciated Japan's efforts."
    (got,) = found(text, table.format(noun="efforts", lemma="effort"))
    assert cut(text, got.content) == "Japan's efforts"
    text = "Kao appreciated Japan's parks."
    assert found(text, table.format(noun="parks", lemma="park")) == []


def test_a_source_the_parser_absorbed_into_the_clause_before_it() -> None:
    # The parser makes "Lima and Quito" conjuncts of "Peru" and "said" a conjunct without a subject.
    text = "The ministers will meet in Peru, Lima and Quito have said."
    table = """
        0   The        DT   DET    det    1
        1   ministers  NNS  NOUN   nsubj  3
        2   will       MD   AUX    aux    3
        3   meet       VB   VERB   ROOT   3
        4   in         IN   ADP    prep   3
        5   Peru       NNP  PROPN  pobj   4
        6   ,          ,    PUNCT  punct  5
        7   Lima       NNP  PROPN  conj   5
        8   and        CC   CCONJ  cc     7
        9   Quito      NNP  PROPN  conj   7
        10  have       VBP  AUX    aux    11
        11  said       VBN  VERB   conj   3  say
        12  .          .    PUNCT  punct  3
        """
    (got,) = found(text, table)
    assert (got.rule, cut(text, got.content), cut(text, got.cue)) == (
        Rule.REPORTED_PARENTHETICAL,
        "The ministers will meet in Peru",
        "said",
    )
    assert got.mention_token == 7


def test_a_gerund_right_after_the_verb_is_its_object() -> None:
    text = "She proposed taxing carbon emissions."
    got = found(
        text,
        """
        0  She        PRP  PRON   nsubj  1
        1  proposed   VBD  VERB   ROOT   1  propose
        2  taxing     VBG  VERB   xcomp  1  tax
        3  carbon     NN   NOUN   compound 4
        4  emissions  NNS  NOUN   dobj   2
        5  .          .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [
        ("taxing carbon emissions", "proposed")
    ]


def test_a_clause_whose_coordinator_hangs_inside_it_goes_on_with_the_content() -> None:
    text = "He told the crowd that he expects to win and he is doing better."
    got = found(
        text,
        """
        0   He       PRP  PRON   nsubj  1
        1   told     VBD  VERB   ROOT   1  tell
        2   the      DT   DET    det    3
        3   crowd    NN   NOUN   dobj   1
        4   that     IN   SCONJ  mark   6
        5   he       PRP  PRON   nsubj  6
        6   expects  VBZ  VERB   ccomp  1  expect
        7   to       TO   PART   aux    8
        8   win      VB   VERB   xcomp  6
        9   and      CC   CCONJ  cc     12
        10  he       PRP  PRON   nsubj  12
        11  is       VBZ  AUX    aux    12
        12  doing    VBG  VERB   conj   1  do
        13  better   RBR  ADV    advmod 12
        14  .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["he expects to win and he is doing better"]


def test_but_that_repeats_the_complementizer_a_report_of_its_own() -> None:
    text = "He said taxes must fall, but that he would not cut wages."
    got = found(
        text,
        """
        0   He     PRP  PRON   nsubj  1
        1   said   VBD  VERB   ROOT   1  say
        2   taxes  NNS  NOUN   nsubj  4
        3   must   MD   AUX    aux    4
        4   fall   VB   VERB   ccomp  1
        5   ,      ,    PUNCT  punct  1
        6   but    CC   CCONJ  cc     1
        7   that   IN   SCONJ  mark   11
        8   he     PRP  PRON   nsubj  11
        9   would  MD   AUX    aux    11
        10  not    RB   PART   neg    11
        11  cut    VB   VERB   conj   1
        12  wages  NNS  NOUN   dobj   11
        13  .      .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [
        ("taxes must fall", "said"),
        ("he would not cut wages", "said"),
    ]


def test_made_it_clear_that_the_content_is_the_clause_after_the_phrase() -> None:
    text = "Davis made it clear that she would stay."
    table = """
        0  Davis  NNP  PROPN  nsubj  1
        1  made   VBD  VERB   ROOT   1  make
        2  it     PRP  PRON   nsubj  3
        3  clear  JJ   ADJ    ccomp  1
        4  that   IN   SCONJ  mark   7
        5  she    PRP  PRON   nsubj  7
        6  would  MD   AUX    aux    7
        7  stay   VB   VERB   advcl  3
        8  .      .    PUNCT  punct  1
        """
    got = found(text, table)
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("she would stay", "made it clear")]
    text = "Davis made it clear."
    assert found(text, "\n".join(table.splitlines()[:5]) + "\n        4  .  .  PUNCT  punct  1\n") == []


def test_made_clear_with_the_clause_read_as_the_subject_of_clear() -> None:
    # "made clear that, A": the parser may hang A on "clear" as its clausal subject.
    text = "Lund made clear that, we must talk."
    got = found(
        text,
        """
        0  Lund   NNP  PROPN  nsubj  1  Lund  B-PERSON
        1  made   VBD  VERB   ROOT   1  make
        2  clear  JJ   ADJ    ccomp  1
        3  that   IN   SCONJ  mark   7
        4  ,      ,    PUNCT  punct  7
        5  we     PRP  PRON   nsubj  7
        6  must   MD   AUX    aux    7
        7  talk   VB   VERB   csubj  2
        8  .      .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("we must talk", "made clear")]


def test_thank_you_is_the_act_itself_not_a_report_of_it() -> None:
    # In a turn, "Retno, thank you for ...": the parser takes the name addressed for the subject.
    text = "Retno, thank you for the warm welcome."
    got = found(
        text,
        """
        0  Retno    NNP  PROPN  nsubj  2
        1  ,        ,    PUNCT  punct  2
        2  thank    VBP  VERB   ROOT   2  thank
        3  you      PRP  PRON   dobj   2
        4  for      IN   ADP    prep   2
        5  the      DT   DET    det    7
        6  warm     JJ   ADJ    amod   7
        7  welcome  NN   NOUN   pobj   4
        8  .        .    PUNCT  punct  2
        """,
    )
    assert got == []


def test_a_subordinate_clause_is_no_parenthetical_source() -> None:
    text = "Now, while that goes on, we will act."
    got = found(
        text,
        """
        0  Now    RB   ADV    advmod 9
        1  ,      ,    PUNCT  punct  9
        2  while  IN   SCONJ  mark   4
        3  that   DT   PRON   nsubj  4
        4  goes   VBZ  VERB   advcl  9  go
        5  on     RP   ADP    prt    4
        6  ,      ,    PUNCT  punct  9
        7  we     PRP  PRON   nsubj  9
        8  will   MD   AUX    aux    9
        9  act    VB   VERB   ROOT   9
        10 .      .    PUNCT  punct  9
        """,
    )
    assert got == []


def test_an_apostrophe_is_no_quotation_of_the_speaker() -> None:
    text = "He said taxes must fall, but Kim's team disagreed."
    got = found(
        text,
        """
        0   He         PRP  PRON   nsubj  1
        1   said       VBD  VERB   ROOT   1  say
        2   taxes      NNS  NOUN   nsubj  4
        3   must       MD   AUX    aux    4
        4   fall       VB   VERB   ccomp  1
        5   ,          ,    PUNCT  punct  1
        6   but        CC   CCONJ  cc     1
        7   Kim        NNP  PROPN  poss   9
        8   's         POS  PART   case   7
        9   team       NN   NOUN   nsubj  10
        10  disagreed  VBD  VERB   conj   1  disagree
        11  .          .    PUNCT  punct  10
        """,
    )
    assert [cut(text, c.content) for c in got] == ["taxes must fall"]  # the author going on


def test_a_source_set_off_inside_the_clause_reports_all_of_it() -> None:
    """'A, she said, but also B': the parser hangs the commas on the verb; it reports the whole clause."""
    text = "It will stop crime, she said, but also drugs."
    got = found(
        text,
        """
        0  It     PRP  PRON   nsubj     2
        1  will   MD   AUX    aux       2
        2  stop   VB   VERB   ROOT      2
        3  crime  NN   NOUN   dobj      2
        4  ,      ,    PUNCT  punct     6
        5  she    PRP  PRON   nsubj     6
        6  said   VBD  VERB   parataxis 2  say
        7  ,      ,    PUNCT  punct     6
        8  but    CC   CCONJ  cc        2
        9  also   RB   ADV    advmod    8
        10 drugs  NNS  NOUN   conj      2  drug
        11 .      .    PUNCT  punct     2
        """,
    )
    assert [(c.rule, cut(text, c.content), c.cue_token) for c in got] == [
        (Rule.REPORTED_PARENTHETICAL, "It will stop crime, she said, but also drugs", 6)
    ]


def test_a_that_clause_misread_as_a_relative_clause_is_the_verbs() -> None:
    """'told the audience at his rally that he had won': 'that' with a subject after it opens no relative clause."""
    text = "Trump told the audience at his rally that he had won."
    table = """
        0  Trump     NNP  PROPN  nsubj  1
        1  told      VBD  VERB   ROOT   1  tell
        2  the       DT   DET    det    3
        3  audience  NN   NOUN   dobj   1
        4  at        IN   ADP    prep   1
        5  his       PRP$ PRON   poss   6
        6  rally     NN   NOUN   pobj   4
        7  that      WDT  SCONJ  mark   10
        8  he        PRP  PRON   nsubj  10
        9  had       VBD  AUX    aux    10 have
        10 won       VBN  VERB   relcl  6  win
        11 .         .    PUNCT  punct  1
        """
    got = found(text, table)
    assert [(c.rule, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        (Rule.REPORTED_CLAUSE, "he had won", "told the audience")
    ]
    # A relative clause proper ('that' is its subject) is no content.
    text = "Trump told the audience at his rally that drew thousands."
    got = found(
        text,
        """
        0  Trump     NNP  PROPN  nsubj  1
        1  told      VBD  VERB   ROOT   1  tell
        2  the       DT   DET    det    3
        3  audience  NN   NOUN   dobj   1
        4  at        IN   ADP    prep   1
        5  his       PRP$ PRON   poss   6
        6  rally     NN   NOUN   pobj   4
        7  that      WDT  PRON   nsubj  8
        8  drew      VBD  VERB   relcl  6  draw
        9  thousands NNS  NOUN   dobj   8  thousand
        10 .         .    PUNCT  punct  1
        """,
    )
    assert [c.rule for c in got if c.rule == Rule.REPORTED_CLAUSE] == []


def test_as_with_a_that_clause_of_its_own_reports_it() -> None:
    # "As Trump claimed that taxes would fall, ...": the clause is his.
    text = "As Trump claimed that taxes would fall, markets rose."
    got = found(
        text,
        """
        0  As       IN   SCONJ  mark   2
        1  Trump    NNP  PROPN  nsubj  2
        2  claimed  VBD  VERB   advcl  9  claim
        3  that     IN   SCONJ  mark   6
        4  taxes    NNS  NOUN   nsubj  6  tax
        5  would    MD   AUX    aux    6
        6  fall     VB   VERB   ccomp  2
        7  ,        ,    PUNCT  punct  9
        8  markets  NNS  NOUN   nsubj  9  market
        9  rose     VBD  VERB   ROOT   9  rise
        10 .        .    PUNCT  punct  9
        """,
    )
    assert [(c.rule, cut(text, c.content)) for c in got] == [(Rule.REPORTED_CLAUSE, "taxes would fall")]


@pytest.mark.parametrize(
    ("subj", "tag", "pos", "expected"),
    [
        # a named source before the comma: what follows is its claim (as "Taxes would fall, Trump claimed")
        ("Trump", "NNP", "PROPN", ["taxes would fall"]),
        # a pronoun points back to what was said before (spec 1.1: "as you pointed out")
        ("he", "PRP", "PRON", []),
    ],
)
def test_as_x_claimed_comma_reports_after_a_named_source_and_points_back_after_a_pronoun(
    subj: str, tag: str, pos: str, expected: list[str]
) -> None:
    # the parser makes the clause after the comma the complement of "claimed"
    text = f"As {subj} claimed, taxes would fall."
    got = found(
        text,
        f"""
        0  As       IN   SCONJ  mark   2
        1  {subj}   {tag}  {pos}  nsubj  2
        2  claimed  VBD  VERB   ROOT   2  claim
        3  ,        ,    PUNCT  punct  2
        4  taxes    NNS  NOUN   nsubj  6  tax
        5  would    MD   AUX    aux    6
        6  fall     VB   VERB   ccomp  2
        7  .        .    PUNCT  punct  2
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


def test_an_idiom_of_the_authors_with_say_reports_nothing() -> None:
    text = "It is safe to say he will win."
    got = found(
        text,
        """
        0  It    PRP  PRON   nsubj  1
        1  is    VBZ  AUX    ROOT   1  be
        2  safe  JJ   ADJ    acomp  1
        3  to    TO   PART   aux    4
        4  say   VB   VERB   xcomp  2  say
        5  he    PRP  PRON   nsubj  7
        6  will  MD   AUX    aux    7
        7  win   VB   VERB   ccomp  4
        8  .     .    PUNCT  punct  1
        """,
    )
    assert got == []


SPOKESPERSON = """
    0  The         DT   DET    det    2
    1  Minister    NNP  PROPN  compound 2
    2  {who}       NNP  PROPN  nsubj  3
    3  welcomed    VBD  VERB   ccomp  14 welcome
    4  the         DT   DET    det    5
    5  progress    NN   NOUN   dobj   3
    6  made        VBN  VERB   acl    5  make
    7  and         CC   CCONJ  cc     6
    8  underlined  VBD  VERB   conj   6  underline
    9  the         DT   DET    det    10
    10 importance  NN   NOUN   dobj   8
    11 ,           ,    PUNCT  punct  14
    12 a           DT   DET    det    13
    13 {source}    NN   NOUN   nsubj  14 {source}
    14 said        VBD  VERB   ROOT   14 say
    15 .           .    PUNCT  punct  14
"""


def test_a_spokespersons_account_reports_the_acts_of_the_one_they_speak_for() -> None:
    # The clause before "said" keeps both acts; the parser's "underlined" hung on "made" is a
    # second act of the Minister's, and a spokesperson's account reports it as the Minister's.
    text = "The Minister Lee welcomed the progress made and underlined the importance, a spokesperson said."
    d = doc(text, SPOKESPERSON.format(who="Lee", source="spokesperson"))
    ctx = context(d)
    got = reconcile.reconcile(ctx, reported.find(ctx, []))
    assert sorted((cut(text, c.cue), cut(text, c.content)) for c in got) == [
        ("said", "The Minister Lee welcomed the progress made and underlined the importance"),
        ("underlined", "the importance"),
        ("welcomed", "the progress made"),
    ]
    assert english().subject_of(d[8]).i == 2  # the Minister's act, not the progress's
    # A person speaking in their own name reports nothing of the other's as a quote of its own.
    text = "The Minister Lee welcomed the progress made and underlined the importance, a diplomat said."
    d = doc(text, SPOKESPERSON.format(who="Lee", source="diplomat"))
    ctx = context(d)
    got = reconcile.reconcile(ctx, reported.find(ctx, []))
    assert [cut(text, c.cue) for c in got] == ["said"]


def test_a_coordinated_report_with_its_own_named_speaker_ends_the_first_content() -> None:
    # The parser read "treated" as the verb of a clause after "explained" and hung Wong's act on it.
    text = "Kamikawa explained the position treated water, and Wong expressed support."
    got = found(
        text,
        """
        0  Kamikawa   NNP  PROPN  nsubj  1
        1  explained  VBD  VERB   ROOT   1  explain
        2  the        DT   DET    det    3
        3  position   NN   NOUN   nsubj  4
        4  treated    VBD  VERB   ccomp  1  treat
        5  water      NN   NOUN   dobj   4
        6  ,          ,    PUNCT  punct  4
        7  and        CC   CCONJ  cc     4
        8  Wong       NNP  PROPN  nsubj  9
        9  expressed  VBD  VERB   conj   4  express
        10 support    NN   NOUN   dobj   9
        11 .          .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("explained", "the position treated water"),
        ("expressed", "support"),
    ]


def test_a_stories_dateline_is_no_part_of_the_content() -> None:
    text = "ISTANBUL, July 12 (Reuters) - Taxes will fall, officials said."
    got = found(
        text,
        """
        0  ISTANBUL   NNP    PROPN  npadvmod  10
        1  ,          ,      PUNCT  punct     10
        2  July       NNP    PROPN  npadvmod  10
        3  12         CD     NUM    nummod    2
        4  (          -LRB-  PUNCT  punct     5
        5  Reuters    NNP    PROPN  appos     2
        6  )          -RRB-  PUNCT  punct     5
        7  -          :      PUNCT  punct     10
        8  Taxes      NNS    NOUN   nsubj     10  tax
        9  will       MD     AUX    aux       10
        10 fall       VB     VERB   ROOT      10
        11 ,          ,      PUNCT  punct     13
        12 officials  NNS    NOUN   nsubj     13  official
        13 said       VBD    VERB   parataxis 10  say
        14 .          .      PUNCT  punct     10
        """,
    )
    assert [cut(text, c.content) for c in got] == ["Taxes will fall"]


def test_a_dateline_the_content_starts_inside_is_no_part_of_it() -> None:
    # The parse left the place in a sentence of its own: the content began at "July 12 (Reuters) -".
    text = "SEOUL, July 12 (Yonhap) -- Seoul and Tokyo agreed to talk, the ministry said."
    got = found(
        text,
        """
        0  SEOUL     NNP    PROPN  ROOT      0
        1  ,         ,      PUNCT  punct     0
        2  July      NNP    PROPN  npadvmod  11
        3  12        CD     NUM    nummod    2
        4  (         -LRB-  PUNCT  punct     5
        5  Yonhap    NNP    PROPN  appos     2
        6  )         -RRB-  PUNCT  punct     5
        7  --        :      PUNCT  punct     11
        8  Seoul     NNP    PROPN  nsubj     11  Seoul  B-GPE
        9  and       CC     CCONJ  cc        8
        10 Tokyo     NNP    PROPN  conj      8   Tokyo  B-GPE
        11 agreed    VBD    VERB   ccomp     17  agree
        12 to        TO     PART   aux       13
        13 talk      VB     VERB   xcomp     11
        14 ,         ,      PUNCT  punct     17
        15 the       DT     DET    det       16
        16 ministry  NN     NOUN   nsubj     17
        17 said      VBD    VERB   ROOT      17  say
        18 .         .      PUNCT  punct     17
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("agreed", "to talk"),
        ("said", "Seoul and Tokyo agreed to talk"),
    ]


def test_a_condition_opening_the_clause_is_no_question() -> None:
    # "If" marks the condition inside what was said, not a wh-complement ("added if ...") of the verb.
    text = "If they leak, hackers lose, he added."
    table = """
        0  If       IN   SCONJ  mark   2
        1  they     PRP  PRON   nsubj  2
        2  leak     VBP  VERB   advcl  5
        3  ,        ,    PUNCT  punct  5
        4  hackers  NNS  NOUN   nsubj  5  hacker
        5  lose     VBP  VERB   ccomp  8
        6  ,        ,    PUNCT  punct  8
        7  he       PRP  PRON   nsubj  8
        8  added    VBD  VERB   ROOT   8  add
        9  .        .    PUNCT  punct  8
        """
    got = found(text, table)
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [
        ("If they leak, hackers lose", "added")
    ]
    # The clause's own "if" is a question, which "add" does not report.
    asked = "He added if they leak."
    got = found(
        asked,
        """
        0  He     PRP  PRON   nsubj  1
        1  added  VBD  VERB   ROOT   1  add
        2  if     IN   SCONJ  mark   4
        3  they   PRP  PRON   nsubj  4
        4  leak   VBP  VERB   ccomp  1
        5  .      .    PUNCT  punct  1
        """,
    )
    assert got == []


def test_called_x_y_read_as_two_predicates() -> None:
    """``called Trump a “blowhard”``: with no object, the parser read the person and the name given
    to them as two predicates; both are the content, up to the coordinated act."""
    text = "He called Trump a “blowhard” and left."
    got = found(
        text,
        """
        0  He        PRP  PRON   nsubj  1
        1  called    VBD  VERB   ROOT   1  call
        2  Trump     NNP  PROPN  oprd   1
        3  a         DT   DET    det    5
        4  “         ``   PUNCT  punct  5
        5  blowhard  NN   NOUN   oprd   1
        6  ”         ''   PUNCT  punct  5
        7  and       CC   CCONJ  cc     1
        8  left      VBD  VERB   conj   1  leave
        9  .         .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("Trump a “blowhard”", "called")]


def test_calling_x_y_read_as_a_clause() -> None:
    # "calling Trump a fascist": the parser made "Trump" a clause with "a fascist" as its object.
    table = """
        0  O'Malley  NNP  PROPN  nsubj  1
        1  {verb}    VBD  VERB   ROOT   1  call
        2  Trump     NNP  PROPN  xcomp  1
        3  a         DT   DET    det    4
        4  fascist   NN   NOUN   dobj   2
        5  .         .    PUNCT  punct  1
        """
    text = "O'Malley called Trump a fascist."
    got = found(text, table.format(verb="called"))
    assert [cut(text, c.content) for c in got] == ["Trump a fascist"]
    # One phrase after the verb and no name in marks: "called the police" gives no name.
    text = "O'Malley called the police."
    got = found(
        text,
        """
        0  O'Malley  NNP  PROPN  nsubj  1
        1  called    VBD  VERB   ROOT   1  call
        2  the       DT   DET    det    3
        3  police    NN   NOUN   dobj   1
        4  .         .    PUNCT  punct  1
        """,
    )
    assert got == []


def test_a_named_day_read_as_the_object() -> None:
    # "promised Sunday at a rally to end X": the day says when; the infinitive is what was promised.
    text = "Sanders promised Sunday at a rally to end the regime."
    got = found(
        text,
        """
        0  Sanders   NNP  PROPN  nsubj  1
        1  promised  VBD  VERB   ROOT   1  promise
        2  Sunday    NNP  PROPN  dobj   1  Sunday  B-DATE
        3  at        IN   ADP    prep   1
        4  a         DT   DET    det    5
        5  rally     NN   NOUN   pobj   3
        6  to        TO   PART   aux    7
        7  end       VB   VERB   advcl  1
        8  the       DT   DET    det    9
        9  regime    NN   NOUN   dobj   7
        10 .         .    PUNCT  punct  1
        """,
    )
    assert [(c.rule, cut(text, c.content)) for c in got] == [(Rule.REPORTED_TO, "to end the regime")]


def test_a_name_in_ascii_double_marks_is_quoted_too() -> None:
    # Archives typed in ASCII write a double mark as two apostrophes: one token, still a quotation mark.
    text = "He calls her ''an intelligent woman'' now."
    got = found(
        text,
        """
        0  He           PRP  PRON   nsubj  1
        1  calls        VBZ  VERB   ROOT   1  call
        2  her          PRP$ PRON   poss   6
        3  ''           ``   PUNCT  punct  6
        4  an           DT   DET    det    6
        5  intelligent  JJ   ADJ    amod   6
        6  woman        NN   NOUN   dobj   1
        7  ''           ''   PUNCT  punct  6
        8  now          RB   ADV    advmod 1
        9  .            .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["her ''an intelligent woman''"]


def test_the_occasion_hung_on_the_object_ends_the_content() -> None:
    # "in his opening statement" says where the wins were touted; the parser hung it on "wins".
    text = "Sanders touted his wins in his opening statement."
    got = found(
        text,
        """
        0  Sanders    NNP  PROPN  nsubj  1
        1  touted     VBD  VERB   ROOT   1  tout
        2  his        PRP$ PRON   poss   3
        3  wins       NNS  NOUN   dobj   1  win
        4  in         IN   ADP    prep   3
        5  his        PRP$ PRON   poss   7
        6  opening    NN   NOUN   compound 7
        7  statement  NN   NOUN   pobj   4
        8  .          .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["his wins"]
    # Inside a clause of its own the occasion is part of what was said.
    text = "Rubio expressed concern that Trump encouraged violence at his rallies."
    got = found(
        text,
        """
        0  Rubio       NNP  PROPN  nsubj  1
        1  expressed   VBD  VERB   ROOT   1  express
        2  concern     NN   NOUN   dobj   1
        3  that        IN   SCONJ  mark   5
        4  Trump       NNP  PROPN  nsubj  5
        5  encouraged  VBD  VERB   acl    2  encourage
        6  violence    NN   NOUN   dobj   5
        7  at          IN   ADP    prep   5
        8  his         PRP$ PRON   poss   9
        9  rallies     NNS  NOUN   pobj   7  rally
        10 .           .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["Trump encouraged violence at his rallies"]


def test_an_afterthought_after_the_source_is_the_authors() -> None:
    # "-- a development that matters" is hung on the subject before the source: the author's comment.
    text = "Deficits will end, the Office reported -- a development that matters."
    table = """
        0  Deficits     NNS  NOUN   nsubj  2  deficit
        1  will         MD   AUX    aux    2
        2  end          VB   VERB   ROOT   2
        3  ,            ,    PUNCT  punct  6
        4  the          DT   DET    det    5
        5  Office       NNP  PROPN  nsubj  6
        6  reported     VBD  VERB   advcl  2  report
        7  --           :    PUNCT  punct  6
        8  a            DT   DET    det    9
        9  development  NN   NOUN   appos  0
        10 that         WDT  PRON   nsubj  11
        11 matters      VBZ  VERB   relcl  9  matter
        12 .            .    PUNCT  punct  2
        """
    got = found(text, table)
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("Deficits will end", "reported")]
    # A later part of the clause itself goes on after the source.
    text = "It was, he said, a failure."
    got = found(
        text,
        """
        0  It       PRP  PRON   nsubj      1
        1  was      VBD  AUX    ROOT       1  be
        2  ,        ,    PUNCT  punct      4
        3  he       PRP  PRON   nsubj      4
        4  said     VBD  VERB   parataxis  1  say
        5  ,        ,    PUNCT  punct      4
        6  a        DT   DET    det        7
        7  failure  NN   NOUN   attr       1
        8  .        .    PUNCT  punct      1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["It was, he said, a failure"]


@pytest.mark.parametrize(
    ("tag", "word", "content"),
    [
        ("VBZ", "wins", "idealism is nice, but realism wins"),  # the speaker's present goes on
        ("VBD", "won", "idealism is nice"),  # the author's past: what happened next
    ],
)
def test_a_clause_after_but_in_the_speakers_tense_goes_on(tag: str, word: str, content: str) -> None:
    text = f"He concluded that idealism is nice, but realism {word}."
    got = found(
        text,
        f"""
        0  He         PRP  PRON   nsubj  1
        1  concluded  VBD  VERB   ROOT   1  conclude
        2  that       IN   SCONJ  mark   4
        3  idealism   NN   NOUN   nsubj  4
        4  is         VBZ  AUX    ccomp  1  be
        5  nice       JJ   ADJ    acomp  4
        6  ,          ,    PUNCT  punct  1
        7  but        CC   CCONJ  cc     1
        8  realism    NN   NOUN   nsubj  9
        9  {word:<9}  {tag}  VERB   conj   1  win
        10 .          .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [content]


def test_a_reason_in_the_third_person_present_is_the_speakers() -> None:
    # "as it raises tensions": the present of a reason after a past report is the speaker's own.
    text = "He reaffirmed his concern about the tests, as it raises tensions."
    got = found(
        text,
        """
        0  He          PRP  PRON   nsubj  1
        1  reaffirmed  VBD  VERB   ROOT   1  reaffirm
        2  his         PRP$ PRON   poss   3
        3  concern     NN   NOUN   dobj   1
        4  about       IN   ADP    prep   3
        5  the         DT   DET    det    6
        6  tests       NNS  NOUN   pobj   4  test
        7  ,           ,    PUNCT  punct  1
        8  as          IN   SCONJ  mark   10
        9  it          PRP  PRON   nsubj  10
        10 raises      VBZ  VERB   advcl  1  raise
        11 tensions    NNS  NOUN   dobj   10  tension
        12 .           .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["his concern about the tests, as it raises tensions"]


def test_a_gerund_subject_read_as_the_verbs_complement() -> None:
    # The parser hung "seeing ..." on "said" and the clause's verb "was" on the gerund.
    text = "Gomez said seeing the officers was a relief."
    got = found(
        text,
        """
        0  Gomez     NNP  PROPN  nsubj  1
        1  said      VBD  VERB   ROOT   1  say
        2  seeing    VBG  VERB   xcomp  1  see
        3  the       DT   DET    det    4
        4  officers  NNS  NOUN   nsubj  5  officer
        5  was       VBD  AUX    ccomp  2  be
        6  a         DT   DET    det    7
        7  relief    NN   NOUN   attr   5
        8  .         .    PUNCT  punct  1
        """,
    )
    assert [(c.rule, cut(text, c.content)) for c in got] == [
        (Rule.REPORTED_CLAUSE, "seeing the officers was a relief")
    ]


CLOSING_SOURCE = """
    0  Borrowers  NNS  NOUN   dep    5  borrower
    1  struggle   VBP  VERB   relcl  0
    2  ,          ,    PUNCT  punct  5
    3  he         PRP  PRON   nsubj  5
    4  has        VBZ  AUX    aux    5
    5  {verb:<9}  VBN  VERB   ROOT   5  {lemma}
    6  .          .    PUNCT  punct  5
"""


def test_a_clause_left_unlinked_before_the_source_that_ends_the_sentence() -> None:
    """``X, he has said.``: the parser linked the clause to nothing; the source set off by a comma
    at the sentence's end reports it. ``, he has left.`` reports nothing."""
    text = "Borrowers struggle, he has said."
    got = found(text, CLOSING_SOURCE.format(verb="said", lemma="say"))
    assert [(c.rule, cut(text, c.content), cut(text, c.cue)) for c in got] == [
        (Rule.REPORTED_PARENTHETICAL, "Borrowers struggle", "said")
    ]
    assert got[0].mention_token == 3
    text = "Borrowers struggle, he has left."
    assert found(text, CLOSING_SOURCE.format(verb="left", lemma="leave")) == []


def test_an_inverted_source_with_its_apposition_ends_the_sentence() -> None:
    # The parser made the clause's subject a second subject of "said"; Wilders is the source.
    text = "The rejection signals the end, said Wilders, a founder."
    got = found(
        text,
        """
        0  The        DT   DET    det    1
        1  rejection  NN   NOUN   nsubj  6
        2  signals    NNS  NOUN   dobj   1  signal
        3  the        DT   DET    det    4
        4  end        NN   NOUN   appos  2
        5  ,          ,    PUNCT  punct  6
        6  said       VBD  VERB   ROOT   6  say
        7  Wilders    NNP  PROPN  nsubj  6
        8  ,          ,    PUNCT  punct  7
        9  a          DT   DET    det    10
        10 founder    NN   NOUN   appos  7
        11 .          .    PUNCT  punct  6
        """,
    )
    assert [(cut(text, c.content), c.mention_token) for c in got] == [("The rejection signals the end", 7)]


def test_a_clause_with_a_source_of_its_own_is_not_reported_again() -> None:
    # '"I won," said Smith, half joking': "joking" has no clause of its own; the one before has "said".
    text = "I won, said Smith, half joking."
    got = found(
        text,
        """
        0  I        PRP  PRON   nsubj  1
        1  won      VBD  VERB   ccomp  3  win
        2  ,        ,    PUNCT  punct  3
        3  said     VBD  VERB   ROOT   3  say
        4  Smith    NNP  PROPN  nsubj  7
        5  ,        ,    PUNCT  punct  4
        6  half     NN   NOUN   nsubj  7
        7  joking   VBG  VERB   ccomp  3  joke
        8  .        .    PUNCT  punct  3
        """,
    )
    assert [cut(text, c.cue) for c in got] == ["said"]


GLOSS = """
    0  He        PRP  PRON   nsubj  1
    1  said      VBD  VERB   ROOT   1  say
    2  it        PRP  PRON   nsubj  3
    3  helps     VBZ  VERB   ccomp  1  help
    4  Texas     NNP  PROPN  dobj   3
    5  ,         ,    PUNCT  punct  4
    6  which     WDT  PRON   nsubj  7
    7  {verb:<8}  VBZ  AUX    relcl  4  {lemma}
    8  {word:<8}  {tag}  {pos}   {dep}  7
    9  .         .    PUNCT  punct  1
"""


@pytest.mark.parametrize(
    ("verb", "lemma", "word", "tag", "pos", "dep", "content"),
    [
        ("votes", "vote", "soon", "RB ", "ADV ", "advmod", "it helps Texas"),  # who or what Texas is
        ("is", "be", "stronger", "JJR", "ADJ ", "acomp ", "it helps Texas, which is stronger"),  # a judgment
    ],
)
def test_a_gloss_on_a_name_at_the_end_is_the_authors(
    verb: str, lemma: str, word: str, tag: str, pos: str, dep: str, content: str
) -> None:
    text = f"He said it helps Texas, which {verb} {word}."
    got = found(text, GLOSS.format(verb=verb, lemma=lemma, word=word, tag=tag, pos=pos, dep=dep))
    assert [cut(text, c.content) for c in got] == [content]


TARGET = """
    0  She        PRP  PRON   nsubj  1
    1  condemned  VBD  VERB   ROOT   1  condemn
    2  the        DT   DET    det    3
    3  {noun:<9}  NN   NOUN   dobj   1
"""


def test_a_bare_target_is_no_content() -> None:
    """Spec 1.1: condemning, praising or criticising a bare target is no quote; a target that carries
    words of its own (a clause) says what was condemned."""
    text = "She condemned the attack."
    assert found(text, TARGET.format(noun="attack") + "    4  .  .  PUNCT  punct  1\n") == []
    text = "She condemned the decision to withdraw."
    got = found(
        text,
        TARGET.format(noun="decision")
        + """
        4  to        TO   PART   aux    5
        5  withdraw  VB   VERB   acl    3
        6  .         .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["the decision to withdraw"]


AFTERWORD = """
    0  He        PRP  PRON   nsubj  1
    1  said      VBD  VERB   ROOT   1  say
    2  it        PRP  PRON   nsubj  3
    3  was       VBD  AUX    ccomp  1  be
    4  rigged    JJ   ADJ    acomp  3
    5  ,         ,    PUNCT  punct  3
"""


@pytest.mark.parametrize(
    ("tail", "parse", "content"),
    [
        (  # where the report came from
            "according to aides",
            """
            6  according  VBG  VERB  prep   3  accord
            7  to         IN   ADP   prep   6
            8  aides      NNS  NOUN  pobj   7  aide
            """,
            "it was rigged",
        ),
        (  # the author naming the words as a speech act
            "a claim officials denied",
            """
            6  a          DT   DET   det    7
            7  claim      NN   NOUN  npadvmod  3
            8  officials  NNS  NOUN  nsubj  9  official
            9  denied     VBD  VERB  relcl  7  deny
            """,
            "it was rigged",
        ),
        (  # a definite noun phrase may be the speaker's own: kept
            "the claim officials denied",
            """
            6  the        DT   DET   det    7
            7  claim      NN   NOUN  npadvmod  3
            8  officials  NNS  NOUN  nsubj  9  official
            9  denied     VBD  VERB  relcl  7  deny
            """,
            "it was rigged, the claim officials denied",
        ),
    ],
)
def test_an_afterword_set_off_at_the_end_is_the_authors(tail: str, parse: str, content: str) -> None:
    text = f"He said it was rigged, {tail}."
    last = len(text.split()) + 2  # the words, the comma and the final period
    got = found(text, AFTERWORD + parse + f"    {last - 1}  .  .  PUNCT  punct  1\n")
    # "according to" reports the sentence before it too; that is a candidate of its own
    assert [cut(text, c.content) for c in got if cut(text, c.cue) == "said"] == [content]


def test_a_speech_act_set_off_after_the_content_is_anothers() -> None:
    # "..., and the President concurred": the author telling of the other party's act, not more content
    text = "Kishida noted that the two are partners, and the President concurred."
    got = found(
        text,
        """
        0  Kishida    NNP  PROPN  nsubj  1
        1  noted      VBD  VERB   ROOT   1  note
        2  that       IN   SCONJ  mark   5
        3  the        DT   DET    det    4
        4  two        CD   NUM    nsubj  5
        5  are        VBP  AUX    ccomp  1  be
        6  partners   NNS  NOUN   attr   5  partner
        7  ,          ,    PUNCT  punct  5
        8  and        CC   CCONJ  cc     5
        9  the        DT   DET    det    10
        10 President  NNP  PROPN  nsubj  11
        11 concurred  VBD  VERB   conj   5  concur
        12 .          .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["the two are partners"]


def test_a_topic_only_verb_reports_no_content() -> None:
    # spec 1.1: "commented on the report" names what was talked about, not what was said
    text = "The ministry commented on the report."
    got = found(
        text,
        """
        0  The        DT   DET    det    1
        1  ministry   NN   NOUN   nsubj  2
        2  commented  VBD  VERB   ROOT   2  comment
        3  on         IN   ADP    prep   2
        4  the        DT   DET    det    5
        5  report     NN   NOUN   pobj   3
        6  .          .    PUNCT  punct  2
        """,
    )
    assert got == []


def test_a_question_asking_for_speech_reports_none() -> None:
    # "Can you say whether X?" asks the one addressed to speak; "You said that X." reports
    table = """
        0  {first:<5}  {tag0}  {pos0}  {dep0}  {h0}
        1  {second:<5}  {tag1}  {pos1}  {dep1}  2
        2  say      VB   VERB   ROOT   2  say
        3  whether  IN   SCONJ  mark   5
        4  taxes    NNS  NOUN   nsubj  5  tax
        5  fall     VBP  VERB   ccomp  2
        6  {end}      .    PUNCT  punct  2
    """
    asked = "Can you say whether taxes fall?"
    d = doc(
        asked,
        table.format(
            first="Can", tag0="MD ", pos0="AUX ", dep0="aux  ", h0=2,
            second="you", tag1="PRP", pos1="PRON", dep1="nsubj", end="?",
        ),
    )  # fmt: skip
    d[1].set_morph("Case=Nom|Person=2|PronType=Prs")
    assert reported.find(context(d), []) == []
    told = "Then you say whether taxes fall."
    d = doc(
        told,
        table.format(
            first="Then", tag0="RB ", pos0="ADV ", dep0="advmod", h0=2,
            second="you", tag1="PRP", pos1="PRON", dep1="nsubj", end=".",
        ),
    )  # fmt: skip
    d[1].set_morph("Case=Nom|Person=2|PronType=Prs")
    assert [cut(told, c.content) for c in reported.find(context(d), [])] == ["whether taxes fall"]


def test_a_question_asking_for_speech_after_a_turn_label_reports_none() -> None:
    # "Kyodo: Can you say whether X?": the parser hangs the turn's label on the verb as a first subject;
    # the one addressed is still asked to speak
    text = "Kyodo: Can you say whether taxes fall?"
    d = doc(
        text,
        """
        0  Kyodo    NNP  PROPN  nsubj  4  Kyodo
        1  :        :    PUNCT  punct  0
        2  Can      MD   AUX    aux    4
        3  you      PRP  PRON   nsubj  4
        4  say      VB   VERB   ROOT   4  say
        5  whether  IN   SCONJ  mark   7
        6  taxes    NNS  NOUN   nsubj  7  tax
        7  fall     VBP  VERB   ccomp  4
        8  ?        .    PUNCT  punct  4
        """,
    )
    d[3].set_morph("Case=Nom|Person=2|PronType=Prs")
    assert reported.find(context(d), []) == []


def test_a_source_set_off_after_a_report_of_its_own_reports_it() -> None:
    # spec 1.1: "Cho and Iwaya agreed to A, the ministry said" is the ministry's quote (and the nested
    # report the ministers' own); the parser hangs "said" on "agreed" when the sentence goes on
    text = "Cho and Iwaya agreed to talk, the ministry said, as both seek calm."
    got = found(
        text,
        """
        0  Cho       NNP  PROPN  nsubj      3
        1  and       CC   CCONJ  cc         0
        2  Iwaya     NNP  PROPN  conj       0
        3  agreed    VBD  VERB   ROOT       3  agree
        4  to        TO   PART   aux        5
        5  talk      VB   VERB   xcomp      3
        6  ,         ,    PUNCT  punct      9
        7  the       DT   DET    det        8
        8  ministry  NN   NOUN   nsubj      9
        9  said      VBD  VERB   parataxis  3  say
        10 ,         ,    PUNCT  punct      9
        11 as        IN   SCONJ  mark       13
        12 both      DT   DET    nsubj      13
        13 seek      VBP  VERB   advcl      3
        14 calm      NN   NOUN   dobj       13
        15 .         .    PUNCT  punct      3
        """,
    )
    # the clause after the source is the author's: the reported clause is a report itself
    assert [cut(text, c.content) for c in got if cut(text, c.cue) == "said"] == [
        "Cho and Iwaya agreed to talk"
    ]


def test_indicating_an_object_reports_nothing() -> None:
    # "indicated any interest": a sign given, not words; "indicated that X" reports a clause
    text = "Obama indicated an interest."
    got = found(
        text,
        """
        0  Obama      NNP  PROPN  nsubj  1  Obama  B-PERSON
        1  indicated  VBD  VERB   ROOT   1  indicate
        2  an         DT   DET    det    3
        3  interest   NN   NOUN   dobj   1
        4  .          .    PUNCT  punct  1
        """,
    )
    assert got == []


def test_let_me_stress_is_performed_by_saying_it() -> None:
    # spec 1.1: a performative inside a speaker's own words is no quote
    text = "Let me stress that talks continue."
    got = found(
        text,
        """
        0  Let       VB   VERB   ROOT   0  let
        1  me        PRP  PRON   nsubj  2  I
        2  stress    VB   VERB   ccomp  0
        3  that      IN   SCONJ  mark   5
        4  talks     NNS  NOUN   nsubj  5  talk
        5  continue  VBP  VERB   ccomp  2
        6  .         .    PUNCT  punct  0
        """,
    )
    assert got == []


def test_a_participle_read_as_a_clause_goes_on_with_the_object() -> None:
    # the parser hangs "treated" on the verb as a clause; it is inside the object's phrase
    text = "I explained our position on the treated water."
    got = found(
        text,
        """
        0  I          PRP   PRON   nsubj  1
        1  explained  VBD   VERB   ROOT   1  explain
        2  our        PRP$  PRON   poss   3
        3  position   NN    NOUN   dobj   1
        4  on         IN    ADP    prep   3
        5  the        DT    DET    det    4
        6  treated    VBD   VERB   ccomp  1  treat
        7  water      NN    NOUN   dobj   6
        8  .          .     PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["our position on the treated water"]


def test_an_object_before_the_clause_of_a_verb_that_takes_none_starts_the_content() -> None:
    # "say" takes a clause, never an object: the parser read "show" as a noun, so the start of what
    # was said became the verb's object and the clause after "that" its only complement.
    text = "Garin said his groups and research show that voters agree."
    table = """
        0  Garin     NNP  PROPN  nsubj  1
        1  said      VBD  VERB   ROOT   1  say
        2  his       PRP$ PRON   poss   3
        3  groups    NNS  NOUN   dobj   1  group
        4  and       CC   CCONJ  cc     3
        5  research  NN   NOUN   compound 6
        6  show      NN   NOUN   conj   3
        7  that      IN   SCONJ  mark   9
        8  voters    NNS  NOUN   nsubj  9  voter
        9  agree     VBP  VERB   ccomp  1
        10 .         .    PUNCT  punct  1
        """
    got = found(text, table)
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("said", "his groups and research show that voters agree")
    ]
    # A verb whose object may name the listener keeps its clause apart from the object.
    text = "Garin assured his donors and staff that voters agree."
    got = found(
        text,
        """
        0  Garin    NNP  PROPN  nsubj  1
        1  assured  VBD  VERB   ROOT   1  assure
        2  his      PRP$ PRON   poss   3
        3  donors   NNS  NOUN   dobj   1  donor
        4  and      CC   CCONJ  cc     3
        5  staff    NN   NOUN   conj   3
        6  that     IN   SCONJ  mark   8
        7  voters   NNS  NOUN   nsubj  8  voter
        8  agree    VBP  VERB   ccomp  1
        9  .        .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [("assured", "voters agree")]


def test_a_finite_verb_hung_on_the_object_of_a_clause_verb_is_the_clause_s_own() -> None:
    # The parser hung "resonate" on "groups" (acl): "said" takes no object, so the phrase is a clause.
    text = "Garin said his groups that voters cite resonate."
    got = found(
        text,
        """
        0  Garin     NNP  PROPN  nsubj  1
        1  said      VBD  VERB   ROOT   1  say
        2  his       PRP$ PRON   poss   3
        3  groups    NNS  NOUN   dobj   1  group
        4  that      WDT  PRON   dobj   6
        5  voters    NNS  NOUN   nsubj  6  voter
        6  cite      VBP  VERB   relcl  3
        7  resonate  VBP  VERB   acl    3
        8  .         .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("said", "his groups that voters cite resonate")
    ]


def test_a_source_set_off_inside_a_clause_the_parser_read_as_a_noun_phrase() -> None:
    # The parser made "donations" the root and "paid" a participle on it: a clause all the same.
    text = "In both cases, Trump said, those donations paid for events."
    got = found(
        text,
        """
        0  In         IN   ADP    prep       8
        1  both       DT   DET    det        2
        2  cases      NNS  NOUN   pobj       0  case
        3  ,          ,    PUNCT  punct      5
        4  Trump      NNP  PROPN  nsubj      5
        5  said       VBD  VERB   parataxis  8  say
        6  ,          ,    PUNCT  punct      5
        7  those      DT   DET    det        8
        8  donations  NNS  NOUN   ROOT       8  donation
        9  paid       VBN  VERB   acl        8  pay
        10 for        IN   ADP    prep       9
        11 events     NNS  NOUN   pobj       10 event
        12 .          .    PUNCT  punct      8
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("said", "In both cases, Trump said, those donations paid for events")
    ]


@pytest.mark.parametrize(("subject", "expected"), [("Time", []), ("Aides", ["whether taxes fall"])])
def test_time_will_tell_is_an_idiom_not_a_report(subject: str, expected: list[str]) -> None:
    # lang/en/not_cues.txt lists the phrase; the same frame with a speaker reports a content.
    text = f"{subject} will tell whether taxes fall."
    got = found(
        text,
        f"""
        0  {subject}  NNS  NOUN   nsubj  2
        1  will     MD   AUX    aux    2
        2  tell     VB   VERB   ROOT   2  tell
        3  whether  IN   SCONJ  mark   5
        4  taxes    NNS  NOUN   nsubj  5  tax
        5  fall     VBP  VERB   ccomp  2
        6  .        .    PUNCT  punct  2
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


def test_a_coordinated_refusal_ends_the_content() -> None:
    # The parser hung "declined" on the clause's verb; declining to say more is the official's act.
    text = "An official said Seoul was weighing steps but declined to elaborate."
    got = found(
        text,
        """
        0  An         DT   DET    det    1
        1  official   NN   NOUN   nsubj  2
        2  said       VBD  VERB   ROOT   2  say
        3  Seoul      NNP  PROPN  nsubj  5
        4  was        VBD  AUX    aux    5  be
        5  weighing   VBG  VERB   ccomp  2  weigh
        6  steps      NNS  NOUN   dobj   5  step
        7  but        CC   CCONJ  cc     5
        8  declined   VBD  VERB   conj   5  decline
        9  to         TO   PART   aux    10
        10 elaborate  VB   VERB   xcomp  8
        11 .          .    PUNCT  punct  2
        """,
    )
    assert [cut(text, c.content) for c in got] == ["Seoul was weighing steps"]


def test_a_participle_after_a_comma_inside_the_closing_mark_is_a_second_act() -> None:
    # American style puts the comma inside the marks: '"too weak," urging' is set off all the same.
    text = 'Lee wrote that the plan was "too weak," urging Yoon to act.'
    d = doc(
        text,
        """
        0  Lee     NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  wrote   VBD  VERB   ROOT   1  write
        2  that    IN   SCONJ  mark   5
        3  the     DT   DET    det    4
        4  plan    NN   NOUN   nsubj  5
        5  was     VBD  AUX    ccomp  1  be
        6  "       ``   PUNCT  punct  5
        7  too     RB   ADV    advmod 8
        8  weak    JJ   ADJ    acomp  5
        9  ,       ,    PUNCT  punct  5
        10 "       ''   PUNCT  punct  5
        11 urging  VBG  VERB   advcl  5  urge
        12 Yoon    NNP  PROPN  dobj   11
        13 to      TO   PART   aux    14
        14 act     VB   VERB   xcomp  11
        15 .       .    PUNCT  punct  1
        """,
    )
    got = reported.find(context(d), [])
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("wrote", 'the plan was "too weak,"'),
        ("urging", "to act"),
    ]
    assert english().subject_of(d[11]).i == 0  # the second act is Lee's too, not the plan's


def test_a_participle_hung_inside_the_object_s_tail_is_a_second_act() -> None:
    # "saying" hangs on "wrecking", inside the "of" phrase that the content takes after the object.
    text = "Warren accused Trump of wrecking trade, saying prices rose."
    got = found(
        text,
        """
        0  Warren    NNP  PROPN  nsubj  1  Warren  B-PERSON
        1  accused   VBD  VERB   ROOT   1  accuse
        2  Trump     NNP  PROPN  dobj   1  Trump   B-PERSON
        3  of        IN   ADP    prep   1
        4  wrecking  VBG  VERB   pcomp  3  wreck
        5  trade     NN   NOUN   dobj   4
        6  ,         ,    PUNCT  punct  4
        7  saying    VBG  VERB   advcl  4  say
        8  prices    NNS  NOUN   nsubj  9  price
        9  rose      VBD  VERB   ccomp  7  rise
        10 .         .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("accused", "Trump of wrecking trade"),
        ("saying", "prices rose"),
    ]


@pytest.mark.parametrize(
    ("det", "det_tag", "det_dep", "noun", "expected"),
    [
        # an owner makes the noun phrase what was said (spec 1.1 gold: content "his belief that ...")
        ("his", "PRP$", "poss", "belief", ("voiced", "his belief that ties will grow")),
        # "the fact" only holds its clause (holder_nouns.txt)
        ("the", "DT", "det", "fact", ("voiced", "the fact that ties will grow")),
        # "shared the view": the noun makes the cue's phrase
        ("the", "DT", "det", "view", ("voiced the view", "ties will grow")),
    ],
)
def test_a_noun_with_an_owner_belongs_to_the_content(
    det: str, det_tag: str, det_dep: str, noun: str, expected: tuple[str, str]
) -> None:
    text = f"Son voiced {det} {noun} that ties will grow."
    pos = "PRON" if det_tag == "PRP$" else "DET"
    got = found(
        text,
        f"""
        0  Son     NNP  PROPN  nsubj   1  Son  B-PERSON
        1  voiced  VBD  VERB   ROOT    1  voice
        2  {det}   {det_tag}  {pos}  {det_dep}  3
        3  {noun}  NN   NOUN   dobj    1
        4  that    IN   SCONJ  mark    7
        5  ties    NNS  NOUN   nsubj   7  tie
        6  will    MD   AUX    aux     7
        7  grow    VB   VERB   acl     3
        8  .       .    PUNCT  punct   1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [expected]


def test_what_she_called_x_gives_x_as_the_content() -> None:
    # The wh-word stands for the thing named; the name is what she said (spec 1.1 gold).
    text = "Lee condemned what she called a provocation."
    got = found(
        text,
        """
        0  Lee        NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  condemned  VBD  VERB   ROOT   1  condemn
        2  what       WP   PRON   dobj   4
        3  she        PRP  PRON   nsubj  4
        4  called     VBD  VERB   ccomp  1  call
        5  a          DT   DET    det    6
        6  provocation NN  NOUN   oprd   4
        7  .          .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [("called", "a provocation")]


@pytest.mark.parametrize(
    ("item_dep", "expected"),
    [
        # the parser broke the list off after "nations" and hung "the region, and the world" on "agreed"
        ("dobj", "to promote peace for their nations, the region, and the world"),
        ("npadvmod", "to promote peace for their nations, the region, and the world"),
        ("dep", "to promote peace for their nations, the region, and the world"),
    ],
)
def test_list_items_broken_off_an_infinitive_content_end_it(item_dep: str, expected: str) -> None:
    text = "They agreed to promote peace for their nations, the region, and the world."
    got = found(
        text,
        f"""
        0  They     PRP  PRON   nsubj  1
        1  agreed   VBD  VERB   ROOT   1  agree
        2  to       TO   PART   aux    3
        3  promote  VB   VERB   xcomp  1
        4  peace    NN   NOUN   dobj   3
        5  for      IN   ADP    prep   3
        6  their    PRP$ PRON   poss   7
        7  nations  NNS  NOUN   pobj   5  nation
        8  ,        ,    PUNCT  punct  1
        9  the      DT   DET    det    10
        10 region   NN   NOUN   {item_dep}  1
        11 ,        ,    PUNCT  punct  10
        12 and      CC   CCONJ  cc     10
        13 the      DT   DET    det    14
        14 world    NN   NOUN   conj   10
        15 .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [expected]


def test_a_loose_noun_after_an_infinitive_content_without_a_coordinator_is_not_its_list() -> None:
    # No "and"/"or" closes a list: "the region" is no later item of it.
    text = "They agreed to promote peace for their nations, the region."
    got = found(
        text,
        """
        0  They     PRP  PRON   nsubj  1
        1  agreed   VBD  VERB   ROOT   1  agree
        2  to       TO   PART   aux    3
        3  promote  VB   VERB   xcomp  1
        4  peace    NN   NOUN   dobj   3
        5  for      IN   ADP    prep   3
        6  their    PRP$ PRON   poss   7
        7  nations  NNS  NOUN   pobj   5  nation
        8  ,        ,    PUNCT  punct  1
        9  the      DT   DET    det    10
        10 region   NN   NOUN   npadvmod  1
        11 .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == ["to promote peace for their nations"]


@pytest.mark.parametrize(
    ("that_dep", "that_head", "clause_dep"),
    [
        ("dobj", 11, "relcl"),  # "the start that she wanted": read as a relative clause on "start"
        ("mark", 9, "acl"),  # read as a clause of the noun
    ],
)
def test_made_it_clear_from_the_start_that_a(that_dep: str, that_head: int, clause_dep: str) -> None:
    text = "Lee made it clear from the start that she wanted to get along."
    got = found(
        text,
        f"""
        0  Lee     NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  made    VBD  VERB   ROOT   1  make
        2  it      PRP  PRON   nsubj  3
        3  clear   JJ   ADJ    ccomp  1
        4  from    IN   ADP    prep   3
        5  the     DT   DET    det    6
        6  start   NN   NOUN   pobj   4
        7  that    WDT  PRON   {that_dep}  {that_head}
        8  she     PRP  PRON   nsubj  9
        9  wanted  VBD  VERB   {clause_dep}  6  want
        10 to      TO   PART   aux    11
        11 get     VB   VERB   xcomp  9
        12 along   RP   ADP    prt    11
        13 .       .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [
        ("made it clear", "she wanted to get along")
    ]


@pytest.mark.parametrize(
    ("verb", "tag", "lemma", "expected"),
    [
        # in the past, with a named subject of its own: the author telling what Blinken did
        ("supported", "VBD", "support", "she was keen on peace"),
        # in the present it may be the speaker's own words
        ("supports", "VBZ", "support", "she was keen on peace, which Blinken supports"),
    ],
)
def test_a_named_party_s_act_set_off_at_the_end_is_the_author_s(
    verb: str, tag: str, lemma: str, expected: str
) -> None:
    text = f"Lee noted she was keen on peace, which Blinken {verb}."
    got = found(
        text,
        f"""
        0  Lee      NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  noted    VBD  VERB   ROOT   1  note
        2  she      PRP  PRON   nsubj  3
        3  was      VBD  AUX    ccomp  1  be
        4  keen     JJ   ADJ    acomp  3
        5  on       IN   ADP    prep   4
        6  peace    NN   NOUN   pobj   5
        7  ,        ,    PUNCT  punct  6
        8  which    WDT  PRON   dobj   10
        9  Blinken  NNP  PROPN  nsubj  10  Blinken  B-PERSON
        10 {verb}   {tag}  VERB  relcl  6  {lemma}
        11 .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [expected]


QUOTED_AS_SAYING = """
        0  The      DT   DET    det    1
        1  paper    NN   NOUN   nsubj  2
        2  {verb}   VBD  VERB   ROOT   2  {lemma}
        3  Lee      NNP  PROPN  dobj   2  Lee  B-PERSON
        4  as       IN   ADP    prep   2
        5  saying   VBG  VERB   pcomp  4  say
        6  Seoul    NNP  PROPN  dobj   5  Seoul  B-GPE
        7  would    MD   AUX    aux    8
        8  act      VB   VERB   ccomp  5
        9  .        .    PUNCT  punct  2
        """


@pytest.mark.parametrize(("verb", "lemma"), [("quoted", "quote"), ("cited", "cite")])
def test_quoted_x_as_saying_is_x_s_report_not_the_paper_s(verb: str, lemma: str) -> None:
    # The name before the clause is its subject misread as "saying"'s object ("say" takes no listener).
    text = f"The paper {verb} Lee as saying Seoul would act."
    d = doc(text, QUOTED_AS_SAYING.format(verb=verb, lemma=lemma))
    got = reported.find(context(d), [])
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [("saying", "Seoul would act")]
    assert english().subject_of(d[5]).text == "Lee"


def test_x_was_quoted_as_saying_is_x_s_report() -> None:
    text = "Lee was quoted as saying Seoul would act."
    d = doc(
        text,
        """
        0  Lee     NNP  PROPN  nsubjpass  2  Lee  B-PERSON
        1  was     VBD  AUX    auxpass    2  be
        2  quoted  VBN  VERB   ROOT       2  quote
        3  as      IN   ADP    prep       2
        4  saying  VBG  VERB   pcomp      3  say
        5  Seoul   NNP  PROPN  nsubj      7  Seoul  B-GPE
        6  would   MD   AUX    aux        7
        7  act     VB   VERB   ccomp      4
        8  .       .    PUNCT  punct      2
        """,
    )
    assert english().subject_of(d[4]).text == "Lee"


CONTRASTING_REPORT = """
        0  Most     JJS  ADJ    nsubj  1
        1  said     VBD  VERB   ROOT   1  say
        2  he       PRP  PRON   nsubj  4
        3  should   MD   AUX    aux    4
        4  resign   VB   VERB   ccomp  1
        5  ,        ,    PUNCT  punct  4
        6  {mark}   IN   SCONJ  mark   8
        7  {subj}   {stag}  {spos}  {sdep}  8
        8  {verb}   {vtag}  VERB  advcl  4  {lemma}
        9  he       PRP  PRON   nsubj  10
        10 should   MD   AUX    ccomp  8
        11 .        .    PUNCT  punct  1
        """


@pytest.mark.parametrize(
    ("mark", "subj", "stag", "spos", "sdep", "verb", "vtag", "lemma", "expected"),
    [
        # a second party's report set against the first: two reports
        ("while", "Lee", "NNP", "PROPN", "nsubj", "said", "VBD", "say", ["he should resign", "he should"]),
        ("whereas", "Lee", "NNP", "PROPN", "nsubj", "said", "VBD", "say", ["he should resign", "he should"]),
        # any other conjunction stays in the first content ("as Lee said he should" is also Lee's)
        (
            "as",
            "Lee",
            "NNP",
            "PROPN",
            "nsubj",
            "said",
            "VBD",
            "say",
            ["he should resign, as Lee said he should", "he should"],
        ),
        # no speech verb: the speaker's own contrast stays in the content
        (
            "while",
            "Lee",
            "NNP",
            "PROPN",
            "nsubj",
            "hoped",
            "VBD",
            "hope",
            ["he should resign, while Lee hoped he should"],
        ),
        # a passive has no speaker of its own ("though he was told he should")
        (
            "though",
            "he",
            "PRP",
            "PRON",
            "nsubjpass",
            "told",
            "VBN",
            "tell",
            ["he should resign, though he told he should"],
        ),
    ],
)
def test_a_contrasting_report_set_off_at_the_end_is_a_report_of_its_own(
    mark: str,
    subj: str,
    stag: str,
    spos: str,
    sdep: str,
    verb: str,
    vtag: str,
    lemma: str,
    expected: list[str],
) -> None:
    text = f"Most said he should resign, {mark} {subj} {verb} he should."
    d = doc(
        text,
        CONTRASTING_REPORT.format(
            mark=mark, subj=subj, stag=stag, spos=spos, sdep=sdep, verb=verb, vtag=vtag, lemma=lemma
        ),
    )
    got = reported.find(context(d), [])
    assert [cut(text, c.content) for c in got if cut(text, c.cue) == "said"] == expected


NEXT_ACT = """
        0  She        PRP  PRON   nsubj  2
        1  has        VBZ  AUX    aux    2  have
        2  vowed      VBN  VERB   ROOT   2  vow
        3  to         TO   PART   aux    4
        4  keep       VB   VERB   xcomp  2
        5  taxes      NNS  NOUN   dobj   4
        6  low        JJ   ADJ    oprd   4
        7  and        CC   CCONJ  cc     4
        8  {verb}     {tag}  VERB  conj   4  {lemma}
        9  the        DT   DET    det    10
        10 ruling     NN   NOUN   dobj   8
        11 .          .    PUNCT  punct  2
        """


@pytest.mark.parametrize(
    ("verb", "tag", "lemma", "expected"),
    [
        # a past tense cannot share the infinitive's "to": the speaker's next act
        ("praised", "VBD", "praise", "to keep taxes low"),
        ("praises", "VBZ", "praise", "to keep taxes low"),
        # a bare form may be the infinitive's second verb ("to keep taxes low and cut the rate")
        ("cut", "VBP", "cut", "to keep taxes low and cut the ruling"),
    ],
)
def test_a_finite_verb_after_an_infinitive_content_is_the_speaker_s_next_act(
    verb: str, tag: str, lemma: str, expected: str
) -> None:
    text = f"She has vowed to keep taxes low and {verb} the ruling."
    got = reported.find(context(doc(text, NEXT_ACT.format(verb=verb, tag=tag, lemma=lemma))), [])
    assert [cut(text, c.content) for c in got if cut(text, c.cue) == "vowed"] == [expected]


def test_a_verb_with_its_own_tense_after_a_gerund_content_is_the_speaker_s_next_act() -> None:
    text = "He proposed banning visits and has gone further."
    d = doc(
        text,
        """
        0  He        PRP  PRON   nsubj  1
        1  proposed  VBD  VERB   ROOT   1  propose
        2  banning   VBG  VERB   xcomp  1  ban
        3  visits    NNS  NOUN   dobj   2
        4  and       CC   CCONJ  cc     2
        5  has       VBZ  AUX    aux    6  have
        6  gone      VBN  VERB   conj   2  go
        7  further   RB   ADV    advmod 6
        8  .         .    PUNCT  punct  1
        """,
    )
    got = reported.find(context(d), [])
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [("proposed", "banning visits")]


@pytest.mark.parametrize(("word", "expected"), [("that", []), ("and", ["Texas shelved the laws"])])
def test_a_clause_before_that_x_said_is_no_content_of_it(word: str, expected: list[str]) -> None:
    # the parser hangs "Texas shelved the laws" on "said" as if it read "Texas shelved the laws, courts
    # said"; with "that" between them "said" opens a relative clause on "laws"
    text = f"Texas shelved the laws, {word} courts said discriminated."
    d = doc(
        text,
        f"""
        0  Texas          NNP  PROPN  nsubj  1  Texas  B-GPE
        1  shelved        VBD  VERB   ccomp  7  shelve
        2  the            DT   DET    det    3
        3  laws           NNS  NOUN   dobj   1  law
        4  ,              ,    PUNCT  punct  7
        5  {word}         IN   SCONJ  {"mark" if word == "that" else "cc"}  7
        6  courts         NNS  NOUN   nsubj  7  court
        7  said           VBD  VERB   ROOT   7  say
        8  discriminated  VBN  VERB   acomp  7  discriminate
        9  .              .    PUNCT  punct  7
        """,
    )
    got = reported.find(context(d), [])
    assert [cut(text, c.content) for c in got] == expected


@pytest.mark.parametrize(("comma", "expected"), [(",", []), ("", ["taxes fall"])])
def test_all_told_with_its_comma_is_an_idiom_not_a_report(comma: str, expected: list[str]) -> None:
    # "All told, ..." means "in all" (lang/en/not_cues.txt lists "all told ,"); "all told X" reports.
    text = f"All told{comma} taxes fall."
    rows = [
        "0  All    DT   DET    nsubj  1",
        "1  told   VBD  VERB   ROOT   1  tell",
        *([f"2  {comma}  ,  PUNCT  punct  1"] if comma else []),
        f"{2 + len(comma)}  taxes  NNS  NOUN  nsubj  {3 + len(comma)}  tax",
        f"{3 + len(comma)}  fall   VBP  VERB  ccomp  1",
        f"{4 + len(comma)}  .      .    PUNCT  punct  1",
    ]
    got = found(text, "\n".join(rows))
    assert [cut(text, c.content) for c in got] == expected


@pytest.mark.parametrize(("modal", "expected"), [("should", []), ("was", ["taxes fall"])])
def test_it_should_be_noted_is_the_author_s_aside(modal: str, expected: list[str]) -> None:
    # lang/en/not_cues.txt: "should be noted" tells the reader; "it was noted that" reports an act
    text = f"It {modal} {'be ' if modal == 'should' else ''}noted that taxes fall."
    rows = [
        "0  It      PRP  PRON   nsubjpass  {v}",
        f"1  {modal}  {'MD' if modal == 'should' else 'VBD'}  AUX  {'aux' if modal == 'should' else 'auxpass'}  {{v}}",
        *(["2  be  VB  AUX  auxpass  3"] if modal == "should" else []),
        "{v}  noted   VBN  VERB   ROOT   {v}  note",
        "{t}  that    IN   SCONJ  mark   {f}",
        "{x}  taxes   NNS  NOUN   nsubj  {f}  tax",
        "{f}  fall    VBP  VERB   ccomp  {v}",
        "{d}  .       .    PUNCT  punct  {v}",
    ]
    v = 3 if modal == "should" else 2
    table = "\n".join(rows).format(v=v, t=v + 1, x=v + 2, f=v + 3, d=v + 4)
    got = found(text, table)
    assert [cut(text, c.content) for c in got] == expected


def test_a_name_given_by_called_that_is_the_subject_of_the_next_verb_is_no_content() -> None:
    # "a group called Our Principles is growing": the parser read "called" as the sentence's verb,
    # "Principles" as the name and "is growing" as a clause without a subject
    text = "A group called Our Principles is growing."
    got = found(
        text,
        """
        0  A           DT    DET    det    1
        1  group       NN    NOUN   nsubj  2
        2  called      VBD   VERB   ROOT   2  call
        3  Our         PRP$  PRON   poss   4
        4  Principles  NNPS  PROPN  oprd   2  Principles
        5  is          VBZ   AUX    aux    6  be
        6  growing     VBG   VERB   ccomp  2  grow
        7  .           .     PUNCT  punct  2
        """,
    )
    assert got == []


@pytest.mark.parametrize(
    ("mark", "dep", "expected"),
    [
        ("if", "advcl", ["if they planned to vote"]),  # the question read as a condition
        ("whether", "advcl", ["whether they planned to vote"]),
        ("because", "advcl", []),  # a reason is no question
    ],
)
def test_a_question_read_as_a_condition_is_what_was_asked(mark: str, dep: str, expected: list[str]) -> None:
    text = f"He asked workers {mark} they planned to vote."
    d = doc(
        text,
        f"""
        0  He       PRP  PRON   nsubj  1
        1  asked    VBD  VERB   ROOT   1  ask
        2  workers  NNS  NOUN   dobj   1  worker
        3  {mark}   IN   SCONJ  mark   5
        4  they     PRP  PRON   nsubj  5
        5  planned  VBD  VERB   {dep}  1  plan
        6  to       TO   PART   aux    7
        7  vote     VB   VERB   xcomp  5
        8  .        .    PUNCT  punct  1
        """,
    )
    got = reported.find(context(d), [])
    assert [cut(text, c.content) for c in got] == expected


ASKED_BY = """
        0  Asked     VBN  VERB   advcl  8  ask
        1  by        IN   ADP    agent  0
        2  Lee       NNP  PROPN  pobj   1  Lee  B-PERSON
        3  whether   IN   SCONJ  mark   5
        4  she       PRP  PRON   nsubj  5
        5  left      VBD  VERB   ccomp  0  leave
        6  ,         ,    PUNCT  punct  8
        7  she       PRP  PRON   nsubj  8
        8  said      VBD  VERB   ROOT   8  say
        9  no        UH   INTJ   dobj   8
        10 .         .    PUNCT  punct  8
        """


def test_asked_by_x_whether_is_x_s_question() -> None:
    # "ask" is reported only in the active ("was asked to X" names no asker); a by-agent names one
    text = "Asked by Lee whether she left, she said no."
    d = doc(text, ASKED_BY)
    got = reported.find(context(d), [])
    assert [
        (cut(text, c.cue), cut(text, c.content)) for c in got if c.cue and cut(text, c.cue) == "Asked"
    ] == [("Asked", "whether she left")]
    assert english().subject_of(d[0]).text == "Lee"


def test_asked_without_an_agent_is_no_question_of_anyone() -> None:
    text = "Asked whether she left, she said no."
    d = doc(
        text,
        """
        0  Asked     VBN  VERB   advcl  6  ask
        1  whether   IN   SCONJ  mark   3
        2  she       PRP  PRON   nsubj  3
        3  left      VBD  VERB   ccomp  0  leave
        4  ,         ,    PUNCT  punct  6
        5  she       PRP  PRON   nsubj  6
        6  said      VBD  VERB   ROOT   6  say
        7  no        UH   INTJ   dobj   6
        8  .         .    PUNCT  punct  6
        """,
    )
    got = reported.find(context(d), [])
    assert [cut(text, c.cue) for c in got if c.cue and cut(text, c.cue) == "Asked"] == []


DESCRIBED = {
    # the object states what was described
    "Lee described his plan to cut taxes.": """
        0  Lee        NNP   PROPN  nsubj  1  Lee  B-PERSON
        1  described  VBD   VERB   ROOT   1  describe
        2  his        PRP$  PRON   poss   3
        3  plan       NN    NOUN   dobj   1
        4  to         TO    PART   aux    5
        5  cut        VB    VERB   acl    3
        6  taxes      NNS   NOUN   dobj   5  tax
        7  .          .     PUNCT  punct  1
        """,
    # an embedded question
    "Lee described how he would cut taxes.": """
        0  Lee        NNP   PROPN  nsubj  1  Lee  B-PERSON
        1  described  VBD   VERB   ROOT   1  describe
        2  how        WRB   SCONJ  advmod 5
        3  he         PRP   PRON   nsubj  5
        4  would      MD    AUX    aux    5
        5  cut        VB    VERB   ccomp  1
        6  taxes      NNS   NOUN   dobj   5  tax
        7  .          .     PUNCT  punct  1
        """,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lee described his plan to cut taxes.", "his plan to cut taxes"),
        ("Lee described how he would cut taxes.", "how he would cut taxes"),
    ],
)
def test_described_x_and_described_how_report_what_was_described(text: str, expected: str) -> None:
    got = found(text, DESCRIBED[text])
    assert [cut(text, c.content) for c in got] == [expected]


@pytest.mark.parametrize(
    ("verb", "lemma", "prt", "noun", "expected"),
    [
        ("tweeted", "tweet", "", "thanks", ["her thanks to voters"]),  # a content noun: what she posted
        ("posted", "post", "", "photos", []),  # any other object is a thing posted, not words
        ("wrote", "write", "off", "thanks", []),  # "wrote off": not_cues.txt
    ],
)
def test_posting_a_content_noun_reports_it(
    verb: str, lemma: str, prt: str, noun: str, expected: list[str]
) -> None:
    words = [verb, *([prt] if prt else []), "her", noun, "to", "voters"]
    text = "Lee " + " ".join(words) + "."
    o = 1 if prt else 0
    rows = [
        "0  Lee  NNP  PROPN  nsubj  1  Lee  B-PERSON",
        f"1  {verb}  VBD  VERB  ROOT  1  {lemma}",
        *([f"2  {prt}  RP  ADP  prt  1"] if prt else []),
        f"{2 + o}  her  PRP$  PRON  poss  {3 + o}",
        f"{3 + o}  {noun}  NNS  NOUN  dobj  1",
        f"{4 + o}  to  IN  ADP  prep  {3 + o}",
        f"{5 + o}  voters  NNS  NOUN  pobj  {4 + o}  voter",
        f"{6 + o}  .  .  PUNCT  punct  1",
    ]
    got = found(text, "\n".join(rows))
    assert [cut(text, c.content) for c in got] == expected


AS_HE_URGES = """
        0  He            PRP   PRON   nsubj  1
        1  highlighted   VBD   VERB   ROOT   1  highlight
        2  his           PRP$  PRON   poss   3
        3  win           NN    NOUN   dobj   1
        4  as            IN    SCONJ  mark   6
        5  he            PRP   PRON   nsubj  6
        6  {verb}        VBZ   VERB   advcl  1  {lemma}
        7  voters        NNS   NOUN   dobj   6  voter
        8  to            TO    PART   aux    9
        9  unite         VB    VERB   xcomp  6
        10 .             .     PUNCT  punct  1
        """


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        # "as he urges voters to unite": a second report with its own speaker, not the first's tail
        ("urges", "urge", [("highlighted", "his win"), ("urges", "to unite")]),
        # a verb of no speech is the first content's tail
        ("leads", "lead", [("highlighted", "his win as he leads voters to unite")]),
    ],
)
def test_as_he_urges_x_to_y_is_a_report_of_its_own(verb: str, lemma: str, expected: list) -> None:
    text = f"He highlighted his win as he {verb} voters to unite."
    got = found(text, AS_HE_URGES.format(verb=verb, lemma=lemma))
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == expected


AS_X_NOTED = """
        0  As         IN   SCONJ  mark   3
        1  The        DT   DET    det    2
        2  {subj}     {tag}  {pos}  nsubj  3
        3  {verb}     VBD  VERB   advcl  8  {lemma}
        4  ,          ,    PUNCT  punct  3
        5  trust      NN   NOUN   nsubj  8
        6  is         VBZ  AUX    aux    8  be
        7  ever       RB   ADV    advmod 8
        8  falling    VBG  VERB   ROOT   8  fall
        9  .          .    PUNCT  punct  8
        """


@pytest.mark.parametrize(
    ("subj", "tag", "pos", "verb", "lemma", "expected"),
    [
        # a named source opening the sentence: what follows is its report
        ("Post", "NNP", "PROPN", "noted", "note", ["trust is ever falling"]),
        # a pronoun points back to words said before ("As you pointed out", spec 1.1)
        ("she", "PRP", "PRON", "noted", "note", []),
        # not a speech verb of its own: a time ("As the campaign went on")
        ("campaign", "NN", "NOUN", "grew", "grow", []),
    ],
)
def test_as_x_noted_opening_a_sentence_reports_the_rest(
    subj: str, tag: str, pos: str, verb: str, lemma: str, expected: list[str]
) -> None:
    text = f"As The {subj} {verb}, trust is ever falling."
    got = found(text, AS_X_NOTED.format(subj=subj, tag=tag, pos=pos, verb=verb, lemma=lemma))
    assert [cut(text, c.content) for c in got] == expected


ON_PAST_THE_SOURCE = """
        0  Taxes     NNS  NOUN   nsubjpass  2  tax
        1  were      VBD  AUX    auxpass    2  be
        2  cut       VBN  VERB   ccomp      5  cut
        3  ,         ,    PUNCT  punct      5
        4  Lee       NNP  PROPN  nsubj      5  Lee  B-PERSON
        5  said      VBD  VERB   ROOT       5  say
        6  ,         ,    PUNCT  punct      5
        7  {prep}    IN   ADP    prep       5
        8  Congress  NNP  PROPN  pobj       7  Congress  B-ORG
        9  .         .    PUNCT  punct      5
        """


@pytest.mark.parametrize(
    ("prep", "expected"),
    [
        # "by Congress" goes on with "were cut"; the parser hung it on "said"
        ("by", "Taxes were cut, Lee said, by Congress"),
        # "in Congress" may say where Lee spoke: the content stops before the source
        ("in", "Taxes were cut"),
    ],
)
def test_a_phrase_after_the_source_that_goes_on_with_the_clause_is_the_clause_s(
    prep: str, expected: str
) -> None:
    text = f"Taxes were cut, Lee said, {prep} Congress."
    got = found(text, ON_PAST_THE_SOURCE.format(prep=prep))
    assert [cut(text, c.content) for c in got] == [expected]


def test_made_it_clear_a_without_that_reports_a() -> None:
    # the parser reads "it clear" as the verb's clause and hangs the bare clause on "clear"
    text = "Voters made it clear they disagreed."
    got = found(
        text,
        """
        0  Voters     NNS  NOUN   nsubj  1  voter
        1  made       VBD  VERB   ROOT   1  make
        2  it         PRP  PRON   nsubj  3
        3  clear      JJ   ADJ    ccomp  1
        4  they       PRP  PRON   nsubj  5
        5  disagreed  VBD  VERB   advcl  3  disagree
        6  .          .    PUNCT  punct  1
        """,
    )
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == [("made it clear", "they disagreed")]


@pytest.mark.parametrize(
    ("closing", "expected"), [("—", "to ban imports — all of them — from May"), (",", "to ban imports")]
)
def test_a_dashed_aside_inside_the_content_does_not_end_it(closing: str, expected: str) -> None:
    # the parser hung the aside and "from May" on the verb; only a closing dash makes it an aside
    text = f"Lee pledged to ban imports — all of them {closing} from May."
    got = found(
        text,
        f"""
        0  Lee      NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  pledged  VBD  VERB   ROOT   1  pledge
        2  to       TO   PART   aux    3
        3  ban      VB   VERB   xcomp  1
        4  imports  NNS  NOUN   dobj   3  import
        5  —        :    PUNCT  punct  1
        6  all      DT   DET    appos  1
        7  of       IN   ADP    prep   6
        8  them     PRP  PRON   pobj   7
        9  {closing}  :  PUNCT  punct  1
        10 from     IN   ADP    prep   1
        11 May      NNP  PROPN  pobj   10  May  B-DATE
        12 .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [expected]


@pytest.mark.parametrize(
    ("rest", "tag", "expected"),
    [
        # the clause goes on after the source: the content is the whole stretch
        ("in states", "IN", "Trump leads the race, according to the poll, in states"),
        # a participle after the source is the author's remark
        ("easing fears", "VBG", "Trump leads the race"),
    ],
)
def test_what_follows_an_according_to_phrase_may_be_the_author_s(rest: str, tag: str, expected: str) -> None:
    text = f"Trump leads the race, according to the poll, {rest}."
    first, second = rest.split()
    got = found(
        text,
        f"""
        0  Trump      NNP  PROPN  nsubj  1  Trump  B-PERSON
        1  leads      VBZ  VERB   ROOT   1  lead
        2  the        DT   DET    det    3
        3  race       NN   NOUN   dobj   1
        4  ,          ,    PUNCT  punct  1
        5  according  VBG  VERB   prep   1  accord
        6  to         IN   ADP    prep   5
        7  the        DT   DET    det    8
        8  poll       NN   NOUN   pobj   6
        9  ,          ,    PUNCT  punct  1
        10 {first}    {tag}  {"ADP" if tag == "IN" else "VERB"}  {"prep" if tag == "IN" else "advcl"}  1
        11 {second}   NNS  NOUN   {"pobj" if tag == "IN" else "dobj"}  10
        12 .          .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == [expected]


def test_a_number_right_before_a_present_verb_ends_a_subject_the_parser_missed() -> None:
    # "About 4 in 10 say ...": no imperative ("Say ..."), the parser only lost the subject
    text = "About 4 in 10 say taxes fall."
    got = found(
        text,
        """
        0  About  RB   ADV    advmod    1
        1  4      CD   NUM    quantmod  3
        2  in     IN   ADP    quantmod  3
        3  10     CD   NUM    nummod    4
        4  say    VBP  VERB   ROOT      4  say
        5  taxes  NNS  NOUN   nsubj     6  tax
        6  fall   VBP  VERB   ccomp     4
        7  .      .    PUNCT  punct     4
        """,
    )
    assert [cut(text, c.content) for c in got] == ["taxes fall"]


@pytest.mark.parametrize(("clause", "expected"), [("they were leaving", ["they were leaving"]), ("", [])])
def test_as_x_told_y_with_a_clause_of_its_own_is_no_pointer_back(clause: str, expected: list[str]) -> None:
    text = f"Doubts grew, as aides told reporters {clause}.".replace(" .", ".")
    rows = [
        "0  Doubts    NNS  NOUN   nsubj  1  doubt",
        "1  grew      VBD  VERB   ROOT   1  grow",
        "2  ,         ,    PUNCT  punct  1",
        "3  as        IN   SCONJ  mark   5",
        "4  aides     NNS  NOUN   nsubj  5  aide",
        "5  told      VBD  VERB   advcl  1  tell",
        "6  reporters NNS  NOUN   dobj   5  reporter",
    ]
    if clause:
        rows += [
            "7  they      PRP  PRON   nsubj  9",
            "8  were      VBD  AUX    aux    9  be",
            "9  leaving   VBG  VERB   ccomp  5  leave",
            "10 .         .    PUNCT  punct  1",
        ]
    else:
        rows += ["7  .  .  PUNCT  punct  1"]
    got = found(text, "\n".join(rows))
    assert [cut(text, c.content) for c in got] == expected


BOASTED = """
        0  Lee       NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  boasted   VBD  VERB   ROOT   1  boast
        2  {prep}    IN   ADP    prep   1
        3  winning   VBG  VERB   pcomp  2  win
        4  and       CC   CCONJ  cc     3
        5  {conj}    VBG  VERB   conj   3  {lemma}
        6  to        TO   PART   aux    7
        7  fight     VB   VERB   xcomp  5
        8  .         .    PUNCT  punct  1
        """


@pytest.mark.parametrize(
    ("conj", "lemma", "expected"),
    [
        # a speech act conjoined to the preposition's object is the speaker's next act
        ("pledging", "pledge", [("boasted of", "winning"), ("pledging", "to fight")]),
        # any other verb goes on with what was boasted of
        ("trying", "try", [("boasted of", "winning and trying to fight")]),
    ],
)
def test_boasted_of_x_reports_x_up_to_a_second_act(conj: str, lemma: str, expected: list) -> None:
    text = f"Lee boasted of winning and {conj} to fight."
    got = found(text, BOASTED.format(prep="of", conj=conj, lemma=lemma))
    assert [(cut(text, c.cue), cut(text, c.content)) for c in got] == expected


@pytest.mark.parametrize(
    ("before", "pos", "expected"), [("But", "CCONJ", ["trust is falling"]), ("Now", "ADV", [])]
)
def test_as_x_noted_after_a_coordinator_reports_the_rest(before: str, pos: str, expected: list[str]) -> None:
    # "But as the Post noted, X": the as-clause still opens its clause; after an adverb it is a time
    text = f"{before} as the Post noted, trust is falling."
    got = found(
        text,
        f"""
        0  {before}  CC   {pos}  cc     8
        1  as        IN   SCONJ  mark   4
        2  the       DT   DET    det    3
        3  Post      NNP  PROPN  nsubj  4  Post  B-ORG
        4  noted     VBD  VERB   advcl  8  note
        5  ,         ,    PUNCT  punct  4
        6  trust     NN   NOUN   nsubj  8
        7  is        VBZ  AUX    aux    8  be
        8  falling   VBG  VERB   ROOT   8  fall
        9  .         .    PUNCT  punct  8
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


@pytest.mark.parametrize(
    ("pre", "verb", "tag", "expected"),
    [
        # a verb in the present after a cue in the past goes on with the content's clause
        ("", "want", "VBP", "they would resign and want a vote"),
        # a verb in the past is the speaker's next act, hung on the clause's verb
        ("", "won", "VBD", "they would resign"),
        # "either ... or" coordinates inside the content, whatever the tense
        ("either ", "won", "VBD", "they would either resign or won a vote"),
    ],
)
def test_a_verb_coordinated_inside_the_clause_ends_it_only_as_the_speaker_s_next_act(
    pre: str, verb: str, tag: str, expected: str
) -> None:
    text = f"Lee said they would {pre}resign {'or' if pre else 'and'} {verb} a vote."
    rows = [
        "0  Lee     NNP  PROPN  nsubj  1  Lee  B-PERSON",
        "1  said    VBD  VERB   ROOT   1  say",
        "2  they    PRP  PRON   nsubj  4",
        "3  would   MD   AUX    aux    4",
    ]
    if pre:
        rows.append("4  either  CC   CCONJ  preconj  5")
    k = len(rows)
    rows += [
        f"{k}  resign  VB   VERB   ccomp  1",
        f"{k + 1}  {'or' if pre else 'and'}  CC  CCONJ  cc  {k}",
        f"{k + 2}  {verb}  {tag}  VERB  conj  {k}",
        f"{k + 3}  a       DT   DET    det    {k + 4}",
        f"{k + 4}  vote    NN   NOUN   dobj   {k + 2}",
        f"{k + 5}  .       .    PUNCT  punct  1",
    ]
    if pre:
        rows[2] = "2  they    PRP  PRON   nsubj  5"
        rows[3] = "3  would   MD   AUX    aux    5"
    assert [cut(text, c.content) for c in found(text, "\n".join(rows))] == [expected]


@pytest.mark.parametrize(
    ("obj", "tag", "pos", "expected"), [("him", "PRP", "PRON", []), ("taxes", "NNS", "NOUN", ["taxes"])]
)
def test_a_pronoun_after_a_frame_s_preposition_states_no_content(
    obj: str, tag: str, pos: str, expected: list[str]
) -> None:
    # "pointed to him": a pronoun, like a pro-form, stands for something said or meant elsewhere
    text = f"Lee pointed to {obj}."
    got = found(
        text,
        f"""
        0  Lee      NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  pointed  VBD  VERB   ROOT   1  point
        2  to       IN   ADP    prep   1
        3  {obj}    {tag}  {pos}  pobj   2
        4  .        .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


@pytest.mark.parametrize(("mark", "expected"), [(",", ["taxes fall"]), (" and", [])])
def test_a_that_clause_after_what_was_said_is_its_content(mark: str, expected: list[str]) -> None:
    # "I refer you to what Lee said, that taxes fall": the parser hangs the clause on "refer"
    text = f"I refer you to what Lee said{mark} that taxes fall."
    sep = mark.strip()
    got = found(
        text,
        f"""
        0  I      PRP  PRON   nsubj  1
        1  refer  VBP  VERB   ROOT   1  refer
        2  you    PRP  PRON   dobj   1
        3  to     IN   ADP    prep   1
        4  what   WP   PRON   dobj   6
        5  Lee    NNP  PROPN  nsubj  6  Lee  B-PERSON
        6  said   VBD  VERB   pcomp  3  say
        7  {sep}  {"," if sep == "," else "CC"}  {"PUNCT" if sep == "," else "CCONJ"}  {"punct" if sep == "," else "cc"}  1
        8  that   IN   SCONJ  mark   10
        9  taxes  NNS  NOUN   nsubj  10  tax
        10 fall   VBP  VERB   ccomp  1
        11 .      .    PUNCT  punct  1
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


def test_asking_not_to_be_named_is_no_speech() -> None:
    # the wire's anonymity formula (not_cues.txt): only the official's words are reported
    text = "An official, who asked not to be named, said taxes fall."
    got = found(
        text,
        """
        0  An        DT   DET    det     1
        1  official  NN   NOUN   nsubj   10
        2  ,         ,    PUNCT  punct   1
        3  who       WP   PRON   nsubj   4
        4  asked     VBD  VERB   relcl   1   ask
        5  not       RB   PART   neg     8
        6  to        TO   PART   aux     8
        7  be        VB   AUX    auxpass 8
        8  named     VBN  VERB   xcomp   4   name
        9  ,         ,    PUNCT  punct   1
        10 said      VBD  VERB   ROOT    10  say
        11 taxes     NNS  NOUN   nsubj   12  tax
        12 fall      VBP  VERB   ccomp   10
        13 .         .    PUNCT  punct   10
        """,
    )
    assert [cut(text, c.content) for c in got] == ["taxes fall"]


@pytest.mark.parametrize(
    ("rest", "rows", "expected"),
    [
        # a gerund after "at" is what the pleasure is about
        (
            "at visiting Manila",
            """
            4  at        IN   ADP    prep   1
            5  visiting  VBG  VERB   pcomp  4  visit
            6  Manila    NNP  PROPN  dobj   5  Manila  B-GPE
            """,
            "her pleasure at visiting Manila",
        ),
        # a place after "at" is where it was said
        (
            "at the summit",
            """
            4  at        IN   ADP    prep   1
            5  the       DT   DET    det    6
            6  summit    NN   NOUN   pobj   4
            """,
            "her pleasure",
        ),
    ],
)
def test_a_gerund_after_a_setting_preposition_goes_on_with_the_content(
    rest: str, rows: str, expected: str
) -> None:
    # the parser hangs the preposition on the verb, after the object
    text = f"Lee expressed her pleasure {rest}."
    table = f"""
        0  Lee       NNP   PROPN  nsubj  1  Lee  B-PERSON
        1  expressed VBD   VERB   ROOT   1  express
        2  her       PRP$  PRON   poss   3
        3  pleasure  NN    NOUN   dobj   1
        {rows}
        7  .         .     PUNCT  punct  1
    """
    assert [cut(text, c.content) for c in found(text, table)] == [expected]


@pytest.mark.parametrize(
    ("dep", "expected"), [("advcl", ["to strengthen ties"]), ("xcomp", ["to strengthen ties"])]
)
def test_an_infinitive_right_after_a_verb_of_agreeing_is_its_content(dep: str, expected: list[str]) -> None:
    # "concurred to further strengthen X": the parser reads a purpose (advcl) where the verb takes an infinitive
    text = "Both ministers concurred to strengthen ties."
    got = found(
        text,
        f"""
        0  Both        DT   DET    det    1
        1  ministers   NNS  NOUN   nsubj  2  minister
        2  concurred   VBD  VERB   ROOT   2  concur
        3  to          TO   PART   aux    4
        4  strengthen  VB   VERB   {dep}  2  strengthen
        5  ties        NNS  NOUN   dobj   4  tie
        6  .           .    PUNCT  punct  2
        """,
    )
    assert [cut(text, c.content) for c in got] == expected


@pytest.mark.parametrize(("dep", "expected"), [("acl", []), ("ROOT", ["Trump"])])
def test_a_noun_named_by_a_participle_calls_for_nothing(dep: str, expected: list[str]) -> None:
    # "a group called Citizens for Trump": the name of the group, no call for Trump; the same words as
    # a clause's verb would be a call ("Citizens called for Trump" read as the main verb)
    text = "Group called Citizens for Trump."
    got = found(
        text,
        f"""
        0  Group     NN   NOUN   {"ROOT" if dep == "acl" else "nsubj"}  {0 if dep == "acl" else 1}
        1  called    VBN  VERB   {dep}   {0 if dep == "acl" else 1}  call
        2  Citizens  NNP  PROPN  oprd    1  Citizens
        3  for       IN   ADP    prep    1
        4  Trump     NNP  PROPN  pobj    3  Trump  B-PERSON
        5  .         .    PUNCT  punct   {0 if dep == "acl" else 1}
        """,
    )
    assert [cut(text, c.content) for c in got] == expected
