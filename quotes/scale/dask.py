"""Extraction on a Dask cluster: a Bag of ``quotes/1`` records, and ``quotes extract --scheduler``.

Needs the ``dask`` extra (``pip install "quotes[dask]"``); ``import quotes``
never imports Dask.

- :func:`extract_bag` turns paths (or a Bag of paths) into a ``dask.bag.Bag``
  of ``quotes/1`` records (dicts, as :func:`quotes.schema.to_dict` gives),
  with document-local speaker ids; :func:`link_records` links them across
  documents, in order, on the client.
- :func:`run_on_cluster` is what ``quotes extract ... --scheduler ADDRESS``
  runs: the local CLI's output, byte for byte, computed by a running cluster.

How the work is done:

- Paths are sent, not texts: each task reads its files on the worker
  (:func:`quotes.files.inputs.read_document`), so the client never holds the
  archive. The files must be visible to every worker under the same absolute
  path (a shared or replicated file system).
- A task is a *partition*: a run of consecutive input documents. It parses
  them exactly as the local batch does (:func:`quotes.scale.batch.process_chunk`:
  small ``nlp.pipe`` chunks, the same per-document time bound, the same
  ``E106`` and ``E201`` records) and returns one record per document.
- Each worker process loads the pipeline once, on its first task
  (:func:`quotes.extraction.nlp.load_pipeline` is cached per process), and parses one
  chunk at a time; run workers as processes with one thread each
  (``dask worker --nworkers N --nthreads 1``), as the parse holds the GIL.
- The client keeps a bounded window of partitions in flight, so the graph
  and the client's memory stay small however many files there are. Finished
  partitions are spooled to a temporary directory beside the output and
  merged in input order into ``OUTPUT.partial``, where speaker ids are linked
  across documents (:class:`~quotes.scale.linking.SpeakerIndex`, on the client);
  ``OUTPUT.partial`` is renamed to ``OUTPUT`` when every document is in.
- Nothing is lost: a task on a worker that dies is run again by Dask; a
  partition Dask gives up on (``KilledWorker``) or that fails is run again
  one document per task, and a document that still fails gets an ``E201``
  record; partitions cancelled by ``client.restart()`` are sent again.
- ``resume``: the records already in ``OUTPUT`` (or in ``OUTPUT.partial``, as
  left by an interrupted run, local or on a cluster) are kept, and the
  documents they describe (same name and sha256) are read but not parsed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import shutil
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from typing import Any

try:
    import dask.bag as db
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        'quotes.scale.dask needs Dask: pip install "quotes[dask]" (dask[bag] and distributed)'
    ) from e

from ..errors import Errors, error_record
from ..files.inputs import (
    DEFAULT_GLOB,
    DEFAULT_MAX_CHARS,
    STDIN,
    Document,
    display_name,
    iter_paths,
    read_document,
)
from ..model import DocumentResult
from ..schema import dumps, from_dict, loads, to_dict
from .batch import (
    CHUNK_CHARS,
    CHUNK_DOCS,
    DEFAULT_TIMEOUT,
    BatchStats,
    DocumentTimeout,
    PipelineLoadError,
    process_chunk,
    restore_index,
)
from .linking import SpeakerIndex

__all__ = [
    "PARTITION_DOCS",
    "ClusterError",
    "extract_bag",
    "link_records",
    "run_on_cluster",
]

#: Documents per task: large enough that Dask's per-task overhead does not show,
#: small enough that the last tasks of a run keep every worker busy.
PARTITION_DOCS = 16
#: Times a partition is sent again after the cluster cancelled it (``client.restart()``).
MAX_RESUBMITS = 5
#: Times Dask may give up on a one-document task (``KilledWorker``: its workers kept dying, each
#: time after Dask's own ``allowed-failures`` retries) before the document gets an ``E201`` record.
#: More than one, so that a document that was only queued beside the culprit is not blamed.
SINGLE_KILLS = 2

#: What a partition returns per document for :func:`run_on_cluster`:
#: ``(name, sha256, record as a JSON line)``, the line ``None`` for a document to skip (resume).
Entry = tuple[str, str, "str | None"]
#: A document as sent to a worker: ``(path, name)``; the path absolute, as bytes (any file name survives).
Item = tuple["bytes | str", str]


class ClusterError(RuntimeError):
    """The cluster cannot be reached, or keeps cancelling the work (the message says why)."""


# -- on the workers ------------------------------------------------------------------


_load_lock = threading.Lock()
_parse_lock = threading.Lock()


def _pipeline(model: str | None) -> Any:
    """This worker process's pipeline, loaded once (and once only, whatever the threads)."""
    with _load_lock:
        try:
            from ..extraction.nlp import load_pipeline

            return load_pipeline(model)
        except Exception as e:  # noqa: BLE001 - sent back to the client, which stops the run
            raise PipelineLoadError(f"a Dask worker could not load the spaCy pipeline: {e}") from None


@contextlib.contextmanager
def thread_time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`~quotes.scale.batch.DocumentTimeout` in this thread after ``seconds`` (not the main thread).

    Dask runs tasks in worker threads, where ``SIGALRM`` (the local bound) cannot
    reach, so a watchdog timer raises the exception in the thread instead
    (``PyThreadState_SetAsyncExc``). Like the signal, it stops Python code, not a
    call stuck inside compiled code. In the main thread, where
    :func:`quotes.scale.batch.time_limit` works, this does nothing.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is threading.main_thread():
        yield
        return
    tid = threading.get_ident()
    lock = threading.Lock()
    state = ["starting"]  # starting -> armed -> (fired) -> done; "due" if the timer beat "armed"

    def fire() -> None:
        with lock:
            if state[0] == "armed":
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(tid), ctypes.py_object(DocumentTimeout)
                )
                state[0] = "fired"
            elif state[0] == "starting":
                state[0] = "due"

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    with lock:
        due = state[0] == "due"
        state[0] = "armed"
    if due:
        raise DocumentTimeout
    try:
        yield
    finally:
        with lock:
            if state[0] == "fired":  # raised already, or still pending: clear it, the block is over
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
            state[0] = "done"
        timer.cancel()


class _Bounded:
    """The pipeline as :func:`~quotes.scale.batch.process_chunk` uses it, with the time bound of a worker thread."""

    def __init__(self, nlp: Any, timeout: float | None) -> None:
        self.nlp = nlp
        self.timeout = timeout

    def __call__(self, text: str) -> Any:
        with thread_time_limit(self.timeout):
            return self.nlp(text)

    def pipe(self, texts: Any, **kwargs: Any) -> list[Any]:
        with thread_time_limit(self.timeout):
            return list(self.nlp.pipe(texts, **kwargs))


def _extract(
    items: Iterable[Item],
    skip: dict[str, set[str]],
    *,
    model: str | None,
    timeout: float | None,
    max_chars: int,
) -> list[tuple[Document, DocumentResult | None]]:
    """Read and parse documents in order: each with its (unlinked) result, ``None`` for one to skip.

    Chunked as the local batch chunks (:data:`~quotes.scale.batch.CHUNK_DOCS`,
    :data:`~quotes.scale.batch.CHUNK_CHARS`, a failed read ends a chunk), and only
    one chunk's texts are held at a time.
    """
    out: list[tuple[Document, DocumentResult | None]] = []
    chunk: list[tuple[int, str, str, str]] = []
    chars = 0

    def flush() -> None:
        nonlocal chars
        if not chunk:
            return
        nlp = _pipeline(model)
        with _parse_lock:  # one parse at a time in a process: spaCy pipelines are not thread-safe
            results = process_chunk(_Bounded(nlp, timeout), chunk, timeout)
        for seq, result in results:
            out[seq] = (out[seq][0], result)
        chunk.clear()
        chars = 0

    for path, name in items:
        doc = read_document(path, name, max_chars)
        out.append((Document(doc.name, None, doc.error, doc.sha256), None))  # the text stays in the chunk
        if doc.sha256 in skip.get(doc.name, ()):
            continue
        if doc.text is None:
            flush()
            out[-1] = (out[-1][0], doc.failed())
            continue
        if chunk and (len(chunk) >= CHUNK_DOCS or chars + len(doc.text) > CHUNK_CHARS):
            flush()
        chunk.append((len(out) - 1, doc.name, doc.text, doc.sha256))
        chars += len(doc.text)
    flush()
    return out


def _extract_partition(
    items: list[Item],
    skip: dict[str, set[str]],
    *,
    model: str | None,
    timeout: float | None,
    max_chars: int,
) -> list[Entry]:
    """The task :func:`run_on_cluster` sends: records as JSON lines, in order (``None``: skipped)."""
    done = _extract(items, skip, model=model, timeout=timeout, max_chars=max_chars)
    return [(doc.name, doc.sha256, None if r is None else dumps(r)) for doc, r in done]


def _bag_partition(
    items: Iterable[Any], *, model: str | None, timeout: float | None, max_chars: int
) -> list[dict[str, Any]]:
    """The function :func:`extract_bag` maps over partitions: paths (or ``(path, name)``) to records."""
    pairs: list[Item] = []
    for item in items:
        if isinstance(item, tuple):
            path, name = item
        else:
            path, name = item, display_name(os.fsdecode(item))
        pairs.append((path, name))
    done = _extract(pairs, {}, model=model, timeout=timeout, max_chars=max_chars)
    return [to_dict(r) for _, r in done if r is not None]


# -- on the client -------------------------------------------------------------------


def _given(paths: Any) -> list[str]:
    """The paths as a list of strings; ``-`` (standard input) refused: workers cannot read it."""
    given = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    if STDIN in given:
        raise ValueError("standard input ('-') cannot be sent to a Dask cluster; write it to a file")
    return given


def _items(given: list[str], pattern: str) -> Iterator[Item]:
    """The inputs as the local CLI finds them (same order, same names), with absolute paths for the workers."""
    for path, name in iter_paths(given, pattern):
        yield os.fsencode(os.path.abspath(path)), name


def extract_bag(
    paths_or_bag: Any,
    *,
    pattern: str = DEFAULT_GLOB,
    max_chars: int = DEFAULT_MAX_CHARS,
    model: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    partition_size: int = PARTITION_DOCS,
) -> db.Bag:
    """A Bag of ``quotes/1`` records (dicts), one per document, in input order.

    ``paths_or_bag`` is a path or a list of paths (files, and directories
    searched recursively for ``pattern``, found on the client as ``quotes
    extract`` finds them), or a ``dask.bag.Bag`` of file paths or ``(path,
    name)`` pairs (read on the workers as they are: make them absolute). Files
    are read on the workers; each worker process loads the pipeline once.

    Speaker ids are per document; to link them across documents in order, as
    ``quotes extract`` does, pass the computed records to :func:`link_records`.
    Unreadable files get a record with an ``errors`` entry, as in the CLI.
    """
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
    else:
        bag = db.from_sequence(list(_items(_given(paths_or_bag), pattern)), partition_size=partition_size)
    return bag.map_partitions(_bag_partition, model=model, timeout=timeout or None, max_chars=max_chars)


def link_records(
    records: Iterable[dict[str, Any]], index: SpeakerIndex | None = None
) -> Iterator[dict[str, Any]]:
    """Records with speaker ids linked across documents, in the order given (pass ``index`` to keep it)."""
    index = index if index is not None else SpeakerIndex()
    for record in records:
        yield to_dict(index.link(from_dict(record)))


@dataclass
class _Piece:
    """Work sent as one task: a whole partition (``sub == 0``) or one of its documents (``sub == j + 1``)."""

    part: int
    sub: int
    items: list[Item]
    resubmits: int = 0  # after cancellations
    strikes: int = 0  # times Dask gave up on it (KilledWorker)


@dataclass
class _Partition:
    items: list[Item]
    pieces_left: int = 1
    files: list[str] = field(default_factory=list)


def _connect(scheduler: Any) -> tuple[Any, bool]:
    """A ``distributed.Client`` for an address (ours to close) or the client given (the caller's)."""
    try:
        from distributed import Client
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('--scheduler needs Dask\'s distributed: pip install "quotes[dask]"') from e
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler), True
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


def _failed_alone(item: Item, max_chars: int, why: str) -> Entry:
    """The record of a document whose task kept failing: ``E201``, with the sha256 read here."""
    path, name = item
    sha = read_document(path, name, max_chars).sha256  # one file, read only in this rare case
    record = DocumentResult(document=name, sha256=sha, errors=(error_record(Errors.E201, detail=why),))
    return name, sha, dumps(record)


def run_on_cluster(
    paths: Iterable[str] | str,
    output: str | os.PathLike[str] | None,
    scheduler: Any,
    *,
    pattern: str = DEFAULT_GLOB,
    max_chars: int = DEFAULT_MAX_CHARS,
    model: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    resume: bool = False,
    fmt: str = "jsonl",
    partition_size: int = PARTITION_DOCS,
    on_progress: Callable[[DocumentResult | None], Any] | None = None,
) -> BatchStats:
    """``quotes extract PATHS -o OUTPUT`` computed on a running Dask cluster; the same output as locally.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``distributed.Client``.
    ``output`` ``None`` writes to standard output. ``fmt`` is ``jsonl`` or
    ``csv`` (brat needs the texts on the client). ``on_progress(result)`` is
    called once per input document, in order, with ``None`` for one kept
    from the earlier run (``resume``). Returns the run's
    :class:`~quotes.scale.batch.BatchStats`.

    Raises :class:`ClusterError` (scheduler unreachable, work cancelled over
    and over), :class:`~quotes.scale.batch.PipelineLoadError` (a worker cannot load
    the pipeline), :class:`~quotes.files.formats.ResumeError`, ``ValueError`` (``-``
    among the paths, an unknown format). On any exception, or Ctrl-C, the
    records merged so far stay in ``OUTPUT.partial`` for ``resume``.
    """
    from ..files.formats import make_sink

    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"--format {fmt} cannot run on a Dask cluster; use jsonl or csv")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    timeout = timeout or None
    given = _given(paths)
    start = time.monotonic()
    client, own_client = _connect(scheduler)
    spool = None
    index = SpeakerIndex()
    stats = BatchStats()
    futures: dict[Any, _Piece] = {}
    try:
        sink = make_sink(fmt, None if output is None else os.fspath(output), resume=resume)
        try:
            kept: Counter[tuple[str, str]] = Counter()
            for record in sink.restore():
                restore_index(index, record)
                kept[record.document, record.sha256] += 1
                stats.count(record)
                stats.resumed += 1
            kept_shas: defaultdict[str, set[str]] = defaultdict(set)
            for name, sha in kept:
                kept_shas[name].add(sha)

            where = os.path.dirname(os.path.abspath(output)) if output is not None else None
            prefix = f".{os.path.basename(output)}.parts-" if output is not None else "quotes-parts-"
            spool = tempfile.mkdtemp(prefix=prefix, dir=where)
            run = _Run(
                client=client,
                futures=futures,
                spool=spool,
                kept_shas=kept_shas,
                options={"model": model, "timeout": timeout, "max_chars": max_chars},
            )

            def merge(entries: Iterable[Entry], items: list[Item]) -> None:
                for (name, sha, line), item in zip(entries, items, strict=True):
                    if line is None:
                        if kept[name, sha] > 0:
                            kept[name, sha] -= 1
                            if on_progress is not None:
                                on_progress(None)
                            continue
                        # The same file given twice, and kept once: this occurrence is parsed.
                        [(name, sha, line)] = run.alone(item)
                        assert line is not None
                    result = index.link(loads(line))
                    sink.write(Document(name, None, sha256=sha), result)
                    stats.count(result)
                    if on_progress is not None:
                        on_progress(result)

            run.go(_partitions(_items(given, pattern), partition_size), merge)
            sink.finish()
        finally:
            sink.close()
    finally:
        if futures:
            with contextlib.suppress(Exception):
                client.cancel(list(futures))
        futures.clear()
        if spool is not None:
            shutil.rmtree(spool, ignore_errors=True)
        if own_client:
            with contextlib.suppress(Exception):
                client.close()
        stats.speakers = sum(1 for s in index.speakers.values() if s.quotes)
        stats.seconds = time.monotonic() - start
    return stats


def _key(part: int, sub: int) -> str:
    """A fresh task key (a resubmitted task must not meet its old self); ``quotes-extract`` on the dashboard."""
    return f"quotes-extract-{part}-{sub}-{uuid.uuid4().hex}"


def _partitions(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    part: list[Item] = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


@dataclass
class _Run:
    """The client's loop: a window of tasks in flight, results spooled, merged in input order."""

    client: Any
    futures: dict[Any, _Piece]
    spool: str
    kept_shas: dict[str, set[str]]
    options: dict[str, Any]
    partitions: dict[int, _Partition] = field(default_factory=dict)

    def _skip(self, items: list[Item]) -> dict[str, set[str]]:
        """The kept sha256s of the names in ``items``: what the worker may leave unparsed."""
        return {name: self.kept_shas[name] for _, name in items if name in self.kept_shas}

    def _submit(self, piece: _Piece) -> None:
        fn = _extract_partition  # looked up at each call (tests swap it)
        future = self.client.submit(
            fn,
            piece.items,
            self._skip(piece.items),
            **self.options,
            key=_key(piece.part, piece.sub),
            pure=False,
        )
        self.futures[future] = piece

    def _window(self) -> int:
        try:
            threads = sum(self.client.nthreads().values())
        except Exception:  # noqa: BLE001 - the scheduler is busy or away: keep a small window
            threads = 0
        return max(4, 2 * threads + 2)

    def alone(self, item: Item) -> list[Entry]:
        """One document parsed now, without skipping (a duplicate input beyond the kept records)."""
        fn = _extract_partition
        for _ in range(SINGLE_KILLS):
            future = self.client.submit(fn, [item], {}, **self.options, key=_key(-1, 0), pure=False)
            try:
                return future.result()
            except PipelineLoadError:
                raise
            except Exception as e:  # noqa: BLE001 - as a failed single document
                why = f"{type(e).__name__}: {e}"
        return [_failed_alone(item, self.options["max_chars"], why)]

    def _finished(self, future: Any, piece: _Piece) -> None:
        from distributed import KilledWorker

        try:
            entries = future.result()
        except CancelledError:  # client.restart(), or a scheduler that forgot the task: send it again
            piece.resubmits += 1
            if piece.resubmits > MAX_RESUBMITS:
                raise ClusterError(
                    f"the cluster cancelled the same task {MAX_RESUBMITS} times; stopping "
                    "(the records merged so far are kept for --resume)"
                ) from None
            self._submit(piece)
            return
        except PipelineLoadError:
            raise
        except Exception as error:  # noqa: BLE001 - the task failed: find the document at fault
            if len(piece.items) > 1:  # which document is at fault is unknown: each alone
                part = self.partitions[piece.part]
                part.pieces_left += len(piece.items) - 1
                for j, item in enumerate(piece.items):
                    self._submit(_Piece(piece.part, j + 1, [item]))
                return
            if isinstance(error, KilledWorker):
                piece.strikes += 1
                if piece.strikes < SINGLE_KILLS:  # it may only have been queued beside the culprit
                    self._submit(piece)
                    return
                why = f"the worker process stopped (Dask gave up on the task: {error})"
            else:
                why = f"{type(error).__name__}: {error}"
            entries = [_failed_alone(piece.items[0], self.options["max_chars"], why)]
        self._spool(piece, entries)

    def _spool(self, piece: _Piece, entries: list[Entry]) -> None:
        path = os.path.join(self.spool, f"{piece.part:09d}-{piece.sub:06d}.pickle")
        with open(path, "wb") as f:
            pickle.dump(entries, f, protocol=pickle.HIGHEST_PROTOCOL)
        part = self.partitions[piece.part]
        part.files.append(path)
        part.pieces_left -= 1

    def go(self, parts: Iterator[list[Item]], merge: Callable[[Iterable[Entry], list[Item]], None]) -> None:
        from distributed import wait

        next_part = 0  # the next partition to merge
        n_parts = 0
        exhausted = False
        window = self._window()
        while True:
            while not exhausted and len(self.futures) < window:
                items = next(parts, None)
                if items is None:
                    exhausted = True
                    break
                self.partitions[n_parts] = _Partition(items)
                self._submit(_Piece(n_parts, 0, items))
                n_parts += 1
            while next_part in self.partitions and self.partitions[next_part].pieces_left == 0:
                part = self.partitions.pop(next_part)
                merge(_read_spooled(sorted(part.files)), part.items)
                next_part += 1
            if exhausted and next_part == n_parts:
                return
            if not self.futures:  # pragma: no cover - unmerged partitions always have work under way
                raise RuntimeError("quotes.scale.dask: partitions left to merge but no task under way")
            with contextlib.suppress(
                CancelledError
            ):  # cancelled ones (client.restart()) are sent again below
                wait(list(self.futures), return_when="FIRST_COMPLETED")
            for future in [f for f in self.futures if f.done()]:
                piece = self.futures.pop(future)
                self._finished(future, piece)
            window = self._window()


def _read_spooled(files: list[str]) -> Iterator[Entry]:
    for path in files:
        with open(path, "rb") as f:
            entries: list[Entry] = pickle.load(f)
        os.unlink(path)
        yield from entries
