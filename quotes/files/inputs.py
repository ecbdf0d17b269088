"""Reading input documents safely: every file gives a text or an error record, never an exception.

Archives hold empty files, binaries, Latin-1 leftovers and the odd
multi-megabyte dump; one of them must never stop a batch, and each gets an
error that says what is wrong with it.

Files are found by a streaming walk (one directory listed at a time), so a
batch over a million files does not hold a million paths.
"""

from __future__ import annotations

import codecs
import fnmatch
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import Errors, error_record
from ..model import DocumentResult, ErrorRecord

#: Default ``--max-chars``: far above any news article, low enough to keep memory bounded.
DEFAULT_MAX_CHARS = 2_000_000
#: Default ``--glob``: the files taken from directories.
DEFAULT_GLOB = "*.txt"
#: The document name of standard input (``-`` on the command line).
STDIN = "-"

#: Byte order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: An encoding declared inside the text: ``<meta charset="...">``, ``<?xml encoding="..."?>``, ``coding: ...``.
_DECLARED = re.compile(rb"""(?:charset|encoding|coding)\s*[:=]\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
#: C1 control characters: what Latin-1 makes of bytes that are not text in any 8-bit encoding people use.
_C1 = re.compile("[\x80-\x9f]")


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


def _declared_encoding(data: bytes) -> str | None:
    m = _DECLARED.search(data[:2048])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no byte order mark: ASCII letters leave every other byte zero."""
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str | None, ErrorRecord | None]:
    """Bytes to text, or the reason why not.

    In order: a byte order mark; UTF-8; UTF-16 without a mark; an encoding
    the text declares (``charset=``, ``encoding=``, ``coding:``); cp1252 (what
    "Latin-1" files usually are); Latin-1 where it gives no control
    characters. A UTF-8 byte order mark is kept in the text (it counts as
    one code point, as the spec says); other marks are dropped by decoding.
    """
    if not data.strip():
        return None, error_record(Errors.E101)
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode("utf-8") if enc == "utf-8" else _try(data, enc)
            break
    if text is None and b"\x00" in data[:8192]:
        enc16 = _utf16_without_bom(data)
        text = _try(data, enc16) if enc16 else None
        if text is None:
            return None, error_record(Errors.E102)
    if text is None:
        text = _try(data, "utf-8")
    if text is None:
        tried = []
        for enc in (_declared_encoding(data), "cp1252", "latin-1"):
            if enc is None or enc in tried or enc.replace("-", "").replace("_", "") == "utf8":
                continue
            tried.append(enc)
            candidate = _try(data, enc)
            if candidate is not None and not _C1.search(candidate):
                text = candidate
                break
        if text is None:
            return None, error_record(
                Errors.E103,
                detail=f"tried utf-8, {', '.join(tried)}; each gives invalid or control characters",
            )
    if not text.strip():
        return None, error_record(Errors.E101)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text[:8192] or controls > 0.1 * min(len(text), 8192):
        return None, error_record(Errors.E102)
    if len(text) > max_chars:
        return None, error_record(Errors.E105, length=f"{len(text):,}", limit=f"{max_chars:,}")
    return text, None


def _too_big(size: int, max_chars: int) -> bool:
    return size > 4 * max_chars + 4  # no encoding needs more than 4 bytes a character (plus a mark)


def read_document(
    path: str | os.PathLike[str], name: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Document:
    """Read and decode one file; whatever goes wrong becomes the document's error."""
    name = name if name is not None else display_name(os.fspath(path))
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            if _too_big(size, max_chars):
                return Document(
                    name,
                    None,
                    error_record(Errors.E105, length=f"about {size:,} bytes, so", limit=f"{max_chars:,}"),
                    _sha256_of(f),  # hashed in blocks, never held whole
                )
            data = f.read()
    except OSError as e:
        return Document(name, None, error_record(Errors.E104, detail=e.strerror or e))
    return _document(name, data, max_chars)


def read_stream(stream: BinaryIO, name: str = STDIN, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Read one document from a byte stream (standard input), never more than the size limit allows."""
    try:
        limit = 4 * max_chars + 4
        data = stream.read(limit + 1)
        if len(data) > limit:
            return Document(
                name,
                None,
                error_record(Errors.E105, length=f"more than {limit:,} bytes, so", limit=f"{max_chars:,}"),
                _sha256_of(stream, data),
            )
    except OSError as e:
        return Document(name, None, error_record(Errors.E104, detail=e.strerror or e))
    return _document(name, data, max_chars)


def _sha256_of(stream: BinaryIO, head: bytes = b"") -> str:
    """The sha256 of ``head`` and the rest of ``stream``, read a block at a time."""
    digest = hashlib.sha256(head)
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _document(name: str, data: bytes, max_chars: int) -> Document:
    text, err = decode(data, max_chars)
    # The spec's sha256 is of the file's bytes (not of the text re-encoded, which differs for cp1252 files).
    return Document(name, text, err, hashlib.sha256(data).hexdigest())


def display_name(path: str) -> str:
    """A path as a printable name: bytes that are not UTF-8 (kept by the OS as surrogates) become ``\\xNN``."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _matches(rel: str, pattern: str) -> bool:
    if "/" in pattern:
        return PurePosixPath(rel).match(pattern)
    return fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pattern)


def _walk(top: str, rel: str, pattern: str) -> Iterator[str]:
    """Relative paths of matching files under ``top``, depth first, names sorted; one directory in memory."""
    try:
        with os.scandir(os.path.join(top, rel) if rel else top) as it:
            entries = sorted(((e.name, e.is_dir(follow_symlinks=False)) for e in it), key=lambda x: x[0])
    except OSError:
        return
    for name, is_dir in entries:
        sub = f"{rel}/{name}" if rel else name
        if is_dir:
            yield from _walk(top, sub, pattern)
        elif _matches(sub, pattern):
            yield sub  # files, and links (a broken link gets an error record rather than vanishing)


def iter_paths(paths: Iterable[str], pattern: str = DEFAULT_GLOB) -> Iterator[tuple[str, str]]:
    """Files named, and files under directories named (recursively, sorted), with display names.

    A display name is the path as the user gave it, or for a directory, the
    directory as given joined with the file's path inside it. ``-`` stands for
    standard input and is passed through as it is.
    """
    for given in paths:
        if given != STDIN and os.path.isdir(given):
            for rel in _walk(given, "", pattern):
                path = os.path.join(given, rel)
                yield path, display_name(str(Path(given) / rel))
        else:
            yield given, display_name(given)


def iter_documents(
    paths: Iterable[str], pattern: str = DEFAULT_GLOB, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document]:
    """Every input as a :class:`Document`, read one at a time (``-`` reads standard input)."""
    for path, name in iter_paths(paths, pattern):
        if path == STDIN:
            yield read_stream(sys.stdin.buffer, STDIN, max_chars)
        else:
            yield read_document(path, name, max_chars)


def count_paths(paths: Iterable[str], pattern: str = DEFAULT_GLOB) -> int:
    """How many documents :func:`iter_documents` will give (a cheap walk, for the progress bar)."""
    return sum(1 for _ in iter_paths(paths, pattern))
