"""The continuation stage on hand-built parses: which sentences after a report go on with it."""

from __future__ import annotations

import pytest
from handbuilt import context, cut, doc

from quotes.extraction.stages import continuation, reported


@pytest.mark.parametrize(
    ("subject", "entity", "verb", "vtag", "expected"),
    [
        # a country speaking as a party, in the present: the speaker goes on ("China supports X")
        ("Norland", "B-GPE", "supports", "VBZ", ["Norland supports the plan fully"]),
        # a person in the present is the author's narration ("Smith leads the race")
        ("Smith", "B-PERSON", "supports", "VBZ", []),
        # a country in the past is what happened
        ("Norland", "B-GPE", "supported", "VBD", []),
    ],
)
def test_a_country_in_the_present_goes_on_with_a_readout(
    subject: str, entity: str, verb: str, vtag: str, expected: list[str]
) -> None:
    text = f"Lee said that ties improved. {subject} {verb} the plan fully."
    d = doc(
        text,
        f"""
        0  Lee       NNP  PROPN  nsubj  1  Lee  B-PERSON
        1  said      VBD  VERB   ROOT   1  say
        2  that      IN   SCONJ  mark   4
        3  ties      NNS  NOUN   nsubj  4  tie
        4  improved  VBD  VERB   ccomp  1  improve
        5  .         .    PUNCT  punct  1
        6  {subject} NNP  PROPN  nsubj  7  {subject}  {entity}
        7  {verb}    {vtag}  VERB   ROOT   7  support
        8  the       DT   DET    det    9
        9  plan      NN   NOUN   dobj   7
        10 fully     RB   ADV    advmod 7
        11 .         .    PUNCT  punct  7
        """,
    )
    ctx = context(d)
    earlier = reported.find(ctx, [])
    assert [cut(text, c.content) for c in earlier] == ["ties improved"]
    assert [cut(text, c.content) for c in continuation.find(ctx, earlier)] == expected
