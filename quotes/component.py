"""The spaCy component: runs the stages in order and sets the result on the Doc.

Every way of using the library (``quotes.extract``, the CLI, the benchmark,
``nlp.add_pipe("quotes")``) goes through :class:`QuotesComponent`, so there is
one code path. The stages only read the Doc; this module alone writes to it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Errors
from .model import DocumentResult, ErrorRecord
from .pipeline import ExtractorConfig, run_stages
from .schema import sha256_text

DEFAULT_CONFIG = {
    "kinds": ["direct", "mixed", "indirect", "transcript"],
    "min_confidence": 0.0,
    "extra_rules": None,
}


def _ensure_extensions() -> None:
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("quotes_result"):
        Doc.set_extension("quotes_result", default=None)
    if not Doc.has_extension("speakers"):
        Doc.set_extension("speakers", default=None)


class QuotesComponent:
    """Find quotes, their cues, mentions and speakers; store them on ``doc._``."""

    def __init__(self, nlp: Language, name: str, config: ExtractorConfig) -> None:
        self.name = name
        self.config = config
        _ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        result = self.predict(doc)
        self.set_annotations(doc, result)
        return doc

    def predict(self, doc: Doc, document: str = "") -> DocumentResult:
        """Read-only: the stages look at the Doc and return plain results.

        A failure on one document becomes an error record on that document,
        never an exception that would end a whole ``nlp.pipe`` batch.
        """
        sha = sha256_text(doc.text)
        try:
            speakers, quotes = run_stages(doc, self.config)
        except Exception as e:  # noqa: BLE001 - any bug must cost one document, not the batch
            error = ErrorRecord(Errors.E201.name, Errors.E201.value.format(detail=f"{type(e).__name__}: {e}"))
            return DocumentResult(document=document, sha256=sha, errors=(error,))
        return DocumentResult(document=document, sha256=sha, speakers=speakers, quotes=quotes)

    def set_annotations(self, doc: Doc, result: DocumentResult) -> None:
        doc._.quotes_result = result
        doc._.quotes = list(result.quotes)
        doc._.speakers = list(result.speakers)


@Language.factory(
    "quotes",
    default_config=DEFAULT_CONFIG,
    requires=["token.dep", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.quotes", "doc._.speakers", "doc._.quotes_result"],
)
def make_quotes_component(
    nlp: Language,
    name: str,
    kinds: list[str],
    min_confidence: float,
    extra_rules: str | None,
) -> QuotesComponent:
    return QuotesComponent(
        nlp, name, ExtractorConfig.build(kinds=kinds, min_confidence=min_confidence, extra_rules=extra_rules)
    )


@Language.factory("quotes_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


class ParagraphSplitter:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines, datelines and signed posts on lines of their
    own without final punctuation; a parser left alone runs them into the
    next sentence, and a speech verb then finds its subject in the headline.
    The parser keeps sentence starts set before it.
    """

    def __call__(self, doc: Doc) -> Doc:
        for i in range(1, len(doc)):
            prev = doc[i - 1]
            if prev.is_space and "\n" in prev.text and not doc[i].is_space:
                doc[i].is_sent_start = True
        return doc


def extract_doc(doc: Doc, document: str = "") -> DocumentResult:
    """Run the extractor on an already parsed Doc (used by the benchmark), with the default config."""
    return _default_component().predict(doc, document)


_DEFAULT: QuotesComponent | None = None


def _default_component() -> QuotesComponent:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = QuotesComponent(None, "quotes", ExtractorConfig.build())  # type: ignore[arg-type]
    return _DEFAULT
