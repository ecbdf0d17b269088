"""quotes.scale.dask: the same output on a Dask cluster as locally, and nothing lost when workers die.

One ``LocalCluster`` (two worker processes, one thread each) serves the
module. The reference is the local batch (``quotes.scale.batch.run_batch`` into a
JSON Lines sink: what ``quotes extract DIR -o OUT`` runs) on the same files.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

try:
    import dask.bag  # noqa: F401
    import distributed  # noqa: F401

    HAVE_DASK = True
except ImportError:
    HAVE_DASK = False

needs_dask = pytest.mark.skipif(
    not HAVE_DASK, reason='dask/distributed are not installed (pip install -e ".[dask]")'
)

# Small texts written for these tests; the same people recur so that speaker ids link across files.
TEXTS = {
    "a01.txt": 'Jane Smith, the party leader, spoke on Monday. "We will win this vote," Smith told reporters.\n',
    "a02.txt": '"The budget is balanced," said Finance Minister Tom Okafor. Okafor added that taxes would not rise.\n',
    "a03.txt": 'Smith said the campaign had raised record sums.\n\n"It is a new era," she said.\n',
    "a04.txt": "Reporter: Will you resign?\nOkafor: No. I have work to do.\n",
    "a05.txt": 'According to Tom Okafor, the deficit "will be gone by spring."\n',
    "a06.txt": "Nothing was said today; the meeting was cancelled.\n",
    "sub/b01.txt": '"We are ready," Jane Smith said. Her rival, Ana Ruiz, said the plan would fail.\n',
    "sub/b02.txt": 'Ruiz told the paper that she would stand again. "This is not over," she said.\n',
}


def _write_corpus(root: Path) -> Path:
    corpus = root / "corpus"
    for rel, text in TEXTS.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(text, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    (corpus / "latin1.txt").write_bytes('"Ça va," said Zoë Martin.\n'.encode("cp1252"))
    (corpus / "whitespace.txt").write_bytes(b" \n\t \n")
    # A file name that is not UTF-8: it must reach the worker and come back with the local display name.
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text('"Coffee helps," said Ana Ruiz.\n', encoding="utf-8")
    return corpus


def _local(paths: list[str], out: Path, *, resume: bool = False, timeout: float | None = 120.0) -> bytes:
    """What ``quotes extract PATHS -o OUT`` writes, run in this process."""
    from quotes.files.formats import make_sink
    from quotes.files.inputs import iter_documents
    from quotes.scale.batch import run_batch
    from quotes.scale.linking import SpeakerIndex

    sink = make_sink("jsonl", str(out), resume=resume)
    run_batch(iter_documents(paths), sink, index=SpeakerIndex(), timeout=timeout)
    return out.read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("dask-corpus"))


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _local([str(corpus)], tmp_path_factory.mktemp("dask-ref") / "ref.jsonl")


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster,
        Client(cluster) as client,
    ):
        client.wait_for_workers(2)
        yield client


def _names(data: bytes) -> list[str]:
    return [json.loads(line)["document"] for line in data.decode("utf-8").splitlines()]


def test_importing_quotes_does_not_import_dask():
    code = (
        "import sys, quotes, quotes.api, quotes.scale.batch, quotes.cli; "
        "quotes.load_pipeline; assert 'dask' not in sys.modules and 'distributed' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@needs_dask
def test_stdin_is_refused_before_anything_is_written(tmp_path):
    from quotes.scale.dask import run_on_cluster

    with pytest.raises(ValueError, match="standard input"):
        run_on_cluster(["-"], tmp_path / "out.jsonl", "tcp://127.0.0.1:1")
    assert list(tmp_path.iterdir()) == []


@needs_dask
def test_unreachable_scheduler_is_a_cluster_error(tmp_path, corpus):
    import dask

    from quotes.scale.dask import ClusterError, run_on_cluster

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(ClusterError, match="cannot reach"),
    ):
        run_on_cluster([str(corpus)], tmp_path / "out.jsonl", "tcp://127.0.0.1:9")
    assert list(tmp_path.iterdir()) == []


@needs_dask
def test_thread_time_limit_stops_python_code_in_a_thread_and_leaks_nothing():
    from quotes.scale.batch import DocumentTimeout
    from quotes.scale.dask import thread_time_limit

    seen: list[str] = []

    def worker() -> None:
        try:
            with thread_time_limit(0.05):
                while True:
                    pass
        except DocumentTimeout:
            seen.append("timeout")
        for _ in range(20):  # a block that ends in time leaves nothing pending behind it
            with thread_time_limit(0.01):
                sum(range(1000))
        time.sleep(0.05)
        seen.append("clean")

    t = threading.Thread(target=worker)
    t.start()
    t.join(10)
    assert seen == ["timeout", "clean"]


@needs_dask
def test_cluster_output_is_the_local_output(client, corpus, reference, tmp_path):
    from quotes.scale.dask import run_on_cluster

    out = tmp_path / "out.jsonl"
    progress = []
    # By address, as `quotes extract --scheduler ADDRESS` calls it (a client of its own, closed at the end).
    address = client.scheduler.address
    stats = run_on_cluster([str(corpus)], out, address, partition_size=3, on_progress=progress.append)
    assert out.read_bytes() == reference
    n = len(TEXTS) + 5
    assert stats.documents == n == len(progress) and stats.failed == 3  # empty, binary, whitespace
    assert [r.document for r in progress] == _names(reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no partial file, no spool left
    records = [json.loads(line) for line in reference.splitlines()]
    by_name = {Path(r["document"]).name: r for r in records}
    assert [e["code"] for e in by_name["empty.txt"]["errors"]] == ["E101"]
    assert [e["code"] for e in by_name["binary.txt"]["errors"]] == ["E102"]
    assert "caf\\xe9.txt" in by_name
    smith = [r for r in records if "jane-smith" in r["speakers"]]
    assert len(smith) >= 2  # linked across documents on the client


@needs_dask
def test_extract_bag_gives_the_local_records(client, corpus, reference):
    import dask.bag as db

    from quotes.scale.dask import extract_bag, link_records

    expected = [json.loads(line) for line in reference.splitlines()]
    bag = extract_bag([str(corpus)], partition_size=4)
    assert bag.npartitions == 4
    assert list(link_records(bag.compute())) == expected

    # A Bag of (path, name) pairs made by the user: read on the workers as given.
    pairs = [(str(corpus / rel), str(corpus / rel)) for rel in ("a01.txt", "a03.txt", "empty.txt")]
    records = extract_bag(db.from_sequence(pairs, npartitions=2)).compute()
    assert [r["document"] for r in records] == [name for _, name in pairs]
    assert [e["code"] for e in records[2]["errors"]] == ["E101"]


@needs_dask
def test_a_worker_killed_midway_loses_no_document(client, corpus, reference, tmp_path):
    from quotes.scale.dask import run_on_cluster

    killed: list[int] = []

    def kill_a_busy_worker(result) -> None:
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        if not busy:
            return  # the tasks in flight finished before this report (a loaded machine): try at the next
        pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    out = tmp_path / "out.jsonl"
    run_on_cluster([str(corpus)], out, client, partition_size=1, on_progress=kill_a_busy_worker)
    assert killed, "no worker was busy at any progress report"
    assert out.read_bytes() == reference
    client.wait_for_workers(2, timeout=60)  # the nanny started a new worker process
    assert killed[0] not in client.run(os.getpid).values()


@needs_dask
def test_tasks_cancelled_midway_are_sent_again(client, corpus, reference, tmp_path):
    """What ``client.restart()`` does to the run's futures (without the slow restart of the workers)."""
    from distributed import Future

    from quotes.scale.dask import run_on_cluster

    cancelled: list[str] = []

    def cancel_everything_under_way(result) -> None:
        if cancelled:
            return
        cancelled.extend(k for k in client.futures if str(k).startswith("quotes-extract"))
        client.cancel([Future(k, client) for k in cancelled])

    out = tmp_path / "out.jsonl"
    run_on_cluster([str(corpus)], out, client, partition_size=2, on_progress=cancel_everything_under_way)
    assert cancelled
    assert out.read_bytes() == reference


@needs_dask
def test_resume_skips_kept_documents_as_the_local_cli_does(client, corpus, reference, tmp_path):
    from quotes.scale.dask import run_on_cluster

    lines = reference.splitlines(keepends=True)
    # An earlier run's complete output holding the first four documents.
    for where in ("local", "cluster"):
        (tmp_path / where).mkdir()
        (tmp_path / where / "out.jsonl").write_bytes(b"".join(lines[:4]))
    local = _local([str(corpus)], tmp_path / "local" / "out.jsonl", resume=True)
    progress = []
    stats = run_on_cluster(
        [str(corpus)],
        tmp_path / "cluster" / "out.jsonl",
        client,
        resume=True,
        partition_size=3,
        on_progress=progress.append,
    )
    assert (tmp_path / "cluster" / "out.jsonl").read_bytes() == local
    assert stats.resumed == 4 and progress.count(None) == 4 and stats.documents == len(lines)

    # An interrupted cluster run leaves OUT.partial (whole records, in order); resume finishes it.
    out = tmp_path / "interrupted.jsonl"

    def interrupt(result) -> None:
        if len(seen) == 5:
            raise KeyboardInterrupt
        seen.append(result)

    seen: list = []
    with pytest.raises(KeyboardInterrupt):
        run_on_cluster([str(corpus)], out, client, partition_size=2, on_progress=interrupt)
    partial = tmp_path / "interrupted.jsonl.partial"
    assert not out.exists() and partial.read_bytes() == b"".join(lines[:6])  # the 6th was written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cluster", "interrupted.jsonl.partial", "local"]
    stats = run_on_cluster([str(corpus)], out, client, resume=True, partition_size=2)
    assert stats.resumed == 6 and not partial.exists()
    (tmp_path / "local2").mkdir()
    (tmp_path / "local2" / "out.jsonl.partial").write_bytes(b"".join(lines[:6]))
    assert out.read_bytes() == _local([str(corpus)], tmp_path / "local2" / "out.jsonl", resume=True)


@needs_dask
def test_time_bound_on_workers_gives_the_local_error_record(client, tmp_path):
    from quotes.scale.dask import run_on_cluster

    corpus = tmp_path / "slow"
    corpus.mkdir()
    sentence = 'Jane Smith said the plan, which had been debated for years, "would change everything." '
    (corpus / "long.txt").write_text(sentence * 300, encoding="utf-8")
    (corpus / "short.txt").write_text(TEXTS["a02.txt"], encoding="utf-8")
    local = _local([str(corpus)], tmp_path / "local.jsonl", timeout=0.1)
    run_on_cluster([str(corpus)], tmp_path / "cluster.jsonl", client, timeout=0.1, partition_size=1)
    got = [json.loads(line) for line in (tmp_path / "cluster.jsonl").read_bytes().splitlines()]
    want = [json.loads(line) for line in local.splitlines()]
    assert got[0] == want[0]
    assert [e["code"] for e in got[0]["errors"]] == ["E106"]
    assert got[1]["document"] == want[1]["document"]


def _poisoned(items, skip, **options):
    """Stands in for quotes.scale.dask._extract_partition: a worker that meets poison.txt dies."""
    import os

    import quotes.scale.dask

    if any(name.endswith("poison.txt") for _, name in items):
        os._exit(17)
    return quotes.scale.dask._extract_partition(items, skip, **options)


@needs_dask
def test_a_document_that_keeps_killing_workers_gets_an_error_record(client, tmp_path, monkeypatch):
    import hashlib

    import cloudpickle

    import quotes.scale.dask
    from quotes.scale.dask import run_on_cluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this module
    monkeypatch.setattr(quotes.scale.dask, "_extract_partition", _poisoned)
    corpus = tmp_path / "poison"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXTS["a01.txt"], encoding="utf-8")
    (corpus / "poison.txt").write_text("Nothing to see.\n", encoding="utf-8")
    (corpus / "z.txt").write_text(TEXTS["a02.txt"], encoding="utf-8")

    def configure(failures: int, saturation: float) -> tuple[int, float]:
        def set_(dask_scheduler):
            old = dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION
            dask_scheduler.allowed_failures, dask_scheduler.WORKER_SATURATION = failures, saturation
            return old

        return client.run_on_scheduler(set_)

    # Dask gives up on a task at its first dead worker (by default it tries 4), and a worker holds
    # one task at a time, so that no innocent document is ever queued on a worker the poison kills.
    old = configure(0, 1.0)
    try:
        stats = run_on_cluster([str(corpus)], tmp_path / "out.jsonl", client, partition_size=2)
    finally:
        configure(*old)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_bytes().splitlines()]
    assert [Path(r["document"]).name for r in records] == ["a.txt", "poison.txt", "z.txt"]
    assert stats.failed == 1
    [error] = records[1]["errors"]
    assert error["code"] == "E201" and "worker process stopped" in error["message"]
    assert records[1]["sha256"] == hashlib.sha256(b"Nothing to see.\n").hexdigest()
    assert records[0]["quotes"] and records[2]["quotes"] and not records[0]["errors"]


@needs_dask
def test_cli_scheduler_option_gives_the_local_output(client, corpus, reference, tmp_path):
    """``quotes extract DIR -o OUT --scheduler ADDRESS``: the CLI path onto the cluster."""
    from click.testing import CliRunner

    from quotes.cli import cli

    out = tmp_path / "cli.jsonl"
    address = client.scheduler.address
    run = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(out), "-q", "--scheduler", address])
    assert run.exit_code == 1, run.output  # the corpus holds bad files: exit 1, every record written
    assert out.read_bytes() == reference
