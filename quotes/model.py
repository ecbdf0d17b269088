"""Result types of schema ``quotes/1``.

Plain frozen dataclasses, so results can be hashed, compared, pickled across
worker processes and never changed behind a caller's back. Nothing here knows
about spaCy: the model is shared by the extractor, the scorer and the readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

SCHEMA = "quotes/1"

Kind = Literal["direct", "mixed", "indirect", "transcript"]
KINDS: tuple[Kind, ...] = ("direct", "mixed", "indirect", "transcript")

#: Entity types of speakers: a person, an organisation, or a group whose members are not named
#: (``business leaders``). ``PHRASE`` is the resolver's working type for a phrase that names
#: someone without a name; it leaves the resolver as one of the three.
PERSON, ORG, GROUP, PHRASE = "PERSON", "ORG", "GROUP", "PHRASE"
ENTITY_TYPES = (PERSON, ORG, GROUP)
#: The name of a speaker the text gives no words for.
UNKNOWN_SPEAKER = "unknown"


@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` code-point slice of the untouched document text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span whose ``text`` is the slice, so it cannot disagree with it."""
        return cls(start, end, text[start:end])

    def matches(self, text: str) -> bool:
        return 0 <= self.start <= self.end <= len(text) and text[self.start : self.end] == self.text


@dataclass(frozen=True, slots=True)
class Speaker:
    """One entity that speaks: a canonical name and the surface forms seen for it."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    entity_type: str | None = None
    #: Titles written with the name (``Foreign Minister``, ``Sen.``), or the role a transcript label
    #: names (``Reporter``, ``Q``).
    titles: tuple[str, ...] = ()
    #: Descriptions the text gives (``Japan's newly appointed Foreign Minister``, ``the party leader``).
    descriptions: tuple[str, ...] = ()
    #: The country or organisation the text ties the speaker to (``Japan``, ``U.S. Department of State``).
    affiliation: str | None = None

    @property
    def role_only(self) -> bool:
        """A role with no name (``Reporter``, ``Q``): the same words in two documents are two people."""
        return bool(self.titles) and self.name in self.titles

    def names(self) -> frozenset[str]:
        """Every name of the entity, as the spec compares names (:func:`quotes.names.name_key`)."""
        from .names import name_keys

        return name_keys((self.name, *self.aliases))


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: Kind
    content: Span
    cue: Span | None = None
    mention: Span | None = None
    speaker: tuple[str, ...] = ()
    confidence: float | None = None
    #: The probability that the speakers are right, where a trained scorer gives one (optional).
    speaker_confidence: float | None = None
    #: Which rule found the quote (``direct-cue``, ``reported-clause``, ...): for debugging and
    #: ``quotes bench --misses``; not part of ``quotes/1``, so neither written nor compared.
    rule: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """Why a document could not be (fully) processed; ``code`` is stable, ``message`` is for people."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class DocumentResult:
    document: str
    sha256: str
    speakers: tuple[Speaker, ...] = ()
    quotes: tuple[Quote, ...] = ()
    errors: tuple[ErrorRecord, ...] = ()
    schema: str = SCHEMA

    @property
    def ok(self) -> bool:
        return not self.errors

    def speaker(self, speaker_id: str) -> Speaker | None:
        for s in self.speakers:
            if s.id == speaker_id:
                return s
        return None

    def speakers_of(self, quote: Quote) -> tuple[Speaker, ...]:
        by_id = {s.id: s for s in self.speakers}
        return tuple(by_id[i] for i in quote.speaker if i in by_id)

    def with_document(self, document: str) -> DocumentResult:
        return replace(self, document=document)
