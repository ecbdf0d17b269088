"""Fuzzing the command line: whatever files a batch is given, each gets exactly one output record.

Generated batches mix random bytes, UTF-8 cut off mid-character, UTF-16 with
and without a byte order mark, NUL-laden text, empty files, files over
``--max-chars``, news-like text and standard input. For every batch:

- the command exits 0 (nothing failed) or 1 (some documents have error
  records), never with a traceback;
- the output holds one record per input, in input order, each valid
  ``quotes/1``, and no ``.partial`` file is left behind;
- a record without errors has spans that point at the text the library's
  reader makes of that file, and its sha256 is that of the file's bytes.

The number of batches comes from the Hypothesis profile (``tests/conftest.py``).
A fixed, seeded batch runs with ``-j 2`` as well and must give the same bytes
as ``-j 1``.
"""

from __future__ import annotations

import hashlib
import json
import random
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.api import load_pipeline
from quotes.cli import cli
from quotes.files.inputs import decode
from quotes.schema import from_dict

#: ``--max-chars`` for the fuzzed batches: small, so that "huge" files cost nothing to make.
MAX_CHARS = 2_000

SENTENCES = [
    '"We will not back down," said Maria Ortiz.',
    "Ortiz said that the talks were productive.",
    "Reporter: Will the talks go on?\n\nMinister Reis: Yes.",
    "According to officials, the plan is dead.",
    "“Japan’s role is clear,” the minister told reporters.",
    "She described the vote as “a turning point.”",
    "« Non », a dit Claire Dubois.",
    "The 'reset' was announced in the '90s.",
    '"""',
    "“",
]


@pytest.fixture(scope="module", autouse=True)
def _pipeline():
    load_pipeline(None)  # once, shared by every in-process run below


news = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5).map(" ".join)
any_text = st.one_of(news, st.text(max_size=200))


@st.composite
def truncated_utf8(draw: st.DrawFn) -> bytes:
    data = draw(
        st.text(alphabet=st.characters(min_codepoint=0x80, codec="utf-8"), min_size=1, max_size=60)
    ).encode("utf-8")
    cut = draw(st.integers(1, len(data)))
    prefix = draw(news).encode("utf-8")
    return prefix + data[:cut]


contents = st.one_of(
    st.binary(max_size=400),  # random bytes
    truncated_utf8(),
    any_text.map(lambda t: t.encode("utf-8")),
    any_text.map(lambda t: t.encode("utf-16")),  # with a byte order mark
    news.map(lambda t: t.encode("utf-16-le")),  # without one
    any_text.map(lambda t: "\ufeff" + t).map(lambda t: t.encode("utf-8")),
    news.map(lambda t: t.replace(" ", "\x00").encode("utf-8")),
    news.map(lambda t: t.encode("latin-1", "replace")),
    st.just(b""),
    st.just(b"\n\n  \r\n"),
    news.map(
        lambda t: ((t + "\n\n") * (MAX_CHARS // max(1, len(t)) + 2)).encode("utf-8")
    ),  # over --max-chars
)
names = st.one_of(
    st.from_regex(r"[a-z0-9_]{1,10}", fullmatch=True),
    st.sampled_from(["sp ace", "é", "日本", "sub/deeper/x", "a.b", "-dash"]),
).map(lambda n: n + ".txt")
batches = st.dictionaries(names, contents, min_size=1, max_size=6)


def _check_batch(root: Path, files: dict[str, bytes], out: Path, stdin: bytes | None, *jobs: str) -> bytes:
    args = ["extract", str(root), "-o", str(out), "--max-chars", str(MAX_CHARS), "-q", *jobs]
    if stdin is not None:
        args.append("-")
    res = CliRunner().invoke(cli, args, input=stdin, catch_exceptions=False)
    assert res.exit_code in (0, 1), res.output
    assert not Path(str(out) + ".partial").exists()
    lines = out.read_text(encoding="utf-8").splitlines()
    expected = sorted(files, key=lambda rel: rel.split("/")) + (["-"] if stdin is not None else [])
    got = []
    for line in lines:
        record = from_dict(
            json.loads(line)
        )  # validates quotes/1: spans inside the record agree with themselves
        rel = record.document if record.document == "-" else str(Path(record.document).relative_to(root))
        got.append(rel)
        data = stdin if rel == "-" else files[rel]
        assert data is not None
        assert record.sha256 == hashlib.sha256(data).hexdigest()
        if record.errors:
            assert record.quotes == (), record
            continue
        text, error = decode(data, MAX_CHARS)
        assert error is None and text is not None, (rel, error)
        for q in record.quotes:
            for span in (q.content, q.cue, q.mention):
                if span is not None:
                    assert text[span.start : span.end] == span.text, (rel, q)
    assert got == expected, "not one record per input, in input order"
    assert res.exit_code == (1 if any(json.loads(line)["errors"] for line in lines) else 0)
    return out.read_bytes()


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batches, st.one_of(st.none(), contents))
def test_every_file_gets_one_record(files: dict[str, bytes], stdin: bytes | None) -> None:
    # "x.txt" and "x.txt/..." cannot both be files.
    files = {k: v for k, v in files.items() if not any(o.startswith(k + "/") for o in files if o != k)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        root.mkdir()
        _write(root, files)
        _check_batch(root, files, Path(tmp) / "out.jsonl", stdin)


def test_fuzzed_batch_with_workers(tmp_path: Path) -> None:
    """A seeded batch of 120 generated files: ``-j 2`` gives one record each, the same bytes as ``-j 1``."""
    rng = random.Random(8)
    pieces = [s.encode("utf-8") for s in SENTENCES]
    files: dict[str, bytes] = {}
    for i in range(120):
        kind = i % 6
        text = b" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if kind == 0:
            data = rng.randbytes(rng.randint(0, 500))
        elif kind == 1:
            data = text + "日本語".encode()[: rng.randint(1, 8)]
        elif kind == 2:
            data = text.decode("utf-8").encode("utf-16")
        elif kind == 3:
            data = text * (MAX_CHARS // len(text) + 2)
        elif kind == 4:
            data = b""
        else:
            data = text
        files[f"f{i:03d}.txt"] = data
    root = tmp_path / "in"
    root.mkdir()
    _write(root, files)
    one = _check_batch(root, files, tmp_path / "one.jsonl", None, "-j", "1")
    two = _check_batch(root, files, tmp_path / "two.jsonl", None, "-j", "2", "--timeout", "60")
    assert one == two
