"""The spaCy component: runs the stages in order and sets the result on the Doc.

Every way of using the library (``quotes.extract``, the CLI, the benchmark,
``nlp.add_pipe("quotes")``) goes through :class:`QuotesComponent`, so there is
one code path. The stages only read the Doc (:meth:`QuotesComponent.predict`);
:meth:`QuotesComponent.set_annotations` alone writes to it.

What the Doc keeps is plain JSON (``doc._.quotes_data``, schema ``quotes/1``)
and a span group, so a Doc with quotes survives ``DocBin``, ``Doc.to_bytes``
and the trip back from ``nlp.pipe(n_process=...)`` workers; ``doc._.quotes``,
``doc._.speakers`` and ``doc._.quotes_result`` are built from it on access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .errors import Errors
from .model import DocumentResult, ErrorRecord, Quote, Speaker
from .model import Span as CharSpan
from .pipeline import ExtractorConfig, run_stages
from .schema import from_dict, sha256_text, to_dict

SPAN_GROUP = "quotes"

DEFAULT_CONFIG: dict[str, Any] = {
    "kinds": ["direct", "mixed", "indirect", "transcript"],
    "min_confidence": 0.0,
    "extra_rules": None,
    "split_paragraphs": True,
}


@dataclass(frozen=True)
class DocQuote:
    """A quote as seen on a Doc: the :class:`~quotes.model.Quote` (character offsets) and token spans."""

    quote: Quote
    content_span: SpacySpan | None
    cue_span: SpacySpan | None
    mention_span: SpacySpan | None
    speakers: tuple[Speaker, ...]

    @property
    def id(self) -> str:
        return self.quote.id

    @property
    def kind(self) -> str:
        return self.quote.kind

    @property
    def content(self) -> CharSpan:
        return self.quote.content

    @property
    def cue(self) -> CharSpan | None:
        return self.quote.cue

    @property
    def mention(self) -> CharSpan | None:
        return self.quote.mention

    @property
    def speaker(self) -> tuple[str, ...]:
        return self.quote.speaker

    @property
    def confidence(self) -> float | None:
        return self.quote.confidence


def _token_span(doc: Doc, span: CharSpan | None) -> SpacySpan | None:
    """The smallest token span covering the characters (offsets inside a token expand to it)."""
    if span is None or span.start >= span.end:
        return None
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def _result(doc: Doc) -> DocumentResult | None:
    data = doc._.quotes_data
    return None if data is None else from_dict(data, source="doc._.quotes_data")


def _quotes(doc: Doc) -> list[DocQuote] | None:
    result = _result(doc)
    if result is None:
        return None
    return [
        DocQuote(
            q,
            _token_span(doc, q.content),
            _token_span(doc, q.cue),
            _token_span(doc, q.mention),
            result.speakers_of(q),
        )
        for q in result.quotes
    ]


def _speakers(doc: Doc) -> list[Speaker] | None:
    result = _result(doc)
    return None if result is None else list(result.speakers)


def _ensure_extensions() -> None:
    if not Doc.has_extension("quotes_data"):
        Doc.set_extension("quotes_data", default=None)
    if not Doc.has_extension("quotes_result"):
        Doc.set_extension("quotes_result", getter=_result)
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=_quotes)
    if not Doc.has_extension("speakers"):
        Doc.set_extension("speakers", getter=_speakers)


class QuotesComponent:
    """Find quotes, their cues, mentions and speakers; store them on ``doc._`` and ``doc.spans["quotes"]``."""

    def __init__(self, nlp: Language | None, name: str, config: ExtractorConfig) -> None:
        self.name = name
        self.config = config
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)

    def predict(self, doc: Doc, document: str = "") -> DocumentResult:
        """Read-only: the stages look at the Doc and return plain results.

        A failure on one document becomes an error record on that document,
        never an exception that would end a whole ``nlp.pipe`` batch.
        """
        text = doc.text
        sha = sha256_text(text)
        try:
            speakers, quotes = run_stages(doc, self.config)
        except Exception as e:  # noqa: BLE001 - any bug must cost one document, not the batch
            error = ErrorRecord(Errors.E201.name, Errors.E201.value.format(detail=f"{type(e).__name__}: {e}"))
            return DocumentResult(document=document, sha256=sha, errors=(error,))
        return DocumentResult(document=document, sha256=sha, speakers=speakers, quotes=quotes)

    def set_annotations(self, doc: Doc, result: DocumentResult) -> None:
        doc._.quotes_data = to_dict(result)
        spans = []
        for q in result.quotes:
            span = _token_span(doc, q.content)
            if span is not None:
                spans.append(SpacySpan(doc, span.start, span.end, label=q.kind))
        doc.spans[SPAN_GROUP] = spans


def _validate(kinds: list[str], min_confidence: float, extra_rules: str | None) -> ExtractorConfig:
    try:
        return ExtractorConfig.build(kinds=kinds, min_confidence=min_confidence, extra_rules=extra_rules)
    except ValueError as e:
        raise ValueError(Errors.E401.format(detail=e)) from None


@Language.factory(
    "quotes",
    default_config=DEFAULT_CONFIG,
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.quotes_data", "doc.spans"],
)
def make_quotes_component(
    nlp: Language,
    name: str,
    kinds: list[str],
    min_confidence: float,
    extra_rules: str | None,
    split_paragraphs: bool,
) -> QuotesComponent:
    """The ``quotes`` factory. With ``split_paragraphs`` it also puts ``quotes_paragraphs`` before the parser."""
    config = _validate(kinds, min_confidence, extra_rules)
    if split_paragraphs and "parser" in nlp.pipe_names and "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    return QuotesComponent(nlp, name, config)


@Language.factory("quotes_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


class ParagraphSplitter:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, datelines and signed posts on lines of their
    own without final punctuation; a parser left alone runs them into the
    next sentence, and a speech verb then finds its subject in the headline.
    The parser keeps sentence starts set before it (it may add more).
    """

    #: No real sentence runs this long; a run of tokens that does (a table, a list of marks, a
    #: dump without punctuation) is cut, because the parser slows down sharply on it.
    max_sentence = 256

    def __call__(self, doc: Doc) -> Doc:
        since = 0
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            since += 1
            if (prev.is_space and "\n" in prev.text and not doc[i].is_space) or since >= self.max_sentence:
                doc[i].is_sent_start = True
                since = 0
        return doc


def extract_doc(doc: Doc, document: str = "") -> DocumentResult:
    """Run the extractor on an already parsed Doc (used by the benchmark), with the default config."""
    return _default_component().predict(doc, document)


_DEFAULT: QuotesComponent | None = None


def _default_component() -> QuotesComponent:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = QuotesComponent(None, "quotes", ExtractorConfig.build())
    return _DEFAULT
