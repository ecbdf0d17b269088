"""Compose the stages: each is a function of the Doc and what earlier stages found.

The order matters and is the whole of the logic here: quotation marks first
(every later stage must know what is inside quotes), then transcript turns,
then direct quotes, then reported speech from the parse, then the settling
of quotes that cross one another, then the mentions and the speakers they
resolve to.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .model import KINDS, Kind, Quote, Speaker
from .rules import Rules, load_rules
from .stages import direct, marks, mentions, overlaps, reported, resolve, transcript
from .stages.candidates import drop_swallowed, finalize


@dataclass(frozen=True)
class ExtractorConfig:
    kinds: frozenset[Kind]
    min_confidence: float
    rules: Rules

    @classmethod
    def build(
        cls,
        kinds: list[str] | tuple[str, ...] | None = None,
        min_confidence: float = 0.0,
        extra_rules: str | None = None,
    ) -> ExtractorConfig:
        """Validate user options once, when the component is built, with errors that say what is wrong."""
        chosen = tuple(kinds) if kinds is not None else KINDS
        unknown = [k for k in chosen if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown quote kind(s) {unknown}; choose from {list(KINDS)}")
        if not 0.0 <= float(min_confidence) <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence}")
        return cls(frozenset(chosen), float(min_confidence), load_rules(extra_rules))  # type: ignore[arg-type]


def run_stages(doc: Doc, config: ExtractorConfig) -> tuple[tuple[Speaker, ...], tuple[Quote, ...]]:
    rules = config.rules
    quoted = marks.find_quoted_spans(doc.text, rules)
    turns = transcript.find_turns(doc, rules)
    found = list(transcript.turn_quotes(doc, turns))
    found += direct.find_direct(doc, quoted, turns, rules)
    found += reported.find_reported(doc, quoted, found, rules)
    found = overlaps.settle_overlaps(doc, found, quoted, rules)
    found = drop_swallowed(found)
    found = mentions.attach_mentions(doc, found, rules)
    speakers, resolved = resolve.resolve_speakers(doc, found, turns, rules)
    return speakers, finalize(doc.text, resolved, config.kinds, config.min_confidence)
