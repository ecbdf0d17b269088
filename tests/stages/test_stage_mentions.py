"""The mention stage on hand-built parses: who performs the cue's speech act, and the span that names them."""

from __future__ import annotations

import pytest
from handbuilt import SAID_THAT, SAID_THAT_PARSE, context, cut, doc, span

from quotes.extraction.candidates import Candidate, Rule
from quotes.extraction.stages import mentions, resolve


def mention_of(text: str, table: str, cue: int, content: str, **fields) -> tuple[str | None, Candidate]:
    """Attach the mention of a reported candidate whose cue is token ``cue``; (mention text, candidate)."""
    d = doc(text, table)
    c = Candidate(
        kind="indirect",
        content=span(text, content),
        cue=(d[cue].idx, d[cue].idx + len(d[cue])),
        cue_token=cue,
        anchor=cue,
        rule=Rule.REPORTED_CLAUSE,
        **fields,
    )
    (got,) = mentions.attach_mentions(context(d), [c])
    return cut(text, got.mention), got


def test_subject_of_the_cue() -> None:
    m, c = mention_of(
        SAID_THAT,
        SAID_THAT_PARSE,
        cue=2,
        content="taxes would fall",
    )
    assert m == "The minister"
    assert c.mention_token == 1


def test_participle_inherits_the_subject_of_its_head() -> None:
    text = "Tanaka spoke to reporters on Monday, stating that taxes would fall."
    m, c = mention_of(
        text,
        """
        0  Tanaka     NNP  PROPN  nsubj  1  Tanaka  B-PERSON
        1  spoke      VBD  VERB   ROOT   1  speak
        2  to         IN   ADP    prep   1
        3  reporters  NNS  NOUN   pobj   2  reporter
        4  on         IN   ADP    prep   1
        5  Monday     NNP  PROPN  pobj   4  Monday  B-DATE
        6  ,          ,    PUNCT  punct  1
        7  stating    VBG  VERB   advcl  1  state
        8  that       IN   SCONJ  mark   11
        9  taxes      NNS  NOUN   nsubj  11 tax
        10 would      MD   AUX    aux    11
        11 fall       VB   VERB   ccomp  7
        12 .          .    PUNCT  punct  1
        """,
        cue=7,
        content="taxes would fall",
    )
    assert (m, c.mention_token) == ("Tanaka", 0)


def test_inherited_subject_that_cannot_speak_is_no_mention() -> None:
    text = "The meeting ended on Monday, reaffirming that talks would resume."
    m, c = mention_of(
        text,
        """
        0  The          DT   DET    det    1
        1  meeting      NN   NOUN   nsubj  2
        2  ended        VBD  VERB   ROOT   2  end
        3  on           IN   ADP    prep   2
        4  Monday       NNP  PROPN  pobj   3  Monday  B-DATE
        5  ,            ,    PUNCT  punct  2
        6  reaffirming  VBG  VERB   advcl  2  reaffirm
        7  that         IN   SCONJ  mark   10
        8  talks        NNS  NOUN   nsubj  10 talk
        9  would        MD   AUX    aux    10
        10 resume       VB   VERB   ccomp  6
        11 .            .    PUNCT  punct  2
        """,
        cue=6,
        content="talks would resume",
    )
    assert m is None and c.mention_token is None


def test_passive_takes_its_by_agent() -> None:
    text = "The cuts were announced by the ministry on Monday."
    m, c = mention_of(
        text,
        """
        0  The        DT   DET    det        1
        1  cuts       NNS  NOUN   nsubjpass  3  cut
        2  were       VBD  AUX    auxpass    3  be
        3  announced  VBN  VERB   ROOT       3  announce
        4  by         IN   ADP    agent      3
        5  the        DT   DET    det        6
        6  ministry   NN   NOUN   pobj       4
        7  on         IN   ADP    prep       3
        8  Monday     NNP  PROPN  pobj       7  Monday  B-DATE
        9  .          .    PUNCT  punct      3
        """,
        cue=3,
        content="The cuts",
    )
    assert (m, c.mention_token) == ("the ministry", 6)


def test_relative_clause_names_its_antecedent() -> None:
    text = "The senator, who said that taxes would fall, left early."
    m, c = mention_of(
        text,
        """
        0  The      DT   DET    det     1
        1  senator  NN   NOUN   nsubj   10
        2  ,        ,    PUNCT  punct   1
        3  who      WP   PRON   nsubj   4
        4  said     VBD  VERB   relcl   1  say
        5  that     IN   SCONJ  mark    8
        6  taxes    NNS  NOUN   nsubj   8  tax
        7  would    MD   AUX    aux     8
        8  fall     VB   VERB   ccomp   4
        9  ,        ,    PUNCT  punct   1
        10 left     VBD  VERB   ROOT    10 leave
        11 early    RB   ADV    advmod  10
        12 .        .    PUNCT  punct   10
        """,
        cue=4,
        content="taxes would fall",
    )
    assert (m, c.mention_token) == ("The senator", 1)  # the relative clause is cut from the mention


def test_titled_name_keeps_its_title() -> None:
    text = "Foreign Minister Yoko Kamikawa said on Tuesday that talks would resume."
    m, c = mention_of(
        text,
        """
        0  Foreign   NNP  PROPN  compound  1  Foreign
        1  Minister  NNP  PROPN  compound  3  Minister
        2  Yoko      NNP  PROPN  compound  3  Yoko      B-PERSON
        3  Kamikawa  NNP  PROPN  nsubj     4  Kamikawa  I-PERSON
        4  said      VBD  VERB   ROOT      4  say
        5  on        IN   ADP    prep      4
        6  Tuesday   NNP  PROPN  pobj      5  Tuesday   B-DATE
        7  that      IN   SCONJ  mark      10
        8  talks     NNS  NOUN   nsubj     10 talk
        9  would     MD   AUX    aux       10
        10 resume    VB   VERB   ccomp     4
        11 .         .    PUNCT  punct     4
        """,
        cue=4,
        content="talks would resume",
    )
    assert m == "Foreign Minister Yoko Kamikawa"
    assert c.mention_token == 3


def test_a_mention_the_finder_gave_is_kept() -> None:
    text = "According to the police, the suspect fled on foot."
    table = """
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
        """
    # The finder's mention token (the source of "according to") is used, not the clause's subject.
    m, _ = mention_of(text, table, cue=0, content="the suspect fled on foot", mention_token=3)
    assert m == "the police"
    # A mention already cut (a transcript label) is left as it is.
    given = span(text, "According")
    _, c = mention_of(text, table, cue=0, content="the suspect fled on foot", mention=given)
    assert c.mention == given and c.mention_token is None


def test_a_name_the_parser_hung_elsewhere_is_the_subject_of_a_verb_without_one() -> None:
    # The parser made "Reid" a conjunct of "Nevada" and left "said" without a subject.
    text = "Alarmed by unrest in Nevada, Senator Reid, the leader, said taxes would fall."
    m, c = mention_of(
        text,
        """
        0  Alarmed  VBN  VERB   advcl  11 alarm
        1  by       IN   ADP    agent  0
        2  unrest   NN   NOUN   pobj   1
        3  in       IN   ADP    prep   2
        4  Nevada   NNP  PROPN  pobj   3  Nevada  B-GPE
        5  ,        ,    PUNCT  punct  4
        6  Senator  NNP  PROPN  compound 7
        7  Reid     NNP  PROPN  conj   4  Reid    B-PERSON
        8  ,        ,    PUNCT  punct  7
        9  the      DT   DET    det    10
        10 leader   NN   NOUN   appos  7
        11 ,        ,    PUNCT  punct  12
        12 said     VBD  VERB   ROOT   12 say
        13 taxes    NNS  NOUN   nsubj  15 tax
        14 would    MD   AUX    aux    15
        15 fall     VB   VERB   ccomp  12
        16 .        .    PUNCT  punct  12
        """,
        cue=12,
        content="taxes would fall",
    )
    assert (m, c.mention_token) == ("Senator Reid", 7)


def test_of_two_subjects_the_parser_gives_a_verb_the_nearer_is_the_speaker() -> None:
    # Across a speaker label the parser hangs "Reporter" on "said" as well as "Wang".
    text = "Reporter: On China, spokesperson Wang said taxes would fall."
    m, c = mention_of(
        text,
        """
        0  Reporter      NN   NOUN   nsubj     7
        1  :             :    PUNCT  punct     0
        2  On            IN   ADP    prep      7
        3  China         NNP  PROPN  pobj      2  China  B-GPE
        4  ,             ,    PUNCT  punct     7
        5  spokesperson  NN   NOUN   compound  6
        6  Wang          NNP  PROPN  nsubj     7  Wang   B-PERSON
        7  said          VBD  VERB   ROOT      7  say
        8  taxes         NNS  NOUN   nsubj     10 tax
        9  would         MD   AUX    aux       10
        10 fall          VB   VERB   ccomp     7
        11 .             .    PUNCT  punct     7
        """,
        cue=7,
        content="taxes would fall",
    )
    assert (m, c.mention_token) == ("Wang", 6)


def test_a_name_the_parser_cut_off_the_end_of_a_coordination_is_in_it() -> None:
    # "X and her counterpart Y called": the parser makes Y a second subject, not X's conjunct's apposition
    text = "Hiroko Tanaka and her counterpart John Smith said taxes would fall."
    table = """
        0  Hiroko       NNP  PROPN  compound  1  Hiroko  B-PERSON
        1  Tanaka       NNP  PROPN  nsubj     7  Tanaka  I-PERSON
        2  and          CC   CCONJ  cc        1
        3  her          PRP$ PRON   poss      4
        4  counterpart  NN   NOUN   conj      1
        5  John         NNP  PROPN  compound  6  John    B-PERSON
        6  Smith        NNP  PROPN  nsubj     7  Smith   I-PERSON
        7  said         VBD  VERB   ROOT      7  say
        8  taxes        NNS  NOUN   nsubj     10 tax
        9  would        MD   AUX    aux       10
        10 fall         VB   VERB   ccomp     7
        11 .            .    PUNCT  punct     7
        """
    m, c = mention_of(text, table, cue=7, content="taxes would fall")
    assert (m, c.mention_token) == ("Hiroko Tanaka and her counterpart John Smith", 1)
    speakers, (got,) = resolve.resolve_speakers(context(doc(text, table)), [c])
    assert [s.name for s in speakers if s.id in got.speaker] == ["Hiroko Tanaka", "John Smith"]


def test_a_dateline_the_parse_hangs_on_the_subject_is_no_part_of_the_mention() -> None:
    text = "TOKYO (Reuters) - The ministers agreed to talk."
    m, c = mention_of(
        text,
        """
        0  TOKYO      NNP    PROPN  nmod   6  TOKYO  B-GPE
        1  (          -LRB-  PUNCT  punct  2
        2  Reuters    NNP    PROPN  nmod   6  Reuters  B-ORG
        3  )          -RRB-  PUNCT  punct  2
        4  -          :      PUNCT  punct  6
        5  The        DT     DET    det    6
        6  ministers  NNS    NOUN   nsubj  7  minister
        7  agreed     VBD    VERB   ROOT   7  agree
        8  to         TO     PART   aux    9
        9  talk       VB     VERB   xcomp  7
        10 .          .      PUNCT  punct  7
        """,
        cue=7,
        content="to talk",
    )
    assert (m, c.mention_token) == ("The ministers", 6)


def test_a_participle_set_off_before_the_verb_leaves_it_its_subject() -> None:
    # the parser reads "asked" as the spokesperson's own verb and leaves "said" without a subject
    text = "A spokesperson, asked about it, said talks failed."
    m, c = mention_of(
        text,
        """
        0  A             DT   DET    det    1
        1  spokesperson  NN   NOUN   nsubj  3
        2  ,             ,    PUNCT  punct  1
        3  asked         VBD  VERB   ccomp  7  ask
        4  about         IN   ADP    prep   3
        5  it            PRP  PRON   pobj   4
        6  ,             ,    PUNCT  punct  7
        7  said          VBD  VERB   ROOT   7  say
        8  talks         NNS  NOUN   nsubj  9  talk
        9  failed        VBD  VERB   ccomp  7  fail
        10 .             .    PUNCT  punct  7
        """,
        cue=7,
        content="talks failed",
    )
    assert (m, c.mention_token) == ("A spokesperson", 1)


def test_a_dateline_the_parse_makes_the_subject_gives_way_to_the_phrase_after_it() -> None:
    text = "SEOUL (Yonhap) -- The minister urged calm."
    m, c = mention_of(
        text,
        """
        0  SEOUL     NNP    PROPN  nsubj  7  SEOUL  B-GPE
        1  (         -LRB-  PUNCT  punct  2
        2  Yonhap    NNP    PROPN  appos  0  Yonhap  B-ORG
        3  )         -RRB-  PUNCT  punct  2
        4  --        :      PUNCT  punct  0
        5  The       DT     DET    det    6
        6  minister  NN     NOUN   appos  0
        7  urged     VBD    VERB   ROOT   7  urge
        8  calm      NN     NOUN   dobj   7
        9  .         .      PUNCT  punct  7
        """,
        cue=7,
        content="calm",
    )
    assert (m, c.mention_token) == ("The minister", 6)


def test_a_relative_clause_set_off_in_the_subject_describes_the_speaker() -> None:
    # the parser hangs "who backs Cruz" on the nearer noun; it is no part of the mention
    text = "Aides to the governor, who backs Cruz, said talks failed."
    m, c = mention_of(
        text,
        """
        0  Aides     NNS  NOUN   nsubj  9  aide
        1  to        IN   ADP    prep   0
        2  the       DT   DET    det    3
        3  governor  NN   NOUN   pobj   1
        4  ,         ,    PUNCT  punct  3
        5  who       WP   PRON   nsubj  6
        6  backs     VBZ  VERB   relcl  3  back
        7  Cruz      NNP  PROPN  dobj   6  Cruz  B-PERSON
        8  ,         ,    PUNCT  punct  0
        9  said      VBD  VERB   ROOT   9  say
        10 talks     NNS  NOUN   nsubj  11 talk
        11 failed    VBD  VERB   ccomp  9  fail
        12 .         .    PUNCT  punct  9
        """,
        cue=9,
        content="talks failed",
    )
    assert (m, c.mention_token) == ("Aides to the governor", 0)


@pytest.mark.parametrize(
    ("sep", "expected"),
    [
        # a list of dignitaries kept apart by semicolons: the parser hangs the first one unlabelled
        (";", "Mr. Kim, President of Korea; Mr. Ito; and Mr. Lee"),
        # a comma before an unlabelled name joins nothing (an affiliation, a place the parser split off)
        (",", "Mr. Ito; and Mr. Lee"),
    ],
)
def test_the_first_of_a_semicolon_list_of_subjects_is_in_the_mention(sep: str, expected: str) -> None:
    text = f"Mr. Kim, President of Korea{sep} Mr. Ito; and Mr. Lee agreed to talk."
    table = f"""
        0  Mr.        NNP  PROPN  compound  1
        1  Kim        NNP  PROPN  dep       13  Kim  B-PERSON
        2  ,          ,    PUNCT  punct     1
        3  President  NNP  PROPN  appos     1
        4  of         IN   ADP    prep      3
        5  Korea      NNP  PROPN  pobj      4  Korea  B-GPE
        6  {sep}      :    PUNCT  punct     1
        7  Mr.        NNP  PROPN  compound  8
        8  Ito        NNP  PROPN  nsubj     13  Ito  B-PERSON
        9  ;          :    PUNCT  punct     8
        10 and        CC   CCONJ  cc        8
        11 Mr.        NNP  PROPN  compound  12
        12 Lee        NNP  PROPN  conj      8  Lee  B-PERSON
        13 agreed     VBD  VERB   ROOT      13  agree
        14 to         TO   PART   aux       15
        15 talk       VB   VERB   xcomp     13
        16 .          .    PUNCT  punct     13
    """
    m, c = mention_of(text, table, 13, "to talk")
    assert m == expected
    speakers, resolved = resolve.resolve_speakers(context(doc(text, table)), [c])
    names = {s.id: s.name for s in speakers}
    want = ["Ito", "Kim", "Lee"] if sep == ";" else ["Ito", "Lee"]
    assert sorted(names[i] for i in resolved[0].speaker) == want


@pytest.mark.parametrize(("verb", "expected"), [("mused", "Stu Burguiere"), ("told", None)])
def test_a_name_read_as_the_object_of_an_inverted_verb_is_its_speaker(
    verb: str, expected: str | None
) -> None:
    # '"It works," mused co-host Stu Burguiere': the parser read the name as objects of "mused",
    # which takes none; "told" may take one (whom it was told), so its object stays no speaker
    text = f'"It works," {verb} co-host Stu Burguiere.'
    table = f"""
        0  "          ``   PUNCT  punct     5
        1  It         PRP  PRON   nsubj     2
        2  works      VBZ  VERB   ccomp     5  work
        3  ,          ,    PUNCT  punct     5
        4  "          ''   PUNCT  punct     5
        5  {verb}     VBD  VERB   ROOT      5  {"muse" if verb == "mused" else "tell"}
        6  co         NN   NOUN   dobj      5
        7  -          HYPH PUNCT  punct     5
        8  host       NN   NOUN   compound  10
        9  Stu        NNP  PROPN  compound  10  Stu        B-PERSON
        10 Burguiere  NNP  PROPN  dobj      5   Burguiere  I-PERSON
        11 .          .    PUNCT  punct     5
    """
    m, _ = mention_of(text, table, 5, "It works,")
    assert m == expected


@pytest.mark.parametrize(("subject", "expected"), [("Carr", "Carr"), ("Rain", "a statement")])
def test_a_statement_someone_released_speaks_with_its_issuer_s_voice(subject: str, expected: str) -> None:
    # "Carr released a statement saying X": Carr says X; a subject that cannot speak leaves the statement
    text = f"{subject} released a statement saying taxes fall."
    ent = "B-PERSON" if subject == "Carr" else ""
    tag, pos = ("NNP", "PROPN") if subject == "Carr" else ("NN", "NOUN")
    table = f"""
        0  {subject}  {tag}  {pos}  nsubj  1  {subject}  {ent}
        1  released   VBD  VERB   ROOT   1  release
        2  a          DT   DET    det    3
        3  statement  NN   NOUN   dobj   1  statement
        4  saying     VBG  VERB   acl    3  say
        5  taxes      NNS  NOUN   nsubj  6  tax
        6  fall       VBP  VERB   ccomp  4
        7  .          .    PUNCT  punct  1
    """
    m, _ = mention_of(text, table, 4, "taxes fall")
    assert m == expected


@pytest.mark.parametrize(("name", "expected"), [("Tanaka", "Tanaka"), ("Rain", None)])
def test_a_name_the_parser_read_as_the_root_noun_is_the_participle_s_speaker(
    name: str, expected: str | None
) -> None:
    # "Trump defended eminent domain, calling it a good thing": the name read as a noun, the verb as
    # its modifier; only a name the document gives a person elsewhere speaks
    text = f"Hiroko Tanaka spoke. {name} defended the plan, calling it fair."
    table = f"""
        0  Hiroko    NNP  PROPN  compound  1  Hiroko  B-PERSON
        1  Tanaka    NNP  PROPN  nsubj     2  Tanaka  I-PERSON
        2  spoke     VBD  VERB   ROOT      2  speak
        3  .         .    PUNCT  punct     2
        4  {name}    NN   NOUN   ROOT      4  {name.lower()}
        5  defended  VBN  VERB   amod      7  defend
        6  the       DT   DET    det       7
        7  plan      NN   NOUN   dobj      4
        8  ,         ,    PUNCT  punct     4
        9  calling   VBG  VERB   advcl     4  call
        10 it        PRP  PRON   dobj      9
        11 fair      JJ   ADJ    oprd      9
        12 .         .    PUNCT  punct     4
    """
    m, _ = mention_of(text, table, 9, "it fair")
    assert m == expected


@pytest.mark.parametrize(("subject", "expected"), [("Lee", "Lee"), ("It", None)])
def test_the_subject_of_a_passive_that_hands_on_an_infinitive_is_its_speaker(
    subject: str, expected: str | None
) -> None:
    # "Mr. Trump was prompted to say X": the one prompted speaks ("It was decided to X" names nobody)
    text = f"{subject} was prompted to say taxes fall."
    ent = "B-PERSON" if subject == "Lee" else ""
    tag, pos = ("NNP", "PROPN") if subject == "Lee" else ("PRP", "PRON")
    table = f"""
        0  {subject}  {tag}  {pos}  nsubjpass  2  {subject}  {ent}
        1  was        VBD   AUX    auxpass    2  be
        2  prompted   VBN   VERB   ROOT       2  prompt
        3  to         TO    PART   aux        4
        4  say        VB    VERB   xcomp      2  say
        5  taxes      NNS   NOUN   nsubj      6  tax
        6  fall       VBP   VERB   ccomp      4
        7  .          .     PUNCT  punct      2
    """
    m, _ = mention_of(text, table, 4, "taxes fall")
    assert m == expected


def test_a_participle_hung_inside_the_verb_s_object_takes_the_verb_s_subject() -> None:
    # "Lee offered few ideas for cutting debt aside from stating that X": the parser hung the
    # participle on a gerund inside the object; the one who offered states X
    text = "Lee offered ideas for cutting debt aside from stating that taxes fall."
    table = """
        0  Lee      NNP  PROPN  nsubj   1  Lee  B-PERSON
        1  offered  VBD  VERB   ROOT    1  offer
        2  ideas    NNS  NOUN   dobj    1  idea
        3  for      IN   ADP    prep    2
        4  cutting  VBG  VERB   pcomp   3  cut
        5  debt     NN   NOUN   dobj    4
        6  aside    RB   ADV    advmod  4
        7  from     IN   ADP    prep    4
        8  stating  VBG  VERB   pcomp   7  state
        9  that     IN   SCONJ  mark    11
        10 taxes    NNS  NOUN   nsubj   11  tax
        11 fall     VBP  VERB   ccomp   8
        12 .        .    PUNCT  punct   1
    """
    m, _ = mention_of(text, table, 8, "taxes fall")
    assert m == "Lee"


def test_a_stranded_subject_s_apposition_may_coordinate_two_roles() -> None:
    # "Alarmed, Lee, the club's president and manager, said X": the parser hung the name on the
    # participle; the apposition before the verb ends in a coordinated role
    text = "Alarmed, Lee, the president and manager, said taxes fall."
    table = """
        0  Alarmed    VBN  VERB   advcl  9  alarm
        1  ,          ,    PUNCT  punct  0
        2  Lee        NNP  PROPN  conj   0  Lee  B-PERSON
        3  ,          ,    PUNCT  punct  2
        4  the        DT   DET    det    5
        5  president  NN   NOUN   appos  2
        6  and        CC   CCONJ  cc     5
        7  manager    NN   NOUN   conj   5
        8  ,          ,    PUNCT  punct  2
        9  said       VBD  VERB   ROOT   9  say
        10 taxes      NNS  NOUN   nsubj  11  tax
        11 fall       VBP  VERB   ccomp  9
        12 .          .    PUNCT  punct  9
    """
    m, _ = mention_of(text, table, 9, "taxes fall")
    assert m == "Lee"


@pytest.mark.parametrize(
    ("name", "tag", "pos", "expected"), [("Lee", "NNP", "PROPN", "Lee"), ("one", "CD", "NUM", None)]
)
def test_a_subject_set_off_by_brackets_before_its_verb(
    name: str, tag: str, pos: str, expected: str | None
) -> None:
    # "Sen. Chris Murphy (a Democrat so boyish he ...) says X": the parser hung the name elsewhere
    text = f"But {name} (a senator) says taxes fall."
    table = f"""
        0  But      CC     CCONJ  cc     6
        1  {name}   {tag}  {pos}  dep    0  {name}  {"B-PERSON" if pos == "PROPN" else ""}
        2  (        -LRB-  PUNCT  punct  1
        3  a        DT     DET    det    4
        4  senator  NN     NOUN   appos  1
        5  )        -RRB-  PUNCT  punct  1
        6  says     VBZ    VERB   ROOT   6  say
        7  taxes    NNS    NOUN   nsubj  8  tax
        8  fall     VBP    VERB   ccomp  6
        9  .        .      PUNCT  punct  6
    """
    m, _ = mention_of(text, table, 6, "taxes fall")
    assert m == expected
