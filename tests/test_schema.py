"""Schema ``quotes/1``: the gold corpus, every validation error, the errors list and safe writing.

The contract is ``shared/spec/annotation-format.md``. Invalid inputs are built
from a small text written here (CRLF line ends, an astral character before the
spans), never from the corpus files.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import os
import re
import sys
from pathlib import Path

import pytest

from quotes.errors import Errors, SchemaError
from quotes.model import SCHEMA, DocumentResult, ErrorRecord, Quote, Span, Speaker
from quotes.schema import (
    dumps,
    from_dict,
    loads,
    read_annotation,
    read_jsonl,
    sha256_text,
    to_dict,
    write_annotation,
    write_jsonl,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "corpus"
ANNOTATIONS = sorted(CORPUS.glob("*.json"))
# CI keeps shared/ beside the clone.
SEED_SUMS = REPO_ROOT.parent / "shared" / "seeds" / "SHA256SUMS"

TOP_FIELDS = ("schema", "document", "sha256", "speakers", "quotes")
QUOTE_FIELDS = ("id", "kind", "content", "cue", "mention", "speaker")


def spec_view(d: dict) -> dict:
    """The spec's fields of a record, nothing else (unknown and optional fields dropped)."""
    view = {k: d[k] for k in TOP_FIELDS}
    view["speakers"] = {sid: {"name": s["name"], "aliases": s["aliases"]} for sid, s in d["speakers"].items()}
    view["quotes"] = [{k: q[k] for k in QUOTE_FIELDS} for q in d["quotes"]]
    return view


# -- the gold corpus -------------------------------------------------------------------


def test_corpus_is_complete():
    assert len(ANNOTATIONS) == 5, ANNOTATIONS
    texts = sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert [p.stem for p in ANNOTATIONS] == texts


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_corpus_annotation_reads_and_round_trips(path: Path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.with_suffix(".txt")
    text = text_path.read_bytes().decode("utf-8")  # bytes decoded as-is: no newline translation

    result = read_annotation(path)
    assert result.quotes, "a gold file without quotes"
    assert result.document == text_path.name == raw["document"]
    assert result.sha256 == hashlib.sha256(text_path.read_bytes()).hexdigest()
    assert result.errors == ()

    d = to_dict(result, with_errors=False)
    assert spec_view(d) == spec_view(raw)
    assert from_dict(d, text=text, source=str(path)) == result
    assert from_dict(to_dict(result), text=text) == result
    assert loads(dumps(result), text=text) == result
    for q in result.quotes:
        for span in (q.content, q.cue, q.mention):
            if span is not None:
                assert text[span.start : span.end] == span.text, (q.id, span)


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_corpus_speaker_ids_are_slugs(path: Path):
    result = read_annotation(path)
    for s in result.speakers:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s.id), s.id


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.stem)
def test_corpus_quote_ids_follow_content_order(path: Path):
    result = read_annotation(path)
    by_start = sorted(result.quotes, key=lambda q: (q.content.start, q.content.end))
    assert [q.id for q in result.quotes] == [q.id for q in by_start]
    assert [q.id for q in by_start] == [f"q{i}" for i in range(1, len(by_start) + 1)]


def _seed_sums() -> dict[str, str]:
    if not SEED_SUMS.is_file():
        pytest.skip(f"{SEED_SUMS} is absent: the seed checksums live in shared/ beside the clone (../shared)")
    sums = {}
    for line in SEED_SUMS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.lstrip("*")] = digest.lower()
    return sums


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_corpus_text_is_byte_identical_to_seed(path: Path):
    sums = _seed_sums()
    assert path.name in sums, f"{path.name} has no line in {SEED_SUMS}"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sums[path.name]


# -- a small valid document --------------------------------------------------------------

TEXT = (
    'Mayor Ana Ruiz said, "We will build the bridge."\r\n'
    "\U0001f600 She added that the cost would fall by half.\r\n"
    "Café owner Zoë Brandt: Nobody asked us.\n"
)


def sp(sub: str) -> dict:
    start = TEXT.index(sub)
    assert TEXT.find(sub, start + 1) == -1, f"{sub!r} is not unique in TEXT"
    return {"start": start, "end": start + len(sub), "text": sub}


VALID = {
    "schema": "quotes/1",
    "document": "doc.txt",
    "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
    "speakers": {
        "ana-ruiz": {"name": "Ana Ruiz", "aliases": ["Mayor Ana Ruiz", "Ruiz"]},
        "zoe-brandt": {"name": "Zoë Brandt", "aliases": ["Café owner Zoë Brandt"]},
    },
    "quotes": [
        {
            "id": "q1",
            "kind": "direct",
            "content": sp("We will build the bridge."),
            "cue": sp("said"),
            "mention": sp("Mayor Ana Ruiz"),
            "speaker": ["ana-ruiz"],
        },
        {
            "id": "q2",
            "kind": "indirect",
            "content": sp("the cost would fall by half"),
            "cue": sp("added"),
            "mention": sp("She"),
            "speaker": ["ana-ruiz"],
        },
        {
            "id": "q3",
            "kind": "transcript",
            "content": sp("Nobody asked us."),
            "cue": None,
            "mention": sp("Café owner Zoë Brandt"),
            "speaker": ["zoe-brandt"],
        },
    ],
}


@pytest.fixture
def doc_dir(tmp_path: Path) -> Path:
    (tmp_path / "doc.txt").write_bytes(TEXT.encode("utf-8"))
    return tmp_path


def valid() -> dict:
    return copy.deepcopy(VALID)


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read(doc_dir: Path, data: object, name: str = "doc.json") -> DocumentResult:
    return read_annotation(write_json(doc_dir / name, data))


def raises_schema_error(
    doc_dir: Path, data: object, code: str, quote_id: str | None, *fragments: str
) -> SchemaError:
    """Read ``data`` as ``doc.json`` and check the error names the file, the quote and the fault."""
    path = doc_dir / "doc.json"
    with pytest.raises(SchemaError) as info:
        read(doc_dir, data)
    return check_error(info.value, str(path), code, quote_id, *fragments)


def check_error(
    err: SchemaError, source: str, code: str, quote_id: str | None, *fragments: str
) -> SchemaError:
    assert isinstance(err, SchemaError) and isinstance(err, ValueError)
    msg = str(err)
    assert err.code == code, msg
    assert err.source == source
    assert err.quote_id == quote_id
    assert msg.startswith(source + ":"), msg
    assert f"[{code}]" in msg
    if quote_id is not None:
        assert f"{source}: quote {quote_id}: [{code}]" in msg, msg
    for fragment in fragments:
        assert fragment in msg, (fragment, msg)
    return err


def test_small_document_is_valid(doc_dir: Path):
    # The file on disk has CRLF line ends and an astral character before q2: the spans only
    # validate (and the sha256 only matches) if the text is read as UTF-8 code points with
    # no newline translation.
    assert b"\r\n" in (doc_dir / "doc.txt").read_bytes()
    result = read(doc_dir, valid())
    assert [q.id for q in result.quotes] == ["q1", "q2", "q3"]
    q2 = result.quotes[1]
    assert q2.content == Span(
        TEXT.index("the cost"), TEXT.index(" by half") + len(" by half"), q2.content.text
    )
    assert q2.content.text == "the cost would fall by half"
    assert result.quotes[2].cue is None
    assert result.speakers == (
        Speaker("ana-ruiz", "Ana Ruiz", ("Mayor Ana Ruiz", "Ruiz")),
        Speaker("zoe-brandt", "Zoë Brandt", ("Café owner Zoë Brandt",)),
    )
    assert spec_view(to_dict(result)) == spec_view(VALID)
    # The text can also be handed in directly.
    assert read_annotation(doc_dir / "doc.json", text=TEXT) == result


def test_text_found_through_document_field(doc_dir: Path):
    # gold.json has no gold.txt beside it: the `document` field names the text.
    result = read(doc_dir, valid(), name="gold.json")
    assert result.document == "doc.txt"


def test_text_found_through_stem_when_document_is_elsewhere(doc_dir: Path):
    data = valid()
    data["document"] = "some/other/place.txt"
    assert read(doc_dir, data).document == "some/other/place.txt"


# -- one test per invalid case -------------------------------------------------------------


@pytest.mark.parametrize(
    ("schema", "shown"), [("quotes/2", "'quotes/2'"), ("Quotes/1", "'Quotes/1'"), (None, "None")]
)
def test_e001_unknown_schema(doc_dir: Path, schema, shown):
    data = valid()
    if schema is None:
        del data["schema"]
    else:
        data["schema"] = schema
    raises_schema_error(doc_dir, data, "E001", None, f"unknown schema {shown}", "expected 'quotes/1'")


@pytest.mark.parametrize(("kind", "shown"), [("quip", "'quip'"), ("Direct", "'Direct'"), (None, "None")])
def test_e002_unknown_kind(doc_dir: Path, kind, shown):
    data = valid()
    if kind is None:
        del data["quotes"][1]["kind"]
    else:
        data["quotes"][1]["kind"] = kind
    raises_schema_error(doc_dir, data, "E002", "q2", f"unknown kind {shown}")


@pytest.mark.parametrize(
    ("field", "start", "end"),
    [
        ("content", len(TEXT) - 3, len(TEXT) + 1),  # runs past the end
        ("content", len(TEXT) + 2, len(TEXT) + 5),  # starts past the end
        ("cue", -1, 5),  # negative start (a Python slice would quietly count from the end)
        ("mention", 10, 4),  # start after end
    ],
)
def test_e003_span_outside_text(doc_dir: Path, field, start, end):
    data = valid()
    data["quotes"][1][field] = {"start": start, "end": end, "text": "x"}
    raises_schema_error(
        doc_dir,
        data,
        "E003",
        "q2",
        f"{field} span [{start}, {end})",
        f"outside the text (length {len(TEXT)})",
    )


def test_e003_without_text_checks_the_shape(tmp_path: Path):
    data = valid()
    data["quotes"][0]["cue"] = {"start": 9, "end": 3, "text": ""}
    with pytest.raises(SchemaError) as info:
        loads(json.dumps(data), source="preds.jsonl:4")
    check_error(info.value, "preds.jsonl:4", "E003", "q1", "cue span [9, 3)", "length unknown")


def test_e004_span_text_differs_from_slice(doc_dir: Path):
    # The offsets a UTF-16 count would give: one more than the code-point offsets after the emoji.
    data = valid()
    content = data["quotes"][1]["content"]
    content["start"] += 1
    content["end"] += 1
    actual = TEXT[content["start"] : content["end"]]
    assert actual != content["text"]
    raises_schema_error(
        doc_dir,
        data,
        "E004",
        "q2",
        f"content span text {content['text']!r} differs from the text's slice {actual!r}",
    )


def test_e004_mention_text_edited(doc_dir: Path):
    data = valid()
    data["quotes"][0]["mention"]["text"] = "Mayor Ana Ruíz"
    raises_schema_error(doc_dir, data, "E004", "q1", "mention span text 'Mayor Ana Ruíz'", "'Mayor Ana Ruiz'")


def test_e005_speaker_not_in_speakers(doc_dir: Path):
    data = valid()
    data["quotes"][2]["speaker"] = ["zoe-brandt", "nobody"]
    raises_schema_error(doc_dir, data, "E005", "q3", "speaker id 'nobody' is not in 'speakers'")


def test_e006_sha256_does_not_match(doc_dir: Path):
    data = valid()
    data["sha256"] = "0" * 64
    raises_schema_error(
        doc_dir, data, "E006", None, f"sha256 {'0' * 64} does not match the text", sha256_text(TEXT)
    )


def test_e006_sha256_of_newline_translated_text(doc_dir: Path):
    # A sha256 taken after newline translation is not the file's hash.
    data = valid()
    data["sha256"] = hashlib.sha256(TEXT.replace("\r\n", "\n").encode()).hexdigest()
    raises_schema_error(doc_dir, data, "E006", None, "does not match the text")


def test_e007_record_not_an_object(doc_dir: Path):
    raises_schema_error(
        doc_dir, [valid()], "E007", None, "malformed record", "a record must be a JSON object"
    )


def test_e007_quote_not_an_object(doc_dir: Path):
    data = valid()
    data["quotes"][1] = "q2"
    raises_schema_error(doc_dir, data, "E007", "#1", "a quote must be an object")


@pytest.mark.parametrize("how", ["absent", "null"])
def test_e007_missing_content(doc_dir: Path, how):
    data = valid()
    if how == "absent":
        del data["quotes"][2]["content"]
    else:
        data["quotes"][2]["content"] = None
    raises_schema_error(doc_dir, data, "E007", "q3", "malformed record", "'content' is required")


def test_e007_span_not_an_object(doc_dir: Path):
    data = valid()
    data["quotes"][0]["cue"] = [15, 19]
    raises_schema_error(doc_dir, data, "E007", "q1", "'cue' must be an object or null")


@pytest.mark.parametrize(
    ("key", "value"),
    [("start", "15"), ("start", 15.0), ("start", True), ("start", None), ("end", "19"), ("end", 19.5)],
)
def test_e007_non_integer_offsets(doc_dir: Path, key, value):
    data = valid()
    data["quotes"][0]["cue"][key] = value
    raises_schema_error(doc_dir, data, "E007", "q1", "'cue' needs integer 'start' and 'end'")


def test_e007_duplicate_quote_id(doc_dir: Path):
    data = valid()
    data["quotes"][2]["id"] = "q1"
    raises_schema_error(doc_dir, data, "E007", "q1", "duplicate quote id")


@pytest.mark.parametrize("confidence", [1.5, -0.01, "0.9", math.nan, math.inf])
def test_e007_confidence_out_of_range(doc_dir: Path, confidence):
    data = valid()
    data["quotes"][1]["confidence"] = confidence
    raises_schema_error(doc_dir, data, "E007", "q2", "'confidence' must be a number in [0, 1]")


@pytest.mark.parametrize("confidence", [0, 1, 0.5, 1.0])
def test_confidence_bounds_accepted(doc_dir: Path, confidence):
    data = valid()
    data["quotes"][1]["confidence"] = confidence
    assert read(doc_dir, data).quotes[1].confidence == float(confidence)


def test_e007_invalid_json(doc_dir: Path):
    path = doc_dir / "doc.json"
    path.write_text(json.dumps(valid())[:-20], encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_annotation(path)
    check_error(info.value, str(path), "E007", None, "malformed record: not valid JSON")


def test_e007_invalid_json_line():
    with pytest.raises(SchemaError) as info:
        loads('{"schema": "quotes/1", ', source="out.jsonl:3")
    check_error(info.value, "out.jsonl:3", "E007", None, "not valid JSON")


def test_e007_speaker_not_a_list(doc_dir: Path):
    # A bare string would otherwise be read as a list of one-letter ids.
    data = valid()
    data["quotes"][0]["speaker"] = "ana-ruiz"
    raises_schema_error(doc_dir, data, "E007", "q1", "'speaker' must be a list of ids")


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ({"aliases": ["Ruiz"]}, "speaker 'ana-ruiz' needs a 'name' string"),
        ("Ana Ruiz", "speaker 'ana-ruiz' needs a 'name' string"),
        ({"name": "Ana Ruiz", "aliases": "Ruiz"}, "speaker 'ana-ruiz': 'aliases' must be a list of strings"),
        ({"name": "Ana Ruiz", "aliases": ["Ruiz", 3]}, "'aliases' must be a list of strings"),
    ],
)
def test_e007_malformed_speaker(doc_dir: Path, entry, fragment):
    data = valid()
    data["speakers"]["ana-ruiz"] = entry
    raises_schema_error(doc_dir, data, "E007", None, fragment)


@pytest.mark.parametrize(
    ("key", "value"), [("document", None), ("sha256", 123), ("quotes", {}), ("speakers", [])]
)
def test_e007_malformed_top_level_field(doc_dir: Path, key, value):
    data = valid()
    data[key] = value
    raises_schema_error(doc_dir, data, "E007", None, "malformed record", f"'{key}'")


def test_e008_missing_text_file(tmp_path: Path):
    path = write_json(tmp_path / "doc.json", valid())
    with pytest.raises(SchemaError) as info:
        read_annotation(path)
    check_error(
        info.value,
        str(path),
        "E008",
        None,
        f"no text found for the annotation (looked for {tmp_path / 'doc.txt'})",
    )


def test_error_codes_are_the_errors_table():
    # Every code the reader raises is a member of quotes.errors.Errors with a message template.
    for code in ("E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008"):
        assert Errors[code].value


# -- what the reader ignores ---------------------------------------------------------------


def test_unknown_fields_are_ignored(doc_dir: Path):
    data = valid()
    data["origin"] = {"system": "other-extractor", "version": 3}
    data["meta"] = [1, 2, 3]
    data["speakers"]["ana-ruiz"]["wikidata"] = "Q1"
    for q in data["quotes"]:
        q["speech"] = "said"
        q["sentence"] = {"start": 0, "end": 5, "text": "not checked"}
        q["entity_type"] = "PERSON"
        q["content"]["tokens"] = 7
    result = read(doc_dir, data)
    assert result == read(doc_dir, valid(), name="clean.json")
    written = to_dict(result)
    assert set(written) == {*TOP_FIELDS, "errors"}
    assert all(set(q) == set(QUOTE_FIELDS) for q in written["quotes"])
    assert all(set(s) == {"name", "aliases"} for s in written["speakers"].values())


def test_optional_fields_round_trip(doc_dir: Path):
    data = valid()
    data["speakers"]["ana-ruiz"]["entity_type"] = "PERSON"
    data["quotes"][0]["confidence"] = 0.9025
    result = read(doc_dir, data)
    assert result.speaker("ana-ruiz").entity_type == "PERSON"
    assert result.speaker("zoe-brandt").entity_type is None
    assert result.quotes[0].confidence == 0.9025
    assert result.quotes[1].confidence is None
    d = to_dict(result, with_errors=False)
    assert d == data
    assert "confidence" not in d["quotes"][1]
    assert "entity_type" not in d["speakers"]["zoe-brandt"]


def test_missing_optional_parts_default_to_empty():
    data = {"schema": "quotes/1", "document": "x.txt", "sha256": ""}
    result = from_dict(data)
    assert result == DocumentResult(document="x.txt", sha256="")
    data = valid()
    del data["quotes"][0]["cue"], data["quotes"][0]["mention"], data["quotes"][0]["speaker"]
    del data["speakers"]["zoe-brandt"]["aliases"]
    result = from_dict(data, text=TEXT)
    assert result.quotes[0] == Quote("q1", "direct", Span.of(TEXT, *_offsets("We will build the bridge.")))
    assert result.speaker("zoe-brandt").aliases == ()


def _offsets(sub: str) -> tuple[int, int]:
    d = sp(sub)
    return d["start"], d["end"]


def test_span_text_filled_from_the_text_when_absent():
    data = valid()
    del data["quotes"][0]["content"]["text"]
    result = from_dict(data, text=TEXT)
    assert result.quotes[0].content.text == "We will build the bridge."


# -- the errors list -----------------------------------------------------------------------

FAILED = DocumentResult(
    document="empty.txt",
    sha256="",
    errors=(ErrorRecord("E101", Errors.E101.value),),
)


def test_errors_written_as_code_message_objects():
    d = json.loads(dumps(FAILED))
    assert d == {
        "schema": "quotes/1",
        "document": "empty.txt",
        "sha256": "",
        "speakers": {},
        "quotes": [],
        "errors": [{"code": "E101", "message": "the file is empty"}],
    }
    assert loads(dumps(FAILED)) == FAILED
    assert not FAILED.ok


def test_errors_always_present_in_extractor_output():
    ok = DocumentResult(document="a.txt", sha256=sha256_text("a"))
    assert json.loads(dumps(ok))["errors"] == []
    assert ok.ok


def test_errors_plain_strings_accepted_on_reading():
    data = to_dict(FAILED)
    data["errors"] = ["disk on fire", {"code": "E104", "message": "the file could not be read: gone"}, {}]
    result = from_dict(data)
    assert result.errors == (
        ErrorRecord("", "disk on fire"),
        ErrorRecord("E104", "the file could not be read: gone"),
        ErrorRecord("", ""),
    )
    # and they are written back in the object form
    assert to_dict(result)["errors"][0] == {"code": "", "message": "disk on fire"}


def test_write_annotation_writes_errors_only_when_there_are_some(tmp_path: Path):
    ok = DocumentResult(document="a.txt", sha256=sha256_text(""))
    write_annotation(ok, tmp_path / "ok.json")
    assert "errors" not in json.loads((tmp_path / "ok.json").read_text(encoding="utf-8"))
    write_annotation(FAILED, tmp_path / "failed.json")
    written = json.loads((tmp_path / "failed.json").read_text(encoding="utf-8"))
    assert written["errors"] == [{"code": "E101", "message": "the file is empty"}]
    assert from_dict(written) == FAILED


# -- writing files -----------------------------------------------------------------------


def _leftovers(directory: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_write_annotation_round_trips(doc_dir: Path):
    result = read(doc_dir, valid())
    out = doc_dir / "out.json"
    write_annotation(result, out)
    raw = out.read_bytes()
    assert raw.endswith(b"}\n")
    assert "Zoë".encode() in raw  # UTF-8, not \u escapes
    assert read_annotation(out, text=TEXT) == result


@pytest.mark.parametrize("exists", [False, True], ids=["new", "overwrite"])
def test_write_annotation_is_atomic(doc_dir: Path, monkeypatch: pytest.MonkeyPatch, exists: bool):
    result = read(doc_dir, valid())
    target = doc_dir / "out.json"
    old = b'{"old": true}\n'
    if exists:
        target.write_bytes(old)
    seen = {}
    real_replace = os.replace

    def spy_replace(src, dst):
        src, dst = Path(src), Path(dst)
        seen["src"], seen["dst"] = src, dst
        # At the moment of the rename the target is still absent or still the old file ...
        seen["target_before"] = target.read_bytes() if target.exists() else None
        # ... and the whole new document already sits in a temp file beside it.
        seen["src_content"] = src.read_bytes()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    write_annotation(result, target)

    assert seen["dst"] == target
    assert seen["src"].parent == target.parent and seen["src"] != target
    assert seen["target_before"] == (old if exists else None)
    assert seen["src_content"] == target.read_bytes()
    assert read_annotation(target, text=TEXT) == result
    assert not seen["src"].exists()
    assert _leftovers(doc_dir, {"doc.txt", "doc.json", "out.json"}) == []


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_write_leaves_target_untouched_and_no_temp_file(
    doc_dir: Path, monkeypatch: pytest.MonkeyPatch, failing: str
):
    result = read(doc_dir, valid())
    target = doc_dir / "out.json"
    old = b'{"old": true}\n'
    target.write_bytes(old)

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_annotation(result, target)
    monkeypatch.undo()
    assert target.read_bytes() == old
    assert _leftovers(doc_dir, {"doc.txt", "doc.json", "out.json"}) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_written_file_respects_umask(tmp_path: Path):
    old_mask = os.umask(0o022)
    try:
        write_annotation(FAILED, tmp_path / "out.json")
    finally:
        os.umask(old_mask)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644


def _records() -> list[DocumentResult]:
    text = "A\u2028B said \u201cyes\r\nno\u201d \x85 \U0001d49c\u0301 end"
    content = Span.of(text, text.index("yes"), text.index("\u201d"))
    return [
        from_dict(valid(), text=TEXT),
        FAILED,
        DocumentResult(
            document="dir/ünïcode \u2028name.txt",
            sha256=sha256_text(text),
            speakers=(Speaker("b", "B", ("B",), "PERSON"),),
            quotes=(
                Quote("q1", "direct", content, Span.of(text, 4, 8), Span.of(text, 2, 3), ("b",), 0.25),
                Quote("q2", "transcript", Span.of(text, 0, len(text))),
            ),
        ),
        DocumentResult(document="empty-ish.txt", sha256=sha256_text("")),
    ]


def test_jsonl_round_trip(tmp_path: Path):
    records = _records()
    path = tmp_path / "out.jsonl"
    write_jsonl(records, path)
    raw = path.read_bytes()
    assert raw.count(b"\n") == len(records) and raw.endswith(b"\n")
    assert [json.loads(line) for line in raw.decode("utf-8").split("\n")[:-1]] == [
        to_dict(r) for r in records
    ]
    assert list(read_jsonl(path)) == records
    assert _leftovers(tmp_path, {"out.jsonl"}) == []


@pytest.mark.parametrize("brk", ["\x85", "\u2028", "\u2029", "\r", "\x0b", "\x1e"])
def test_jsonl_record_is_one_line_for_every_line_splitter(tmp_path: Path, brk: str):
    """Text with a character ``str.splitlines()`` breaks on (NEL, LS, PS, ...) still makes one line."""
    text = f"a{brk}b said: c{brk}d"
    record = DocumentResult(
        document=f"x{brk}y.txt",
        sha256=sha256_text(text),
        quotes=(Quote("q1", "direct", Span.of(text, 0, len(text))),),
    )
    line = dumps(record)
    assert len(line.splitlines()) == 1 and brk not in line
    assert loads(line, text=text) == record
    path = tmp_path / "out.jsonl"
    write_jsonl([record, record], path)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2
    assert list(read_jsonl(path)) == [record, record]


def test_jsonl_skips_blank_lines_and_names_the_bad_line(tmp_path: Path):
    path = tmp_path / "out.jsonl"
    good = dumps(FAILED)
    path.write_text(f"{good}\n\n{good.replace(SCHEMA, 'quotes/0')}\n", encoding="utf-8")
    it = read_jsonl(path)
    assert next(it) == FAILED
    with pytest.raises(SchemaError) as info:
        next(it)
    check_error(info.value, f"{path}:3", "E001", None, "unknown schema 'quotes/0'")


def test_jsonl_empty_iterable(tmp_path: Path):
    path = tmp_path / "none.jsonl"
    write_jsonl([], path)
    assert path.read_bytes() == b""
    assert list(read_jsonl(path)) == []


# -- known bugs in quotes/schema.py (strict: these start failing once the bug is fixed) -------


def test_e007_unhashable_speaker_id(doc_dir: Path):
    data = valid()
    data["quotes"][0]["speaker"] = [["ana-ruiz"]]
    with pytest.raises(SchemaError) as info:
        read(doc_dir, data)
    assert info.value.code in {"E005", "E007"}
    assert info.value.quote_id == "q1"


def test_e007_errors_not_a_list():
    data = to_dict(FAILED)
    data["errors"] = 5
    with pytest.raises(SchemaError) as info:
        from_dict(data, source="out.jsonl:1")
    check_error(info.value, "out.jsonl:1", "E007", None, "'errors'")


def test_errors_string_is_not_split_into_characters():
    data = to_dict(FAILED)
    data["errors"] = "boom"
    try:
        result = from_dict(data)
    except SchemaError as e:
        assert e.code == "E007"
    else:
        assert result.errors == (ErrorRecord("", "boom"),)


def test_speaker_titles_descriptions_and_affiliation_round_trip() -> None:
    """Optional speaker fields: written when set, read back, and absent from old files without harm."""
    sp = Speaker(
        "ana-ruiz", "Ana Ruiz", ("Mayor Ana Ruiz",), "PERSON", ("Mayor",), ("the party leader",), "Vesterby"
    )
    result = DocumentResult("a.txt", "0" * 64, (sp,), ())
    data = to_dict(result)
    assert data["speakers"]["ana-ruiz"] == {
        "name": "Ana Ruiz",
        "aliases": ["Mayor Ana Ruiz"],
        "entity_type": "PERSON",
        "titles": ["Mayor"],
        "descriptions": ["the party leader"],
        "affiliation": "Vesterby",
    }
    assert from_dict(data).speakers == (sp,)
    for key in ("titles", "descriptions", "affiliation"):
        del data["speakers"]["ana-ruiz"][key]
    assert from_dict(data).speakers == (Speaker("ana-ruiz", "Ana Ruiz", ("Mayor Ana Ruiz",), "PERSON"),)
