"""Batch extraction: order, error records in place, time bounds, worker pool, resume and speaker ids."""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from quotes.api import load_pipeline
from quotes.files.formats import JsonlSink
from quotes.files.inputs import Document
from quotes.scale import batch
from quotes.scale.batch import BatchStats, extract_documents, process_documents, restore_index, run_batch
from quotes.scale.linking import SpeakerIndex
from quotes.schema import dumps, read_jsonl, sha256_text

TEXTS = [
    '"We will win the vote," said Jane Smith, the party leader.',
    "Smith said that the campaign had been long.",
    "",  # a failed read in the middle
    '"Prices are rising," John Smith told reporters on Monday.',
    "Officials said that the bridge would reopen in May.",
    '"The bridge is safe," said Mayor Ana Costa.',
]


def docs(texts=TEXTS) -> list[Document]:
    out = []
    for i, t in enumerate(texts):
        name = f"doc{i}.txt"
        if t:
            out.append(Document(name, t, None, sha256_text(t)))
        else:
            out.append(Document(name, None, batch.error_record(batch.Errors.E101), ""))
    return out


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(None)


def test_order_and_error_records(nlp) -> None:
    results = list(extract_documents(docs(), index=SpeakerIndex()))
    assert [r.document for r in results] == [f"doc{i}.txt" for i in range(len(TEXTS))]
    assert results[2].errors[0].code == "E101" and not results[2].quotes
    assert all(r.ok for i, r in enumerate(results) if i != 2)
    assert results[0].quotes[0].content.text == "We will win the vote,"
    # Linked across documents: the same person keeps one id.
    assert results[0].quotes[0].speaker == ("jane-smith",)


class FakeNlp:
    """Stands in for the pipeline: 'SLOW' sleeps past any bound, 'FAIL' raises; others parse for real."""

    def __init__(self, real) -> None:
        self.real = real

    def _check(self, text: str) -> None:
        if "SLOW" in text:
            time.sleep(30)
        if "FAIL" in text:
            raise RuntimeError("boom")

    def __call__(self, text):
        self._check(text)
        return self.real(text)

    def pipe(self, texts, batch_size=1):
        for t in texts:
            self._check(t)
        return self.real.pipe(texts, batch_size=batch_size)


def test_time_bound_and_failure_cost_one_document(nlp, monkeypatch) -> None:
    import quotes.extraction.nlp

    monkeypatch.setattr(quotes.extraction.nlp, "load_pipeline", lambda model=None: FakeNlp(nlp))
    texts = [
        '"One," said Ann Lee.',
        "SLOW text",
        '"Two," said Ann Lee.',
        "FAIL text",
        '"Three," said Ann Lee.',
    ]
    # SLOW sleeps 30 s: E106 below says it was cut at 2 s (finished, it would have no error); no wall clock.
    results = [r for _, r in process_documents(docs(texts), timeout=2)]
    assert [r.errors[0].code if r.errors else None for r in results] == [None, "E106", None, "E201", None]
    assert [len(r.quotes) for r in results] == [1, 0, 1, 0, 1]
    assert "2 s" in results[1].errors[0].message and "boom" in results[3].errors[0].message


def test_time_limit_restores_the_alarm() -> None:
    with batch.time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with pytest.raises(batch.DocumentTimeout), batch.time_limit(0.05):
        time.sleep(2)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_time_limit_survives_a_swallowed_alarm() -> None:
    """An alarm that lands in a finalizer is dropped by Python; the next one still stops the block."""
    reached_end = False
    with pytest.raises(batch.DocumentTimeout), batch.time_limit(0.05):
        with contextlib.suppress(batch.DocumentTimeout):  # what "Exception ignored in __del__" amounts to
            time.sleep(2)
        time.sleep(30)  # stopped by the repeated alarm, long before this ends
        reached_end = True
    assert not reached_end
    time.sleep(0.6)  # no alarm is left armed to go off later


def test_time_limit_raises_after_a_block_that_ran_out_of_time() -> None:
    # The alarm is swallowed (innermost), and the block then ends on its own.
    with (
        pytest.raises(batch.DocumentTimeout),
        batch.time_limit(0.05),
        contextlib.suppress(batch.DocumentTimeout),
    ):
        time.sleep(2)


def test_pool_matches_in_process(nlp) -> None:
    texts = TEXTS * 3
    one = [dumps(r) for r in extract_documents(docs(texts), index=SpeakerIndex())]
    two = [dumps(r) for r in extract_documents(docs(texts), index=SpeakerIndex(), n_process=2)]
    assert one == two


def test_pool_takes_more_input_after_a_window_of_failed_reads(nlp) -> None:
    """More unreadable files in a row than the pool keeps in flight: the run goes on to the rest."""
    window = 2 * batch.CHUNK_DOCS * 4
    texts = [TEXTS[0]] + [""] * (window + 5) + TEXTS
    one = [dumps(r) for r in extract_documents(docs(texts), index=SpeakerIndex())]
    two = [dumps(r) for r in extract_documents(docs(texts), index=SpeakerIndex(), n_process=2)]
    assert len(two) == len(texts)
    assert one == two


def _hang_or_die(nlp, chunk, timeout):
    """A chunk function for forked workers: 'HANG' ignores the alarm (stuck in C), 'DIE' kills the worker."""
    if any("HANG" in text for _, _, text, _ in chunk):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if any("DIE" in text for _, _, text, _ in chunk):
        os._exit(3)
    return ORIGINAL_PROCESS_CHUNK(nlp, chunk, timeout)


ORIGINAL_PROCESS_CHUNK = batch.process_chunk


def test_pool_survives_stuck_and_dying_workers(nlp, monkeypatch) -> None:
    if batch._context().get_start_method() != "fork":
        pytest.skip("the stand-in chunk function reaches workers only when they are forked")
    monkeypatch.setattr(batch, "process_chunk", _hang_or_die)
    monkeypatch.setattr(batch, "HARD_GRACE", 0.2)
    monkeypatch.setattr(batch, "CHUNK_DOCS", 1)  # each document alone: the stuck one is killed at once
    texts = [
        '"A," said Ann Lee.',
        "HANG",
        '"B," said Ann Lee.',
        "DIE",
        '"C," said Ann Lee.',
        '"D," said Bo Ek.',
    ]
    # HANG blocks the alarm and sleeps 60 s: its E106 says the pool killed the worker instead of waiting.
    results = [r for _, r in process_documents(docs(texts), n_process=2, timeout=2)]
    assert [r.document for r in results] == [f"doc{i}.txt" for i in range(len(texts))]
    assert [r.errors[0].code if r.errors else None for r in results] == [
        None,
        "E106",
        None,
        "E201",
        None,
        None,
    ]
    assert "exit code 3" in results[3].errors[0].message


def test_restore_index_keeps_ids(nlp) -> None:
    texts = [
        '"First," said Jane Smith.',
        '"Second," said John Smith.',
        '"Third," Smith said.',
        '"Fourth," said Jane Smith.',
        '"Fifth," said Jane Smith.',
    ] * 2
    full = list(extract_documents(docs(texts), index=SpeakerIndex()))
    index = SpeakerIndex()
    for r in full[:5]:
        restore_index(index, r)
    rest = list(extract_documents(docs(texts)[5:], index=index))
    assert [dumps(r) for r in rest] == [dumps(r) for r in full[5:]]


def test_run_batch_resumes_a_partial_file(nlp, tmp_path) -> None:
    out = tmp_path / "out.jsonl"
    stats = run_batch(docs(), JsonlSink(out))
    assert isinstance(stats, BatchStats) and stats.documents == len(TEXTS) and stats.failed == 1
    full = out.read_text(encoding="utf-8")
    lines = full.splitlines(keepends=True)
    # As a run killed after three records, one of them half-written, leaves it:
    out.unlink()
    (tmp_path / "out.jsonl.partial").write_text("".join(lines[:3]) + lines[3][:25], encoding="utf-8")
    seen = []
    stats = run_batch(docs(), JsonlSink(out, resume=True), on_progress=seen.append)
    assert out.read_text(encoding="utf-8") == full
    assert not (tmp_path / "out.jsonl.partial").exists()
    assert stats.resumed == 3 and stats.documents == len(TEXTS) and seen[:3] == [None] * 3
    # Resuming a finished output adds nothing and keeps it as it was.
    stats = run_batch(docs(), JsonlSink(out, resume=True))
    assert out.read_text(encoding="utf-8") == full and stats.resumed == len(TEXTS)
    assert [r.document for r in read_jsonl(out)] == [d.name for d in docs()]
