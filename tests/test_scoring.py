"""The trained scorer (issue 17): plain-data files that never run code, calibration, features, training."""

from __future__ import annotations

import json
import math
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.cli import cli
from quotes.scoring.model import SCHEMA, Calibration, Head, Scorer, ScorerError, default_scorer, load_scorer
from quotes.scoring.train import AtThreshold, Reliability, at_threshold, fold_of

ROOT = Path(__file__).resolve().parents[1]


def _scorer_dict() -> dict:
    head = {
        "bias": 0.5,
        "weights": {"kind=direct": 1.0},
        "calibration": {"x": [-1.0, 0.0, 2.0], "y": [0.1, 0.5, 0.9]},
    }
    return {"schema": SCHEMA, "threshold": 0.5, "quote": head, "speaker": head, "provenance": {"data": []}}


# -- the file: data only, checked ------------------------------------------------------------


class _Payload:
    """Unpickling this would create the marker file: a scorer file must never be unpickled."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def test_a_pickled_file_is_refused_and_runs_nothing(tmp_path) -> None:
    marker = tmp_path / "executed"
    crafted = tmp_path / "scorer.json"
    crafted.write_bytes(pickle.dumps(_Payload(str(marker))))
    with pytest.raises(ScorerError, match="E601"):
        load_scorer(crafted)
    assert not marker.exists()


@pytest.mark.parametrize(
    "change, why",
    [
        (lambda d: d.update(schema="quotes-scorer/0"), "schema"),
        (lambda d: d.update(extra=1), "exactly"),
        (lambda d: d.update(threshold=2), "threshold"),
        (lambda d: d["quote"].update(bias="__import__('os').system('true')"), "bias"),
        (lambda d: d["quote"]["weights"].update({"kind=direct": [1]}), "weights"),
        (lambda d: d["quote"]["calibration"].update(y=[0.9, 0.5, 0.1]), "decrease"),
        (lambda d: d["speaker"]["calibration"].update(x=[0.0]), "same"),
        (lambda d: d["quote"]["calibration"].update(y=[0.1, 0.5, 1.5]), r"\[0, 1\]"),
        (lambda d: d.update(provenance=[]), "provenance"),
    ],
)
def test_malformed_scorers_are_refused_with_a_reason(tmp_path, change, why) -> None:
    data = _scorer_dict()
    change(data)
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ScorerError, match=why):
        load_scorer(path)


def test_nan_and_infinity_are_not_numbers_a_scorer_may_hold(tmp_path) -> None:
    text = json.dumps(_scorer_dict()).replace('"bias": 0.5', '"bias": NaN', 1)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScorerError, match="E601"):
        load_scorer(path)


def test_a_scorer_round_trips_through_its_file(tmp_path) -> None:
    scorer = Scorer.from_json(json.dumps(_scorer_dict()))
    again = Scorer.from_json(scorer.to_json())
    assert again == scorer
    assert scorer.to_json() == again.to_json()


# -- probabilities -------------------------------------------------------------------------


def test_calibration_is_linear_between_knots_and_flat_outside() -> None:
    cal = Calibration((-1.0, 0.0, 2.0), (0.1, 0.5, 0.9))
    assert cal(-5) == 0.1 and cal(9) == 0.9
    assert cal(1.0) == pytest.approx(0.7)
    assert cal(-0.5) == pytest.approx(0.3)


def test_a_head_sums_its_weights_then_calibrates() -> None:
    head = Head({"a": 1.0, "b": -0.5}, 0.25, Calibration((-1.0, 1.0), (0.0, 1.0)))
    assert head.margin(["a", "b", "unknown"]) == pytest.approx(0.75)
    assert head.probability(["a", "b"]) == pytest.approx(0.875)


def test_the_default_scorer_ships_and_states_its_provenance() -> None:
    scorer = default_scorer()
    assert scorer is not None
    corpora = {d["corpus"] for d in scorer.provenance["data"]}
    assert corpora == {"corpus", "diplo-dev", "polnear-train"}
    assert "no text" in scorer.provenance["holds"]
    for head in (scorer.quote, scorer.speaker):
        ys = head.calibration.y
        assert all(0.0 <= y <= 1.0 for y in ys) and list(ys) == sorted(ys)


def test_extracted_confidences_are_the_scorers_probabilities() -> None:
    import quotes

    result = quotes.extract('"We will win," said Jane Smith. She said that the vote would be close.')
    assert result.quotes
    for q in result.quotes:
        assert q.confidence is not None and 0.0 <= q.confidence <= 1.0
        assert q.speaker_confidence is not None and 0.0 <= q.speaker_confidence <= 1.0


# -- measures ------------------------------------------------------------------------------------


def test_expected_calibration_error_by_hand() -> None:
    # Bin [0.9, 1.0): two at 0.95, one right -> |0.95 - 0.5| = 0.45, weight 2/4.
    # Bin [0.1, 0.2): two at 0.15, none right -> 0.15, weight 2/4.
    rel = Reliability.of([0.95, 0.95, 0.15, 0.15], [True, False, False, False])
    assert rel.ece == pytest.approx(0.5 * 0.45 + 0.5 * 0.15)
    assert [n for _, _, n, _, _ in rel.bins] == [2, 2]


def test_precision_and_recall_at_a_threshold() -> None:
    a = at_threshold([0.95, 0.8, 0.4], [True, False, True], gold=4, t=0.7)
    assert a == AtThreshold(0.7, 2, 0.5, 0.25)
    assert a.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_folds_are_by_document_and_stable() -> None:
    assert fold_of("corpus/a.txt", 5) == fold_of("corpus/a.txt", 5)
    assert len({fold_of(f"c/{i}.txt", 5) for i in range(50)}) == 5


# -- training ------------------------------------------------------------------------------------


def test_quotes_train_is_deterministic_and_its_file_is_used(tmp_path) -> None:
    pytest.importorskip("sklearn")
    runner = CliRunner()
    outs = []
    for n in (1, 2):
        out = tmp_path / f"scorer{n}.json"
        res = runner.invoke(cli, ["train", "--corpus", str(ROOT / "corpus"), "--folds", "2", "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert "quote ECE" in res.output and "confidence >= 0.90" in res.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    scorer = load_scorer(tmp_path / "scorer1.json")
    assert [d["corpus"] for d in scorer.provenance["data"]] == ["corpus"]
    text = tmp_path / "t.txt"
    text.write_text('"We will win," said Jane Smith.\n', encoding="utf-8")
    res = runner.invoke(cli, ["extract", str(text), "--scorer", str(tmp_path / "scorer1.json"), "-q"])
    assert res.exit_code == 0, res.output
    [record] = [json.loads(line) for line in res.stdout.splitlines()]
    q = record["quotes"][0]
    assert math.isclose(q["confidence"], round(scorer.quote.probability(_features_of(text)), 4), abs_tol=1e-4)


def _features_of(path: Path) -> tuple[str, ...]:
    """The features of the only quote of a text, through the recording step."""
    from quotes.extraction.nlp import load_parser
    from quotes.model import DocumentResult
    from quotes.scoring.train import Collector

    nlp = load_parser(None)
    text = path.read_text(encoding="utf-8")
    doc = nlp(text)
    examples = Collector("en").document("t", "t.txt", doc, DocumentResult("t.txt", ""))
    [example] = examples.items
    return example.features


def test_extract_options_kinds_min_confidence_and_bad_scorer(tmp_path) -> None:
    text = tmp_path / "t.txt"
    text.write_text(
        '"We will win," said Jane Smith. She said that the vote would be close.\n', encoding="utf-8"
    )
    runner = CliRunner()
    res = runner.invoke(cli, ["extract", str(text), "--kinds", "direct", "-q"])
    kinds = {q["kind"] for q in json.loads(res.stdout)["quotes"]}
    assert res.exit_code == 0 and kinds == {"direct"}
    res = runner.invoke(cli, ["extract", str(text), "--min-confidence", "1.0", "-q"])
    assert res.exit_code == 0 and json.loads(res.stdout)["quotes"] == []
    assert runner.invoke(cli, ["extract", str(text), "--kinds", "direct,quoted"]).exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "quotes-scorer/1"}', encoding="utf-8")
    res = runner.invoke(cli, ["extract", str(text), "--scorer", str(bad)])
    assert res.exit_code == 2 and "E601" in res.output
    res = runner.invoke(cli, ["extract", str(text), "--no-scorer", "-q"])
    assert all("speaker_confidence" not in q for q in json.loads(res.stdout)["quotes"])
