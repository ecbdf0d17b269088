"""The scorer against hand-made gold/prediction pairs; every expected figure is worked out in a comment."""

from __future__ import annotations

import pytest

from quotes.evaluation.evaluate import (
    PRF,
    Accuracy,
    Tokens,
    jaccard,
    match_spans,
    same_speakers,
    score_corpus,
    score_document,
    strip_bounds,
)
from quotes.model import DocumentResult, Quote, Span, Speaker
from quotes.schema import sha256_text

TEXT = (
    'Mayor Elena Ruiz said "the new harbour plan is good for everyone" on Monday. '
    "Councillor Tom Baker said the cost is far too high. "
    "Later, Sato and Ruiz agreed to meet again in May."
)

GOLD_SPEAKERS = (
    Speaker("ruiz", "Elena Ruiz", ("Mayor Elena Ruiz", "Ruiz")),
    Speaker("baker", "Tom Baker", ("Councillor Tom Baker", "Baker")),
    Speaker("sato", "Aiko Sato", ("Sato",)),
)


def span(sub: str, nth: int = 0, text: str = TEXT) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span.of(text, i, i + len(sub))


def quote(qid, kind, content, speaker=(), cue=None, mention=None, text=TEXT) -> Quote:
    content = content if isinstance(content, Span) else span(content, text=text)
    return Quote(qid, kind, content, cue, mention, tuple(speaker))


def result(quotes=(), speakers=GOLD_SPEAKERS, text=TEXT) -> DocumentResult:
    return DocumentResult("t.txt", sha256_text(text), tuple(speakers), tuple(quotes))


# Whitespace tokens: g1 = 8 tokens ('"the' ... 'everyone"'), g2 = 6, g3 = 5.
G1 = quote(
    "g1",
    "direct",
    "the new harbour plan is good for everyone",
    ["ruiz"],
    span("said"),
    span("Mayor Elena Ruiz"),
)
G2 = quote(
    "g2", "indirect", "the cost is far too high", ["baker"], span("said", 1), span("Councillor Tom Baker")
)
G3 = quote("g3", "indirect", "to meet again in May", ["sato", "ruiz"], span("agreed"), span("Sato and Ruiz"))
GOLD = result([G1, G2, G3])


def score(pred: DocumentResult, gold: DocumentResult = GOLD, text: str = TEXT):
    return score_document(gold, pred, text).scores


# -- tokens, stripping, matching -------------------------------------------------


def test_strip_bounds_removes_space_punctuation_and_curly_quotes():
    text = "  “Hello, world!”  "
    s, e = strip_bounds(text, 0, len(text))
    assert text[s:e] == "Hello, world"
    assert strip_bounds("«—»", 0, 3) == (0, 0)  # nothing but punctuation: empty


def test_span_tokens_are_whole_document_tokens():
    text = 'He said "yes." Then left.'
    toks = Tokens.of(text)
    # 'yes' lies inside the document token '"yes."' (index 2): that one token.
    assert toks.range_of(text.index("yes"), text.index("yes") + 3) == (2, 3)
    # A span of punctuation only has no tokens.
    assert toks.range_of(text.index('"'), text.index('"') + 1) == (0, 0)


def test_jaccard_of_token_ranges():
    assert jaccard((0, 8), (0, 7)) == pytest.approx(7 / 8)
    assert jaccard((0, 4), (2, 6)) == pytest.approx(2 / 6)
    assert jaccard((0, 2), (2, 4)) == 0.0
    assert jaccard((0, 0), (0, 0)) == 0.0


def test_matching_is_one_to_one_and_best_first():
    text = "a b c d e f"
    toks = Tokens.of(text)
    gold = [(0, 7), (4, 11)]  # 'a b c d', 'c d e f'
    pred = [(4, 7), (0, 7)]  # 'c d' (0.5 with either gold), 'a b c d' (exact with gold 0)
    pairs = match_spans(toks, gold, pred)
    # Best first: gold0-pred1 (1.0) is taken first, so pred0 goes to gold1 (2/4 = 0.5).
    # Matching in input order would have given pred0 to gold0 and left one lenient hit only.
    assert [(p.gold, p.pred, p.overlap, p.strict) for p in pairs] == [(0, 1, 1.0, True), (1, 0, 0.5, False)]


def test_matching_ties_are_broken_by_position():
    toks = Tokens.of("a b c d")
    # The prediction 'b c' overlaps both golds by 1/3; the earlier gold wins, whatever the input order.
    assert [(p.gold, p.pred) for p in match_spans(toks, [(0, 3), (4, 7)], [(2, 5)])] == [(0, 0)]
    assert [(p.gold, p.pred) for p in match_spans(toks, [(4, 7), (0, 3)], [(2, 5)])] == [(1, 0)]


def test_two_predictions_of_one_gold_give_one_hit():
    s = score(result([G1, quote("p2", "direct", G1.content, ["ruiz"])]), result([G1]))
    # One gold, two identical predictions: 1 hit; P = 1/2, R = 1/1, F1 = 2/3.
    assert s.quotes.lenient == PRF(1, 2, 1, 1)
    assert s.quotes.lenient.f1 == pytest.approx(2 / 3)


# -- detection ------------------------------------------------------------------


def test_perfect_match_scores_one_everywhere():
    s = score(GOLD)
    assert s.quotes.lenient == PRF(3, 3, 3, 3)
    assert s.quotes.strict == PRF(3, 3, 3, 3)
    assert s.kind_accuracy == Accuracy(3, 3)
    assert s.attribution == Accuracy(3, 3)
    # cues: 'said', 'said', 'agreed' (3 distinct offsets); mentions: 3.
    assert s.cue.strict == PRF(3, 3, 3, 3)
    assert s.mention.strict == PRF(3, 3, 3, 3)
    assert all(v == 1.0 for v in s.figures().values())


def test_boundary_off_by_one_word_is_lenient_hit_strict_miss():
    pred = result([quote("p1", "direct", "the new harbour plan is good for", ["ruiz"]), G2, G3])
    s = score(pred)
    # g1 has 8 tokens, p1 7 of them: Jaccard 7/8 >= 0.5, boundaries differ.
    assert s.quotes.lenient == PRF(3, 3, 3, 3)
    # strict: 2 hits of 3 -> P = R = F1 = 2/3
    assert s.quotes.strict == PRF(3, 3, 2, 2)
    assert s.quotes.strict.f1 == pytest.approx(2 / 3)


def test_quotation_marks_and_final_punctuation_do_not_break_a_strict_hit():
    with_marks = span('"the new harbour plan is good for everyone"')
    s = score(result([quote("p1", "direct", with_marks, ["ruiz"])]), result([G1]))
    assert s.quotes.strict == PRF(1, 1, 1, 1)


def test_half_overlap_is_lenient_less_is_not():
    text = "one two three four five six"
    gold = DocumentResult(
        "t.txt",
        sha256_text(text),
        (),
        (quote("g", "indirect", span("one two three four", text=text), text=text),),
    )
    half = quote("p", "indirect", span("three four", text=text), text=text)  # 2/4 = 0.5 -> hit
    third = quote("p", "indirect", span("four five six", text=text), text=text)  # 1/6 -> matched, no hit
    assert score_document(
        gold, DocumentResult("t.txt", gold.sha256, (), (half,)), text
    ).scores.quotes.lenient == PRF(1, 1, 1, 1)
    ds = score_document(gold, DocumentResult("t.txt", gold.sha256, (), (third,)), text)
    assert ds.scores.quotes.lenient == PRF(1, 1, 0, 0)
    assert ds.missed == (0,) and ds.spurious == (0,)


def test_spurious_quote():
    spurious = quote("p4", "indirect", "Later,")  # no token shared with any gold quote
    s = score(result([G1, G2, G3, spurious]))
    # 3 hits, 4 predictions, 3 gold: P = 3/4, R = 1, F1 = 2 * .75 * 1 / 1.75 = 6/7
    assert s.quotes.lenient == PRF(3, 4, 3, 3)
    assert s.quotes.lenient.precision == pytest.approx(0.75)
    assert s.quotes.lenient.f1 == pytest.approx(6 / 7)


def test_missed_quote():
    ds = score_document(GOLD, result([G1, G3]), TEXT)
    # 2 hits, 2 predictions, 3 gold: P = 1, R = 2/3, F1 = 2 * 1 * 2/3 / (5/3) = 0.8
    assert ds.scores.quotes.lenient == PRF(3, 2, 2, 2)
    assert ds.scores.quotes.lenient.f1 == pytest.approx(0.8)
    assert ds.missed == (1,)
    assert ds.spurious == ()


# -- attribution ----------------------------------------------------------------


def test_wrong_speaker():
    wrong = Quote("p2", "indirect", G2.content, G2.cue, G2.mention, ("ruiz",))
    ds = score_document(GOLD, result([G1, wrong, G3]), TEXT)
    s = ds.scores
    assert s.quotes.lenient == PRF(3, 3, 3, 3)  # detection is unaffected
    # Attribution 2 of 3; end to end 2 hits of 3 predictions and 3 gold -> P = R = F1 = 2/3.
    assert s.attribution == Accuracy(2, 3)
    assert s.end_to_end == PRF(3, 3, 2, 2)
    assert s.end_to_end.f1 == pytest.approx(2 / 3)
    assert [(p.gold, p.pred) for p in ds.misattributed] == [(1, 1)]


def test_joint_speaker_in_another_order_with_other_ids_is_right():
    speakers = (Speaker("x1", "ruiz"), Speaker("x2", "AIKO   SATO"), Speaker("b", "Tom Baker"))
    pred = result(
        [
            Quote("p1", "direct", G1.content, speaker=("x1",)),
            Quote("p2", "indirect", G2.content, speaker=("b",)),
            Quote("p3", "indirect", G3.content, speaker=("x1", "x2")),  # gold ['sato', 'ruiz']
        ],
        speakers,
    )
    s = score(pred)
    assert s.attribution == Accuracy(3, 3)
    assert s.end_to_end == PRF(3, 3, 3, 3)


def test_alias_only_speaker_match_is_right():
    # Gold 'Tom Baker' has the alias 'Councillor Tom Baker'; the prediction names only that, spaced and cased otherwise.
    pred = result(
        [Quote("p2", "indirect", G2.content, speaker=("c",))], (Speaker("c", " councillor  TOM baker "),)
    )
    s = score(pred, result([G2]))
    assert s.attribution == Accuracy(1, 1)


@pytest.mark.parametrize(
    ("gold_names", "pred_names", "same"),
    [
        ([("Elena Ruiz", "Ruiz")], [("Elena",)], False),  # a first name alone is no alias
        ([("Elena Ruiz", "Ruiz"), ("Aiko Sato", "Sato")], [("Ruiz",)], False),  # one of two
        (
            [("Elena Ruiz", "Ruiz"), ("Aiko Sato", "Sato")],
            [("Ruiz",), ("Elena Ruiz",)],
            False,
        ),  # no bijection
        ([("Elena Ruiz", "Ruiz"), ("Aiko Sato", "Sato")], [("sato",), ("ruiz",)], True),
        ([], [], True),
    ],
)
def test_same_speakers(gold_names, pred_names, same):
    def ents(names):
        return [Speaker(f"s{i}", n[0], tuple(n[1:])) for i, n in enumerate(names)]

    assert same_speakers(ents(gold_names), ents(pred_names)) is same


def test_unresolved_gold_speaker_needs_an_empty_prediction_end_to_end():
    gold = result([Quote("g2", "indirect", G2.content, speaker=())])
    named = score(result([Quote("p", "indirect", G2.content, speaker=("baker",))]), gold)
    # Gold [] is left out of attribution accuracy (nothing to measure) but is an e2e miss when a speaker is named.
    assert named.attribution == Accuracy(0, 0) and named.attribution.value is None
    assert named.end_to_end == PRF(1, 1, 0, 0)
    empty = score(result([Quote("p", "indirect", G2.content, speaker=())]), gold)
    assert empty.end_to_end == PRF(1, 1, 1, 1)


# -- empty documents ------------------------------------------------------------


def test_empty_document_no_division_by_zero():
    s = score(result([]), result([]))
    # Nothing to find and nothing found: P = R = F1 = 1.0; accuracies have nothing to measure.
    assert (s.quotes.lenient.precision, s.quotes.lenient.recall, s.quotes.lenient.f1) == (1.0, 1.0, 1.0)
    assert s.kind_accuracy.value is None and s.attribution.value is None
    assert s.cue.lenient.f1 == 1.0 and s.mention.strict.f1 == 1.0


def test_predictions_on_an_empty_gold_score_zero():
    s = score(result([G1]), result([]))
    # gold 0, pred 1: P = 0/1 = 0; R has no gold but a prediction: 0 by convention; F1 = 0.
    assert (s.quotes.lenient.precision, s.quotes.lenient.recall, s.quotes.lenient.f1) == (0.0, 0.0, 0.0)


def test_no_predictions_on_a_gold_scores_zero():
    s = score(result([]))
    # gold 3, pred 0: precision with no predictions is 0 (gold is not empty), R = 0, F1 = 0.
    assert (s.quotes.lenient.precision, s.quotes.lenient.recall, s.quotes.lenient.f1) == (0.0, 0.0, 0.0)
    assert s.end_to_end.f1 == 0.0


# -- per kind -------------------------------------------------------------------


def test_per_kind_figures():
    pred = result(
        [
            quote("p1", "direct", G1.content, ["ruiz"]),  # hits g1 (direct)
            quote("p2", "mixed", G2.content, ["baker"]),  # hits g2 (indirect) with the wrong kind
            quote("p3", "indirect", "Later,"),  # spurious
        ]
    )
    s = score(pred)
    # direct: 1 gold hit of 1, 1 prediction right of 1 -> 1.0
    assert s.kind("direct").lenient == PRF(1, 1, 1, 1)
    # indirect: gold g2 (hit) and g3 (missed) -> R = 1/2; predictions: p3 only, spurious -> P = 0; F1 = 0
    assert s.kind("indirect").lenient == PRF(2, 1, 1, 0)
    assert s.kind("indirect").lenient.recall == 0.5
    assert s.kind("indirect").lenient.f1 == 0.0
    # mixed: no gold, p2 is a hit -> P = 1; R = 0 (no gold, one prediction); F1 = 0
    assert s.kind("mixed").lenient == PRF(0, 1, 0, 1)
    assert s.kind("mixed").lenient.precision == 1.0
    # transcript: nothing on either side -> 1.0
    assert s.kind("transcript").lenient.f1 == 1.0
    # kind accuracy over the 2 lenient pairs: p1 right, p2 wrong -> 1/2
    assert s.kind_accuracy == Accuracy(1, 2)
    # overall: 2 hits, 3 predictions, 3 gold -> P = R = 2/3
    assert s.quotes.lenient == PRF(3, 3, 2, 2)


# -- cue and mention ------------------------------------------------------------


def test_cue_and_mention_figures():
    # Gold cues: 'said'(0), 'said'(1), 'agreed'; mentions: 'Mayor Elena Ruiz', 'Councillor Tom Baker', 'Sato and Ruiz'.
    pred = result(
        [
            Quote("p1", "direct", G1.content, span("said"), span("Ruiz"), ("ruiz",)),  # mention 1/3 tokens
            Quote(
                "p2", "indirect", G2.content, span("said"), span("Tom Baker"), ("baker",)
            ),  # same cue again
            Quote("p3", "indirect", G3.content, span("agreed to"), span("Sato and Ruiz"), ("sato", "ruiz")),
        ]
    )
    s = score(pred)
    # Predicted cues, deduplicated by offsets: 'said'(0) and 'agreed to' -> 2 predictions.
    #   'said'(0) is an exact hit; 'agreed to' vs 'agreed' is 1/2 -> lenient hit, strict miss; 'said'(1) missed.
    assert s.cue.strict == PRF(3, 2, 1, 1)
    assert s.cue.lenient == PRF(3, 2, 2, 2)
    # lenient cue: P = 2/2 = 1, R = 2/3, F1 = 0.8
    assert s.cue.lenient.f1 == pytest.approx(0.8)
    # Mentions: 'Ruiz' vs 'Mayor Elena Ruiz' is 1/3 (matched, no hit); 'Tom Baker' vs 'Councillor Tom Baker'
    # 2/3 -> lenient; 'Sato and Ruiz' exact. Strict 1, lenient 2, of 3 and 3.
    assert s.mention.strict == PRF(3, 3, 1, 1)
    assert s.mention.lenient == PRF(3, 3, 2, 2)


def test_duplicate_cue_and_mention_offsets_count_once():
    q1 = Quote(
        "a", "indirect", span("the cost is far"), span("said", 1), span("Councillor Tom Baker"), ("baker",)
    )
    q2 = Quote("b", "indirect", span("too high"), span("said", 1), span("Councillor Tom Baker"), ("baker",))
    s = score(result([q1, q2]), result([q1, q2]))
    assert s.cue.strict == PRF(1, 1, 1, 1)
    assert s.mention.strict == PRF(1, 1, 1, 1)


# -- corpus ---------------------------------------------------------------------


def test_corpus_is_micro_averaged():
    text2 = 'She said "we are ready" and "we are able" and "we will win".'
    gold2 = DocumentResult(
        "u.txt",
        sha256_text(text2),
        (),
        tuple(
            quote(f"g{i}", "direct", span(s, text=text2), text=text2)
            for i, s in enumerate(["we are ready", "we are able", "we will win"])
        ),
    )
    empty2 = DocumentResult("u.txt", gold2.sha256)
    corpus = score_corpus([(result([G1]), result([G1]), TEXT), (gold2, empty2, text2)])
    # doc 1: 1/1 found; doc 2: 0/3. Micro recall = 1/4 (a macro average would say 1/2).
    assert corpus.total.quotes.lenient == PRF(4, 1, 1, 1)
    assert corpus.total.quotes.lenient.recall == 0.25
    assert corpus.total.documents == 2
    assert [d.document for d in corpus.documents] == ["t.txt", "u.txt"]
    d = corpus.to_dict()
    assert d["total"]["quotes"]["lenient"]["recall"] == 0.25
    assert d["documents"][1]["quotes"]["lenient"]["f1"] == 0.0
