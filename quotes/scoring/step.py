"""The scorer as a pipeline step, and the same step recording features for training.

The rules propose, the scorer disposes: after attribution, each candidate's
confidence becomes the calibrated probability that it is a quote, and
``speaker_confidence`` the probability that its speaker is right. The rules'
own figure stays on the candidate as ``prior``, one feature among the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from ..extraction.candidates import Candidate, Context, Offsets
from .features import DocumentFacts, candidate_features
from .model import Scorer

Step = Callable[[Context, list[Candidate]], list[Candidate]]


def scoring_step(scorer: Scorer) -> Step:
    """A step that gives each candidate the scorer's probabilities."""

    def score(ctx: Context, found: list[Candidate]) -> list[Candidate]:
        if not found:
            return found
        facts = DocumentFacts(ctx, found)
        out = []
        for c in found:
            feats = candidate_features(facts, c)
            out.append(
                c.with_(
                    prior=c.confidence,
                    confidence=scorer.quote.probability(feats),
                    speaker_confidence=scorer.speaker.probability(feats) if c.speaker else None,
                )
            )
        return out

    return score


def recording_step(into: dict[tuple[str, Offsets], tuple[str, ...]]) -> Step:
    """A step that leaves the candidates as they are and records their features by (kind, content)."""

    def record(ctx: Context, found: list[Candidate]) -> list[Candidate]:
        if found:
            facts = DocumentFacts(ctx, found)
            for c in found:
                into.setdefault((c.kind, c.content), candidate_features(facts, c))
        return found

    return record
