"""Batch extraction: a stream of documents in, one record per document out, in input order.

Unreadable documents get their error record in place, so the output always
has exactly one record per input and nothing is silently lost.

How the work is done:

- Documents are parsed in small chunks (``nlp.pipe`` over a few documents
  is faster than one at a time) under a time bound. When a chunk runs out
  of time or fails, its documents are run again one by one, each under the
  bound, so that only the document at fault gets its ``E106`` (time) or
  ``E201`` (failure) record.
- The bound is a ``SIGALRM`` timer in the process that parses, which works
  with ``-j 1`` (in the main process) as with worker processes. It stops
  Python code, between compiled steps (one piece of a long document, see
  :mod:`quotes.scale.longdocs`); a parse stuck inside compiled code is caught by
  the worker pool instead, which kills the worker past a hard deadline,
  gives the document ``E106`` and starts a fresh worker.
- With ``n_process > 1`` each worker process loads the pipeline once and is
  given one chunk at a time. Results come back in any order and are put back
  in input order; at most a fixed window of documents is in flight, so memory
  stays flat however many documents there are.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from ..errors import Errors, error_record
from ..files.inputs import Document
from ..model import DocumentResult
from .linking import LinkedSpeaker, SpeakerIndex
from .longdocs import extract_with

#: Default ``--timeout``, seconds per document: minutes beyond any real article.
DEFAULT_TIMEOUT = 120.0
#: Seconds past a task's own time bounds before a worker is killed (its parse is stuck in compiled code).
HARD_GRACE = 5.0
#: A chunk holds at most this many documents ...
CHUNK_DOCS = 4
#: ... and at most this many characters (a long document is parsed alone).
CHUNK_CHARS = 40_000
#: Seconds an idle worker waits for work before it checks that its parent is still alive. Another
#: worker's copy of the pipe keeps it open, so a killed parent is not seen as the pipe's end.
PARENT_CHECK = 1.0

Item = tuple[int, Document]  # (position in the input, document)


class PipelineLoadError(RuntimeError):
    """A worker process could not load the pipeline (the message says why); the run cannot go on."""


class DocumentTimeout(BaseException):
    """Raised by the timer; a BaseException so that no ``except Exception`` on the way swallows it."""


#: Seconds between repeated alarms once the time is up: an exception raised while Python runs a
#: finalizer (``__del__``, a weakref callback) is printed and dropped, so one alarm may be lost.
ALARM_REPEAT = 0.25


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this block after ``seconds`` (main thread, POSIX; else no limit).

    The alarm repeats until the block is left, and a block that finishes after
    its time was up raises too, so a swallowed alarm cannot let a document
    run on unbounded or pass as done in time.
    """
    if (
        not seconds
        or seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    fired = False
    active = True

    def on_alarm(signum: int, frame: Any) -> None:
        nonlocal fired
        if active:
            fired = True
            raise DocumentTimeout

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT)
    try:
        yield
    finally:
        while True:  # an alarm may still arrive while the timer is taken down: take it down again
            try:
                active = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
                break
            except DocumentTimeout:
                continue
    if fired:
        raise DocumentTimeout  # the block ran past its time and an alarm was swallowed on the way


def _timeout_result(name: str, sha: str, seconds: float | None) -> DocumentResult:
    return DocumentResult(
        document=name, sha256=sha, errors=(error_record(Errors.E106, seconds=f"{seconds:g}"),)
    )


def _failure_result(name: str, sha: str, detail: str) -> DocumentResult:
    return DocumentResult(document=name, sha256=sha, errors=(error_record(Errors.E201, detail=detail),))


def _finish(doc: Any, name: str, sha: str) -> DocumentResult:
    result: DocumentResult = doc._.quotes_result
    return replace(result, document=name, sha256=sha or result.sha256)


Task = list[tuple[int, str, str, str]]  # (seq, name, text, sha256) per document


def process_chunk(nlp: Any, chunk: Task, timeout: float | None) -> list[tuple[int, DocumentResult]]:
    """Parse a chunk under one time bound; on a timeout or failure, each document alone under its own."""
    if len(chunk) > 1:
        try:
            with time_limit(timeout):
                docs = list(nlp.pipe([text for _, _, text, _ in chunk], batch_size=len(chunk)))
            return [
                (seq, _finish(doc, name, sha)) for (seq, name, _, sha), doc in zip(chunk, docs, strict=True)
            ]
        except (DocumentTimeout, Exception):  # noqa: BLE001 - retried one by one below
            pass
    out = []
    for seq, name, text, sha in chunk:
        try:
            with time_limit(timeout):
                result = extract_with(nlp, text, name)  # a long document is parsed in pieces
            out.append((seq, replace(result, sha256=sha or result.sha256)))
        except DocumentTimeout:
            out.append((seq, _timeout_result(name, sha, timeout)))
        except Exception as e:  # noqa: BLE001 - one document's failure must not end the batch
            out.append((seq, _failure_result(name, sha, f"{type(e).__name__}: {e}")))
    return out


def _chunks(documents: Iterable[Document]) -> Iterator[tuple[int, Document] | list[Item]]:
    """Good documents grouped into chunks (lists); a failed read comes alone, as ``(seq, doc)``, in order."""
    chunk: list[Item] = []
    chars = 0
    for seq, doc in enumerate(documents):
        if doc.text is None:
            if chunk:
                yield chunk
                chunk, chars = [], 0
            yield seq, doc
            continue
        if chunk and (len(chunk) >= CHUNK_DOCS or chars + len(doc.text) > CHUNK_CHARS):
            yield chunk
            chunk, chars = [], 0
        chunk.append((seq, doc))
        chars += len(doc.text)
    if chunk:
        yield chunk


def _task(chunk: list[Item]) -> Task:
    return [(seq, d.name, d.text or "", d.sha256) for seq, d in chunk]


def process_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    config: Mapping[str, Any] | None = None,
) -> Iterator[tuple[Document, DocumentResult]]:
    """Each document with its (unlinked) result, in input order; ``config`` is the ``quotes``
    component's (kinds, min_confidence, scorers)."""
    if n_process <= 1:
        return _in_process(documents, model=model, timeout=timeout, config=config)
    return _Pool(n_process, model, timeout, dict(config or {})).run(documents)


def _in_process(
    documents: Iterable[Document],
    *,
    model: str | None,
    timeout: float | None,
    config: Mapping[str, Any] | None,
) -> Iterator[tuple[Document, DocumentResult]]:
    from ..extraction.nlp import load_pipeline

    nlp = load_pipeline(model, **(config or {}))
    for part in _chunks(documents):
        if isinstance(part, tuple):
            yield part[1], part[1].failed()
            continue
        by_seq = dict(part)
        for seq, result in process_chunk(nlp, _task(part), timeout):
            yield by_seq[seq], result


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    index: SpeakerIndex | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[DocumentResult]:
    """Results in input order; with an ``index``, speakers are linked across the documents."""
    results = (r for _, r in process_documents(documents, model=model, n_process=n_process, timeout=timeout))
    return index.link_all(results) if index is not None else results


# -- the worker pool -----------------------------------------------------------


def _worker_main(conn: Connection, model: str | None, timeout: float | None, config: dict[str, Any]) -> None:
    """A worker: load the pipeline once, then parse the chunks it is sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        from ..extraction.nlp import load_pipeline

        nlp = load_pipeline(model, **config)
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which stops the run
        conn.send(("fatal", str(e)))
        return
    conn.send(("ready", None))
    parent = os.getppid()
    while True:
        try:
            while not conn.poll(PARENT_CHECK):
                if os.getppid() != parent:
                    return  # the parent was killed (SIGKILL, or SIGTERM before it could stop us)
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("done", process_chunk(nlp, task, timeout)))


def _context() -> Any:
    """``fork`` where it is safe (no other thread that could hold a lock), else ``forkserver`` or ``spawn``.

    A forked worker starts with spaCy imported and only loads the pipeline,
    which saves seconds per worker.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: list[Item] | None = None  # the chunk being parsed
    deadline: float = 0.0
    ready: bool = False


@dataclass
class _Pool:
    n: int
    model: str | None
    timeout: float | None
    config: dict[str, Any] = field(default_factory=dict)
    workers: list[_Worker] = field(default_factory=list)
    #: Seconds a worker may take to load the pipeline before it is given up.
    start_limit: float = 600.0

    def _start(self) -> _Worker:
        ctx = _context()
        parent, child = ctx.Pipe()
        p = ctx.Process(target=_worker_main, args=(child, self.model, self.timeout, self.config), daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent, deadline=time.monotonic() + self.start_limit)

    def _hard_deadline(self, chunk: list[Item]) -> float:
        if not self.timeout or self.timeout <= 0:
            return float("inf")
        # A chunk may take its own bound and then one bound per document retried alone.
        n = len(chunk) + (1 if len(chunk) > 1 else 0)
        return time.monotonic() + self.timeout * n + max(HARD_GRACE, 0.5 * self.timeout)

    def _stop(self, w: _Worker, *, kill: bool = False) -> None:
        try:
            if not kill:
                w.conn.send(None)
        except OSError:
            pass
        w.process.join(timeout=0 if kill else 2)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(timeout=5)
        w.conn.close()

    def run(self, documents: Iterable[Document]) -> Iterator[tuple[Document, DocumentResult]]:
        if _context().get_start_method() == "fork":
            from ..extraction.nlp import load_pipeline

            load_pipeline(
                self.model, **self.config
            )  # loaded once here, shared by every forked worker (copy on write)
        self.workers = [self._start() for _ in range(self.n)]
        try:
            yield from self._loop(documents)
        finally:
            for w in self.workers:
                self._stop(w, kill=w.task is not None or not w.ready)

    def _loop(self, documents: Iterable[Document]) -> Iterator[tuple[Document, DocumentResult]]:
        source = _chunks(documents)
        exhausted = False
        queue: deque[list[Item]] = deque()  # chunks to send, retries first
        in_flight: dict[int, Document] = {}  # every document taken from the source and not yet given out
        done: dict[int, DocumentResult] = {}
        next_out = 0
        window = self.n * CHUNK_DOCS * 4

        while True:
            # Take more input while the window allows; failed reads are done at once.
            while not exhausted and len(queue) < self.n and len(in_flight) < window:
                part = next(source, None)
                if part is None:
                    exhausted = True
                elif isinstance(part, tuple):
                    in_flight[part[0]] = part[1]
                    done[part[0]] = part[1].failed()
                else:
                    in_flight.update(part)
                    queue.append(part)
            for w in self.workers:
                if w.ready and w.task is None and queue:
                    w.task = queue.popleft()
                    w.deadline = self._hard_deadline(w.task)
                    w.conn.send(_task(w.task))
            while next_out in done:
                yield in_flight.pop(next_out), done.pop(next_out)
                next_out += 1
            if exhausted and not in_flight:
                return
            busy = [w for w in self.workers if w.task is not None or not w.ready]
            if not busy:
                if not exhausted and not queue:
                    continue  # the window filled with failed reads, all given out now: take more input
                # pragma: no cover - documents in flight are always queued or with a worker
                raise RuntimeError("batch: documents in flight but no work under way")
            limit = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=limit)
            now = time.monotonic()
            for i, w in enumerate(self.workers):
                if w.conn in ready or w.process.sentinel in ready:
                    try:
                        kind, payload = w.conn.recv()
                    except (EOFError, OSError):
                        w.process.join(timeout=5)  # its pipe closes a moment before it is reaped
                        code = w.process.exitcode
                        self._replace(i, queue, done, f"the worker process stopped (exit code {code})")
                        continue
                    if kind == "fatal":
                        raise PipelineLoadError(payload)
                    if kind == "ready":
                        w.ready = True
                    else:
                        done.update(payload)
                        w.task = None
                elif now >= w.deadline and (w.task is not None or not w.ready):
                    self._replace(i, queue, done, None)

    def _replace(
        self, i: int, queue: deque[list[Item]], done: dict[int, DocumentResult], why: str | None
    ) -> None:
        """Kill worker ``i`` (stuck past its deadline, or dead) and start another; its chunk is not lost."""
        w = self.workers[i]
        if not w.ready and w.task is None and why is not None:
            raise PipelineLoadError(f"a worker process could not start: {why}")
        self._stop(w, kill=True)
        chunk, w.task = w.task, None
        self.workers[i] = self._start()
        if not chunk:
            return
        if len(chunk) > 1:  # which document was at fault is unknown: run each alone
            queue.extendleft([[item] for item in reversed(chunk)])
            return
        seq, doc = chunk[0]
        if why is None:
            done[seq] = _timeout_result(doc.name, doc.sha256, self.timeout)
        else:
            done[seq] = _failure_result(doc.name, doc.sha256, why)


# -- resuming ------------------------------------------------------------------


def restore_index(index: SpeakerIndex, result: DocumentResult) -> None:
    """Teach ``index`` a record it linked in an earlier run, keeping the ids that record already has.

    Used by ``--resume``: the records already written carry run-wide ids, and
    the documents still to come must be linked to the same ids.
    """
    for sp in result.speakers:
        if sp.id not in index.speakers:
            index.speakers[sp.id] = LinkedSpeaker(sp.id, sp.name, sp.entity_type)
        index._remember(sp.id, sp, index.key_of(sp))  # the same bookkeeping as a fresh link
        index.speakers[sp.id].documents.append(result.document)
    for q in result.quotes:
        for sid in q.speaker:
            if sid in index.speakers:
                index.speakers[sid].kinds[q.kind] += 1


# -- a whole run: resume, extract, link, write -------------------------------------


@dataclass
class BatchStats:
    """What a run did; the figures cover the whole output, documents kept from an earlier run included."""

    documents: int = 0  # records in the output
    resumed: int = 0  # of which were already there (``--resume``)
    failed: int = 0  # records with errors
    quotes: int = 0
    speakers: int = 0  # distinct speakers across the run
    seconds: float = 0.0

    def count(self, result: DocumentResult) -> None:
        self.documents += 1
        self.failed += bool(result.errors)
        self.quotes += len(result.quotes)

    def uncount(self, quotes: int, failed: bool) -> None:
        """An earlier run's record that a new one replaces."""
        self.documents -= 1
        self.failed -= failed
        self.quotes -= quotes
        self.resumed -= 1

    def summary(self) -> str:
        done = self.documents - self.resumed
        rate = done / self.seconds if self.seconds > 0 else 0.0
        resumed = f" ({self.resumed:,} from the earlier run)" if self.resumed else ""
        return (
            f"{_count(self.documents, 'document')}{resumed}, {_count(self.quotes, 'quote')}, "
            f"{_count(self.speakers, 'speaker')}, {self.failed:,} with errors; "
            f"{done:,} processed in {self.seconds:.1f} s ({rate:.1f} documents/s)"
        )


def _count(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def run_batch(
    documents: Iterable[Document],
    sink: Any,
    *,
    index: SpeakerIndex | None = None,
    model: str | None = None,
    n_process: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_progress: Any = None,
    config: Mapping[str, Any] | None = None,
) -> BatchStats:
    """Extract ``documents`` into ``sink`` (see :mod:`quotes.files.formats`), linking speakers across them.

    Records the sink already holds (``--resume``) are fed to the index first,
    so ids stay those of the earlier run, and their documents (same name and
    sha256) are skipped. ``on_progress(result_or_None)`` is called once per
    input document, with ``None`` for one skipped. The sink is finished only
    when every document is written; on an exception it is closed as it is.
    """
    start = time.monotonic()
    index = index if index is not None else SpeakerIndex()
    stats = BatchStats()
    kept: Counter[tuple[str, str]] = Counter()
    # name -> (sha256, quotes, failed) of the earlier run's record: what a replacement takes off the counts
    earlier: dict[str, tuple[str, int, bool]] = {}
    superseded: set[tuple[str, str]] = set()
    try:
        for record in sink.restore():
            restore_index(index, record)
            kept[record.document, record.sha256] += 1
            earlier[record.document] = (record.sha256, len(record.quotes), bool(record.errors))
            stats.count(record)
            stats.resumed += 1

        def todo() -> Iterator[Document]:
            for doc in documents:
                key = (doc.name, doc.sha256)
                if kept[key] > 0:
                    kept[key] -= 1
                    if on_progress is not None:
                        on_progress(None)
                    continue
                old = earlier.pop(doc.name, None)
                if old is not None and old[0] != doc.sha256 and kept[doc.name, old[0]] > 0:
                    # the file changed since the earlier run: its new record replaces the old one
                    kept[doc.name, old[0]] -= 1
                    superseded.add((doc.name, old[0]))
                    stats.uncount(old[1], old[2])
                yield doc

        for doc, result in process_documents(
            todo(), model=model, n_process=n_process, timeout=timeout, config=config
        ):
            result = index.link(result)
            sink.write(doc, result)
            stats.count(result)
            if on_progress is not None:
                on_progress(result)
        sink.finish(frozenset(superseded))
    finally:
        sink.close()
        stats.speakers = sum(1 for s in index.speakers.values() if s.quotes)
        stats.seconds = time.monotonic() - start
    return stats
