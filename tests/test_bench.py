"""The benchmark runner: systems registry, the textacy adapter, validation, the CLI and its JSON."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.evaluation import bench
from quotes.evaluation.bench import (
    GOLD_KEY,
    SYSTEMS,
    BenchError,
    bench_command,
    default_systems,
    load_corpus,
    register_system,
    run_benchmark,
    slugify,
    textacy_system,
)
from quotes.model import DocumentResult, Quote, Span
from quotes.schema import from_dict, sha256_text, to_dict

HERE = Path(__file__).parent
TINY = HERE / "data" / "bench_corpus"
MAIN_CORPUS = HERE.parent / "corpus"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session (the CLI reuses the same cached object)."""
    return bench.load_pipeline(None)


@pytest.fixture
def scratch_system():
    """Register throw-away systems and remove them afterwards."""
    added: list[str] = []

    def add(name, fn, **kw):
        register_system(name, **kw)(fn)
        added.append(name)
        return fn

    yield add
    for name in added:
        SYSTEMS.pop(name, None)


def all_figures_one(scores) -> None:
    figures = scores.figures()
    assert figures, "no figures"
    assert all(v == 1.0 for v in figures.values()), {k: v for k, v in figures.items() if v != 1.0}


# -- registry ---------------------------------------------------------------------


def test_registry_defaults():
    assert {"textacy", "quotes", "gold"} <= set(SYSTEMS)
    assert "gold" not in default_systems()
    assert {"textacy", "quotes"} <= set(default_systems())


def test_slugify():
    assert slugify("Sen. Ted Cruz") == "sen-ted-cruz"
    assert slugify("Señor Núñez") == "senor-nunez"
    assert slugify("“”") == "speaker"


# -- the corpus -------------------------------------------------------------------


def test_tiny_corpus_loads_and_validates():
    docs, skipped = load_corpus(TINY)
    assert [d.name for d in docs] == ["bridge.txt", "briefing.txt", "harbour.txt"]
    assert skipped == []
    # 0 + 3 + 4 gold quotes, every kind present but none empty-handed.
    assert [len(d.gold.quotes) for d in docs] == [0, 3, 4]
    assert {q.kind for d in docs for q in d.gold.quotes} == {"direct", "mixed", "indirect", "transcript"}


def test_load_corpus_errors(tmp_path):
    with pytest.raises(BenchError, match="does not exist"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(BenchError, match="no gold"):
        load_corpus(tmp_path)


# -- the gold against itself --------------------------------------------------------


def test_gold_against_itself_on_tiny_corpus(nlp):
    result = run_benchmark(TINY, ["gold"], nlp=nlp)
    (run,) = result.runs
    assert run.errors == ()
    all_figures_one(run.scores.total)
    for ds in run.scores.documents:
        # Per document, accuracies with nothing to measure (bridge.txt has no quote) are None, the rest 1.0.
        assert all(v in (1.0, None) for v in ds.scores.figures().values()), ds.document
    assert run.scores.total.quotes.lenient.gold == 7


def test_the_benchmark_streams_its_documents(nlp, monkeypatch):
    """Issue 18: each Doc is parsed, run by every system and dropped (memory of a batch, not of the
    corpus); progress is reported per document, over all repeats."""
    import gc

    from spacy.tokens import Doc

    seen: list[tuple[int, int]] = []
    alive: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        gc.collect()
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, Doc)))

    monkeypatch.setattr(bench, "PARSE_BATCH", 2)
    run_benchmark(TINY, ["gold", "quotes"], nlp=nlp, repeat=6, on_progress=progress)
    n = len(seen) // 6
    assert n >= 3 and seen == [(i, 6 * n) for i in range(1, 6 * n + 1)]
    assert max(alive) <= 2 * 2 + 2  # a batch or two in flight, never the corpus times the repeats


@pytest.mark.skipif(not any(MAIN_CORPUS.glob("*.json")), reason="corpus/ has no gold .json files yet")
def test_gold_against_itself_on_main_corpus(nlp):
    result = run_benchmark(MAIN_CORPUS, ["gold"], nlp=nlp)
    (run,) = result.runs
    assert run.errors == ()
    all_figures_one(run.scores.total)


# -- the textacy adapter ---------------------------------------------------------------


def test_textacy_adapter_offsets_cue_mention_speakers(nlp):
    text = (
        'The vote passed. "We have waited for this day for years," Elena Ruiz and Tom Baker said on Tuesday.'
    )
    doc = nlp(text)
    result = textacy_system(doc, "x.txt")
    from_dict(to_dict(result), text=text)  # every span is a true slice of the text
    (q,) = result.quotes
    assert q.kind == "direct"
    # The content is inside the quotation marks: marks excluded, the comma inside kept.
    assert q.content.text == "We have waited for this day for years,"
    assert q.cue is not None and q.cue.text == "said"
    assert q.mention is not None and q.mention.text == "Elena Ruiz and Tom Baker"
    # One speaker per conjunct.
    assert [(s.id, s.name) for s in result.speakers_of(q)] == [
        ("elena-ruiz", "Elena Ruiz"),
        ("tom-baker", "Tom Baker"),
    ]
    assert result.sha256 == sha256_text(text)


def test_textacy_adapter_reuses_a_speaker_and_handles_curly_marks(nlp):
    text = "“The plan is sound and it is ready,” Ruiz said. “We will start work in the spring,” Ruiz said."
    result = textacy_system(nlp(text), "x.txt")
    assert [q.content.text for q in result.quotes] == [
        "The plan is sound and it is ready,",
        "We will start work in the spring,",
    ]
    assert [s.id for s in result.speakers] == ["ruiz"]
    assert [q.speaker for q in result.quotes] == [("ruiz",), ("ruiz",)]


def test_textacy_error_becomes_an_error_record(nlp):
    text = 'She said "this quotation is never closed at all. And the text goes on.'
    result = textacy_system(nlp(text), "x.txt")
    assert result.quotes == ()
    assert result.errors and result.errors[0].code == "E201"
    assert "quotation" in result.errors[0].message


# -- validation and failures -----------------------------------------------------------


def test_bad_offsets_and_crashes_count_as_errors(nlp, scratch_system):
    def bad_offsets(doc, document):
        text = doc.text
        wrong = Span(0, 5, "not the slice")
        return DocumentResult(document, sha256_text(text), (), (Quote("q1", "direct", wrong),))

    def crash(doc, document):
        raise RuntimeError("boom")

    scratch_system("_bad_offsets", bad_offsets, hidden=True)
    scratch_system("_crash", crash, hidden=True)
    result = run_benchmark(TINY, ["_bad_offsets", "_crash"], nlp=nlp)
    bad, crashed = result.runs
    assert len(bad.errors) == 3 and {e.code for _, e in bad.errors} == {"E004"}
    assert len(crashed.errors) == 3 and "RuntimeError: boom" in crashed.errors[0][1].message
    for run in (bad, crashed):
        # Predicting nothing: 0 hits of 7 gold; precision 0 (gold is not empty) except on the empty bridge.txt.
        assert run.scores.total.quotes.lenient.pred == 0
        assert run.scores.total.quotes.lenient.recall == 0.0
        assert all(p.quotes == () for p in run.predictions)


def test_only_the_gold_system_sees_the_gold(nlp, scratch_system):
    seen = []
    scratch_system("_peek", lambda doc, document: seen.append(GOLD_KEY in doc.user_data), hidden=True)
    result = run_benchmark(TINY, ["gold", "_peek", "gold"], nlp=nlp)
    assert seen == [False, False, False]
    assert [r.name for r in result.runs] == ["gold", "_peek"]  # a name given twice runs once
    all_figures_one(result.runs[0].scores.total)


def test_gold_system_needs_the_runner(nlp):
    with pytest.raises(LookupError):
        SYSTEMS["gold"].run(nlp("Text."), "x.txt")
    doc = nlp("Text.")
    gold = DocumentResult("x.txt", sha256_text("Text."))
    doc.user_data[GOLD_KEY] = gold
    assert SYSTEMS["gold"].run(doc, "x.txt") is gold


# -- the command ------------------------------------------------------------------------


def test_cli_end_to_end(tmp_path, nlp):
    out = tmp_path / "out.json"
    res = CliRunner().invoke(
        bench_command,
        ["--corpus", str(TINY), "--system", "gold", "--system", "textacy", "--json", str(out)],
    )
    assert res.exit_code == 0, res.output
    text = res.output
    for header in ("system", "lenient", "strict", "indirect", "transcript", "mention", "docs/s", "×parse"):
        assert header in text
    scores, _, index = text.partition("Speaker index")
    header = next(line for line in scores.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.split("┃")[1:-1]] == ["system", "gold", "textacy"]
    rows = [
        [c.strip() for c in line.split("│")[1:-1]] for line in scores.splitlines() if line.startswith("│ ")
    ]
    # One row per figure; the gold column is 1.000 in every one of its 14 scores.
    assert [r[1] for r in rows].count("1.000") == 14
    assert {r[0] for r in rows} >= {"lenient F1", "strict F1", "indirect R", "attr acc", "×parse"}
    # The speaker index table: gold's own speakers are one id per person, named as gold names them.
    index_rows = [line for line in index.splitlines() if line.startswith("│ ")]
    gold_row = next(r for r in index_rows if r.split("│")[1].strip() == "gold")
    assert gold_row.count("1.000") == 5  # B³ P, R, F1, name accuracy, attribution with descriptions

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "quotes-bench/1"
    assert data["date"]
    assert {"platform", "cpu_count"} <= set(data["machine"])
    assert data["versions"]["spacy"].startswith("3.8")
    assert data["model"]["version"]
    assert data["documents"] == 3 and data["repeat"] == 1
    assert set(data["systems"]) == {"gold", "textacy"}
    gold = data["systems"]["gold"]
    assert all(v == 1.0 for v in gold["figures"].values())
    assert gold["scores"]["quotes"]["lenient"] == {
        "gold": 7,
        "pred": 7,
        "hits_gold": 7,
        "hits_pred": 7,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert [d["document"] for d in gold["documents"]] == ["bridge.txt", "briefing.txt", "harbour.txt"]
    assert gold["documents"][0]["attribution"]["accuracy"] is None  # bridge.txt: no quote
    for key in ("seconds", "docs_per_second", "tokens_per_second", "x_parse"):
        assert gold[key] > 0
    tx = data["systems"]["textacy"]
    assert set(tx["scores"]["by_kind"]) == {"direct", "mixed", "indirect", "transcript"}
    # textacy finds direct quotes only: the indirect and transcript gold quotes are all missed.
    missed = {m["text"] for d in tx["documents"] for m in d["missed"]}
    assert "the cost would be recovered within a decade" in missed
    assert "When will the relief funds arrive?" in missed
    assert tx["scores"]["by_kind"]["indirect"]["lenient"]["hits_gold"] == 0


def test_cli_misses_and_repeat(tmp_path, nlp):
    out = tmp_path / "out.json"
    res = CliRunner().invoke(
        bench_command,
        ["--corpus", str(TINY), "--system", "textacy", "--misses", "--repeat", "2", "--json", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert "textacy: misses" in res.output
    assert "missed" in res.output and "the cost would be recovered within a decade" in res.output
    assert "— Elena Ruiz + Tom Baker" in res.output  # the joint speakers of a missed quote
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["repeat"] == 2
    assert data["systems"]["textacy"]["scores"]["documents"] == 3  # scored once


def test_misses_say_which_rule_found_a_quote(nlp):
    """A spurious or misattributed quote names the rule that found it (Candidate.rule, a typed field)."""
    res = CliRunner().invoke(bench_command, ["--corpus", str(TINY), "--system", "quotes", "--misses"])
    assert res.exit_code == 0, res.output
    lines = [line for line in res.output.splitlines() if line.lstrip().startswith(("spurious", "speaker"))]
    assert lines, res.output
    assert all(
        re.search(r"\((label|signed-post|direct-[a-z]+|reported-[a-z-]+)\)$", line) for line in lines
    ), lines


def test_cli_unavailable_system_is_one_line_and_no_row(scratch_system, nlp):
    scratch_system("_absent", lambda doc, document: None, hidden=True, prepare=lambda: "not installed here")
    res = CliRunner().invoke(
        bench_command, ["--corpus", str(TINY), "--system", "_absent", "--system", "gold"]
    )
    assert res.exit_code == 0, res.output
    assert "system '_absent' is not available: not installed here" in res.output
    scores = res.output.partition("Speaker index")[0]
    header = next(line for line in scores.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.split("┃")[1:-1]] == ["system", "gold"]


def test_cli_errors_are_shown_under_the_table(scratch_system, nlp):
    def crash(doc, document):
        raise ValueError("cannot cope")

    scratch_system("_crash", crash, hidden=True)
    res = CliRunner().invoke(bench_command, ["--corpus", str(TINY), "--system", "_crash"])
    assert res.exit_code == 0, res.output
    assert "_crash: 3 error(s) in 3 document(s)" in res.output
    assert "ValueError: cannot cope" in res.output


def test_cli_unknown_system_and_missing_corpus(tmp_path):
    res = CliRunner().invoke(bench_command, ["--corpus", str(TINY), "--system", "nope"])
    assert res.exit_code != 0 and "unknown system(s) nope" in res.output
    res = CliRunner().invoke(bench_command, ["--corpus", str(tmp_path / "missing")])
    assert res.exit_code != 0 and "does not exist" in res.output


def test_cli_default_corpus_is_relative_to_cwd_and_skips_texts_without_gold(tmp_path, monkeypatch, nlp):
    shutil.copytree(TINY, tmp_path / "corpus")
    (tmp_path / "corpus" / "extra.txt").write_text("No gold for this one.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(bench_command, ["--system", "gold"])
    assert res.exit_code == 0, res.output
    assert "1 text(s) without gold were skipped: extra.txt" in res.output


def test_cli_invalid_gold_is_reported(tmp_path):
    shutil.copytree(TINY, tmp_path / "c")
    gold = tmp_path / "c" / "harbour.json"
    data = json.loads(gold.read_text(encoding="utf-8"))
    data["quotes"][0]["content"]["start"] += 1
    gold.write_text(json.dumps(data), encoding="utf-8")
    res = CliRunner().invoke(bench_command, ["--corpus", str(tmp_path / "c"), "--system", "gold"])
    assert res.exit_code != 0
    assert "invalid gold" in res.output and "harbour.json" in res.output


def test_module_main_help(capsys):
    with pytest.raises(SystemExit) as exc:
        bench.main(["--help"])
    assert exc.value.code == 0
    assert "--repeat" in capsys.readouterr().out


def test_the_table_fits_a_100_column_terminal(nlp):
    """Every figure whole at 100 columns: no cell cut to '…'."""
    res = CliRunner().invoke(
        bench_command,
        ["--corpus", str(TINY), "--system", "gold", "--system", "textacy"],
        env={"COLUMNS": "100"},
        terminal_width=100,
    )
    assert res.exit_code == 0, res.output
    table = [line for line in res.output.splitlines() if line.startswith(("│", "┃", "┏", "└"))]
    assert table and all(len(line) <= 100 for line in table)
    assert "…" not in "\n".join(table)


def test_confidence_tables_and_plots(tmp_path, nlp):
    """Issue 17: ECE, precision/recall at thresholds and a reliability table for a system with
    confidences (quotes); none for one without (textacy); --plot writes two PNGs."""
    plots = tmp_path / "plots"
    out = tmp_path / "out.json"
    res = CliRunner().invoke(
        bench_command,
        [
            "--corpus",
            str(TINY),
            "--system",
            "quotes",
            "--system",
            "textacy",
            "--plot",
            str(plots),
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "ECE" in res.output and "P ≥ 0.9" in res.output and "Reliability" in res.output
    for name in ("reliability.png", "precision-recall.png"):
        assert (plots / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    conf = data["systems"]["quotes"]["confidence"]
    assert 0.0 <= conf["ece"] <= 1.0 and [a["threshold"] for a in conf["at_threshold"]] == [0.5, 0.7, 0.9]
    predicted = data["systems"]["quotes"]["scores"]["quotes"]["lenient"]["pred"]
    assert predicted > 0 and sum(b["quotes"] for b in conf["reliability"]) == predicted
    assert data["systems"]["textacy"]["confidence"] is None
