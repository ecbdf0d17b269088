"""Speaker resolution on hand-built Docs: name forms, capitals, pronouns, transcript turns, groups."""

from __future__ import annotations

import pytest
from handbuilt import context, doc, span, token

from quotes.extraction.candidates import Candidate, Rule
from quotes.extraction.stages import resolve


def quote(text: str, d, mention: str, head: str, cue: str, content: str, after: str = "") -> Candidate:
    """A reported quote whose mention the mention stage has cut (``mention`` around token ``head``)."""
    start = text.index(after) + len(after) if after else 0
    h, v = token(d, head, after), token(d, cue, after)
    return Candidate(
        kind="indirect",
        content=span(text, content, start),
        cue=(d[v].idx, d[v].idx + len(d[v])),
        cue_token=v,
        mention=span(text, mention, start),
        mention_token=h,
        rule=Rule.REPORTED_CLAUSE,
    )


def speakers_of(d, found: list[Candidate]):
    speakers, resolved = resolve.resolve_speakers(context(d), found)
    return {s.id: s for s in speakers}, [c.speaker for c in resolved]


TWO_FORMS = "Hiroko Tanaka said that taxes would fall. Tanaka added that wages would rise."
TWO_FORMS_PARSE = """
    0  Hiroko  NNP  PROPN  compound  1  Hiroko  B-PERSON
    1  Tanaka  NNP  PROPN  nsubj     2  Tanaka  I-PERSON
    2  said    VBD  VERB   ROOT      2  say
    3  that    IN   SCONJ  mark      6
    4  taxes   NNS  NOUN   nsubj     6  tax
    5  would   MD   AUX    aux       6
    6  fall    VB   VERB   ccomp     2
    7  .       .    PUNCT  punct     2
    8  Tanaka  NNP  PROPN  nsubj     9  Tanaka  B-PERSON
    9  added   VBD  VERB   ROOT      9  add
    10 that    IN   SCONJ  mark      13
    11 wages   NNS  NOUN   nsubj     13 wage
    12 would   MD   AUX    aux       13
    13 rise    VB   VERB   ccomp     9
    14 .       .    PUNCT  punct     9
    """


def test_name_forms_are_one_speaker() -> None:
    text, d = TWO_FORMS, doc(TWO_FORMS, TWO_FORMS_PARSE)
    found = [
        quote(text, d, "Hiroko Tanaka", "Tanaka", "said", "taxes would fall"),
        quote(text, d, "Tanaka", "Tanaka", "added", "wages would rise", after="fall."),
    ]
    speakers, per_quote = speakers_of(d, found)
    assert per_quote == [("hiroko-tanaka",), ("hiroko-tanaka",)]
    assert speakers["hiroko-tanaka"].name == "Hiroko Tanaka"
    assert "Tanaka" in speakers["hiroko-tanaka"].aliases


@pytest.mark.parametrize(
    ("first", "second", "name", "sid"),
    [
        ("TANAKA", "Hiroko", "Hiroko Tanaka", "hiroko-tanaka"),  # a family name in capitals goes last
        ("WANG", "Yi", "Wang Yi", "wang-yi"),  # English writes a Chinese family name first too
        ("DONALD", "TRUMP", "Donald Trump", "donald-trump"),  # a known given name is no family name
    ],
)
def test_family_name_in_capitals_is_put_last(first: str, second: str, name: str, sid: str) -> None:
    # One form only, so that only the capitals (not a surname used alone elsewhere) tell the family name.
    text = f"{first} {second} said that taxes would fall."
    d = doc(
        text,
        f"""
        0  {first}  NNP  PROPN  compound  1  {first}  B-PERSON
        1  {second}  NNP  PROPN  nsubj     2  {second}  I-PERSON
        2  said    VBD  VERB   ROOT      2  say
        3  that    IN   SCONJ  mark      6
        4  taxes   NNS  NOUN   nsubj     6  tax
        5  would   MD   AUX    aux       6
        6  fall    VB   VERB   ccomp     2
        7  .       .    PUNCT  punct     2
        """,
    )
    speakers, per_quote = speakers_of(
        d, [quote(text, d, f"{first} {second}", second, "said", "taxes would fall")]
    )
    assert per_quote == [(sid,)]
    assert speakers[sid].name == name
    assert f"{first} {second}" in speakers[sid].aliases


MEETING = "Hiroko Tanaka met John Smith on Monday."
MEETING_PARSE = """
    0  Hiroko  NNP  PROPN  compound  1  Hiroko  B-PERSON
    1  Tanaka  NNP  PROPN  nsubj     2  Tanaka  I-PERSON
    2  met     VBD  VERB   ROOT      2  meet
    3  John    NNP  PROPN  compound  4  John    B-PERSON
    4  Smith   NNP  PROPN  dobj      2  Smith   I-PERSON
    5  on      IN   ADP    prep      2
    6  Monday  NNP  PROPN  pobj      5  Monday  B-DATE
    7  .       .    PUNCT  punct     2
    """


#: "<pronoun> said that taxes would fall." after an eight-token sentence.
PRONOUN_SAID = """
    8  {pronoun:<6} PRP  PRON  nsubj  9  {lemma}
    9  said   VBD  VERB  ROOT   9  say
    10 that   IN   SCONJ mark   13
    11 taxes  NNS  NOUN  nsubj  13 tax
    12 would  MD   AUX   aux    13
    13 fall   VB   VERB  ccomp  9
    14 .      .    PUNCT punct  9
"""


@pytest.mark.parametrize(
    ("pronoun", "expected"),
    [
        # John Smith was named last, but "she" needs a woman: Hiroko (a female given name).
        ("She", "hiroko-tanaka"),
        ("He", "john-smith"),
    ],
)
def test_a_pronoun_is_the_last_person_of_its_gender(pronoun: str, expected: str) -> None:
    text = MEETING + f" {pronoun} said that taxes would fall."
    d = doc(
        text,
        MEETING_PARSE + PRONOUN_SAID.format(pronoun=pronoun, lemma=pronoun.lower()),
    )
    _, per_quote = speakers_of(d, [quote(text, d, pronoun, pronoun, "said", "taxes would fall")])
    assert per_quote == [(expected,)]


def test_a_given_name_outweighs_another_persons_pronoun_after_it() -> None:
    # "he" after Jane Holt is the president's; her given name says she is "she"
    text = "Jane Holt faulted the president, saying he failed. She said that taxes would fall."
    d = doc(
        text,
        """
        0  Jane       NNP  PROPN  compound  1  Jane  B-PERSON
        1  Holt       NNP  PROPN  nsubj     2  Holt  I-PERSON
        2  faulted    VBD  VERB   ROOT      2  fault
        3  the        DT   DET    det       4
        4  president  NN   NOUN   dobj      2
        5  ,          ,    PUNCT  punct     2
        6  saying     VBG  VERB   advcl     2  say
        7  he         PRP  PRON   nsubj     8  he
        8  failed     VBD  VERB   ccomp     6  fail
        9  .          .    PUNCT  punct     2
        10 She        PRP  PRON   nsubj     11 she
        11 said       VBD  VERB   ROOT      11 say
        12 that       IN   SCONJ  mark      15
        13 taxes      NNS  NOUN   nsubj     15 tax
        14 would      MD   AUX    aux       15
        15 fall       VB   VERB   ccomp     11
        16 .          .    PUNCT  punct     11
        """,
    )
    found = [quote(text, d, "She", "She", "said", "taxes would fall")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [("jane-holt",)]


def test_a_pronoun_opening_a_sentence_goes_on_with_the_subject_before() -> None:
    # Two men: "He" is the one who met the other (the subject), not the last one named (the object).
    text = "John Smith met Peter Brown on Monday. He said that taxes would fall."
    d = doc(
        text,
        """
        0  John   NNP  PROPN  compound  1  John   B-PERSON
        1  Smith  NNP  PROPN  nsubj     2  Smith  I-PERSON
        2  met    VBD  VERB   ROOT      2  meet
        3  Peter  NNP  PROPN  compound  4  Peter  B-PERSON
        4  Brown  NNP  PROPN  dobj      2  Brown  I-PERSON
        5  on     IN   ADP    prep      2
        6  Monday NNP  PROPN  pobj      5  Monday B-DATE
        7  .      .    PUNCT  punct     2
        """
        + PRONOUN_SAID.format(pronoun="He", lemma="he"),
    )
    _, per_quote = speakers_of(d, [quote(text, d, "He", "He", "said", "taxes would fall")])
    assert per_quote == [("john-smith",)]


def test_a_continuation_goes_on_with_the_outer_speaker_not_one_reported_inside() -> None:
    # "Tanaka said that Smith backed the plan. Taxes would fall.": the second sentence is Tanaka's
    text = "Hiroko Tanaka said that John Smith backed the plan. Taxes would fall."
    d = doc(
        text,
        """
        0  Hiroko  NNP  PROPN  compound  1  Hiroko  B-PERSON
        1  Tanaka  NNP  PROPN  nsubj     2  Tanaka  I-PERSON
        2  said    VBD  VERB   ROOT      2  say
        3  that    IN   SCONJ  mark      6
        4  John    NNP  PROPN  compound  5  John    B-PERSON
        5  Smith   NNP  PROPN  nsubj     6  Smith   I-PERSON
        6  backed  VBD  VERB   ccomp     2  back
        7  the     DT   DET    det       8
        8  plan    NN   NOUN   dobj      6
        9  .       .    PUNCT  punct     2
        10 Taxes   NNS  NOUN   nsubj     12 tax
        11 would   MD   AUX    aux       12
        12 fall    VB   VERB   ROOT      12
        13 .       .    PUNCT  punct     12
        """,
    )
    found = [
        quote(text, d, "Hiroko Tanaka", "Tanaka", "said", "John Smith backed the plan"),
        quote(text, d, "John Smith", "Smith", "backed", "the plan"),
        Candidate(
            kind="indirect",
            content=span(text, "Taxes would fall"),
            rule=Rule.CONTINUATION,
            context_speaker=True,
        ),
    ]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [("hiroko-tanaka",), ("john-smith",), ("hiroko-tanaka",)]


def test_first_person_in_a_turn_is_the_labels_speaker() -> None:
    text = "Minister Tanaka: I said that taxes would fall."
    d = doc(
        text,
        """
        0  Minister  NNP  PROPN  compound  1  Minister
        1  Tanaka    NNP  PROPN  ROOT      1  Tanaka
        2  :         :    PUNCT  punct     1
        3  I         PRP  PRON   nsubj     4  I
        4  said      VBD  VERB   ROOT      4  say
        5  that      IN   SCONJ  mark      8
        6  taxes     NNS  NOUN   nsubj     8  tax
        7  would     MD   AUX    aux       8
        8  fall      VB   VERB   ccomp     4
        9  .         .    PUNCT  punct     4
        """,
    )
    speakers, per_quote = speakers_of(d, [quote(text, d, "I", "I", "said", "taxes would fall")])
    assert per_quote == [("tanaka",)]
    assert "Minister Tanaka" in speakers["tanaka"].aliases


@pytest.mark.parametrize(
    ("mention", "head", "rows", "expected"),
    [
        # a country written in capitals is no "us"
        ("US", "US", "3  US  NNP  PROPN  nsubj  4  US  B-GPE", ("us",)),
        # nor is it "our" before a body ("our government" is the speaker's own side)
        (
            "US Department",
            "Department",
            "3  US  NNP  PROPN  compound  4  US  B-ORG\n 4  Department  NNP  PROPN  nsubj  5  Department  I-ORG",
            ("us-department",),
        ),
    ],
)
def test_us_in_capitals_in_a_turn_is_not_the_one_speaking(
    mention: str, head: str, rows: str, expected: tuple[str, ...]
) -> None:
    text = f"Minister Tanaka: {mention} said that taxes would fall."
    n = len(mention.split())
    table = f"""
        0  Minister  NNP  PROPN  compound  1  Minister
        1  Tanaka    NNP  PROPN  ROOT      1  Tanaka
        2  :         :    PUNCT  punct     1
        {rows}
        {3 + n}  said      VBD  VERB   ROOT      {3 + n}  say
        {4 + n}  that      IN   SCONJ  mark      {7 + n}
        {5 + n}  taxes     NNS  NOUN   nsubj     {7 + n}  tax
        {6 + n}  would     MD   AUX    aux       {7 + n}
        {7 + n}  fall      VB   VERB   ccomp     {3 + n}
        {8 + n}  .         .    PUNCT  punct     {3 + n}
        """
    d = doc(text, table)
    _, per_quote = speakers_of(d, [quote(text, d, mention, head, "said", "taxes would fall")])
    assert per_quote == [expected]


def test_first_person_outside_a_turn_has_no_speaker() -> None:
    text = "I said that taxes would fall."
    d = doc(
        text,
        """
        0  I      PRP  PRON   nsubj  1  I
        1  said   VBD  VERB   ROOT   1  say
        2  that   IN   SCONJ  mark   5
        3  taxes  NNS  NOUN   nsubj  5  tax
        4  would  MD   AUX    aux    5
        5  fall   VB   VERB   ccomp  1
        6  .      .    PUNCT  punct  1
        """,
    )
    speakers, per_quote = speakers_of(d, [quote(text, d, "I", "I", "said", "taxes would fall")])
    assert per_quote == [()] and speakers == {}


TITLED_MEETING = "Prime Minister Hiroko Tanaka met John Smith."
TITLED_MEETING_PARSE = """
    0  Prime     NNP  PROPN  compound  3  Prime
    1  Minister  NNP  PROPN  compound  3  Minister
    2  Hiroko    NNP  PROPN  compound  3  Hiroko  B-PERSON
    3  Tanaka    NNP  PROPN  nsubj     4  Tanaka  I-PERSON
    4  met       VBD  VERB   ROOT      4  meet
    5  John      NNP  PROPN  compound  6  John    B-PERSON
    6  Smith     NNP  PROPN  dobj      4  Smith   I-PERSON
    7  .         .    PUNCT  punct     4
    """


@pytest.mark.parametrize(
    ("subject", "rows", "head"),
    [
        # "the PM": the initials of the title the person holds
        ("The PM", ["The  DT  DET  det  +1", "PM  NNP  PROPN  nsubj  V  PM  B-ORG"], "PM"),
        # ... after an owner: "Japan's PM"
        (
            "Japan's PM",
            [
                "Japan  NNP  PROPN  poss  +2  Japan  B-GPE",
                "'s  POS  PART  case  -1",
                "PM  NNP  PROPN  nsubj  V",
            ],
            "PM",
        ),
        # "PM Tanaka" tagged as an organisation: a title, then the name of the person named before
        (
            "PM Tanaka",
            ["PM  NNP  PROPN  compound  +1  PM  B-ORG", "Tanaka  NNP  PROPN  nsubj  V  Tanaka  I-ORG"],
            "Tanaka",
        ),
    ],
)
def test_a_title_written_as_initials_names_its_holder(subject: str, rows: list[str], head: str) -> None:
    text = TITLED_MEETING + f" {subject} said that talks would resume."
    v = 8 + len(rows)  # "said"
    lines = []
    for k, row in enumerate(rows):
        word, tag, pos, dep, to, *rest = row.split()
        at = v if to == "V" else 8 + k + int(to)
        lines.append(f"{8 + k}  {word}  {tag}  {pos}  {dep}  {at}  {' '.join(rest)}")
    table = (
        TITLED_MEETING_PARSE
        + "\n".join(lines)
        + f"""
        {v}      said    VBD  VERB   ROOT   {v}      say
        {v + 1}  that    IN   SCONJ  mark   {v + 4}
        {v + 2}  talks   NNS  NOUN   nsubj  {v + 4}  talk
        {v + 3}  would   MD   AUX    aux    {v + 4}
        {v + 4}  resume  VB   VERB   ccomp  {v}
        {v + 5}  .       .    PUNCT  punct  {v}
        """
    )
    d = doc(text, table)
    _, per_quote = speakers_of(
        d, [quote(text, d, subject, head, "said", "talks would resume", after="Smith.")]
    )
    assert per_quote == [("hiroko-tanaka",)]


@pytest.mark.parametrize(
    ("det", "expected"),
    [
        ("The", ("hiroko-tanaka", "john-smith")),  # "the two ministers": the two named before
        ("All", ("hiroko-tanaka", "john-smith")),  # "all two" reads oddly; "all three candidates" is the use
        ("Some", ("some-two-ministers",)),  # a number without "the": people not met before
    ],
)
def test_the_two_ministers_are_the_last_two_people(det: str, expected: tuple[str, ...]) -> None:
    text = MEETING + f" {det} two ministers said that talks would resume."
    d = doc(
        text,
        MEETING_PARSE
        + f"""
        8  {det}      DT   DET    det     10
        9  two        CD   NUM    nummod  10
        10 ministers  NNS  NOUN   nsubj   11 minister
        11 said       VBD  VERB   ROOT    11 say
        12 that       IN   SCONJ  mark    15
        13 talks      NNS  NOUN   nsubj   15 talk
        14 would      MD   AUX    aux     15
        15 resume     VB   VERB   ccomp   11
        16 .          .    PUNCT  punct   11
        """,
    )
    found = [quote(text, d, f"{det} two ministers", "ministers", "said", "talks would resume")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [expected]


def test_a_title_case_plural_the_tagger_took_for_a_name_is_the_group() -> None:
    # "The Prime Ministers welcomed ...": "Ministers" tagged as a singular proper noun
    text = MEETING + " The Prime Ministers said that talks would resume."
    d = doc(
        text,
        MEETING_PARSE
        + """
        8  The        DT   DET    det       10
        9  Prime      NNP  PROPN  compound  10
        10 Ministers  NNP  PROPN  nsubj     11  Ministers
        11 said       VBD  VERB   ROOT      11  say
        12 that       IN   SCONJ  mark      15
        13 talks      NNS  NOUN   nsubj     15  talk
        14 would      MD   AUX    aux       15
        15 resume     VB   VERB   ccomp     11
        16 .          .    PUNCT  punct     11
        """,
    )
    found = [quote(text, d, "The Prime Ministers", "Ministers", "said", "talks would resume")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [("hiroko-tanaka", "john-smith")]


def test_two_ministers_are_never_one_person_named_by_that_role() -> None:
    # one foreign secretary named before: "the two foreign ministers" are a group of their own
    text = "Foreign Secretary Tanaka spoke. The two foreign ministers said that talks would resume."
    d = doc(
        text,
        """
        0  Foreign    NNP  PROPN  compound  1  Foreign
        1  Secretary  NNP  PROPN  compound  2  Secretary
        2  Tanaka     NNP  PROPN  nsubj     3  Tanaka  B-PERSON
        3  spoke      VBD  VERB   ROOT      3  speak
        4  .          .    PUNCT  punct     3
        5  The        DT   DET    det       8
        6  two        CD   NUM    nummod    8
        7  foreign    JJ   ADJ    amod      8
        8  ministers  NNS  NOUN   nsubj     9  minister
        9  said       VBD  VERB   ROOT      9  say
        10 that       IN   SCONJ  mark      13
        11 talks      NNS  NOUN   nsubj     13 talk
        12 would      MD   AUX    aux       13
        13 resume     VB   VERB   ccomp     9
        14 .          .    PUNCT  punct     9
        """,
    )
    found = [quote(text, d, "The two foreign ministers", "ministers", "said", "talks would resume")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[k].name for k in per_quote[0]] == ["The two foreign ministers"]


HEADLINE = "Tanaka Backs Harbour Plan\nHiroko Tanaka said that taxes would fall."
HEADLINE_PARSE = """
    0  Tanaka   NNP  PROPN  compound  3  Tanaka   B-PERSON
    1  Backs    NNP  PROPN  compound  3  Backs    I-PERSON
    2  Harbour  NNP  PROPN  compound  3  Harbour  I-PERSON
    3  Plan     NNP  PROPN  ROOT      3  Plan
    4  Hiroko   NNP  PROPN  compound  5  Hiroko   B-PERSON
    5  Tanaka   NNP  PROPN  nsubj     6  Tanaka   I-PERSON
    6  said     VBD  VERB   ROOT      6  say
    7  that     IN   SCONJ  mark      10
    8  taxes    NNS  NOUN   nsubj     10 tax
    9  would    MD   AUX    aux       10
    10 fall     VB   VERB   ccomp     6
    11 .        .    PUNCT  punct     6
    """


def test_a_title_case_headline_does_not_name_the_person() -> None:
    """The recogniser takes a headline's verb and noun for names ('Tanaka Backs Harbour'): the body's form wins."""
    text, d = HEADLINE, doc(HEADLINE, HEADLINE_PARSE)
    speakers, per_quote = speakers_of(
        d, [quote(text, d, "Hiroko Tanaka", "Tanaka", "said", "taxes would fall", after="Plan")]
    )
    assert per_quote == [("hiroko-tanaka",)]
    assert speakers["hiroko-tanaka"].name == "Hiroko Tanaka"


APPOSED = "Ana Ruiz, the party leader, said that taxes would fall."
APPOSED_PARSE = """
    0  Ana     NNP  PROPN  compound  1  Ana     B-PERSON
    1  Ruiz    NNP  PROPN  nsubj     7  Ruiz    I-PERSON
    2  ,       ,    PUNCT  punct     1
    3  the     DT   DET    det       5
    4  party   NN   NOUN   compound  5
    5  leader  NN   NOUN   appos     1
    6  ,       ,    PUNCT  punct     1
    7  said    VBD  VERB   ROOT      7  say
    8  that    IN   SCONJ  mark      11
    9  taxes   NNS  NOUN   nsubj     11 tax
    10 would   MD   AUX    aux       11
    11 fall    VB   VERB   ccomp     7
    12 .       .    PUNCT  punct     7
    """


def test_a_description_is_no_alias() -> None:
    """'Ana Ruiz, the party leader' names her and describes her: the description has a field of its own."""
    text, d = APPOSED, doc(APPOSED, APPOSED_PARSE)
    found = [quote(text, d, "Ana Ruiz", "Ruiz", "said", "taxes would fall")]
    found[0] = found[0].with_(mention_np=(span(text, "Ana Ruiz, the party leader"),))
    speakers, _ = speakers_of(d, found)
    ruiz = speakers["ana-ruiz"]
    assert ruiz.aliases == ()
    assert ruiz.descriptions == ("the party leader",)


TITLED = "Japanese Foreign Minister Hiroko Tanaka said that taxes would fall."
TITLED_PARSE = """
    0  Japanese  JJ   ADJ    amod      4  Japanese  B-NORP
    1  Foreign   NNP  PROPN  compound  2  Foreign
    2  Minister  NNP  PROPN  compound  4  Minister
    3  Hiroko    NNP  PROPN  compound  4  Hiroko    B-PERSON
    4  Tanaka    NNP  PROPN  nsubj     5  Tanaka    I-PERSON
    5  said      VBD  VERB   ROOT      5  say
    6  that      IN   SCONJ  mark      9
    7  taxes     NNS  NOUN   nsubj     9  tax
    8  would     MD   AUX    aux       9
    9  fall      VB   VERB   ccomp     5
    10 .         .    PUNCT  punct     5
    """


def test_titles_and_affiliation_are_fields_of_the_speaker() -> None:
    text, d = TITLED, doc(TITLED, TITLED_PARSE)
    speakers, _ = speakers_of(
        d, [quote(text, d, "Foreign Minister Hiroko Tanaka", "Tanaka", "said", "taxes would fall")]
    )
    tanaka = speakers["hiroko-tanaka"]
    assert (tanaka.name, tanaka.titles, tanaka.affiliation) == (
        "Hiroko Tanaka",
        ("Foreign Minister",),
        "Japanese",
    )
    assert tanaka.aliases == ("Foreign Minister Hiroko Tanaka",)


#: "... said that taxes would fall.": the rest of a sentence whose first four words name the speaker.
SAID_THAT_TAXES_FALL = """
        4  said       VBD  VERB   ROOT      4  say
        5  that       IN   SCONJ  mark      8
        6  taxes      NNS  NOUN   nsubj     8  tax
        7  would      MD   AUX    aux       8
        8  fall       VB   VERB   ccomp     4
        9  .          .    PUNCT  punct     4
        """


def test_a_given_name_the_recogniser_left_out_is_part_of_the_name() -> None:
    # NER tags "J. Blinken" alone; the given name before a middle initial is the person's too.
    text = "Secretary Antony J. Blinken said that taxes would fall."
    d = doc(
        text,
        """
        0  Secretary  NNP  PROPN  compound  3
        1  Antony     NNP  PROPN  compound  3
        2  J.         NNP  PROPN  compound  3  J.  B-PERSON
        3  Blinken    NNP  PROPN  nsubj     4  Blinken  I-PERSON
        """
        + SAID_THAT_TAXES_FALL,
    )
    speakers, per_quote = speakers_of(
        d, [quote(text, d, "Secretary Antony J. Blinken", "Blinken", "said", "taxes would fall")]
    )
    (sid,) = per_quote[0]
    assert speakers[sid].name == "Antony J. Blinken"


@pytest.mark.parametrize(("before", "expected"), [("Mr.", "Zolani Dube Nkosi"), ("Leader", "Dube Nkosi")])
def test_the_word_after_a_title_of_address_starts_the_name(before: str, expected: str) -> None:
    # NER tags "Dube Nkosi" alone; "Zolani" is no given name the lexicon knows, but after "Mr." it is
    # the name's first word (after "Leader" it may be anything)
    text = f"{before} Zolani Dube Nkosi said that taxes would fall."
    d = doc(
        text,
        f"""
        0  {before}  NNP  PROPN  compound  3
        1  Zolani    NNP  PROPN  compound  3
        2  Dube      NNP  PROPN  compound  3  Dube  B-PERSON
        3  Nkosi     NNP  PROPN  nsubj     4  Nkosi  I-PERSON
        """
        + SAID_THAT_TAXES_FALL,
    )
    speakers, per_quote = speakers_of(
        d, [quote(text, d, f"{before} Zolani Dube Nkosi", "Nkosi", "said", "taxes would fall")]
    )
    (sid,) = per_quote[0]
    assert speakers[sid].name == expected


def test_a_name_the_recogniser_took_for_an_organisation_is_a_person_and_no_affiliation() -> None:
    # NER reads "the Hon Penny Wong" as one organisation: titles aside, a given name opens it.
    text = "Australia's Senator the Hon Penny Wong said that taxes would fall."
    d = doc(
        text,
        """
        0  Australia  NNP  PROPN  poss      5  Australia  B-GPE
        1  's         POS  PART   case      0
        2  Senator    NNP  PROPN  compound  5
        3  the        DT   DET    det       5  the      B-ORG
        4  Hon        NNP  PROPN  compound  5  Hon      I-ORG
        5  Penny      NNP  PROPN  compound  6  Penny    I-ORG
        6  Wong       NNP  PROPN  nsubj     7  Wong     I-ORG
        7  said       VBD  VERB   ROOT      7  say
        8  that       IN   SCONJ  mark      11
        9  taxes      NNS  NOUN   nsubj     11 tax
        10 would      MD   AUX    aux       11
        11 fall       VB   VERB   ccomp     7
        12 .          .    PUNCT  punct     7
        """,
    )
    speakers, per_quote = speakers_of(d, [quote(text, d, "Penny Wong", "Wong", "said", "taxes would fall")])
    (sid,) = per_quote[0]
    assert (speakers[sid].name, speakers[sid].entity_type) == ("Penny Wong", "PERSON")
    assert speakers[sid].affiliation is None  # not "Hon Penny Wong"


PLATFORM = "Peskov said that talks failed. Kuleba wrote on Twitter that talks failed. Both men said that talks failed."
PLATFORM_PARSE = """
    0  Peskov   NNP  PROPN  nsubj  1  Peskov   B-PERSON
    1  said     VBD  VERB   ROOT   1  say
    2  that     IN   SCONJ  mark   4
    3  talks    NNS  NOUN   nsubj  4  talk
    4  failed   VBD  VERB   ccomp  1  fail
    5  .        .    PUNCT  punct  1
    6  Kuleba   NNP  PROPN  nsubj  7  Kuleba   B-PERSON
    7  wrote    VBD  VERB   ROOT   7  write
    8  on       IN   ADP    prep   7
    9  Twitter  NNP  PROPN  pobj   8  Twitter  B-PERSON
    10 that     IN   SCONJ  mark   12
    11 talks    NNS  NOUN   nsubj  12 talk
    12 failed   VBD  VERB   ccomp  7  fail
    13 .        .    PUNCT  punct  7
    14 Both     DT   DET    det    15
    15 men      NNS  NOUN   nsubj  16 man
    16 said     VBD  VERB   ROOT   16 say
    17 that     IN   SCONJ  mark   19
    18 talks    NNS  NOUN   nsubj  19 talk
    19 failed   VBD  VERB   ccomp  16 fail
    20 .        .    PUNCT  punct  16
"""


def test_a_platform_the_recogniser_took_for_a_person_is_nobody() -> None:
    text, d = PLATFORM, doc(PLATFORM, PLATFORM_PARSE)
    found = [
        quote(text, d, "Peskov", "Peskov", "said", "talks failed"),
        quote(text, d, "Kuleba", "Kuleba", "wrote", "talks failed", after="Peskov said that talks failed."),
        quote(text, d, "Both men", "men", "said", "talks failed", after="Twitter that talks failed."),
    ]
    speakers, per_quote = speakers_of(d, found)
    assert sorted(speakers[s].name for s in per_quote[2]) == ["Kuleba", "Peskov"]


STATEMENT = (
    "A statement from the defence ministry said that talks failed. The ministry said that talks failed."
)
STATEMENT_PARSE = """
    0  A          DT   DET    det    1
    1  statement  NN   NOUN   nsubj  6  statement
    2  from       IN   ADP    prep   1
    3  the        DT   DET    det    5
    4  defence    NN   NOUN   compound 5
    5  ministry   NN   NOUN   pobj   2  ministry
    6  said       VBD  VERB   ROOT   6  say
    7  that       IN   SCONJ  mark   9
    8  talks      NNS  NOUN   nsubj  9  talk
    9  failed     VBD  VERB   ccomp  6  fail
    10 .          .    PUNCT  punct  6
    11 The        DT   DET    det    12
    12 ministry   NN   NOUN   nsubj  13 ministry
    13 said       VBD  VERB   ROOT   13 say
    14 that       IN   SCONJ  mark   16
    15 talks      NNS  NOUN   nsubj  16 talk
    16 failed     VBD  VERB   ccomp  13 fail
    17 .          .    PUNCT  punct  13
"""


def test_a_statement_speaks_for_the_body_it_comes_from_and_the_body_is_named_again() -> None:
    text, d = STATEMENT, doc(STATEMENT, STATEMENT_PARSE)
    found = [
        quote(text, d, "A statement from the defence ministry", "statement", "said", "talks failed"),
        quote(text, d, "The ministry", "ministry", "said", "talks failed", after="talks failed."),
    ]
    speakers, per_quote = speakers_of(d, found)
    assert per_quote[0] == per_quote[1]
    assert speakers[per_quote[0][0]].name == "the defence ministry"


def test_a_third_person_pronoun_in_a_turn_is_not_the_one_speaking() -> None:
    # Tanaka speaks of someone else: "he" is never Tanaka, who would say "I"; with no one else
    # named, it stays unresolved rather than wrong.
    text = "Minister Tanaka: He said that taxes would fall."
    d = doc(
        text,
        """
        0  Minister  NNP  PROPN  compound  1  Minister
        1  Tanaka    NNP  PROPN  ROOT      1  Tanaka  B-PERSON
        2  :         :    PUNCT  punct     1
        3  He        PRP  PRON   nsubj     4  he
        4  said      VBD  VERB   ROOT      4  say
        5  that      IN   SCONJ  mark      8
        6  taxes     NNS  NOUN   nsubj     8  tax
        7  would     MD   AUX    aux       8
        8  fall      VB   VERB   ccomp     4
        9  .         .    PUNCT  punct     4
        """,
    )
    d[3].set_morph("Gender=Masc|Number=Sing|Person=3|PronType=Prs")
    speakers, per_quote = speakers_of(d, [quote(text, d, "He", "He", "said", "taxes would fall")])
    assert per_quote == [()]


def test_a_name_cut_short_does_not_run_on_over_a_headline_s_verb() -> None:
    # The tagger reads a title-case headline's verb as a proper noun; one with a subject is a verb.
    text = "Minister Hiroko Tanaka Holds Talks\nTanaka said that taxes would fall."
    d = doc(
        text,
        """
        0  Minister  NNP  PROPN  compound  2
        1  Hiroko    NNP  PROPN  compound  2  Hiroko  B-PERSON
        2  Tanaka    NNP  PROPN  nsubj     3  Tanaka  I-PERSON
        3  Holds     NNPS PROPN  ROOT      3  Holds
        4  Talks     NNPS PROPN  dobj      3  Talks
        5  Tanaka    NNP  PROPN  nsubj     6  Tanaka  B-PERSON
        6  said      VBD  VERB   ROOT      6  say
        7  that      IN   SCONJ  mark      10
        8  taxes     NNS  NOUN   nsubj     10 tax
        9  would     MD   AUX    aux       10
        10 fall      VB   VERB   ccomp     6
        11 .         .    PUNCT  punct     6
        """,
    )
    found = [quote(text, d, "Tanaka", "Tanaka", "said", "taxes would fall", after="Talks")]
    speakers, per_quote = speakers_of(d, found)
    assert per_quote == [("hiroko-tanaka",)]
    assert speakers["hiroko-tanaka"].name == "Hiroko Tanaka"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # one family name, then the given name: the name turned round
        ("BERGMANN, Anna", "Anna Bergmann"),
        # an outlet, then its reporter: no name turned round ("Ito Nikkei Shimbun")
        ("Nikkei Shimbun, Ito", "Nikkei Shimbun"),
    ],
)
def test_a_label_s_comma_turns_round_only_a_one_word_family_name(label: str, expected: str) -> None:
    text = f"{label}: Any news?"
    before, after = label.split(", ")
    words = before.split()
    rows = [
        f"{k}  {w}  NNP  PROPN  {'compound' if k < len(words) - 1 else 'ROOT'}  {len(words) - 1}  {w}"
        f"  {'B' if k == 0 else 'I'}-PERSON"
        for k, w in enumerate(words)
    ]
    n = len(words)
    rows += [
        f"{n}  ,     ,    PUNCT  punct  {n - 1}",
        f"{n + 1}  {after}  NNP  PROPN  appos  {n - 1}  {after}",
        f"{n + 2}  :     :    PUNCT  punct  {n - 1}",
        f"{n + 3}  Any   DT   DET    det    {n + 4}",
        f"{n + 4}  news  NN   NOUN   appos  {n - 1}",
        f"{n + 5}  ?     .    PUNCT  punct  {n - 1}",
    ]
    d = doc(text, "\n".join(rows))
    turn = Candidate(
        kind="transcript", content=span(text, "Any news?"), mention=span(text, label), rule=Rule.LABEL, turn=0
    )
    speakers, per_quote = speakers_of(d, [turn])
    assert [speakers[s].name for s in per_quote[0]] == [expected]


def test_a_follow_up_label_is_the_one_who_asked_before_the_last_answer() -> None:
    text = "Bloomberg: Any news?\n\nMao Ning: None at all.\n\nFollow-up: Why not?"
    d = doc(
        text,
        """
        0   Bloomberg  NNP   PROPN  ROOT      0   Bloomberg  B-ORG
        1   :          :     PUNCT  punct     0
        2   Any        DT    DET    det       3
        3   news       NN    NOUN   appos     0
        4   ?          .     PUNCT  punct     0
        5   Mao        NNP   PROPN  compound  6   Mao   B-PERSON
        6   Ning       NNP   PROPN  ROOT      6   Ning  I-PERSON
        7   :          :     PUNCT  punct     6
        8   None       NN    NOUN   appos     6
        9   at         IN    ADP    prep      8
        10  all        DT    DET    pobj      9
        11  .          .     PUNCT  punct     6
        12  Follow     NN    NOUN   compound  14
        13  -          HYPH  PUNCT  punct     12
        14  up         NN    NOUN   dep       16
        15  :          :     PUNCT  punct     14
        16  Why        WRB   ADV    ROOT      16
        17  not        RB    PART   neg       16
        18  ?          .     PUNCT  punct     16
        """,
    )
    parts = (("Bloomberg", "Any news?"), ("Mao Ning", "None at all."), ("Follow-up", "Why not?"))
    turns = [
        Candidate(
            kind="transcript", content=span(text, part), mention=span(text, label), rule=Rule.LABEL, turn=k
        )
        for k, (label, part) in enumerate(parts)
    ]
    speakers, per_quote = speakers_of(d, turns)
    assert [[speakers[s].name for s in q] for q in per_quote] == [["Bloomberg"], ["Mao Ning"], ["Bloomberg"]]


def test_a_definite_description_in_a_turn_is_not_the_one_speaking() -> None:
    # "The expert said" inside Tanaka's turn reports someone else; the last speaker is Tanaka
    # himself, who would say "I".
    text = "Minister Tanaka: The expert said that taxes would fall."
    d = doc(
        text,
        """
        0  Minister  NNP  PROPN  compound  1  Minister
        1  Tanaka    NNP  PROPN  ROOT      1  Tanaka  B-PERSON
        2  :         :    PUNCT  punct     1
        3  The       DT   DET    det       4  the
        4  expert    NN   NOUN   nsubj     5  expert
        5  said      VBD  VERB   ROOT      5  say
        6  that      IN   SCONJ  mark      9
        7  taxes     NNS  NOUN   nsubj     9  tax
        8  would     MD   AUX    aux       9
        9  fall      VB   VERB   ccomp     5
        10 .         .    PUNCT  punct     5
        """,
    )
    turn = Candidate(
        kind="transcript",
        content=span(text, "The expert said that taxes would fall."),
        mention=span(text, "Minister Tanaka"),
        rule=Rule.LABEL,
        turn=0,
    )
    _, per_quote = speakers_of(d, [turn, quote(text, d, "The expert", "expert", "said", "taxes would fall")])
    assert per_quote[0] == ("tanaka",)
    assert per_quote[1] != ("tanaka",)


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        # agreeing after talks with Lee takes two: both speak (spec 1.1: a joint act is every member's)
        ("agreed", "agree", ("hiroko-tanaka", "minho-lee")),
        # reaffirming is one party's act even after a meeting
        ("reaffirmed", "reaffirm", ("hiroko-tanaka",)),
    ],
)
def test_a_reciprocal_act_after_talks_with_a_named_party_is_both_parties(
    verb: str, lemma: str, expected: tuple[str, ...]
) -> None:
    text = f"Hiroko Tanaka held talks with Minho Lee and {verb} to resume trade."
    d = doc(
        text,
        f"""
        0  Hiroko  NNP  PROPN  compound  1  Hiroko  B-PERSON
        1  Tanaka  NNP  PROPN  nsubj     2  Tanaka  I-PERSON
        2  held    VBD  VERB   ROOT      2  hold
        3  talks   NNS  NOUN   dobj      2  talk
        4  with    IN   ADP    prep      3
        5  Minho   NNP  PROPN  compound  6  Minho  B-PERSON
        6  Lee     NNP  PROPN  pobj      4  Lee    I-PERSON
        7  and     CC   CCONJ  cc        2
        8  {verb}  VBD  VERB   conj      2  {lemma}
        9  to      TO   PART   aux       10
        10 resume  VB   VERB   xcomp     8
        11 trade   NN   NOUN   dobj      10
        12 .       .    PUNCT  punct     2
        """,
    )
    found = [quote(text, d, "Hiroko Tanaka", "Tanaka", verb, "to resume trade")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [expected]


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("side", "the chinese side"),  # one side of talks (it had no speaker at all)
        ("guard", "the chinese guard"),  # "the coast guard", "the navy": a body (bodies.txt)
    ],
)
def test_one_side_of_talks_speaks_as_a_body(noun: str, expected: str) -> None:
    # "The Chinese side": no name and no person, but a party that speaks.
    text = f"The Chinese {noun} said that talks would resume."
    d = doc(
        text,
        f"""
        0  The      DT   DET    det     2
        1  Chinese  JJ   ADJ    amod    2  Chinese  B-NORP
        2  {noun}   NN   NOUN   nsubj   3
        3  said     VBD  VERB   ROOT    3  say
        4  that     IN   SCONJ  mark    7
        5  talks    NNS  NOUN   nsubj   7  talk
        6  would    MD   AUX    aux     7
        7  resume   VB   VERB   ccomp   3
        8  .        .    PUNCT  punct   3
        """,
    )
    found = [quote(text, d, f"The Chinese {noun}", noun, "said", "talks would resume")]
    speakers, per_quote = speakers_of(d, found)
    assert len(per_quote[0]) == 1
    sp = speakers[per_quote[0][0]]
    assert (sp.name.casefold(), sp.entity_type) == (expected, "ORG")


@pytest.mark.parametrize(
    ("first", "tag", "pos", "kind"),
    [
        ("One", "CD", "NUM", "PERSON"),  # one person of the group
        ("Some", "DT", "DET", "GROUP"),  # had no speaker at all: a determiner heads the phrase
        ("Two", "CD", "NUM", "GROUP"),
    ],
)
def test_one_of_the_officials_is_someone_of_that_group(first: str, tag: str, pos: str, kind: str) -> None:
    text = f"{first} of the officials said that talks would resume."
    d = doc(
        text,
        f"""
        0  {first}     {tag}  {pos}   nsubj  4
        1  of          IN   ADP    prep   0
        2  the         DT   DET    det    3
        3  officials   NNS  NOUN   pobj   1  official
        4  said        VBD  VERB   ROOT   4  say
        5  that        IN   SCONJ  mark   8
        6  talks       NNS  NOUN   nsubj  8  talk
        7  would       MD   AUX    aux    8
        8  resume      VB   VERB   ccomp  4
        9  .           .    PUNCT  punct  4
        """,
    )
    found = [quote(text, d, f"{first} of the officials", first, "said", "talks would resume")]
    speakers, per_quote = speakers_of(d, found)
    (sid,) = per_quote[0]
    assert (speakers[sid].name.casefold(), speakers[sid].entity_type) == (
        f"{first.casefold()} of the officials",
        kind,
    )


def test_coordinated_countries_are_each_a_party_of_the_act() -> None:
    # "Washington and Moscow have said": two governments speak, not one entity named by both.
    text = "China and Russia said that talks would resume."
    d = doc(
        text,
        """
        0  China   NNP  PROPN  nsubj  3  China   B-GPE
        1  and     CC   CCONJ  cc     0
        2  Russia  NNP  PROPN  conj   0  Russia  B-GPE
        3  said    VBD  VERB   ROOT   3  say
        4  that    IN   SCONJ  mark   7
        5  talks   NNS  NOUN   nsubj  7  talk
        6  would   MD   AUX    aux    7
        7  resume  VB   VERB   ccomp  3
        8  .       .    PUNCT  punct  3
        """,
    )
    found = [quote(text, d, "China and Russia", "China", "said", "talks would resume")]
    speakers, per_quote = speakers_of(d, found)
    assert sorted(speakers[s].name for s in per_quote[0]) == ["China", "Russia"]


def test_a_hyphenated_family_name_gives_no_gender() -> None:
    # "Jean" and "Pierre" are male given names, but in "Zora Jean-Pierre" they are the family name.
    text = "Zora Jean-Pierre met reporters. She said that taxes would fall."
    d = doc(
        text,
        """
        0  Zora      NNP  PROPN  compound  3  Zora    B-PERSON
        1  Jean      NNP  PROPN  compound  3  Jean    I-PERSON
        2  -         HYPH PUNCT  punct     3  -       I-PERSON
        3  Pierre    NNP  PROPN  nsubj     4  Pierre  I-PERSON
        4  met       VBD  VERB   ROOT      4  meet
        5  reporters NNS  NOUN   dobj      4  reporter
        6  .         .    PUNCT  punct     4
        7  She       PRP  PRON   nsubj     8  she
        8  said      VBD  VERB   ROOT      8  say
        9  that      IN   SCONJ  mark      12
        10 taxes     NNS  NOUN   nsubj     12 tax
        11 would     MD   AUX    aux       12
        12 fall      VB   VERB   ccomp     8
        13 .         .    PUNCT  punct     8
        """,
    )
    speakers, per_quote = speakers_of(d, [quote(text, d, "She", "She", "said", "taxes would fall")])
    assert [speakers[s].name for s in per_quote[0]] == ["Zora Jean-Pierre"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("foreign minister", ("yoko-kamikawa",)),
        # "prime" is a title word Kamikawa does not carry: someone else, named by the phrase
        ("prime minister", ("the-prime-minister",)),
    ],
)
def test_a_role_names_a_person_only_with_every_title_word_of_it(role: str, expected: tuple[str, ...]) -> None:
    first, second = role.split()
    text = f"Foreign Minister Yoko Kamikawa met reporters. The {role} said that taxes would fall."
    d = doc(
        text,
        f"""
        0  Foreign   NNP  PROPN  compound  3  Foreign
        1  Minister  NNP  PROPN  compound  3  Minister
        2  Yoko      NNP  PROPN  compound  3  Yoko      B-PERSON
        3  Kamikawa  NNP  PROPN  nsubj     4  Kamikawa  I-PERSON
        4  met       VBD  VERB   ROOT      4  meet
        5  reporters NNS  NOUN   dobj      4  reporter
        6  .         .    PUNCT  punct     4
        7  The       DT   DET    det       9
        8  {first}   NN   NOUN   compound  9
        9  {second}  NN   NOUN   nsubj     10
        10 said      VBD  VERB   ROOT      10 say
        11 that      IN   SCONJ  mark      14
        12 taxes     NNS  NOUN   nsubj     14 tax
        13 would     MD   AUX    aux       14
        14 fall      VB   VERB   ccomp     10
        15 .         .    PUNCT  punct     10
        """,
    )
    found = [quote(text, d, f"The {role}", second, "said", "taxes would fall")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [expected]


KAMIKAWA_ROWS = """
    {i0}  Foreign   NNP  PROPN  compound  {i3}  Foreign
    {i1}  Minister  NNP  PROPN  compound  {i3}  Minister
    {i2}  Yoko      NNP  PROPN  compound  {i3}  Yoko      B-PERSON
    {i3}  Kamikawa  NNP  PROPN  nsubj     {met}  Kamikawa  I-PERSON
"""
CHINESE_MINISTER_SAID = """
    {n}  met       VBD  VERB   ROOT      {n}  meet
    {n1}  .        .    PUNCT  punct     {n}
    {n2}  The      DT   DET    det       {n5}
    {n3}  Chinese  JJ   ADJ    amod      {n5}  Chinese  B-NORP
    {n4}  foreign  JJ   ADJ    amod      {n5}
    {n5}  minister NN   NOUN   nsubj     {n6}
    {n6}  said     VBD  VERB   ROOT      {n6}  say
    {n7}  taxes    NNS  NOUN   nsubj     {n8}  tax
    {n8}  fall     VBP  VERB   ccomp     {n6}
    {n9}  .        .    PUNCT  punct     {n6}
"""


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # Kamikawa is written with no country: "the Chinese foreign minister" is somebody else
        ("Foreign Minister Yoko Kamikawa", ("the-chinese-foreign-minister",)),
        # written with the country, as a people or after "of"
        ("Chinese Foreign Minister Yoko Kamikawa", ("yoko-kamikawa",)),
        ("Foreign Minister Yoko Kamikawa of China", ("yoko-kamikawa",)),
        # another country: somebody else too
        ("Foreign Minister Yoko Kamikawa of Japan", ("the-chinese-foreign-minister",)),
    ],
)
def test_a_role_with_a_country_names_a_person_of_that_country(
    written: str, expected: tuple[str, ...]
) -> None:
    text = f"{written} met. The Chinese foreign minister said taxes fall."
    first = 1 if written.startswith("Chinese") else 0
    country = written.split()[-1] if " of " in written else None
    met = first + 4 + (2 if country else 0)
    rows = ["0  Chinese  JJ  ADJ  amod  4  Chinese  B-NORP"] if first else []
    rows.append(KAMIKAWA_ROWS.format(i0=first, i1=first + 1, i2=first + 2, i3=first + 3, met=met))
    if country:
        rows += [
            f"{met - 2}  of  IN  ADP  prep  {met - 3}",
            f"{met - 1}  {country}  NNP  PROPN  pobj  {met - 2}  {country}  B-GPE",
        ]
    rows.append(CHINESE_MINISTER_SAID.format(**{"n": met, **{f"n{k}": met + k for k in range(1, 10)}}))
    d = doc(text, "\n".join(rows))
    found = [quote(text, d, "The Chinese foreign minister", "minister", "said", "taxes fall")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [expected]


def test_a_role_label_the_recogniser_took_for_a_person_is_never_he() -> None:
    # "QUESTION" tagged PERSON: the answer's "he" is not the questioner (addressed as "you").
    text = "QUESTION: Any news?\n\nMR LEE: He said that talks would resume."
    d = doc(
        text,
        """
        0  QUESTION  NNP  PROPN  ROOT      0  QUESTION  B-PERSON
        1  :         :    PUNCT  punct     0
        2  Any       DT   DET    det       3
        3  news      NN   NOUN   appos     0
        4  ?         .    PUNCT  punct     0
        5  MR        NNP  PROPN  compound  6  MR
        6  LEE       NNP  PROPN  ROOT      6  LEE  B-PERSON
        7  :         :    PUNCT  punct     6
        8  He        PRP  PRON   nsubj     9  he
        9  said      VBD  VERB   ROOT      9  say
        10 that      IN   SCONJ  mark      13
        11 talks     NNS  NOUN   nsubj     13 talk
        12 would     MD   AUX    aux       13
        13 resume    VB   VERB   ccomp     9
        14 .         .    PUNCT  punct     9
        """,
    )
    found = [quote(text, d, "He", "He", "said", "talks would resume", after="LEE:")]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [()]  # nobody the text names: not the questioner, not Lee who is speaking


def test_a_byline_heading_names_the_person_its_label_calls_by_family_name() -> None:
    # The title-case heading is trusted here: the name opens the line and a comma sets it off.
    text = "Matthew Miller, Department Spokesperson\n\nMR MILLER: I said that talks would resume."
    d = doc(
        text,
        """
        0  Matthew       NNP  PROPN  compound  1  Matthew  B-PERSON
        1  Miller        NNP  PROPN  ROOT      1  Miller   I-PERSON
        2  ,             ,    PUNCT  punct     1
        3  Department    NNP  PROPN  compound  4
        4  Spokesperson  NNP  PROPN  appos     1
        5  MR            NNP  PROPN  compound  6  MR
        6  MILLER        NNP  PROPN  ROOT      6  MILLER  B-PERSON
        7  :             :    PUNCT  punct     6
        8  I             PRP  PRON   nsubj     9  I
        9  said          VBD  VERB   ROOT      9  say
        10 that          IN   SCONJ  mark      13
        11 talks         NNS  NOUN   nsubj     13 talk
        12 would         MD   AUX    aux       13
        13 resume        VB   VERB   ccomp     9
        14 .             .    PUNCT  punct     9
        """,
    )
    found = [quote(text, d, "I", "I", "said", "talks would resume", after="MILLER:")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == ["Matthew Miller"]


def test_they_in_a_turn_are_others_than_the_one_speaking() -> None:
    # Lee speaks; "they" are Tanaka and Smith, not Lee (who would say "we").
    text = "MR LEE: Hiroko Tanaka met John Smith. They said that talks would resume."
    d = doc(
        text,
        """
        0  MR        NNP  PROPN  compound  1  MR
        1  LEE       NNP  PROPN  ROOT      1  LEE     B-PERSON
        2  :         :    PUNCT  punct     1
        3  Hiroko    NNP  PROPN  compound  4  Hiroko  B-PERSON
        4  Tanaka    NNP  PROPN  nsubj     5  Tanaka  I-PERSON
        5  met       VBD  VERB   ROOT      5  meet
        6  John      NNP  PROPN  compound  7  John    B-PERSON
        7  Smith     NNP  PROPN  dobj      5  Smith   I-PERSON
        8  .         .    PUNCT  punct     5
        9  They      PRP  PRON   nsubj     10 they
        10 said      VBD  VERB   ROOT      10 say
        11 that      IN   SCONJ  mark      14
        12 talks     NNS  NOUN   nsubj     14 talk
        13 would     MD   AUX    aux       14
        14 resume    VB   VERB   ccomp     10
        15 .         .    PUNCT  punct     10
        """,
    )
    found = [quote(text, d, "They", "They", "said", "talks would resume", after="Smith.")]
    speakers, per_quote = speakers_of(d, found)
    assert sorted(speakers[s].name for s in per_quote[0]) == ["Hiroko Tanaka", "John Smith"]


@pytest.mark.parametrize(
    ("source", "tag", "expected"),
    [
        # "the statement" is the last body's, "reports" are others' (named by the phrase)
        ("The statement", "NN", "the ministry"),
        ("Press reports", "NNS", "press reports"),
    ],
)
def test_reports_are_not_the_statement_of_the_body_that_last_spoke(
    source: str, tag: str, expected: str
) -> None:
    text = f"The ministry said that taxes would fall. {source} said that talks would resume."
    first, noun = source.split()
    d = doc(
        text,
        f"""
        0  The       DT   DET    det     1
        1  ministry  NN   NOUN   nsubj   2
        2  said      VBD  VERB   ROOT    2  say
        3  that      IN   SCONJ  mark    6
        4  taxes     NNS  NOUN   nsubj   6  tax
        5  would     MD   AUX    aux     6
        6  fall      VB   VERB   ccomp   2
        7  .         .    PUNCT  punct   2
        8  {first}   DT   DET    amod    9
        9  {noun}    {tag}  NOUN  nsubj   10  {noun.lower().rstrip("s")}
        10 said      VBD  VERB   ROOT    10 say
        11 that      IN   SCONJ  mark    14
        12 talks     NNS  NOUN   nsubj   14 talk
        13 would     MD   AUX    aux     14
        14 resume    VB   VERB   ccomp   10
        15 .         .    PUNCT  punct   10
        """,
    )
    found = [
        quote(text, d, "The ministry", "ministry", "said", "taxes would fall"),
        quote(text, d, source, noun, "said", "talks would resume", after="fall."),
    ]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name.casefold() for s in per_quote[1]] == [expected]


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        # a known given name after the titled word: written family name first, as at home
        ("Kamikawa", "Yoko", "Yoko Kamikawa"),
        # no known given name left: the order stands ("President Prabowo" uses his first name)
        ("Prabowo", "Subianto", "Prabowo Subianto"),
    ],
)
def test_a_titled_first_word_is_moved_last_only_before_a_given_name(
    first: str, second: str, name: str
) -> None:
    text = f"{first} {second} met reporters. President {first} said that taxes would fall."
    d = doc(
        text,
        f"""
        0  {first}    NNP  PROPN  compound  1  {first}   B-PERSON
        1  {second}   NNP  PROPN  nsubj     2  {second}  I-PERSON
        2  met        VBD  VERB   ROOT      2  meet
        3  reporters  NNS  NOUN   dobj      2  reporter
        4  .          .    PUNCT  punct     2
        5  President  NNP  PROPN  compound  6  President
        6  {first}    NNP  PROPN  nsubj     7  {first}  B-PERSON
        7  said       VBD  VERB   ROOT      7  say
        8  that       IN   SCONJ  mark      11
        9  taxes      NNS  NOUN   nsubj     11 tax
        10 would      MD   AUX    aux       11
        11 fall       VB   VERB   ccomp     7
        12 .          .    PUNCT  punct     7
        """,
    )
    found = [quote(text, d, f"President {first}", first, "said", "taxes would fall", after="reporters.")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == [name]


def test_a_headline_s_comma_joined_subjects_are_each_a_speaker() -> None:
    # "Korea, Japan agree to talk": no "and", both names the verb's subjects.
    text = "Korea, Japan agree to talk"
    d = doc(
        text,
        """
        0  Korea   NNP  PROPN  nsubj  3  Korea  B-GPE
        1  ,       ,    PUNCT  punct  0
        2  Japan   NNP  PROPN  nsubj  3  Japan  B-GPE
        3  agree   VBP  VERB   ROOT   3  agree
        4  to      TO   PART   aux    5
        5  talk    VB   VERB   xcomp  3
        """,
    )
    found = [quote(text, d, "Korea, Japan", "Japan", "agree", "to talk")]
    speakers, per_quote = speakers_of(d, found)
    assert sorted(speakers[s].name for s in per_quote[0]) == ["Japan", "Korea"]


@pytest.mark.parametrize(
    ("short", "expected"), [("EU", ["European Union"] * 2), ("UK", ["European Union", "UK"])]
)
def test_a_body_s_acronym_names_the_body(short: str, expected: list[str]) -> None:
    # "The European Union said A. The EU added B.": one body, named by its fullest form
    text = f"The European Union said taxes fall. The {short} added wages rise."
    d = doc(
        text,
        f"""
        0  The       DT   DET    det       2
        1  European  NNP  PROPN  compound  2  European  B-ORG
        2  Union     NNP  PROPN  nsubj     3  Union     I-ORG
        3  said      VBD  VERB   ROOT      3  say
        4  taxes     NNS  NOUN   nsubj     5  tax
        5  fall      VBP  VERB   ccomp     3
        6  .         .    PUNCT  punct     3
        7  The       DT   DET    det       8
        8  {short}   NNP  PROPN  nsubj     9  {short}  B-ORG
        9  added     VBD  VERB   ROOT      9  add
        10 wages     NNS  NOUN   nsubj     11  wage
        11 rise      VBP  VERB   ccomp     9
        12 .         .    PUNCT  punct     9
        """,
    )
    found = [
        quote(text, d, "The European Union", "Union", "said", "taxes fall"),
        quote(text, d, f"The {short}", short, "added", "wages rise"),
    ]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[q[0]].name for q in per_quote] == expected
    if short == "EU":
        assert "EU" in speakers[per_quote[1][0]].aliases  # the acronym still matches a gold "EU"


def test_a_comma_inside_a_sentence_joins_no_subjects() -> None:
    # Not at the line's start: an affiliation the parser split off a person is no second speaker.
    text = "Then Korea, Japan agree to talk"
    d = doc(
        text,
        """
        0  Then    RB   ADV    advmod 4
        1  Korea   NNP  PROPN  nsubj  4  Korea  B-GPE
        2  ,       ,    PUNCT  punct  1
        3  Japan   NNP  PROPN  nsubj  4  Japan  B-GPE
        4  agree   VBP  VERB   ROOT   4  agree
        5  to      TO   PART   aux    6
        6  talk    VB   VERB   xcomp  4
        """,
    )
    found = [quote(text, d, "Japan", "Japan", "agree", "to talk")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == ["Japan"]


def test_a_statement_from_a_capital_is_its_government_s() -> None:
    text = "A statement from Beijing said that talks would resume."
    d = doc(
        text,
        """
        0  A          DT   DET    det    1
        1  statement  NN   NOUN   nsubj  4
        2  from       IN   ADP    prep   1
        3  Beijing    NNP  PROPN  pobj   2  Beijing  B-GPE
        4  said       VBD  VERB   ROOT   4  say
        5  that       IN   SCONJ  mark   8
        6  talks      NNS  NOUN   nsubj  8  talk
        7  would      MD   AUX    aux    8
        8  resume     VB   VERB   ccomp  4
        9  .          .    PUNCT  punct  4
        """,
    )
    found = [quote(text, d, "A statement from Beijing", "statement", "said", "talks would resume")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == ["Beijing"]


def test_the_president_label_is_the_president_the_heading_names_despite_mr_president() -> None:
    # "Mr. President" addresses the office; it does not make "President" someone's name.
    text = "Remarks by President Joe Biden\n\nQ: Mr. President, any news?\n\nTHE PRESIDENT: I said that talks would resume."
    d = doc(
        text,
        """
        0  Remarks    NNS  NOUN   ROOT      0  remark
        1  by         IN   ADP    prep      0
        2  President  NNP  PROPN  compound  4  President
        3  Joe        NNP  PROPN  compound  4  Joe    B-PERSON
        4  Biden      NNP  PROPN  pobj      1  Biden  I-PERSON
        5  Q          NNP  PROPN  ROOT      5  Q
        6  :          :    PUNCT  punct     5
        7  Mr.        NNP  PROPN  compound  8  Mr.
        8  President  NNP  PROPN  npadvmod  11 President
        9  ,          ,    PUNCT  punct     11
        10 any        DT   DET    det       11
        11 news       NN   NOUN   appos     5
        12 ?          .    PUNCT  punct     5
        13 THE        DT   DET    det       14
        14 PRESIDENT  NNP  PROPN  ROOT      14 PRESIDENT
        15 :          :    PUNCT  punct     14
        16 I          PRP  PRON   nsubj     17 I
        17 said       VBD  VERB   ROOT      17 say
        18 that       IN   SCONJ  mark      21
        19 talks      NNS  NOUN   nsubj     21 talk
        20 would      MD   AUX    aux       21
        21 resume     VB   VERB   ccomp     17
        22 .          .    PUNCT  punct     17
        """,
    )
    found = [quote(text, d, "I", "I", "said", "talks would resume", after="PRESIDENT:")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == ["Joe Biden"]


@pytest.mark.parametrize(
    ("forms", "aliases", "name"),
    [
        # a label in capitals, the name written in mixed case elsewhere: that case
        ({"KISHIDA": 2}, {"Prime Minister Kishida"}, "Kishida"),
        # an acronym the text never writes otherwise stays as it is
        ({"NHK": 2}, set(), "NHK"),
    ],
)
def test_a_name_in_capitals_takes_the_case_the_text_writes_it_in(
    forms: dict[str, int], aliases: set[str], name: str
) -> None:
    from collections import Counter

    e = resolve.Entity(0, resolve.PERSON, forms=Counter(forms), aliases=aliases)
    assert e.canonical() == name


def test_an_office_the_recogniser_took_for_a_name_is_nobody_s_name() -> None:
    # "Department Spokesperson" tagged as a person would stand among the people a "they" or a "he" names.
    text = "The Department Spokesperson said that talks would resume."
    d = doc(
        text,
        """
        0  The           DT   DET    det       2
        1  Department    NNP  PROPN  compound  2  Department    B-PERSON
        2  Spokesperson  NNP  PROPN  nsubj     3  Spokesperson  I-PERSON
        3  said          VBD  VERB   ROOT      3  say
        4  that          IN   SCONJ  mark      7
        5  talks         NNS  NOUN   nsubj     7  talk
        6  would         MD   AUX    aux       7
        7  resume        VB   VERB   ccomp     3
        8  .             .    PUNCT  punct     3
        """,
    )
    ctx = context(d)
    people = [e for e in resolve.Resolver(d, text, ctx.turns, ctx.lang).entities if e.kind == resolve.PERSON]
    assert people == []


@pytest.mark.parametrize(("noun", "expected"), [("senator", ("hiroko-tanaka",)), ("paper", ("the-paper",))])
def test_the_noun_names_the_person_last_quoted_unless_it_names_a_thing(noun: str, expected: tuple) -> None:
    # "the senator said" may be Tanaka again; "the paper said" is no person (thing_nouns.txt) but a
    # publication that speaks: the phrase is its speaker
    text = f"Hiroko Tanaka said that taxes would fall. The {noun} added that wages would rise."
    d = doc(
        text,
        TWO_FORMS_PARSE.split("8  Tanaka")[0]  # "Hiroko Tanaka said that taxes would fall."
        + f"""
        8  The      DT   DET    det       9  the
        9  {noun}   NN   NOUN   nsubj     10 {noun}
        10 added    VBD  VERB   ROOT      10 add
        11 that     IN   SCONJ  mark      14
        12 wages    NNS  NOUN   nsubj     14 wage
        13 would    MD   AUX    aux       14
        14 rise     VB   VERB   ccomp     10
        15 .        .    PUNCT  punct     10
        """,
    )
    found = [
        quote(text, d, "Hiroko Tanaka", "Tanaka", "said", "taxes would fall"),
        quote(text, d, f"The {noun}", noun, "added", "wages would rise"),
    ]
    _, per_quote = speakers_of(d, found)
    assert per_quote[0] == ("hiroko-tanaka",)
    assert per_quote[1] == expected


def test_a_publication_speaking_between_leaves_the_person_last_quoted_salient() -> None:
    # "Tanaka said A. The paper added B. The senator added C.": the senator is still Tanaka
    text = "Hiroko Tanaka said that taxes would fall. The paper added that wages would rise. The senator added that rents would rise."
    second = """
        {i0} The      DT   DET    det       {i1}  the
        {i1} {noun}   NN   NOUN   nsubj     {i2}  {noun}
        {i2} added    VBD  VERB   ROOT      {i2}  add
        {i3} that     IN   SCONJ  mark      {i6}
        {i4} {what}   NNS  NOUN   nsubj     {i6}
        {i5} would    MD   AUX    aux       {i6}
        {i6} rise     VB   VERB   ccomp     {i2}
        {i7} .        .    PUNCT  punct     {i2}
    """
    rows = TWO_FORMS_PARSE.split("8  Tanaka")[0]
    for start, noun, what in ((8, "paper", "wages"), (16, "senator", "rents")):
        rows += second.format(noun=noun, what=what, **{f"i{k}": start + k for k in range(8)})
    d = doc(text, rows)
    found = [
        quote(text, d, "Hiroko Tanaka", "Tanaka", "said", "taxes would fall"),
        quote(text, d, "The paper", "paper", "added", "wages would rise"),
        quote(text, d, "The senator", "senator", "added", "rents would rise"),
    ]
    _, per_quote = speakers_of(d, found)
    assert per_quote == [("hiroko-tanaka",), ("the-paper",), ("hiroko-tanaka",)]


def test_a_label_that_is_a_hyphenated_office_names_one_speaker() -> None:
    # "SECRETARY-GENERAL:" is three tokens and one title: no name is left ("-GENERAL", "GENERAL")
    text = "SECRETARY-GENERAL: Good morning.\n\nSECRETARY-GENERAL: No plans."
    d = doc(
        text,
        """
        0  SECRETARY  NNP  PROPN  compound  2  SECRETARY
        1  -          HYPH PUNCT  punct     2
        2  GENERAL    NNP  PROPN  ROOT      2  GENERAL  B-PERSON
        3  :          :    PUNCT  punct     2
        4  Good       JJ   ADJ    amod      5
        5  morning    NN   NOUN   appos     2
        6  .          .    PUNCT  punct     2
        7  SECRETARY  NNP  PROPN  compound  9  SECRETARY
        8  -          HYPH PUNCT  punct     9
        9  GENERAL    NNP  PROPN  ROOT      9  GENERAL  B-PERSON
        10 :          :    PUNCT  punct     9
        11 No         DT   DET    det       12
        12 plans      NNS  NOUN   appos     9  plan
        13 .          .    PUNCT  punct     9
        """,
    )
    turns = [
        Candidate(
            kind="transcript",
            content=span(text, content),
            mention=span(text, "SECRETARY-GENERAL", text.index(content) - 19),
            rule=Rule.LABEL,
            turn=k,
        )
        for k, content in enumerate(("Good morning.", "No plans."))
    ]
    speakers, per_quote = speakers_of(d, turns)
    assert per_quote[0] == per_quote[1]
    assert [speakers[s].name for s in per_quote[0]] == ["SECRETARY-GENERAL"]


@pytest.mark.parametrize(
    ("text", "rows", "head", "expected"),
    [
        # "one Trump confidant", "Cameron's spokesman": a person around a name, not its bearer
        (
            "Hiroko Tanaka spoke. A Tanaka aide said taxes fall.",
            """
            4  A       DT   DET    det       6
            5  Tanaka  NNP  PROPN  compound  6  Tanaka  B-PERSON
            6  aide    NN   NOUN   nsubj     7  aide
            """,
            "aide",
            "A Tanaka aide",
        ),
        # the name in apposition is the aide's own
        (
            "Hiroko Tanaka spoke. The aide, Ken Sato, said taxes fall.",
            """
            4  The     DT   DET    det       5
            5  aide    NN   NOUN   nsubj     10  aide
            6  ,       ,    PUNCT  punct     5
            7  Ken     NNP  PROPN  compound  8  Ken  B-PERSON
            8  Sato    NNP  PROPN  appos     5  Sato  I-PERSON
            9  ,       ,    PUNCT  punct     5
            """,
            "aide",
            "Ken Sato",
        ),
    ],
)
def test_a_person_named_after_another_is_no_one_but_themselves(
    text: str, rows: str, head: str, expected: str
) -> None:
    n = len(rows.strip().splitlines()) + 4  # the first sentence's four tokens, then the mention's
    table = f"""
        0  Hiroko  NNP  PROPN  compound  1  Hiroko  B-PERSON
        1  Tanaka  NNP  PROPN  nsubj     2  Tanaka  I-PERSON
        2  spoke   VBD  VERB   ROOT      2  speak
        3  .       .    PUNCT  punct     2
        {rows}
        {n}      said   VBD  VERB   ROOT   {n}  say
        {n + 1}  taxes  NNS  NOUN   nsubj  {n + 2}  tax
        {n + 2}  fall   VBP  VERB   ccomp  {n}
        {n + 3}  .      .    PUNCT  punct  {n}
    """
    d = doc(text, table)
    mention = text[text.index(". ") + 2 : text.index(" said")].rstrip(",")
    found = [quote(text, d, mention, head, "said", "taxes fall")]
    speakers, per_quote = speakers_of(d, found)
    assert [speakers[s].name for s in per_quote[0]] == [expected]
