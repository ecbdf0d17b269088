"""Read, write and validate schema ``quotes/1`` (``shared/spec/annotation-format.md``).

The format is a contract that outside scorers read too, so the writer emits
exactly the spec's fields (plus the optional ``confidence`` and
``entity_type``) and the reader ignores fields it does not know, as the spec
asks. Validation names the file and the quote so that a broken gold file can
be fixed without a debugger.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import Errors, SchemaError
from .model import KINDS, SCHEMA, DocumentResult, ErrorRecord, Quote, Span, Speaker

SPAN_FIELDS = ("content", "cue", "mention")


def sha256_text(text: str) -> str:
    """The sha256 of the UTF-8 bytes, which is the file's own hash when it was read with ``newline=""``."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a document exactly as the spec defines offsets: UTF-8, no newline translation."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


# -- writing -----------------------------------------------------------------


def _span_dict(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"start": span.start, "end": span.end, "text": span.text}


def quote_to_dict(q: Quote) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": q.id,
        "kind": q.kind,
        "content": _span_dict(q.content),
        "cue": _span_dict(q.cue),
        "mention": _span_dict(q.mention),
        "speaker": list(q.speaker),
    }
    if q.confidence is not None:
        d["confidence"] = round(q.confidence, 4)
    if q.speaker_confidence is not None:
        d["speaker_confidence"] = round(q.speaker_confidence, 4)
    return d


def to_dict(result: DocumentResult, *, with_errors: bool = True) -> dict[str, Any]:
    speakers: dict[str, Any] = {}
    for s in result.speakers:
        entry: dict[str, Any] = {"name": s.name, "aliases": list(s.aliases)}
        if s.entity_type:
            entry["entity_type"] = s.entity_type
        if s.titles:
            entry["titles"] = list(s.titles)
        if s.descriptions:
            entry["descriptions"] = list(s.descriptions)
        if s.affiliation:
            entry["affiliation"] = s.affiliation
        speakers[s.id] = entry
    d: dict[str, Any] = {
        "schema": result.schema,
        "document": result.document,
        "sha256": result.sha256,
        "speakers": speakers,
        "quotes": [quote_to_dict(q) for q in result.quotes],
    }
    if with_errors:
        d["errors"] = [{"code": e.code, "message": e.message} for e in result.errors]
    return d


#: Characters that ``json.dumps(ensure_ascii=False)`` leaves raw but that ``str.splitlines()`` (and
#: JavaScript before ES2019) take for line breaks; escaped, a record stays one line for every reader.
_LINE_BREAKS_IN_STRINGS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(result: DocumentResult, *, indent: int | None = None) -> str:
    """One record as JSON; with ``indent=None`` it is a single JSON Lines line, however it is split."""
    # These characters can only stand inside JSON strings, where their escapes mean the same.
    return json.dumps(to_dict(result), ensure_ascii=False, indent=indent).translate(_LINE_BREAKS_IN_STRINGS)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike[str], data: str) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; the file should look like any other
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_annotation(result: DocumentResult, path: str | os.PathLike[str]) -> None:
    """Write a gold/annotation file in the spec's layout (indented, no ``errors`` when there are none)."""
    d = to_dict(result, with_errors=bool(result.errors))
    atomic_write_text(path, json.dumps(d, ensure_ascii=False, indent=2) + "\n")


# -- reading -----------------------------------------------------------------


def _fail(code: Errors, source: str, quote_id: str | None = None, **kw: object) -> SchemaError:
    return SchemaError(code, source=source, quote_id=quote_id, **kw)


def _span(
    raw: Any, field: str, text: str | None, source: str, quote_id: str, *, required: bool
) -> Span | None:
    if raw is None:
        if required:
            raise _fail(Errors.E007, source, quote_id, detail=f"'{field}' is required")
        return None
    if not isinstance(raw, Mapping):
        raise _fail(Errors.E007, source, quote_id, detail=f"'{field}' must be an object or null")
    start, end, span_text = raw.get("start"), raw.get("end"), raw.get("text")
    if (
        not (isinstance(start, int) and isinstance(end, int))
        or isinstance(start, bool)
        or isinstance(end, bool)
    ):
        raise _fail(Errors.E007, source, quote_id, detail=f"'{field}' needs integer 'start' and 'end'")
    if text is not None:
        if not 0 <= start <= end <= len(text):
            raise _fail(Errors.E003, source, quote_id, field=field, start=start, end=end, length=len(text))
        actual = text[start:end]
        if span_text is None:
            span_text = actual
        elif span_text != actual:
            raise _fail(Errors.E004, source, quote_id, field=field, given=span_text, actual=actual)
    elif start > end or start < 0:
        raise _fail(Errors.E003, source, quote_id, field=field, start=start, end=end, length="unknown")
    if not isinstance(span_text, str):
        raise _fail(Errors.E007, source, quote_id, detail=f"'{field}' needs a 'text' string")
    return Span(start, end, span_text)


def _speakers(raw: Any, source: str) -> tuple[Speaker, ...]:
    if not isinstance(raw, Mapping):
        raise _fail(Errors.E007, source, detail="'speakers' must be an object mapping ids to speakers")
    out = []
    for sid, entry in raw.items():
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise _fail(Errors.E007, source, detail=f"speaker {sid!r} needs a 'name' string")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) for a in aliases):
            raise _fail(Errors.E007, source, detail=f"speaker {sid!r}: 'aliases' must be a list of strings")
        etype = entry.get("entity_type")
        affiliation = entry.get("affiliation")
        out.append(
            Speaker(
                str(sid),
                entry["name"],
                tuple(aliases),
                etype if isinstance(etype, str) else None,
                _strings(entry.get("titles")),
                _strings(entry.get("descriptions")),
                affiliation if isinstance(affiliation, str) else None,
            )
        )
    return tuple(out)


def _strings(raw: Any) -> tuple[str, ...]:
    """An optional list of strings (``titles``, ``descriptions``): anything else is ignored, as old readers do."""
    if not isinstance(raw, (list, tuple)):
        return ()
    return tuple(x for x in raw if isinstance(x, str))


def _errors(raw: Any, source: str) -> tuple[ErrorRecord, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, (list, tuple)):
        raise _fail(Errors.E007, source, detail="'errors' must be a list")
    out = []
    for e in raw:
        if isinstance(e, Mapping):
            out.append(ErrorRecord(str(e.get("code", "")), str(e.get("message", ""))))
        else:
            out.append(ErrorRecord("", str(e)))
    return tuple(out)


def from_dict(data: Any, *, text: str | None = None, source: str = "<record>") -> DocumentResult:
    """Build and validate a result. With ``text``, spans and the sha256 are checked against it."""
    if not isinstance(data, Mapping):
        raise _fail(Errors.E007, source, detail="a record must be a JSON object")
    if data.get("schema") != SCHEMA:
        raise _fail(Errors.E001, source, schema=data.get("schema"))
    document, sha = data.get("document"), data.get("sha256")
    if not isinstance(document, str) or not isinstance(sha, str):
        raise _fail(Errors.E007, source, detail="'document' and 'sha256' must be strings")
    if text is not None and sha != (actual := sha256_text(text)):
        raise _fail(Errors.E006, source, given=sha, actual=actual)
    speakers = _speakers(data.get("speakers", {}), source)
    known = {s.id for s in speakers}
    raw_quotes = data.get("quotes", [])
    if not isinstance(raw_quotes, (list, tuple)):
        raise _fail(Errors.E007, source, detail="'quotes' must be a list")
    quotes = []
    seen_ids: set[str] = set()
    for i, rq in enumerate(raw_quotes):
        if not isinstance(rq, Mapping):
            raise _fail(Errors.E007, source, f"#{i}", detail="a quote must be an object")
        qid = rq.get("id")
        if not isinstance(qid, str) or not qid:
            raise _fail(Errors.E007, source, f"#{i}", detail="a quote needs a string 'id'")
        if qid in seen_ids:
            raise _fail(Errors.E007, source, qid, detail="duplicate quote id")
        seen_ids.add(qid)
        kind = rq.get("kind")
        if kind not in KINDS:
            raise _fail(Errors.E002, source, qid, kind=kind)
        spans = {f: _span(rq.get(f), f, text, source, qid, required=(f == "content")) for f in SPAN_FIELDS}
        speaker_ids = rq.get("speaker", [])
        if not isinstance(speaker_ids, (list, tuple)):
            raise _fail(Errors.E007, source, qid, detail="'speaker' must be a list of ids")
        for sid in speaker_ids:
            if not isinstance(sid, str):
                raise _fail(Errors.E007, source, qid, detail=f"speaker ids must be strings, not {sid!r}")
            if sid not in known:
                raise _fail(Errors.E005, source, qid, speaker=sid)
        conf = rq.get("confidence")
        speaker_conf = rq.get("speaker_confidence")
        for field_name, value in (("confidence", conf), ("speaker_confidence", speaker_conf)):
            if value is not None and (
                isinstance(value, bool) or not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0)
            ):
                raise _fail(Errors.E007, source, qid, detail=f"{field_name!r} must be a number in [0, 1]")
        quotes.append(
            Quote(
                id=qid,
                kind=kind,
                content=spans["content"],  # type: ignore[arg-type]
                cue=spans["cue"],
                mention=spans["mention"],
                speaker=tuple(speaker_ids),
                confidence=None if conf is None else float(conf),
                speaker_confidence=None if speaker_conf is None else float(speaker_conf),
            )
        )
    return DocumentResult(
        document=document,
        sha256=sha,
        speakers=speakers,
        quotes=tuple(quotes),
        errors=_errors(data.get("errors"), source),
    )


def loads(line: str, *, text: str | None = None, source: str = "<record>") -> DocumentResult:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        raise _fail(Errors.E007, source, detail=f"not valid JSON ({e})") from None
    return from_dict(data, text=text, source=source)


def text_path_for(annotation: Path, data: Mapping[str, Any]) -> Path:
    """The text an annotation file describes: its ``document`` beside it, else the same stem."""
    doc = data.get("document") if isinstance(data, Mapping) else None
    if isinstance(doc, str) and (annotation.parent / doc).is_file():
        return annotation.parent / doc
    return annotation.with_suffix(".txt")


def read_annotation(path: str | os.PathLike[str], text: str | None = None) -> DocumentResult:
    """Read and fully validate one annotation file against its text."""
    path = Path(path)
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise _fail(Errors.E007, source, detail=f"not valid JSON ({e})") from None
    if text is None:
        tpath = text_path_for(path, data)
        if not tpath.is_file():
            raise _fail(Errors.E008, source, path=tpath)
        text = read_text(tpath)
    return from_dict(data, text=text, source=source)


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[DocumentResult]:
    """Stream the records of an extractor output file (spans checked for shape, not against texts)."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                yield loads(line, source=f"{path}:{n}")


def write_jsonl(results: Iterable[DocumentResult], path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, "".join(dumps(r) + "\n" for r in results))
