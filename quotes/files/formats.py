"""Output formats of ``quotes extract``: JSON Lines, CSV and brat standoff, written so nothing is lost.

Every writer (a *sink*) appends each document's output as one whole write
to ``OUT.partial`` and renames it to ``OUT`` when the run is over, so:

- ``OUT`` is only ever absent, the previous complete file, or the new
  complete file; never half-written;
- a run that is interrupted (Ctrl-C, ``kill -9``, a crash) leaves
  ``OUT.partial`` holding whole records for the documents done so far, which
  ``--resume`` reads back (a line cut short by a power loss is dropped) and
  appends to.

brat output is a directory: a UTF-8 copy of each text beside its ``.ann``,
``annotation.conf`` and ``visual.conf``, and ``quotes.jsonl`` with the full
``quotes/1`` records (written as above; it is what ``--resume`` reads).
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from ..errors import SchemaError
from ..model import KINDS, DocumentResult, ErrorRecord, Quote, Span, Speaker
from ..schema import atomic_write_text, dumps, loads
from .inputs import STDIN, Document

FORMATS = ("jsonl", "csv", "brat")
PARTIAL = ".partial"
#: Seconds between fsyncs of the partial file (every record is flushed to the OS at once).
FSYNC_EVERY = 1.0


class ResumeError(ValueError):
    """The existing output cannot be resumed from (the message says why)."""


#: A record's document: its name and the sha256 of its bytes.
Key = tuple[str, str]


class Sink(Protocol):
    def restore(self) -> Iterator[DocumentResult]:
        """The records already written by an earlier run (``--resume``), in order."""
        ...

    def write(self, doc: Document, result: DocumentResult) -> None: ...

    def finish(self, superseded: frozenset[Key] = frozenset()) -> None:
        """The run is complete: make the output final, without the earlier records of documents whose
        file has changed since (``superseded``: (document, sha256) of those records)."""
        ...

    def close(self) -> None:
        """Stop writing (after ``finish``, or on interruption, leaving the partial output)."""
        ...


# -- the append-only partial file ------------------------------------------------

#: The locked descriptors of partial files open in this process. A forked worker inherits them, and
#: with them the lock: were the parent killed, an orphaned worker would keep ``--resume`` out.
_LOCKED: set[int] = set()


def _close_locks_in_child() -> None:
    """Run in every forked child: the parent's locks on partial files stay the parent's."""
    for fd in list(_LOCKED):
        with contextlib.suppress(OSError):
            os.close(fd)  # the lock belongs to the open file, which the parent still holds
    _LOCKED.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_locks_in_child)


class PartialFile:
    """Whole records appended to ``PATH.partial``, flushed at once, fsynced now and then, renamed at the end."""

    def __init__(self, path: str | os.PathLike[str], *, resume: bool, header: bytes = b"") -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + PARTIAL)
        self.resumed = False
        if resume and not self.partial.exists() and self.path.is_file():
            shutil.copyfile(self.path, self.partial)  # OUT stays whole until the new one replaces it
        self.resumed = resume and self.partial.exists()
        self.fd = os.open(self.partial, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise ResumeError(f"another run is writing {self.partial}") from None
        _LOCKED.add(self.fd)
        if self.resumed:
            _drop_cut_line(self.partial)
        else:
            os.ftruncate(self.fd, 0)
        self._synced = time.monotonic()
        if header and os.fstat(self.fd).st_size == 0:
            self.append(header)

    def append(self, data: bytes) -> None:
        view = memoryview(data)
        while view:  # one write() for a regular file; the loop only guards against short writes
            n = os.write(self.fd, view)
            view = view[n:]
        if time.monotonic() - self._synced >= FSYNC_EVERY:
            os.fsync(self.fd)
            self._synced = time.monotonic()

    def finish(self, rewrite: Callable[[IO[str], IO[str]], None] | None = None) -> None:
        """Rename the partial file to its final name; ``rewrite(src, dst)`` first copies it through a
        filter into a new file, which replaces OUT in one step as well."""
        os.fsync(self.fd)
        self._release()
        if rewrite is not None:
            fresh = self.partial.with_name(self.partial.name + ".new")
            with (
                open(self.partial, encoding="utf-8", newline="") as src,
                open(fresh, "w", encoding="utf-8", newline="") as dst,
            ):
                rewrite(src, dst)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(fresh, self.path)
            self.partial.unlink()
            return
        os.replace(self.partial, self.path)

    def close(self) -> None:
        if self.fd >= 0:
            try:
                os.fsync(self.fd)
            finally:
                self._release()

    def _release(self) -> None:
        _LOCKED.discard(self.fd)
        os.close(self.fd)
        self.fd = -1


def _drop_cut_line(path: Path) -> None:
    """Cut a partial file back to its last line end (what a power loss mid-write can leave)."""
    with open(path, "rb+") as f:
        size = f.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            step = min(65536, pos)
            f.seek(pos - step)
            block = f.read(step)
            nl = block.rfind(b"\n")
            if nl >= 0:
                pos = pos - step + nl + 1
                break
            pos -= step
        if pos != size:
            f.truncate(pos)


# -- JSON Lines ---------------------------------------------------------------------


def _read_records(path: Path) -> Iterator[DocumentResult]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield loads(line, source=f"{path}:{n}")
                except SchemaError as e:
                    raise ResumeError(f"cannot resume from {path}: {e}") from None


class _TextSink:
    """A sink that writes each document's records as text: to standard output, or whole to the partial file."""

    file: PartialFile | None

    def render(self, result: DocumentResult) -> str:
        raise NotImplementedError

    def write(self, doc: Document, result: DocumentResult) -> None:
        text = self.render(result)
        if self.file is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            self.file.append(text.encode("utf-8"))

    def finish(self, superseded: frozenset[Key] = frozenset()) -> None:
        if self.file is not None:
            self.file.finish(self.without(superseded) if superseded else None)

    def without(self, superseded: frozenset[Key]) -> Callable[[IO[str], IO[str]], None]:
        """A filter that copies the records, leaving out those of ``superseded``."""
        raise NotImplementedError

    def close(self) -> None:
        if self.file is not None:
            self.file.close()


class JsonlSink(_TextSink):
    def __init__(self, path: str | os.PathLike[str] | None, *, resume: bool = False) -> None:
        self.file = PartialFile(path, resume=resume) if path is not None else None

    def restore(self) -> Iterator[DocumentResult]:
        if self.file is not None and self.file.resumed:
            yield from _read_records(self.file.partial)

    def render(self, result: DocumentResult) -> str:
        return dumps(result) + "\n"

    def without(self, superseded: frozenset[Key]) -> Callable[[IO[str], IO[str]], None]:
        def copy(src: IO[str], dst: IO[str]) -> None:
            for line in src:
                record = json.loads(line)
                if (record.get("document"), record.get("sha256")) not in superseded:
                    dst.write(line)

        return copy


# -- CSV --------------------------------------------------------------------------

CSV_COLUMNS = (
    "document",
    "sha256",
    "quote",
    "kind",
    "speaker",
    "speaker_id",
    "speaker_type",
    "content",
    "content_start",
    "content_end",
    "cue",
    "cue_start",
    "cue_end",
    "mention",
    "mention_start",
    "mention_end",
    "confidence",
    "errors",
)
#: How a cell holds several values (a quote's speakers, a document's errors).
JOIN = "; "


def _span_cells(span: Span | None) -> list[str | int]:
    return ["", "", ""] if span is None else [span.text, span.start, span.end]


def csv_rows(result: DocumentResult) -> list[list[str | int]]:
    """One row per quote; a document without quotes (or that failed) gets one row with the quote cells blank."""
    errors = JOIN.join(f"{e.code}: {e.message}" if e.code else e.message for e in result.errors)
    head: list[str | int] = [result.document, result.sha256]
    rows = []
    for q in result.quotes:
        speakers = result.speakers_of(q)
        rows.append(
            head
            + [q.id, q.kind]
            + [JOIN.join(s.name for s in speakers), JOIN.join(q.speaker)]
            + [JOIN.join(s.entity_type or "" for s in speakers)]
            + _span_cells(q.content)
            + _span_cells(q.cue)
            + _span_cells(q.mention)
            + ["" if q.confidence is None else round(q.confidence, 4), errors]
        )
    if not rows:
        rows.append(head + [""] * (len(CSV_COLUMNS) - 3) + [errors])
    return rows


def _csv_text(rows: list[list[str | int]]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


def _span_of(row: dict[str, str], name: str) -> Span | None:
    if row[f"{name}_start"] == "":
        return None
    return Span(int(row[f"{name}_start"]), int(row[f"{name}_end"]), row[name])


def _result_from_rows(rows: list[dict[str, str]]) -> DocumentResult:
    """Enough of a record to resume from: names, hashes, speaker ids and types, quote kinds and spans."""
    speakers: dict[str, Speaker] = {}
    quotes = []
    for row in rows:
        if not row["quote"]:
            continue
        ids = [i for i in row["speaker_id"].split(JOIN) if i]
        names = row["speaker"].split(JOIN)
        types = row["speaker_type"].split(JOIN)
        if len(names) != len(ids):
            names = ids
        types += [""] * (len(ids) - len(types))
        for sid, name, etype in zip(ids, names, types[: len(ids)], strict=True):
            speakers.setdefault(sid, Speaker(sid, name, (), etype or None))
        conf = row["confidence"]
        quotes.append(
            Quote(
                row["quote"],
                row["kind"] if row["kind"] in KINDS else "direct",  # type: ignore[arg-type]
                _span_of(row, "content") or Span(0, 0, ""),
                _span_of(row, "cue"),
                _span_of(row, "mention"),
                tuple(ids),
                float(conf) if conf else None,
            )
        )
    errors = tuple(ErrorRecord(*(e.split(": ", 1) + [""])[:2]) for e in rows[0]["errors"].split(JOIN) if e)
    return DocumentResult(
        rows[0]["document"], rows[0]["sha256"], tuple(speakers.values()), tuple(quotes), errors
    )


def read_csv(path: str | os.PathLike[str]) -> Iterator[DocumentResult]:
    """The documents of a CSV written by :class:`CsvSink`, in order."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
            raise ResumeError(f"cannot resume from {path}: its columns are not those quotes writes")
        group: list[dict[str, str]] = []
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise ResumeError(f"cannot resume from {path}: row {reader.line_num} is malformed")
            if group and (row["document"], row["sha256"]) != (group[0]["document"], group[0]["sha256"]):
                yield _result_from_rows(group)
                group = []
            group.append(row)
        if group:
            yield _result_from_rows(group)


class CsvSink(_TextSink):
    def __init__(self, path: str | os.PathLike[str] | None, *, resume: bool = False) -> None:
        header = _csv_text([list(CSV_COLUMNS)])
        if path is None:
            self.file = None
            sys.stdout.write(header)
        else:
            self.file = PartialFile(path, resume=resume, header=header.encode("utf-8"))

    def restore(self) -> Iterator[DocumentResult]:
        if self.file is not None and self.file.resumed:
            yield from read_csv(self.file.partial)

    def render(self, result: DocumentResult) -> str:
        return _csv_text(csv_rows(result))

    def without(self, superseded: frozenset[Key]) -> Callable[[IO[str], IO[str]], None]:
        def copy(src: IO[str], dst: IO[str]) -> None:
            rows = csv.reader(src)
            out = csv.writer(dst)
            header = next(rows)
            out.writerow(header)
            doc, sha = header.index("document"), header.index("sha256")
            out.writerows(row for row in rows if (row[doc], row[sha]) not in superseded)

        return copy


# -- brat standoff ------------------------------------------------------------------

BRAT_TYPES = {"direct": "Direct", "mixed": "Mixed", "indirect": "Indirect", "transcript": "Transcript"}
BRAT_COLOURS = {
    "Direct": "#8fd3ff",
    "Mixed": "#c9a7ff",
    "Indirect": "#9be59b",
    "Transcript": "#ffd27f",
    "Cue": "#ff9f9f",
    "Mention": "#f5f57a",
}
_QUOTE_TYPES = "|".join(BRAT_TYPES.values())

ANNOTATION_CONF = f"""\
# Quotes found by `quotes extract --format brat` (schema quotes/1).
# A quote's content is a Direct, Mixed, Indirect or Transcript span; HasCue and
# SaidBy link it to its cue and to the mention naming its speaker; the resolved
# speaker is in the content's AnnotatorNotes.

[entities]
Direct
Mixed
Indirect
Transcript
Cue
Mention

[relations]
HasCue\tArg1:{_QUOTE_TYPES}, Arg2:Cue
SaidBy\tArg1:{_QUOTE_TYPES}, Arg2:Mention
# Quotes nest (speech reported inside a transcript turn) and share mentions.
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
"""

VISUAL_CONF = (
    "[labels]\n"
    + "".join(f"{t} | {t}\n" for t in BRAT_COLOURS)
    + "HasCue | has cue\nSaidBy | said by\n\n[drawing]\n"
    + "".join(f"{t}\tbgColor:{c}\n" for t, c in BRAT_COLOURS.items())
)


def _fragments(text: str, span: Span) -> list[tuple[int, int]]:
    """A span as brat fragments: brat cannot draw across a line break, so split there (blanks dropped)."""
    out = []
    start = span.start
    for i in range(span.start, span.end + 1):
        if i == span.end or text[i] in "\r\n":
            seg_start, seg_end = start, i
            while seg_start < seg_end and text[seg_start].isspace():
                seg_start += 1
            while seg_end > seg_start and text[seg_end - 1].isspace():
                seg_end -= 1
            if seg_end > seg_start:
                out.append((seg_start, seg_end))
            start = i + 1
    return out or [(span.start, span.end)]


def brat_ann(result: DocumentResult, text: str) -> str:
    """The ``.ann`` standoff for a result over ``text`` (code-point offsets, as brat reads a UTF-8 file)."""
    lines: list[str] = []
    ids: dict[tuple[str, int, int], str] = {}

    def entity(kind: str, span: Span) -> str:
        key = (kind, span.start, span.end)
        if key not in ids:
            frags = _fragments(text, span)
            ids[key] = f"T{len(ids) + 1}"
            where = ";".join(f"{s} {e}" for s, e in frags)
            shown = _one_line(" ".join(text[s:e] for s, e in frags))
            lines.append(f"{ids[key]}\t{kind} {where}\t{shown}")
        return ids[key]

    relations = 0
    for notes, q in enumerate(result.quotes, 1):
        tid = entity(BRAT_TYPES[q.kind], q.content)
        for rel, kind, span in (("HasCue", "Cue", q.cue), ("SaidBy", "Mention", q.mention)):
            if span is not None:
                relations += 1
                lines.append(f"R{relations}\t{rel} Arg1:{tid} Arg2:{entity(kind, span)}")
        who = ", ".join(f"{s.name} ({s.id})" for s in result.speakers_of(q)) or "unresolved"
        conf = "" if q.confidence is None else f"; confidence {q.confidence:.2f}"
        lines.append(f"#{notes}\tAnnotatorNotes {tid}\t{_one_line(f'{q.id}: speaker {who}{conf}')}")
    return "".join(line + "\n" for line in lines)


def _one_line(s: str) -> str:
    """A field of a ``.ann`` line: no tab, no line break of any kind (same length, so offsets still agree)."""
    return "".join(" " if ch in _BREAKS else ch for ch in s)


_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def brat_stem(name: str) -> str:
    """Where a document goes inside the brat directory: its relative path, made safe, without ``.txt``."""
    if name == STDIN:
        return "stdin"
    parts = [p for p in PurePosixPath(name).parts if p not in ("/", ".", "..", "")]
    stem = "/".join(parts)
    stem = stem[:-4] if stem.endswith(".txt") else stem
    return stem.lstrip(".") or "document"


class BratSink:
    RECORDS = "quotes.jsonl"

    def __init__(self, out: str | os.PathLike[str], *, resume: bool = False) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.out / "annotation.conf", ANNOTATION_CONF)
        atomic_write_text(self.out / "visual.conf", VISUAL_CONF)
        self.records = JsonlSink(self.out / self.RECORDS, resume=resume)
        self.used: set[str] = set()
        self.restored: dict[str, str] = {}  # document name -> its stem in the earlier run

    def _place(self, name: str) -> str:
        base = stem = brat_stem(name)
        n = 2
        while stem in self.used:
            stem, n = f"{base}-{n}", n + 1
        self.used.add(stem)
        return stem

    def restore(self) -> Iterator[DocumentResult]:
        for result in self.records.restore():
            # the same names, in the same order, as the earlier run gave
            self.restored[result.document] = self._place(result.document)
            yield result

    def write(self, doc: Document, result: DocumentResult) -> None:
        # A document written again (its file changed since) takes its old files' place.
        stem = self.restored.pop(result.document, None) or self._place(result.document)
        if doc.text is not None:
            txt = self.out / f"{stem}.txt"
            txt.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(txt, doc.text)
            atomic_write_text(self.out / f"{stem}.ann", brat_ann(result, doc.text))
        self.records.write(doc, result)

    def finish(self, superseded: frozenset[Key] = frozenset()) -> None:
        self.records.finish(superseded)

    def close(self) -> None:
        self.records.close()


def read_brat_ann(ann: str) -> list[tuple[str, str, list[tuple[int, int]], str]]:
    """The text-bound annotations of a ``.ann``: (id, type, fragments, text); other lines are checked for shape."""
    out = []
    for line in ann.split("\n"):
        if not line:
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            tid, head, shown = fields
            kind, _, where = head.partition(" ")
            frags = [(int(a), int(b)) for a, b in (f.split(" ") for f in where.split(";"))]
            out.append((tid, kind, frags, shown))
        elif line.startswith(("R", "#")):
            if len(fields) < 2:
                raise ValueError(f"malformed .ann line: {line!r}")
        else:
            raise ValueError(f"unknown .ann line: {line!r}")
    return out


def make_sink(fmt: str, output: str | None, *, resume: bool) -> Sink:
    if fmt == "jsonl":
        return JsonlSink(output, resume=resume)
    if fmt == "csv":
        return CsvSink(output, resume=resume)
    if fmt == "brat":
        assert output is not None
        return BratSink(output, resume=resume)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
