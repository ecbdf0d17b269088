"""The direct-quote finder on hand-built parses: which quotations are speech, and their cues."""

from __future__ import annotations

import pytest
from handbuilt import context, cut, doc

from quotes.extraction.candidates import Rule
from quotes.extraction.stages import direct


def found(text: str, table: str):
    return direct.find(context(doc(text, table)), [])


def test_cue_after_the_quotation() -> None:
    text = '"We will win," she said.'
    got = found(
        text,
        """
        0  "     ``    PUNCT  punct  7
        1  We    PRP   PRON   nsubj  3  we
        2  will  MD    AUX    aux    3
        3  win   VB    VERB   ccomp  7
        4  ,     ,     PUNCT  punct  7
        5  "     ''    PUNCT  punct  7
        6  she   PRP   PRON   nsubj  7
        7  said  VBD   VERB   ROOT   7  say
        8  .     .     PUNCT  punct  7
        """,
    )
    assert len(got) == 1
    (c,) = got
    assert (c.kind, c.rule) == ("direct", Rule.DIRECT_CUE)
    assert cut(text, c.content) == "We will win,"
    assert cut(text, c.cue) == "said"
    assert c.cue_token == 7
    assert c.confidence == 0.95  # the cue governs a token of the quotation


def test_cue_before_with_a_colon() -> None:
    text = 'The minister said: "We will cut taxes next year."'
    got = found(
        text,
        """
        0  The       DT   DET    det       1
        1  minister  NN   NOUN   nsubj     2
        2  said      VBD  VERB   ROOT      2  say
        3  :         :    PUNCT  punct     2
        4  "         ``   PUNCT  punct     2
        5  We        PRP  PRON   nsubj     7  we
        6  will      MD   AUX    aux       7
        7  cut       VB   VERB   ccomp     2
        8  taxes     NNS  NOUN   dobj      7  tax
        9  next      JJ   ADJ    amod      10 -    B-DATE
        10 year      NN   NOUN   npadvmod  7  -    I-DATE
        11 .         .    PUNCT  punct     2
        12 "         ''   PUNCT  punct     2
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue), c.rule) for c in got] == [
        ("We will cut taxes next year.", "said", Rule.DIRECT_CUE)
    ]


def test_short_scare_quote_without_cue_is_no_quote() -> None:
    text = 'The "historic" deal was signed on Monday.'
    got = found(
        text,
        """
        0  The       DT   DET    det        4
        1  "         ``   PUNCT  punct      4
        2  historic  JJ   ADJ    amod       4
        3  "         ''   PUNCT  punct      4
        4  deal      NN   NOUN   nsubjpass  6
        5  was       VBD  AUX    auxpass    6  be
        6  signed    VBN  VERB   ROOT       6  sign
        7  on        IN   ADP    prep       6
        8  Monday    NNP  PROPN  pobj       7  Monday  B-DATE
        9  .         .    PUNCT  punct      6
        """,
    )
    assert got == []


PARAGRAPH = '"We will win," she said. "The people are with us."'
PARAGRAPH_PARSE = """
    0  "       ``   PUNCT  punct  7
    1  We      PRP  PRON   nsubj  3  we
    2  will    MD   AUX    aux    3
    3  win     VB   VERB   ccomp  7
    4  ,       ,    PUNCT  punct  7
    5  "       ''   PUNCT  punct  7
    6  she     PRP  PRON   nsubj  7
    7  said    VBD  VERB   ROOT   7  say
    8  .       .    PUNCT  punct  7
    9  "       ``   PUNCT  punct  12
    10 The     DT   DET    det    11
    11 people  NNS  NOUN   nsubj  12
    12 are     VBP  AUX    ROOT   12 be
    13 with    IN   ADP    prep   12
    14 us      PRP  PRON   pobj   13 we
    15 .       .    PUNCT  punct  12
    16 "       ''   PUNCT  punct  12
    """


def test_continuation_in_the_same_paragraph() -> None:
    got = found(PARAGRAPH, PARAGRAPH_PARSE)
    assert [(cut(PARAGRAPH, c.content), c.rule) for c in got] == [
        ("We will win,", Rule.DIRECT_CUE),
        ("The people are with us.", Rule.DIRECT_CONTINUED),
    ]
    second = got[1]
    assert second.cue is None and second.cue_token is None
    assert second.context_speaker  # the speaker comes from the quote before


def test_continuation_needs_the_same_paragraph() -> None:
    # The same second quotation after a paragraph break continues nothing; it is too short to
    # stand as a bare quote, so it is dropped.
    text = PARAGRAPH.replace('said. "', 'said.\n"')
    got = found(text, PARAGRAPH_PARSE)
    assert [cut(text, c.content) for c in got] == ["We will win,"]


def test_long_bare_quotation_has_a_context_speaker() -> None:
    text = '"We will not give up on this city, not now and not ever." The crowd cheered.'
    got = found(
        text,
        """
        0  "        ``   PUNCT  punct   4
        1  We       PRP  PRON   nsubj   4  we
        2  will     MD   AUX    aux     4
        3  not      RB   PART   neg     4
        4  give     VB   VERB   ROOT    4
        5  up       RP   ADP    prt     4
        6  on       IN   ADP    prep    4
        7  this     DT   DET    det     8
        8  city     NN   NOUN   pobj    6
        9  ,        ,    PUNCT  punct   4
        10 not      RB   PART   neg     11
        11 now      RB   ADV    advmod  14
        12 and      CC   CCONJ  cc      14
        13 not      RB   PART   neg     14
        14 ever     RB   ADV    advmod  4
        15 .        .    PUNCT  punct   4
        16 "        ''   PUNCT  punct   4
        17 The      DT   DET    det     18
        18 crowd    NN   NOUN   nsubj   19
        19 cheered  VBD  VERB   ROOT    19 cheer
        20 .        .    PUNCT  punct   19
        """,
    )
    assert [(c.rule, c.context_speaker, c.confidence) for c in got] == [(Rule.DIRECT_BARE, True, 0.6)]


def test_headline_is_skipped() -> None:
    text = '"We will win," says Tanaka\nThe minister spoke to voters on Monday.'
    got = found(
        text,
        """
        0  "         ``   PUNCT  punct  6
        1  We        PRP  PRON   nsubj  3  we
        2  will      MD   AUX    aux    3
        3  win       VB   VERB   ccomp  6
        4  ,         ,    PUNCT  punct  6
        5  "         ''   PUNCT  punct  6
        6  says      VBZ  VERB   ROOT   6  say
        7  Tanaka    NNP  PROPN  nsubj  6  Tanaka  B-PERSON
        8  The       DT   DET    det    9
        9  minister  NN   NOUN   nsubj  10
        10 spoke     VBD  VERB   ROOT   10 speak
        11 to        IN   ADP    prep   10
        12 voters    NNS  NOUN   pobj   11 voter
        13 on        IN   ADP    prep   10
        14 Monday    NNP  PROPN  pobj   13 Monday  B-DATE
        15 .         .    PUNCT  punct  10
        """,
    )
    assert got == []


def test_a_verb_of_manner_of_speaking_introduces_a_quotation() -> None:
    # "barked", "boomed", "shot back": how it was said; they take quotations, not clauses.
    for verb, lemma, particle in (("barked", "bark", ""), ("shot", "shoot", "back")):
        tail = f" {particle}" if particle else ""
        text = f'"Go back," Trump {verb}{tail}.'
        rows = f"""
        0  "      ``   PUNCT  punct  6
        1  Go     VB   VERB   ccomp  6  go
        2  back   RB   ADV    advmod 1
        3  ,      ,    PUNCT  punct  6
        4  "      ''   PUNCT  punct  6
        5  Trump  NNP  PROPN  nsubj  6
        6  {verb}  VBD  VERB   ROOT   6  {lemma}
        """
        end = 7
        if particle:
            rows += f"7  {particle}  RP  ADP  prt  6\n"
            end = 8
        rows += f"{end}  .  .  PUNCT  punct  6\n"
        got = found(text, rows)
        assert [(c.kind, cut(text, c.content), c.cue_token) for c in got] == [("direct", "Go back,", 6)], verb


def test_a_short_quotation_that_is_a_sentence_of_its_own() -> None:
    # The parser split the sentence after "!": the cue governs nothing in the quotation, but the
    # quotation is a whole sentence, no scare quote.
    text = '"Filth out!" she wrote.'
    got = found(
        text,
        """
        0  "      ``   PUNCT  punct  1
        1  Filth  NNP  PROPN  ROOT   1
        2  out    RP   ADP    prt    1
        3  !      .    PUNCT  punct  1
        4  "      ''   PUNCT  punct  1
        5  she    PRP  PRON   nsubj  6
        6  wrote  VBD  VERB   ROOT   6  write
        7  .      .    PUNCT  punct  6
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("Filth out!", "wrote")]
    # Two words in marks inside a sentence, not governed by the cue: a scare quote.
    text = 'It was "pure theater," she wrote.'
    got = found(
        text,
        """
        0  It       PRP  PRON   nsubj  1
        1  was      VBD  AUX    ccomp  8  be
        2  "        ``   PUNCT  punct  4
        3  pure     JJ   ADJ    amod   4
        4  theater  NN   NOUN   attr   1
        5  ,        ,    PUNCT  punct  8
        6  "        ''   PUNCT  punct  8
        7  she      PRP  PRON   nsubj  8
        8  wrote    VBD  VERB   ROOT   8  write
        9  .        .    PUNCT  punct  8
        """,
    )
    assert got == []


def test_a_cue_in_the_next_paragraph_is_not_the_quotations() -> None:
    # the parser ran the two paragraphs into one sentence; "told" has a content of its own
    text = '"Our door is open for all talks."\nThe ministry told reporters the talks failed.'
    got = found(
        text,
        """
        0  "          ``   PUNCT  punct  12
        1  Our        PRP$ PRON   poss   2
        2  door       NN   NOUN   nsubj  3
        3  is         VBZ  AUX    ccomp  12 be
        4  open       JJ   ADJ    acomp  3
        5  for        IN   ADP    prep   4
        6  all        DT   DET    det    7
        7  talks      NNS  NOUN   pobj   5  talk
        8  .          .    PUNCT  punct  3
        9  "          ''   PUNCT  punct  12
        10 The        DT   DET    det    11
        11 ministry   NN   NOUN   nsubj  12
        12 told       VBD  VERB   ROOT   12 tell
        13 reporters  NNS  NOUN   dobj   12 reporter
        14 the        DT   DET    det    15
        15 talks      NNS  NOUN   nsubj  16 talk
        16 failed     VBD  VERB   ccomp  12 fail
        17 .          .    PUNCT  punct  12
        """,
    )
    assert [c.cue for c in got] == [None]  # a bare quote, not "told"'s


def test_the_verb_right_after_the_quotation_is_its_cue_where_the_parser_hangs_it_on_a_later_one() -> None:
    # The parser made Quick's "said" the root and hung the quotation on it; "Trump said" stands
    # right after the closing mark with its subject, and reports it.
    text = '"We won the vote," Trump said, after Quick said he lost.'
    got = found(
        text,
        """
        0  "      ``   PUNCT  punct  12
        1  We     PRP  PRON   nsubj  2  we
        2  won    VBD  VERB   ccomp  12 win
        3  the    DT   DET    det    4
        4  vote   NN   NOUN   dobj   2
        5  ,      ,    PUNCT  punct  12
        6  "      ''   PUNCT  punct  8
        7  Trump  NNP  PROPN  nsubj  8
        8  said   VBD  VERB   parataxis 12 say
        9  ,      ,    PUNCT  punct  8
        10 after  IN   SCONJ  mark   12
        11 Quick  NNP  PROPN  nsubj  12
        12 said   VBD  VERB   ROOT   12 say
        13 he     PRP  PRON   nsubj  14 he
        14 lost   VBD  VERB   ccomp  12 lose
        15 .      .    PUNCT  punct  12
        """,
    )
    assert [(cut(text, c.content), c.cue_token) for c in got] == [("We won the vote,", 8)]


@pytest.mark.parametrize(
    ("obj", "lemma", "expected"),
    [
        ("reporters", "reporter", ["asked reporters"]),  # the listeners: the verb has no words of its own
        ("Trump", "Trump", []),  # anyone else asked: no cue, and a short quotation needs one
    ],
)
def test_a_cue_in_the_next_sentence_may_name_its_listeners(
    obj: str, lemma: str, expected: str | None
) -> None:
    # the parser ends the sentence at the question mark, so the cue stands in a sentence of its own
    text = f'"Will we change course now?" Lee asked {obj}.'
    got = found(
        text,
        f"""
        0  "       ``   PUNCT  punct  3
        1  Will    MD   AUX    aux    3
        2  we      PRP  PRON   nsubj  3  we
        3  change  VB   VERB   ROOT   3
        4  course  NN   NOUN   dobj   3
        5  now     RB   ADV    advmod 3
        6  ?       .    PUNCT  punct  3
        7  "       ''   PUNCT  punct  3
        8  Lee     NNP  PROPN  nsubj  9  Lee  B-PERSON
        9  asked   VBD  VERB   ROOT   9  ask
        10 {obj}   NNS  NOUN   dobj   9  {lemma}
        11 .       .    PUNCT  punct  9
        """,
    )
    assert [cut(text, c.cue) for c in got if c.cue] == expected


@pytest.mark.parametrize(
    ("subject", "tag", "pos", "ent", "speaker"),
    [
        # a named subject of the clause before the colon hands the quotation over
        ("Kasich", "NNP", "PROPN", "B-PERSON", "Kasich"),
        # a thing ("The timing") names nobody: the speaker still comes from the quotes around it
        ("Timing", "NN", "NOUN", "", None),
    ],
)
def test_a_colon_hands_a_bare_quotation_to_the_clause_s_subject(
    subject: str, tag: str, pos: str, ent: str, speaker: str | None
) -> None:
    text = f'{subject} resisted: "We will not change course on this, not now."'
    got = found(
        text,
        f"""
        0  {subject}  {tag}  {pos}  nsubj   1  {subject}  {ent}
        1  resisted   VBD  VERB   ROOT    1  resist
        2  :          :    PUNCT  punct   1
        3  "          ``   PUNCT  punct   7
        4  We         PRP  PRON   nsubj   7  we
        5  will       MD   AUX    aux     7
        6  not        RB   PART   neg     7
        7  change     VB   VERB   ccomp   1
        8  course     NN   NOUN   dobj    7
        9  on         IN   ADP    prep    7
        10 this       DT   PRON   pobj    9
        11 ,          ,    PUNCT  punct   7
        12 not        RB   PART   neg     13
        13 now        RB   ADV    advmod  7
        14 .          .    PUNCT  punct   7
        15 "          ''   PUNCT  punct   7
        """,
    )
    d = got[0]
    assert d.rule == Rule.DIRECT_BARE
    assert (text.split()[0] if d.mention_token == 0 else None) == speaker
    assert d.context_speaker == (speaker is None)


@pytest.mark.parametrize(
    ("verb", "lemma"), [("remembered", "remember"), ("sighed", "sigh"), ("marveled", "marvel")]
)
def test_a_verb_of_manner_inverted_after_a_quotation_is_its_cue(verb: str, lemma: str) -> None:
    # '"It was a mess," remembered Roy Verley': no content of its own, but a quotation's cue
    text = f'"It was a mess," {verb} Roy Verley.'
    got = found(
        text,
        f"""
        0  "       ``   PUNCT  punct  7
        1  It      PRP  PRON   nsubj  2
        2  was     VBD  AUX    ccomp  7  be
        3  a       DT   DET    det    4
        4  mess    NN   NOUN   attr   2
        5  ,       ,    PUNCT  punct  7
        6  "       ''   PUNCT  punct  7
        7  {verb}  VBD  VERB   ROOT   7  {lemma}
        8  Roy     NNP  PROPN  compound 9  Roy  B-PERSON
        9  Verley  NNP  PROPN  nsubj  7  Verley  I-PERSON
        10 .       .    PUNCT  punct  7
        """,
    )
    assert [(cut(text, c.content), cut(text, c.cue)) for c in got] == [("It was a mess,", verb)]
