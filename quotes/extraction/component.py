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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import ensure_path, raise_error

from ..errors import Errors, error_record
from ..lang import UnsupportedLanguage
from ..lang.lexicon import read_extra
from ..model import DocumentResult, Quote, Speaker
from ..model import Span as CharSpan
from ..schema import from_dict, sha256_text, to_dict
from .pipeline import Attribution, ExtractorConfig, Stages, Step, run_stages

SPAN_GROUP = "quotes"
#: The Doc extensions the component sets, by role; the names are configurable (``extensions``).
EXTENSIONS = {"data": "quotes_data", "result": "quotes_result", "quotes": "quotes", "speakers": "speakers"}
#: The file in the component's folder that holds a user's extra rules when the pipeline is saved.
RULES_FILE = "extra_rules.tsv"

DEFAULT_CONFIG: dict[str, Any] = {
    "kinds": ["direct", "mixed", "indirect", "transcript"],
    "min_confidence": 0.0,
    "extra_rules": None,
    "split_paragraphs": True,
    "span_key": SPAN_GROUP,
    "extensions": EXTENSIONS,
    "finders": {"@misc": "quotes.rule_finders.v1"},
    "refiners": {"@misc": "quotes.refiners.v1"},
    "attribution": {"@misc": "quotes.attribution.v1"},
    "scorers": {"@misc": "quotes.trained_scorer.v1", "path": None},
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


def _ensure_extensions(names: dict[str, str]) -> None:
    """Register the Doc extensions under the configured names; each reads the plain JSON stored on the Doc."""
    data = names["data"]

    def result(doc: Doc) -> DocumentResult | None:
        stored = doc._.get(data)
        return None if stored is None else from_dict(stored, source=f"doc._.{data}")

    def quotes(doc: Doc) -> list[DocQuote] | None:
        res = result(doc)
        if res is None:
            return None
        return [
            DocQuote(
                q,
                _token_span(doc, q.content),
                _token_span(doc, q.cue),
                _token_span(doc, q.mention),
                res.speakers_of(q),
            )
            for q in res.quotes
        ]

    def speakers(doc: Doc) -> list[Speaker] | None:
        res = result(doc)
        return None if res is None else list(res.speakers)

    if not Doc.has_extension(data):
        Doc.set_extension(data, default=None)
    getters: dict[str, Callable[[Doc], Any]] = {"result": result, "quotes": quotes, "speakers": speakers}
    for role, getter in getters.items():
        if not Doc.has_extension(names[role]):
            Doc.set_extension(names[role], getter=getter)


def _failed(doc: Doc, error: Exception, document: str = "") -> DocumentResult:
    detail = f"{type(error).__name__}: {error}"
    return DocumentResult(
        document=document, sha256=sha256_text(doc.text), errors=(error_record(Errors.E201, detail=detail),)
    )


def record_failure(name: str, proc: Any, docs: list[Doc], error: Exception) -> None:
    """An error handler (spaCy's signature): a failure of the quotes component costs that document an
    ``E201`` error record, not the run. Failures of other components still raise."""
    if not isinstance(proc, QuotesComponent):
        raise error
    for doc in docs:
        proc.set_annotations(doc, _failed(doc, error))


class QuotesComponent:
    """Find quotes, their cues, mentions and speakers; store them on ``doc._`` and ``doc.spans``.

    Errors follow spaCy's convention: a failure raises, unless the pipeline's
    error handler (``nlp.set_error_handler``) says otherwise; then the
    document gets an ``E201`` error record, and :meth:`pipe` still yields it,
    so that a batch never loses a document.
    """

    def __init__(
        self,
        nlp: Language | None,
        name: str,
        config: ExtractorConfig | None,
        *,
        span_key: str = SPAN_GROUP,
        extensions: dict[str, str] | None = None,
        pending_rules: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.config = config
        self.span_key = span_key
        self.extensions = {**EXTENSIONS, **(extensions or {})}
        self.extra_rules_text: str | None = config.lang.extra_rules if config is not None else None
        self._pending = pending_rules  # an extra_rules path not found at build: from_disk may bring the rules
        self._options = options or {}
        self._error_handler: Callable[..., Any] = raise_error
        _ensure_extensions(self.extensions)

    # -- spaCy's error-handler protocol ------------------------------------------------

    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self._error_handler = error_handler

    def get_error_handler(self) -> Callable[..., Any]:
        return self._error_handler

    # -- running ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        handler = self.get_error_handler()
        for doc in docs:
            try:
                yield self(doc)
            except Exception as e:
                handler(self.name, self, [doc], e)  # raises unless the handler says go on
                if doc._.get(self.extensions["data"]) is None:
                    self.set_annotations(doc, _failed(doc, e))
                yield doc

    def predict(self, doc: Doc, document: str = "") -> DocumentResult:
        """Read-only: the stages look at the Doc and return plain results."""
        config = self._ready()
        if len(doc) and not doc.has_annotation("DEP"):
            raise ValueError(Errors.E403.format())
        text = doc.text
        speakers, quotes = run_stages(doc, text, config)
        return DocumentResult(document=document, sha256=sha256_text(text), speakers=speakers, quotes=quotes)

    def set_annotations(self, doc: Doc, result: DocumentResult) -> None:
        doc._.set(self.extensions["data"], to_dict(result))
        spans = []
        for q in result.quotes:
            span = _token_span(doc, q.content)
            if span is not None:
                spans.append(SpacySpan(doc, span.start, span.end, label=q.kind))
        doc.spans[self.span_key] = spans

    def _ready(self) -> ExtractorConfig:
        if self.config is None:
            raise ValueError(Errors.E401.format(detail=f"extra_rules file {self._pending!r} does not exist"))
        return self.config

    # -- serialisation: the user's rules travel with the pipeline -----------------------

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        rules = path / RULES_FILE
        if self.extra_rules_text is not None:
            rules.write_text(self.extra_rules_text, encoding="utf-8")
        elif rules.exists():
            rules.unlink()

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> QuotesComponent:
        rules = ensure_path(path) / RULES_FILE
        if rules.is_file():
            self.extra_rules_text = rules.read_text(encoding="utf-8")
            self.config = _build(self._options, self.extra_rules_text, str(rules))
            self._pending = None
        return self


def _build(options: dict[str, Any], extra_text: str | None, source: str = "extra_rules") -> ExtractorConfig:
    try:
        return ExtractorConfig.build(extra_rules=extra_text, source=source, **options)
    except UnsupportedLanguage:
        raise
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
    span_key: str,
    extensions: dict[str, str],
    finders: list[Step],
    refiners: list[Step],
    attribution: Attribution,
    scorers: list[Step],
) -> QuotesComponent:
    """The ``quotes`` factory: the language from ``nlp.lang``; with ``split_paragraphs`` it also puts
    ``quotes_paragraphs`` before the parser."""
    unknown = set(extensions) - set(EXTENSIONS)
    if unknown:
        raise ValueError(
            Errors.E401.format(detail=f"unknown extensions {sorted(unknown)}; known: {list(EXTENSIONS)}")
        )
    options = {
        "kinds": kinds,
        "min_confidence": min_confidence,
        "lang": nlp.lang,
        "stages": Stages(tuple(finders), tuple(refiners), attribution, tuple(scorers)),
    }
    text: str | None = None
    pending: str | None = None
    if extra_rules is not None:
        if Path(extra_rules).is_file():
            text = read_extra(extra_rules)
        else:
            pending = extra_rules  # spacy.load() of a saved pipeline: from_disk brings the saved rules
    config = _build(options, text, str(extra_rules)) if pending is None else None
    if pending is not None:
        _build(options, None)  # the other options are still checked now
    if split_paragraphs and "parser" in nlp.pipe_names and "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    return QuotesComponent(
        nlp, name, config, span_key=span_key, extensions=extensions, pending_rules=pending, options=options
    )


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


def extract_doc(doc: Doc, document: str = "", scorer: str | None = None) -> DocumentResult:
    """Run the extractor on an already parsed Doc (used by the benchmark), with the default config, or
    with the scorer in the file ``scorer`` (``quotes train -o FILE``)."""
    return _default_component(doc.lang_, scorer).predict(doc, document)


_DEFAULT: dict[tuple[str, str | None], QuotesComponent] = {}


def _default_component(lang: str, scorer: str | None = None) -> QuotesComponent:
    key = (lang, scorer)
    if key not in _DEFAULT:
        from .pipeline import trained_scorer

        stages = replace(Stages.default(), scorers=tuple(trained_scorer(scorer))) if scorer else None
        _DEFAULT[key] = QuotesComponent(None, "quotes", ExtractorConfig.build(lang=lang, stages=stages))
    return _DEFAULT[key]
