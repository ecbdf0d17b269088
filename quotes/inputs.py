"""Reading input documents safely: every file gives a text or an error record, never an exception.

Archives hold empty files, binaries, Latin-1 leftovers and the odd
multi-megabyte dump; one of them must never stop a batch, and each gets an
error that says what is wrong with it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import Errors
from .model import DocumentResult, ErrorRecord

#: Default ``--max-chars``: far above any news article, low enough to keep memory bounded.
DEFAULT_MAX_CHARS = 2_000_000
#: Encodings tried, in order, after UTF-8 fails (cp1252 before Latin-1: it is what "Latin-1" files usually are).
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # as the user gave it, relative to what they named
    text: str | None
    error: ErrorRecord | None = None
    sha256: str = ""

    def failed(self) -> DocumentResult:
        """The record written for a document that could not be read."""
        assert self.error is not None
        return DocumentResult(document=self.name, sha256=self.sha256, errors=(self.error,))


def _error(code: Errors, **kw: object) -> ErrorRecord:
    return ErrorRecord(code.name, code.value.format(**kw))


def decode(data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str | None, ErrorRecord | None]:
    """Bytes to text, or the reason why not."""
    if not data.strip():
        return None, _error(Errors.E101)
    if b"\x00" in data[:8192]:
        return None, _error(Errors.E102)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_error = e
        for enc in FALLBACK_ENCODINGS:
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - latin-1 decodes every byte string
            return None, _error(Errors.E103, detail=first_error)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.1 * min(len(text), 8192):
        return None, _error(Errors.E102)
    if len(text) > max_chars:
        return None, _error(Errors.E105, length=len(text), limit=max_chars)
    return text, None


def read_document(
    path: str | os.PathLike[str], name: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Document:
    name = name if name is not None else os.fspath(path)
    try:
        size = os.path.getsize(path)
        if size > 4 * max_chars + 4:
            return Document(
                name, None, _error(Errors.E105, length=f"about {size:,} bytes, so", limit=max_chars)
            )
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return Document(name, None, _error(Errors.E104, detail=e.strerror or e))
    text, err = decode(data, max_chars)
    # The spec's sha256 is of the file's bytes (not of the text re-encoded, which differs for cp1252 files).
    return Document(name, text, err, hashlib.sha256(data).hexdigest())


def iter_paths(paths: Iterable[str], pattern: str = "*.txt") -> Iterator[tuple[Path, str]]:
    """Files named, and files under directories named (recursively, sorted), with display names."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob(pattern)):
                if f.is_file():
                    yield f, str(Path(given) / f.relative_to(p))
        else:
            yield p, given
