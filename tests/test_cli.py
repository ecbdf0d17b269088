"""The command line: a batch over bad inputs, formats that parse back, resume after kill -9, -j, show, usage."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotes.api import load_pipeline
from quotes.cli import MODEL_HELP, cli
from quotes.files.formats import read_brat_ann
from quotes.schema import from_dict, read_text

GOOD = {
    "vote.txt": '"We will win the vote," said Jane Smith, the party leader.\n\nSmith said that the campaign was long.\n',
    "bridge.txt": 'Mayor Ana Costa said that the bridge would reopen in May.\n"It is safe," Costa told reporters.\n',
    "sub/brief.txt": "Reporter: Will the talks go on?\n\nMinister Paulo Reis: Yes. We said that we would meet again.\n",
}


@pytest.fixture(scope="module", autouse=True)
def _pipeline():
    load_pipeline(None)  # once for every in-process command below


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def write_corpus(root: Path) -> dict[str, str]:
    """Good files and every kind of bad one; returns name -> expected error code (None for good)."""
    root.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str | None] = {}
    for rel, text in GOOD.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
        expected[rel] = None
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "latin1.txt").write_bytes('"C\'est fini," said Andr\xe9 Dupr\xe9.\n'.encode("latin-1"))
    (root / "big.txt").write_text('"Long," said Al Roe. ' * 100, encoding="utf-8")
    (root / "spaced name é.txt").write_text('"Good news," said Li Wei.\n', encoding="utf-8")
    with open(os.path.join(os.fsencode(root), b"bad\xffname.txt"), "wb") as f:
        f.write(b'"Odd name," said Bo Ek.\n')
    expected.update(
        {
            "empty.txt": "E101",
            "binary.txt": "E102",
            "latin1.txt": None,
            "big.txt": "E105",
            "spaced name é.txt": None,
            "bad\\xffname.txt": None,
        }
    )
    return expected


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_batch_over_bad_inputs(tmp_path) -> None:
    expected = write_corpus(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    res = run("extract", str(tmp_path / "in"), "-o", str(out), "--max-chars", "1000")
    assert res.exit_code == 1, res.output
    assert "documents" in res.stderr  # the summary line
    recs = records(out)
    names = [r["document"] for r in recs]
    assert sorted(names) == sorted(str(tmp_path / "in" / rel) for rel in expected)  # one record per file
    assert names == sorted(names, key=lambda n: n.split("/in/")[1].split("/"))
    for rec in recs:
        rel = rec["document"].split("/in/", 1)[1]
        if expected[rel] is None:
            assert rec["errors"] == [] and rec["quotes"], rec
        else:
            assert [e["code"] for e in rec["errors"]] == [expected[rel]] and rec["quotes"] == []
    by_rel = {r["document"].split("/in/", 1)[1]: r for r in recs}
    assert by_rel["latin1.txt"]["quotes"][0]["content"]["text"] == "C'est fini,"
    assert {q["content"]["text"] for q in by_rel["vote.txt"]["quotes"]} >= {"We will win the vote,"}
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_names_relative_to_what_was_given_and_stdin(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c/d").mkdir(parents=True)
    Path("c/d/x.txt").write_text('"Yes," said Mary Major.', encoding="utf-8")
    res = run("extract", "c", "-", input='"No," said Tom Minor.')
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["document"] for r in recs] == ["c/d/x.txt", "-"]
    assert recs[1]["quotes"][0]["content"]["text"] == "No,"


def test_jobs_two_gives_the_same_output(tmp_path) -> None:
    write_corpus(tmp_path / "in")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("extract", str(tmp_path / "in"), "-o", str(one), "-j", "1").exit_code == 1
    assert run("extract", str(tmp_path / "in"), "-o", str(two), "-j", "2").exit_code == 1
    assert one.read_bytes() == two.read_bytes()


def test_csv_parses_back(tmp_path) -> None:
    expected = write_corpus(tmp_path / "in")
    out = tmp_path / "q.csv"
    assert (
        run(
            "extract", str(tmp_path / "in"), "-o", str(out), "--format", "csv", "--max-chars", "1000"
        ).exit_code
        == 1
    )
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["document"].split("/in/", 1)[1] for r in rows} == set(expected)  # every document appears
    quotes = [r for r in rows if r["quote"]]
    assert quotes
    for r in quotes:
        rel = r["document"].split("/in/", 1)[1]
        if rel in GOOD:
            text = GOOD[rel]
            for span in ("content", "cue", "mention"):
                if r[f"{span}_start"]:
                    assert text[int(r[f"{span}_start"]) : int(r[f"{span}_end"])] == r[span]
        assert r["kind"] in ("direct", "mixed", "indirect", "transcript")
        assert r["speaker"] and r["speaker_id"]
    failed = [r for r in rows if r["errors"]]
    assert {r["errors"][:4] for r in failed} == {"E101", "E102", "E105"}


def test_brat_parses_back(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "in")
    out = tmp_path / "brat"
    res = run("extract", "in", "-o", "brat", "--format", "brat", "--max-chars", "1000")
    assert res.exit_code == 1
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    declared = {
        line.strip() for line in conf.split("[relations]")[0].splitlines() if line and line[0].isupper()
    }
    assert declared == {"Direct", "Mixed", "Indirect", "Transcript", "Cue", "Mention"}
    anns = sorted(out.rglob("*.ann"))
    # Every file with a text, under its name as given: the good ones, Latin-1, and the odd names.
    assert [str(p.relative_to(out)) for p in anns] == [
        "in/bad\\xffname.ann",
        "in/bridge.ann",
        "in/latin1.ann",
        "in/spaced name é.ann",
        "in/sub/brief.ann",
        "in/vote.ann",
    ]
    n_quotes = 0
    for ann in anns:
        text = read_text(ann.with_suffix(".txt"))
        for _tid, kind, frags, shown in read_brat_ann(ann.read_text(encoding="utf-8")):
            assert kind in declared
            assert shown == " ".join(text[s:e] for s, e in frags)
            n_quotes += kind not in ("Cue", "Mention")
    recs = records(out / "quotes.jsonl")
    assert n_quotes == sum(len(r["quotes"]) for r in recs)
    assert read_text(out / "in" / "latin1.txt").startswith('"C\'est fini," said André')  # copied as UTF-8


def test_show_html_contains_every_quote(tmp_path) -> None:
    src = tmp_path / "brief.txt"
    src.write_text(
        GOOD["sub/brief.txt"] + '\n<script>alert("x")</script> & "fine," said Li Wei.\n', encoding="utf-8"
    )
    page = tmp_path / "page.html"
    assert run("show", str(src), "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "http://" not in html and "https://" not in html
    # From the JSON Lines of a run, with the text found through "document".
    out = tmp_path / "q.jsonl"
    run("extract", str(src), "-o", str(out))
    [rec] = records(out)
    assert rec["quotes"]
    page2 = tmp_path / "page2.html"
    assert run("show", str(out), "-o", str(page2)).exit_code == 0
    html2 = page2.read_text(encoding="utf-8")
    import html as htmlmod

    for q in rec["quotes"]:
        assert f'id="d0-{q["id"]}"' in html2 and f'id="d0-{q["id"]}"' in html
        assert htmlmod.escape(q["content"]["text"].split("\n")[0]) in html2
    res = run("show", str(src))  # the terminal rendering
    assert res.exit_code == 0 and "Li Wei" in res.stdout


def test_show_says_why_when_texts_are_missing_and_finds_them_with_texts(tmp_path, monkeypatch) -> None:
    """Issue 18: a page whose texts were not found says why on standard error (exit 1); --texts DIR
    says where they are."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text('"We are ready," said Ann Lee.\n', encoding="utf-8")
    monkeypatch.chdir(texts)
    out = tmp_path / "runs" / "q.jsonl"
    out.parent.mkdir()
    assert run("extract", "a.txt", "-o", str(out), "-q").exit_code == 0
    monkeypatch.chdir(tmp_path)  # the texts are neither here nor beside q.jsonl
    page = tmp_path / "page.html"
    res = run("show", str(out), "-o", str(page))
    assert res.exit_code == 1
    assert "a.txt: the text 'a.txt' was not found" in res.stderr and "--texts" in res.stderr
    res = run("show", str(out), "-o", str(page), "--texts", str(texts))
    assert res.exit_code == 0, res.stderr
    assert "We are ready" in page.read_text(encoding="utf-8")


def test_timeout_gives_e106(tmp_path) -> None:
    (tmp_path / "a.txt").write_text('"Quick," said Ann Lee.', encoding="utf-8")
    (tmp_path / "b.txt").write_text('"Slow," said Bo Ek. ' * 8000, encoding="utf-8")  # ~10 s to parse
    out = tmp_path / "o.jsonl"
    assert run("extract", str(tmp_path), "-o", str(out), "--timeout", "3").exit_code == 1
    a, b = records(out)
    assert a["quotes"] and not a["errors"]
    assert [e["code"] for e in b["errors"]] == ["E106"] and not b["quotes"]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "xml", "x"],
        ["-j", "0", "x"],
        ["--resume", "x"],
        ["--format", "brat", "x"],
        ["--timeout", "-1", "x"],
        ["--max-chars", "0", "x"],
        ["--bogus", "x"],
        ["-", "-"],
    ],
)
def test_usage_errors_exit_2(args) -> None:
    assert run("extract", *args).exit_code == 2


def test_usage_errors_exit_2_for_outputs(tmp_path) -> None:
    (tmp_path / "f").write_text("x")
    assert run("extract", "x", "-o", str(tmp_path)).exit_code == 2  # jsonl into a directory
    assert run("extract", "x", "-o", str(tmp_path / "f"), "--format", "brat").exit_code == 2
    assert run("extract", "x", "--model", "no_such_pipeline_xyz").exit_code == 2
    assert run("show", str(tmp_path / "missing.txt")).exit_code == 2
    assert run("nonsense").exit_code == 2


def test_same_options_everywhere() -> None:
    helps = {name: run(name, "--help").stdout for name in ("extract", "speakers", "bench", "show")}
    for name, text in helps.items():
        assert "--model" in text, name
    assert MODEL_HELP.split(" (")[0] in " ".join(helps["bench"].split())
    for opt in ("--glob", "--max-chars", "--jobs", "--timeout", "--quiet"):
        assert opt in helps["extract"] and opt in helps["speakers"]


def test_speakers_over_texts_and_jsonl(tmp_path) -> None:
    write_corpus(tmp_path / "in")
    res = run("speakers", str(tmp_path / "in"), "--json", str(tmp_path / "s.json"), "--max-chars", "1000")
    assert res.exit_code == 1  # the bad files are reported
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["schema"] == "quotes-speakers/1"
    names = {s["name"] for s in data["speakers"]}
    assert "Jane Smith" in names and len(names) >= 4
    fields = {"id", "name", "entity_type", "aliases", "titles", "descriptions", "affiliation", "role_only"}
    assert all(fields | {"quotes", "kinds", "documents"} <= set(s) for s in data["speakers"])
    assert [s["quotes"] for s in data["speakers"]] == sorted(
        (s["quotes"] for s in data["speakers"]), reverse=True
    )


# -- a real interruption: kill -9 mid-run, then --resume ----------------------------------


def _resume_corpus(root: Path, n: int = 40) -> None:
    root.mkdir()
    people = ["Jane Smith", "John Smith", "Ana Costa", "Paulo Reis", "Li Wei"]
    for i in range(n):
        a, b = people[i % 5], people[(i * 2 + 1) % 5]
        body = (
            f'"Item {i} is on the agenda," said {a}, who spoke after the meeting on Monday.\n\n'
            f"{b.split()[-1]} said that the second item would wait until the next session in June.\n\n"
            f'"We agree on most points," {b} told reporters, adding that talks would continue.\n'
        ) * 3
        (root / f"doc{i:03d}.txt").write_text(body, encoding="utf-8")


def _started(corpus: Path, out: Path, *options: str, limit: float = 120) -> subprocess.Popen:
    """`quotes extract CORPUS -o OUT` in a process of its own, once five records are in OUT.partial."""
    partial = out.with_name(out.name + ".partial")
    cmd = [sys.executable, "-m", "quotes.cli", "extract", str(corpus), "-o", str(out), "-q", *options]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        if partial.exists() and partial.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped: " + proc.stderr.read().decode()
    return proc


def _resumed_as_a_clean_run(tmp_path: Path, corpus: Path, out: Path, documents: int) -> None:
    """--resume finishes OUT, and OUT is byte for byte what an uninterrupted run writes."""
    res = run("extract", str(corpus), "-o", str(out), "--resume")
    assert res.exit_code == 0, res.output
    assert not out.with_name(out.name + ".partial").exists()
    full = tmp_path / "full.jsonl"
    assert run("extract", str(corpus), "-o", str(full)).exit_code == 0
    assert out.read_bytes() == full.read_bytes()
    assert len(records(out)) == documents


def test_resume_after_kill(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    _resume_corpus(corpus)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    proc = _started(corpus, out)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    assert not out.exists()  # never half-written
    done = partial.read_text(encoding="utf-8").splitlines()
    assert 5 <= len(done) < 40
    for line in done:  # whole records only
        from_dict(json.loads(line))
    _resumed_as_a_clean_run(tmp_path, corpus, out, 40)


def _processes_running(marker: str) -> list[int]:
    """PIDs whose command line holds ``marker`` (the forked workers share their parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc to find the workers")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_resume_after_the_main_process_of_a_parallel_run_is_stopped(tmp_path, sig) -> None:
    """Issue 18: a -j 2 run stopped by SIGTERM (timeout, docker stop) or SIGKILL leaves no worker
    holding the partial file's lock: --resume runs at once and ends byte-identical to a clean run."""
    corpus = tmp_path / "corpus"
    _resume_corpus(corpus, n=60)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    proc = _started(corpus, out, "-j", "2", limit=180)
    os.kill(proc.pid, sig)
    status = proc.wait(timeout=60)
    proc.stderr.close()
    assert status == (143 if sig == signal.SIGTERM else -signal.SIGKILL)
    assert not out.exists()  # never half-written
    # No orphaned worker stays behind (an idle one notices its parent is gone within a second or so).
    deadline = time.monotonic() + 30
    while _processes_running(str(corpus)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_running(str(corpus)) == []
    for line in partial.read_text(encoding="utf-8").splitlines():  # whole records only
        from_dict(json.loads(line))
    _resumed_as_a_clean_run(tmp_path, corpus, out, 60)


def test_a_forked_child_does_not_keep_the_partial_files_lock(tmp_path) -> None:
    """The lock on OUT.partial is the writing process's alone: a forked child closes its copy, so a
    second writer gets in as soon as the first one is gone, whatever its children do."""
    from quotes.files.formats import PartialFile

    target = tmp_path / "out.jsonl"
    first = PartialFile(target, resume=False)
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child (its at-fork hooks have run): say so, then sleep while the parent lets go
        os.write(ready_w, b"x")
        time.sleep(3)
        os._exit(0)
    try:
        assert os.read(ready_r, 1) == b"x"  # the child is past fork, as a worker is when it takes work
        first.close()
        second = PartialFile(target, resume=True)  # ResumeError here if the child held the lock
        second.close()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(ready_r)
        os.close(ready_w)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "brat"])
def test_resume_replaces_the_record_of_a_changed_file(tmp_path, fmt) -> None:
    """Issue 18: --resume after an input file changed gives one record per document, the new one."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"d{i}.txt").write_text(f'"Item {i} is ready," said Jane Smith.\n', encoding="utf-8")
    out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
    assert run("extract", str(corpus), "-o", str(out), "--format", fmt, "-q").exit_code == 0
    (corpus / "d1.txt").write_text('"Item 1 moved to May," said Ana Costa.\n', encoding="utf-8")
    res = run("extract", str(corpus), "-o", str(out), "--format", fmt, "--resume")
    assert res.exit_code == 0, res.output
    assert "3 documents" in res.output  # the replaced record is not counted twice
    fresh = tmp_path / ("fresh" if fmt == "brat" else f"fresh.{fmt}")
    assert run("extract", str(corpus), "-o", str(fresh), "--format", fmt, "-q").exit_code == 0
    if fmt == "csv":
        with open(out, newline="", encoding="utf-8") as f, open(fresh, newline="", encoding="utf-8") as g:
            got, want = list(csv.reader(f)), list(csv.reader(g))
        assert got[0] == want[0]
        assert sorted(got[1:]) == sorted(want[1:])
        return
    got_path = out / "quotes.jsonl" if fmt == "brat" else out
    want_path = fresh / "quotes.jsonl" if fmt == "brat" else fresh
    got = sorted(records(got_path), key=lambda r: r["document"])
    assert got == sorted(records(want_path), key=lambda r: r["document"])
    assert [Path(r["document"]).name for r in got] == ["d0.txt", "d1.txt", "d2.txt"]
    if fmt == "brat":  # the changed document's files were rewritten in place, not added beside
        files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        assert files == sorted(str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file())
        for name in files:
            if name.endswith((".ann", ".txt")):
                assert (out / name).read_bytes() == (fresh / name).read_bytes()


def test_module_entry_point() -> None:
    res = subprocess.run([sys.executable, "-m", "quotes.cli", "--help"], capture_output=True, text=True)
    assert res.returncode == 0 and "extract" in res.stdout
    assert io.StringIO  # keep the import for readers of this file


# -- small things a newcomer trips on (issue 18) ------------------------------------------


def test_an_empty_directory_is_an_error_not_zero_documents(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    res = run("extract", str(tmp_path / "empty"), "-q")
    assert res.exit_code == 2
    assert "no documents" in res.output


def test_output_in_a_missing_directory_is_a_usage_error(tmp_path) -> None:
    write_corpus(tmp_path / "in")
    res = run("extract", str(tmp_path / "in"), "-o", str(tmp_path / "nodir" / "out.jsonl"), "-q")
    assert res.exit_code == 2
    assert "does not exist" in res.output and "Errno" not in res.output


def test_format_follows_the_output_name_and_must_agree_with_it(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text('"We will win," said Jane Smith.', encoding="utf-8")
    res = run("extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.csv"), "-q")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0].startswith("document")
    res = run("extract", str(tmp_path / "in"), "-o", str(tmp_path / "x.jsonl"), "--format", "csv", "-q")
    assert res.exit_code == 2
    assert "does not match" in res.output


def test_help_lists_every_exit_status_and_counts_read_right(tmp_path) -> None:
    assert "130" in run("--help").output
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text('"We will win," said Jane Smith.', encoding="utf-8")
    res = run("extract", str(tmp_path / "in"), "-o", str(tmp_path / "o.jsonl"))
    assert "1 document," in res.output and "1 quote," in res.output and "1 speaker," in res.output


def test_a_wrong_model_names_the_installed_pipelines_and_exits_2_everywhere(tmp_path) -> None:
    (tmp_path / "a.txt").write_text('"Yes," she said.', encoding="utf-8")
    for command in (["extract", str(tmp_path / "a.txt")], ["bench", "--corpus", "corpus"]):
        res = CliRunner().invoke(cli, [*command, "--model", "no_such_pipeline_xyz"])
        assert res.exit_code == 2, command
        assert "Installed pipelines: " in res.output and "pip install" in res.output, res.output
