"""Cross-document linking: one id per person across a run, two people never under one id.

The index reads plain results, so these are built by hand: no parser involved.
"""

from __future__ import annotations

from quotes.evaluation.identity import person_key, score_identity
from quotes.model import GROUP, ORG, PERSON, DocumentResult, Quote, Span, Speaker
from quotes.scale.linking import SpeakerIndex


def result(document: str, *speakers: Speaker) -> DocumentResult:
    """A document with one quote per speaker."""
    quotes = tuple(
        Quote(f"q{n}", "indirect", Span(n * 10, n * 10 + 5, "xxxxx"), speaker=(s.id,))
        for n, s in enumerate(speakers)
    )
    return DocumentResult(document, "0" * 64, speakers, quotes)


def linked_ids(*docs: DocumentResult) -> list[list[str]]:
    index = SpeakerIndex()
    return [[q.speaker[0] for q in index.link(d).quotes] for d in docs]


def person(name: str, sid: str = "x", **kw) -> Speaker:
    return Speaker(sid, name, (), PERSON, **kw)


def test_middle_initials_and_suffixes_do_not_split_a_person() -> None:
    ids = linked_ids(
        result("a", person("Donald J. Trump")),
        result("b", person("Donald Trump")),
        result("c", person("Joseph R. Biden Jr.")),
        result("d", person("Joseph Biden")),
        result("e", person("G.K. Butterfield")),
        result("f", person("G. K. Butterfield")),
    )
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[4] == ids[5]
    assert len({ids[0][0], ids[2][0], ids[4][0]}) == 3


def test_a_middle_name_does_not_split_a_person() -> None:
    assert linked_ids(
        result("a", person("Hillary Clinton")), result("b", person("Hillary Rodham Clinton"))
    ) == [
        ["hillary-clinton"],
        ["hillary-clinton"],
    ]


def test_two_people_of_one_family_never_share_an_id() -> None:
    ids = linked_ids(
        result("a", person("Bill Clinton")),
        result("b", person("Hillary Clinton")),
        result("c", person("Clinton")),  # which one? neither: an id of its own
    )
    assert len({i[0] for i in ids}) == 3


def test_a_family_name_alone_joins_the_one_person_who_carries_it() -> None:
    assert linked_ids(result("a", person("Antony Blinken")), result("b", person("Blinken"))) == [
        ["antony-blinken"],
        ["antony-blinken"],
    ]


def test_a_full_name_takes_over_a_family_name_seen_first_but_not_another_full_name() -> None:
    ids = linked_ids(
        result("a", person("Cruz")),
        result("b", person("Ted Cruz")),
        result("c", person("Carla Cruz")),
    )
    assert ids[0] == ids[1] != ids[2]


def test_a_given_name_is_not_a_family_name() -> None:
    ids = linked_ids(
        result("a", person("Bob")), result("b", person("Bob Woodward")), result("c", person("Bob"))
    )
    assert ids[0] != ids[1] and ids[2] != ids[1] and ids[0] != ids[2]


def test_roles_without_a_name_are_people_of_their_document() -> None:
    reporter = Speaker("reporter", "Reporter", (), PERSON, ("Reporter",))
    ids = linked_ids(result("a", reporter), result("b", reporter))
    assert ids[0] != ids[1]


def test_people_link_to_people_and_bodies_to_bodies() -> None:
    ids = linked_ids(
        result("a", Speaker("trump-campaign", "Trump campaign", (), ORG)),
        result("b", person("Donald Trump")),
        result("c", Speaker("trump-campaign", "Trump campaign", (), ORG)),
        result("d", Speaker("republicans", "Republicans", (), GROUP)),
    )
    assert ids[0] == ids[2] != ids[1]
    assert ids[3] == ["republicans"]


def test_the_index_names_a_person_by_the_full_name_most_documents_give() -> None:
    index = SpeakerIndex()
    for doc in ("a", "b", "c"):
        index.link(result(doc, person("Hillary Clinton")))
    out = index.link(result("d", person("Hillary Rodham Clinton")))
    assert out.speakers[0].name == "Hillary Clinton"
    assert "Hillary Rodham Clinton" in out.speakers[0].aliases


def test_titles_and_descriptions_travel_with_the_linked_speaker() -> None:
    index = SpeakerIndex()
    index.link(result("a", person("Hiroko Tanaka", titles=("Foreign Minister",), affiliation="Japan")))
    out = index.link(result("b", person("Tanaka", descriptions=("the minister",))))
    assert out.speakers[0].name == "Hiroko Tanaka"
    (entry,) = index.as_speakers()
    assert (entry.titles, entry.descriptions, entry.affiliation) == (
        ("Foreign Minister",),
        ("the minister",),
        "Japan",
    )


# -- the measure -------------------------------------------------------------------


def test_person_key_drops_titles_and_initials() -> None:
    titles = frozenset({"mr", "sen", "gov"})
    assert person_key("Mr. Donald J. Trump", titles) == "donald trump"
    assert person_key("Joseph R. Biden Jr.", titles, {"joe": "joseph"}) == person_key(
        "Joe Biden", titles, {"joe": "joseph"}
    )
    assert person_key("Sen. Cruz", titles) is None  # no full name: not counted


def test_b_cubed_counts_split_and_merged_people() -> None:
    """Gold: A (two quotes) and B (one). Prediction: A split over two ids, and B merged into one of them."""
    from quotes.evaluation.evaluate import Tokens, score_document

    text = "aaaa bbbb cccc"
    spans = [Span(0, 4, "aaaa"), Span(5, 9, "bbbb"), Span(10, 14, "cccc")]
    gold_people = (Speaker("a", "Ann Lee"), Speaker("b", "Bo Chan"))
    gold = DocumentResult(
        "d",
        "0" * 64,
        gold_people,
        tuple(
            Quote(f"q{n}", "direct", s, speaker=(w,))
            for n, (s, w) in enumerate(zip(spans, "aab", strict=True))
        ),
    )
    pred_people = (Speaker("p1", "Ann Lee"), Speaker("p2", "Bo Chan"))
    pred = DocumentResult(
        "d",
        "0" * 64,
        pred_people,
        tuple(
            Quote(f"q{n}", "direct", s, speaker=(w,))
            for n, (s, w) in enumerate(zip(spans, ["p1", "p2", "p2"], strict=True))
        ),
    )
    scores = score_document(gold, pred, text, Tokens.of(text))
    got = score_identity([(gold, pred, scores)], frozenset())
    # precision: q1 1/1, q2 1/2, q3 1/2 -> 2/3; recall: q1 1/2, q2 1/2, q3 1/1 -> 2/3
    assert (round(got.precision, 4), round(got.recall, 4)) == (0.6667, 0.6667)
    assert got.ids_per_person == 1.5
    assert round(got.name_accuracy, 4) == 0.6667  # q2 is Ann Lee's, named Bo Chan


def test_a_title_tells_two_people_of_one_family_apart() -> None:
    ids = linked_ids(
        result("a", person("Barack Obama", titles=("President",))),
        result("b", person("Michelle Obama", titles=("First Lady",))),
        result("c", person("Obama", titles=("President",))),
    )
    assert ids[2] == ids[0] != ids[1]


def test_a_short_given_name_is_the_formal_one() -> None:
    ids = linked_ids(result("a", person("Joseph R. Biden Jr.")), result("b", person("Joe Biden")))
    assert ids[0] == ids[1]


def test_consolidation_joins_a_family_name_seen_before_the_full_name() -> None:
    index = SpeakerIndex()
    first = index.link(result("a", person("Obama", titles=("President",))))
    second = index.link(result("b", person("Obama", titles=("President",))))  # nobody to join yet: apart
    index.link(result("c", person("Barack Obama", titles=("President",))))  # takes over the first
    early = second.quotes[0].speaker[0]
    assert early != first.quotes[0].speaker[0]
    moved = index.consolidate()
    kept = first.quotes[0].speaker[0]
    assert moved == {early: kept}
    assert [(s.name, s.quotes) for s in index.ranked()] == [("Barack Obama", 3)]
    assert index.renamed(second, moved).quotes[0].speaker == (kept,)
