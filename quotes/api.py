"""The Python API: ``extract`` one text, ``extract_many`` for streams, ``load_pipeline``.

All three go through the spaCy component, so the CLI, the benchmark and
``nlp.add_pipe("quotes")`` see exactly the same results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import Errors, error_record
from .extraction.nlp import load_pipeline
from .files.inputs import DEFAULT_MAX_CHARS
from .model import DocumentResult
from .scale.linking import SpeakerIndex
from .scale.longdocs import extract_with
from .schema import sha256_text


def _result(doc: Any, document: str) -> DocumentResult:
    result: DocumentResult = doc._.quotes_result
    return result.with_document(document) if document else result


def extract(
    text: str, *, document: str = "", model: str | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> DocumentResult:
    """Quotes, cues, mentions and speakers of one text, as a ``quotes/1`` result.

    A text longer than ``max_chars`` gets a result with an ``E105`` error and
    no quotes; a long one within the limit is parsed in paragraph-aligned
    pieces (:mod:`quotes.scale.longdocs`), offsets still in the text as given.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, not {type(text).__name__}")
    if len(text) > max_chars:
        error = error_record(Errors.E105, length=len(text), limit=max_chars)
        return DocumentResult(document=document, sha256=sha256_text(text), errors=(error,))
    return extract_with(load_pipeline(model), text, document)


def extract_many(
    texts: Iterable[str] | Iterable[tuple[str, str]],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    link: bool = True,
    index: SpeakerIndex | None = None,
) -> Iterator[DocumentResult]:
    """Stream results for many texts (or ``(document, text)`` pairs) through ``nlp.pipe``, in order.

    With ``link`` (the default), the same person gets the same speaker id in
    every document; pass your own ``index`` to keep linking across calls and
    to read who was quoted afterwards (``index.ranked()``).
    """
    nlp = load_pipeline(model)
    if link and index is None:
        index = SpeakerIndex()

    def pairs() -> Iterator[tuple[str, str]]:
        for n, item in enumerate(texts):
            if isinstance(item, tuple):
                yield item[1], item[0]
            else:
                yield item, f"{n}"

    for doc, name in nlp.pipe(pairs(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        result = _result(doc, name)
        yield index.link(result) if link and index is not None else result
