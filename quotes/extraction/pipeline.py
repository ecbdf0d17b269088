"""The order of the stages, and the seams where a user (or a later stage) plugs in.

Two analyses come first, because every later stage must know them: the
quotation marks (``stages/marks.py``) and the transcript turns
(``stages/transcript.py``). Then, each a list from the component's config
(spaCy registry functions, so a finder or a scorer is swapped without
editing this file):

1. **finders** find candidates (transcript turns, direct quotes, reported
   speech), each seeing what the finders before it found;
2. **refiners** settle what the finders found, for any finder: the kind of a
   parse-found content from its marks, nesting, quotes that cross;
3. **attribution** finds each quote's mention and resolves speakers;
4. **scorers** rescore the attributed quotes: by default the trained scorer
   shipped with the package (:mod:`quotes.scoring`), which turns each
   confidence into a calibrated probability; ``quotes.no_scorers.v1`` keeps
   the rules' own figures.

Only then are candidates turned into quotes (:func:`finalize`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import spacy
from spacy.tokens import Doc

from ..lang import get_language
from ..lang.base import LanguageRules
from ..model import KINDS, Kind, Quote, Speaker
from .candidates import Candidate, Context, finalize
from .stages import continuation, direct, marks, mentions, overlaps, reconcile, reported, resolve, transcript

#: A finder or a refiner: the document's context and the candidates so far -> candidates.
Step = Callable[[Context, list[Candidate]], list[Candidate]]
#: Attribution: candidates -> the document's speakers and the candidates with their speakers.
Attribution = Callable[[Context, list[Candidate]], tuple[tuple[Speaker, ...], list[Candidate]]]


@spacy.registry.misc("quotes.rule_finders.v1")
def rule_finders() -> list[Step]:
    """Transcript turns, then direct quotes, then reported speech from the parse and its continuation."""
    return [transcript.find, direct.find, reported.find, continuation.find]


@spacy.registry.misc("quotes.refiners.v1")
def default_refiners() -> list[Step]:
    """Kinds from the marks and nesting, then quotes that cross, then direct quotes inside mixed ones."""
    return [reconcile.reconcile, overlaps.settle_overlaps, reconcile.drop_swallowed]


def attribute(ctx: Context, found: list[Candidate]) -> tuple[tuple[Speaker, ...], list[Candidate]]:
    """Mentions from the parse, then speakers resolved over the whole document."""
    return resolve.resolve_speakers(ctx, mentions.attach_mentions(ctx, found))


@spacy.registry.misc("quotes.attribution.v1")
def default_attribution() -> Attribution:
    return attribute


@spacy.registry.misc("quotes.no_scorers.v1")
def no_scorers() -> list[Step]:
    return []


@spacy.registry.misc("quotes.trained_scorer.v1")
def trained_scorer(path: str | None = None) -> list[Step]:
    """The scorer in ``path`` (``quotes train -o FILE``), else the one shipped with the package."""
    from ..scoring.model import default_scorer, load_scorer
    from ..scoring.step import scoring_step

    scorer = load_scorer(path) if path else default_scorer()
    return [scoring_step(scorer)] if scorer is not None else []


@dataclass(frozen=True)
class Stages:
    """What the component runs, in order."""

    finders: tuple[Step, ...]
    refiners: tuple[Step, ...]
    attribution: Attribution
    scorers: tuple[Step, ...] = ()

    @classmethod
    def default(cls) -> Stages:
        return cls(
            tuple(rule_finders()), tuple(default_refiners()), default_attribution(), tuple(trained_scorer())
        )


@dataclass(frozen=True)
class ExtractorConfig:
    kinds: frozenset[Kind]
    min_confidence: float
    lang: LanguageRules
    stages: Stages

    @classmethod
    def build(
        cls,
        kinds: Sequence[str] | None = None,
        min_confidence: float = 0.0,
        extra_rules: str | None = None,
        lang: str = "en",
        stages: Stages | None = None,
        source: str = "extra_rules",
    ) -> ExtractorConfig:
        """Validate user options once, when the component is built, with errors that say what is wrong.

        ``extra_rules`` is the *text* of a rules file (the component reads the file), ``source`` its name.
        """
        chosen = tuple(kinds) if kinds is not None else KINDS
        unknown = [k for k in chosen if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown quote kind(s) {unknown}; choose from {list(KINDS)}")
        if not 0.0 <= float(min_confidence) <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {min_confidence}")
        return cls(
            frozenset(chosen),  # type: ignore[arg-type]
            float(min_confidence),
            get_language(lang, extra_rules, source),
            stages or Stages.default(),
        )


def run_stages(doc: Doc, text: str, config: ExtractorConfig) -> tuple[tuple[Speaker, ...], tuple[Quote, ...]]:
    """``text`` is ``doc.text``, which spaCy builds anew on every access: the caller reads it once."""
    lang = config.lang
    quoted = marks.find(text, lang)
    ctx = Context(doc, text, lang, quoted, tuple(transcript.find_turns(doc, text, lang, quoted)))
    found: list[Candidate] = []
    for finder in config.stages.finders:
        found += finder(ctx, list(found))
    for step in config.stages.refiners:
        found = step(ctx, found)
    speakers, found = config.stages.attribution(ctx, found)
    for step in config.stages.scorers:
        found = step(ctx, found)
    return speakers, finalize(text, found, config.kinds, config.min_confidence)
