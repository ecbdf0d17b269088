"""Reading inputs: every file gives a text or an error record, names as the user gave them, a streaming walk."""

from __future__ import annotations

import codecs
import hashlib
import io
import os

import pytest

from quotes.files.inputs import (
    count_paths,
    decode,
    display_name,
    iter_documents,
    iter_paths,
    read_document,
    read_stream,
)


def code(data: bytes, max_chars: int = 1000) -> str | None:
    text, err = decode(data, max_chars)
    assert (text is None) == (err is not None)
    return err.code if err else None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "E101"),
        (b"  \n\t\r\n ", "E101"),
        (b"abc\x00def" * 10, "E102"),
        (bytes(range(1, 9)) * 50, "E102"),
        (b"Caf\xc3\xa9 said hello.", None),
        (b"Caf\xe9 said hello.", None),  # Latin-1 / cp1252
        (b"He said \x93yes\x94.", None),  # cp1252 curly quotes
        (b"bad \x81\x8d\x90 bytes \x9d", "E103"),  # no 8-bit encoding people use makes text of this
        (b"x" * 1001, "E105"),
    ],
)
def test_decode_codes(data: bytes, expected: str | None) -> None:
    assert code(data) == expected


def test_decode_texts() -> None:
    assert decode(b"Caf\xe9", 100)[0] == "Café"
    assert decode(b"He said \x93yes\x94.", 100)[0] == "He said \u201cyes\u201d."
    # A UTF-8 byte order mark is kept (it is one code point of the text); UTF-16 marks are decoded away.
    assert decode(codecs.BOM_UTF8 + b"Hi there", 100)[0] == "\ufeffHi there"
    assert decode("Grüße, said Anna.".encode("utf-16"), 100)[0] == "Grüße, said Anna."
    assert decode("Grüße, said Anna.".encode("utf-16-le"), 100)[0] == "Grüße, said Anna."
    # A declared encoding is tried before the cp1252 guess.
    koi8 = '<meta charset="koi8-r"> Путин сказал.'.encode("koi8-r")
    assert decode(koi8, 100)[0] == '<meta charset="koi8-r"> Путин сказал.'


def test_read_document(tmp_path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"Caf\xe9 owner said it was fine.")
    doc = read_document(p, "a.txt")
    assert doc.text == "Café owner said it was fine."
    assert doc.sha256 == hashlib.sha256(p.read_bytes()).hexdigest()  # of the bytes, not the text
    missing = read_document(tmp_path / "missing.txt", "missing.txt")
    assert missing.error is not None and missing.error.code == "E104"
    assert missing.failed().errors == (missing.error,)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 500)
    # Too many bytes to fit the limit in any encoding: refused without reading.
    assert read_document(big, max_chars=100).error.code == "E105"


def test_read_stream() -> None:
    assert read_stream(io.BytesIO(b'"Yes," she said.')).text == '"Yes," she said.'
    assert read_stream(io.BytesIO(b"x" * 1000), max_chars=10).error.code == "E105"
    assert read_stream(io.BytesIO(b"")).error.code == "E101"


def test_iter_paths_names_and_order(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for rel in ("d/b.txt", "d/a.txt", "d/sub/c.txt", "d/skip.md", "d/a b é.txt"):
        (tmp_path / rel).write_text("x")
    os.symlink("nowhere.txt", tmp_path / "d" / "broken.txt")
    names = [name for _, name in iter_paths(["d/"])]
    assert names == ["d/a b é.txt", "d/a.txt", "d/b.txt", "d/broken.txt", "d/sub/c.txt"]
    assert [name for _, name in iter_paths(["d"], "*.md")] == ["d/skip.md"]
    assert [name for _, name in iter_paths(["d/a.txt", "-"])] == ["d/a.txt", "-"]
    assert count_paths(["d"]) == 5
    # A broken link is listed and gets an error record, not dropped.
    assert [d.error.code for d in iter_documents(["d"]) if d.error] == ["E104"]


def test_undecodable_file_name(tmp_path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(raw, "wb") as f:
        f.write(b"Hello, said Ann.")
    [(path, name)] = list(iter_paths([str(tmp_path)]))
    assert name.endswith("bad\\xffname.txt")
    name.encode("utf-8")  # printable and writable
    assert read_document(path, name).text == "Hello, said Ann."
    assert display_name("plain/é.txt") == "plain/é.txt"
