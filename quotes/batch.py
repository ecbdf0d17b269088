"""Batch extraction: a stream of documents in, one record per document out, in input order.

Unreadable documents get their error record in place, so the output always
has exactly one line per input and nothing is silently lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .api import load_pipeline
from .inputs import Document
from .linking import SpeakerIndex
from .model import DocumentResult


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 16,
    index: SpeakerIndex | None = None,
) -> Iterator[DocumentResult]:
    """Results in input order; with an ``index``, speakers are linked across the documents."""
    results = _extract(documents, model=model, n_process=n_process, batch_size=batch_size)
    return index.link_all(results) if index is not None else results


def _extract(
    documents: Iterable[Document], *, model: str | None, n_process: int, batch_size: int
) -> Iterator[DocumentResult]:
    nlp = load_pipeline(model)
    waiting: deque[tuple[int, Document]] = deque()  # failed reads, held until their turn comes

    def good() -> Iterator[tuple[str, tuple[int, Document]]]:
        for n, doc in enumerate(documents):
            if doc.text is None:
                waiting.append((n, doc))
            else:
                yield doc.text, (n, doc)

    for parsed, (n, doc) in nlp.pipe(good(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        while waiting and waiting[0][0] < n:
            yield waiting.popleft()[1].failed()
        yield replace(
            parsed._.quotes_result, document=doc.name, sha256=doc.sha256 or parsed._.quotes_result.sha256
        )
    while waiting:
        yield waiting.popleft()[1].failed()
