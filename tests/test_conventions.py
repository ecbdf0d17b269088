"""The conventions diagnostic (benchmarks/conventions.py): which gold and which predictions it sets aside."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from quotes.model import DocumentResult, Quote, Span
from tests.stages.handbuilt import doc, english


def _load() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "conventions.py"
    spec = importlib.util.spec_from_file_location("conventions", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


conventions = _load()


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _quote(
    text: str, n: int, content: str, kind: str = "indirect", cue: str | None = None, **kw: object
) -> Quote:
    return Quote(
        id=f"q{n}",
        kind=kind,  # type: ignore[arg-type]
        content=_span(text, content),
        cue=_span(text, cue) if cue else None,
        **kw,  # type: ignore[arg-type]
    )


TABLE = """
    0  Smith     NNP  PROPN  nsubj  1
    1  {verb}    VBD  VERB   ROOT   1  {lemma}
    2  the       DT   DET    det    3
    3  budget    NN   NOUN   dobj   1
    4  .         .    PUNCT  punct  1
    """


@pytest.mark.parametrize(
    ("verb", "lemma", "no_quote"),
    [
        ("discussed", "discuss", True),  # a topic-only verb: spec 1.1 makes it no quote
        ("stated", "state", False),  # a verb whose object states the content
    ],
)
def test_a_bare_noun_phrase_is_no_quote_only_after_a_verb_that_never_reads_its_object(
    verb: str, lemma: str, no_quote: bool
) -> None:
    text = f"Smith {verb} the budget."
    d = doc(text, TABLE.format(verb=verb, lemma=lemma))
    q = _quote(text, 0, "the budget", cue=verb)
    assert conventions.no_quote_under_spec(d, q, english()) is no_quote


def test_predictions_the_gold_cannot_judge() -> None:
    text = 'Lee said that A happened and that "B" was said by Kim. Q: Why? Both sides should act.'
    said = _quote(text, 0, 'A happened and that "B" was said by Kim', cue="said")
    nested = _quote(text, 1, '"B" was said by Kim', cue="was said")
    turn = _quote(text, 2, "Why?", kind="transcript", mention=_span(text, "Q"))
    continuation = _quote(text, 3, "Both sides should act", rule="reported-continuation")
    kept = _quote(text, 4, "Lee said that A happened")  # judged: nothing sets it aside
    pred = DocumentResult("x", "", quotes=(said, nested, turn, continuation, kept))
    assert conventions.unjudged(pred, DocumentResult("x", "")) == {1, 2, 3}
    # one gold stretch over two predictions (spec 1.1 splits what the gold kept whole): both set aside
    a, b = _quote(text, 5, "A happened"), _quote(text, 6, "B")
    stretch = _quote(text, 7, 'A happened and that "B"')
    assert conventions.unjudged(
        DocumentResult("x", "", quotes=(a, b)), DocumentResult("x", "", quotes=(stretch,))
    ) == {0, 1}
