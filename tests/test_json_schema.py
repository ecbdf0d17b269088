"""The machine-readable quotes/1 schema shipped with the package: the corpus gold and the extractor's
records validate against it, and it rejects what the format forbids."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

import quotes  # noqa: E402
from quotes.schema import to_dict  # noqa: E402

SCHEMA = json.loads(files("quotes").joinpath("quotes-1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.json")), ids=lambda p: p.name)
def test_corpus_gold_validates(path: Path) -> None:
    VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


def test_extracted_records_validate() -> None:
    text = (
        'Foreign Minister Ana Ruiz, the party leader, said that taxes would fall. "We will act," she added.'
    )
    record = to_dict(quotes.extract(text, document="a.txt"))
    VALIDATOR.validate(record)
    assert record["quotes"] and record["speakers"]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda r: r.update(schema="quotes/2"), "another schema"),
        (lambda r: r["quotes"][0].update(kind="paraphrase"), "an unknown kind"),
        (lambda r: r["quotes"][0]["content"].update(start=-1), "a negative offset"),
        (lambda r: r["quotes"][0].pop("speaker"), "a quote without its speaker list"),
        (lambda r: r.update(sha256="abc"), "a bad checksum"),
    ],
)
def test_the_schema_rejects_what_the_format_forbids(change, why) -> None:
    record = to_dict(quotes.extract('"We will act," said Ana Ruiz.', document="a.txt"))
    bad = copy.deepcopy(record)
    change(bad)
    assert not VALIDATOR.is_valid(bad), why
