"""The spaCy component: registration by entry point, Doc extensions, serialisation, config."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import quotes
from quotes.extraction.nlp import default_pipeline_name
from quotes.schema import read_text, to_dict

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TEXT = ROOT / "corpus" / "003_f9e079f2a32d7935.txt"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes")
    return nlp


def test_entry_point_in_fresh_interpreter_matches_extract():
    """``add_pipe("quotes")`` works without importing quotes first, and agrees with quotes.extract."""
    code = f"""
import json, sys, spacy
nlp = spacy.load({default_pipeline_name()!r})
nlp.add_pipe("quotes")
text = open({str(CORPUS_TEXT)!r}, encoding="utf-8", newline="").read()
doc = nlp(text)
print(json.dumps(doc._.quotes_data["quotes"]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    via_spacy = json.loads(out.stdout)
    expected = to_dict(quotes.extract(read_text(CORPUS_TEXT)))["quotes"]
    assert via_spacy == expected
    assert len(expected) >= 5


def test_doc_extensions(nlp):
    text = read_text(CORPUS_TEXT)
    doc = nlp(text)
    result = quotes.extract(text)
    assert [q.quote for q in doc._.quotes] == list(result.quotes)
    assert doc._.speakers == list(result.speakers)
    for q in doc._.quotes:
        assert q.content_span is not None
        # The token span covers the characters (it may extend to whole tokens).
        assert q.content_span.start_char <= q.content.start < q.content.end <= q.content_span.end_char
        if q.mention is not None:
            assert q.mention_span.start_char <= q.mention.start
        assert {s.id for s in q.speakers} == set(q.speaker)
    assert [s.label_ for s in doc.spans["quotes"]] == [q.kind for q in doc._.quotes]


def test_pipeline_order_puts_paragraph_splitter_before_parser(nlp):
    names = nlp.pipe_names
    assert names.index("quotes_paragraphs") < names.index("parser") < names.index("quotes")


def test_paragraph_splitter_can_be_turned_off():
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"split_paragraphs": False})
    assert "quotes_paragraphs" not in nlp.pipe_names


def test_docbin_round_trip(nlp):
    doc = nlp(read_text(CORPUS_TEXT))
    db = DocBin(store_user_data=True)
    db.add(doc)
    (back,) = DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab)
    assert [q.quote for q in back._.quotes] == [q.quote for q in doc._.quotes]
    assert back._.speakers == doc._.speakers
    spans = lambda d: [(s.start, s.end, s.label_) for s in d.spans["quotes"]]  # noqa: E731
    assert spans(back) == spans(doc) and spans(doc)


def test_multiprocess_pipe(nlp):
    text = read_text(CORPUS_TEXT)
    expected = list(quotes.extract(text).quotes)
    docs = list(nlp.pipe([text, text, text], n_process=2, batch_size=1))
    assert len(docs) == 3
    assert all([q.quote for q in d._.quotes] == expected for d in docs)


def test_kinds_and_min_confidence_filter():
    text = 'The minister said that taxes would fall. "We will act," she said.'
    every = quotes.extract(text)
    assert {q.kind for q in every.quotes} == {"indirect", "direct"}
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"kinds": ["direct"]})
    assert [q.kind for q in nlp(text)._.quotes] == ["direct"]
    strict = spacy.load(default_pipeline_name())
    strict.add_pipe("quotes", config={"min_confidence": 0.99})
    assert strict(text)._.quotes == []


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"kinds": ["bogus"]}, "unknown quote kind"),
        ({"min_confidence": 1.5}, "min_confidence must be in [0, 1]"),
        ({"extensions": {"bogus": "x"}}, "unknown extensions"),
    ],
)
def test_config_is_validated_when_built(config, message):
    with pytest.raises(ValueError, match=r"\[E401\]") as err:
        spacy.blank("en").add_pipe("quotes", config=config)
    assert message in str(err.value)


def test_missing_rules_file_is_reported_on_first_use():
    """A path that is not there may be a saved pipeline's (spacy.load brings its rules next), so the
    component is built; if nothing brought the rules, the first document says what is missing."""
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"extra_rules": "/no/such/file.tsv"})
    with pytest.raises(ValueError, match=r"\[E401\].*/no/such/file.tsv.*does not exist"):
        nlp("He said that it was late.")


def test_rules_travel_with_the_saved_pipeline(tmp_path):
    text = "The senator opined that the bill was dead."
    rules = tmp_path / "extra.tsv"
    rules.write_text("speech_verb\topine\tclause\n", encoding="utf-8")
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"extra_rules": str(rules)})
    nlp.to_disk(tmp_path / "pipeline")
    rules.unlink()  # the original file is gone: the saved copy is used
    loaded = spacy.load(tmp_path / "pipeline")
    assert [q.cue.text for q in loaded(text)._.quotes] == ["opined"]


def test_unsupported_language_is_a_coded_error():
    with pytest.raises(ValueError, match=r"\[E402\].*'fr'.*supported languages: en"):
        spacy.blank("fr").add_pipe("quotes")


def test_pipeline_without_a_parse_is_a_coded_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("quotes")
    with pytest.raises(ValueError, match=r"\[E403\]"):
        nlp('"Hi," said Ann Lee.')
    assert nlp("")._.quotes == []  # an empty text needs no parse


@spacy.registry.misc("test.failing_finders.v1")
def failing_finders():
    def broken(ctx, earlier):
        raise RuntimeError("a finder bug")

    return [broken]


def test_error_handler_is_honoured():
    """Bugs raise by default (spaCy's convention); a pipeline's error handler may turn them into
    E201 records instead, and nlp.pipe then still yields every document."""
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"finders": {"@misc": "test.failing_finders.v1"}})
    with pytest.raises(RuntimeError, match="a finder bug"):
        nlp("He said that it was late.")
    seen = []
    # (nlp.set_error_handler does the same, on pipelines whose trained components allow it; those of
    # en_core_web_sm 3.8 raise AttributeError there, a spaCy limitation.)
    nlp.get_pipe("quotes").set_error_handler(
        lambda name, proc, docs, e: seen.append((name, type(e).__name__))
    )
    docs = list(nlp.pipe(["He said that it was late.", "She said so."]))
    assert len(docs) == 2 and seen == [("quotes", "RuntimeError")] * 2
    assert [[e.code for e in d._.quotes_result.errors] for d in docs] == [["E201"], ["E201"]]


def test_span_key_and_extension_names_are_configurable():
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"span_key": "speech", "extensions": {"quotes": "speech_quotes"}})
    doc = nlp('"We will win," said Jane Smith.')
    assert [s.label_ for s in doc.spans["speech"]] == ["direct"]
    assert [q.kind for q in doc._.speech_quotes] == ["direct"]


def test_extra_rules_add_a_speech_verb(tmp_path):
    text = "The senator opined that the bill was dead."
    assert quotes.extract(text).quotes == ()
    rules = tmp_path / "extra.tsv"
    rules.write_text("speech_verb\topine\tclause\n", encoding="utf-8")
    nlp = spacy.load(default_pipeline_name())
    nlp.add_pipe("quotes", config={"extra_rules": str(rules)})
    (q,) = nlp(text)._.quotes
    assert (q.kind, q.content.text, q.cue.text, q.mention.text) == (
        "indirect",
        "the bill was dead",
        "opined",
        "The senator",
    )


def test_bad_extra_rules_line_is_reported(tmp_path):
    rules = tmp_path / "extra.tsv"
    rules.write_text("verbz\topine\n", encoding="utf-8")
    with pytest.raises(ValueError, match="extra.tsv:1"):
        spacy.blank("en").add_pipe("quotes", config={"extra_rules": str(rules)})
