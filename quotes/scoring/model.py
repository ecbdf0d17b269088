"""The trained scorer as plain data: weights and a calibration curve, read from JSON and never run.

A scorer has two heads: one gives the probability that a candidate is a
quote (a lenient match of the gold), the other that its speaker is right
when it is one. Each head is a logistic model over the candidate's features
(:mod:`.features`) whose margin goes through an isotonic calibration curve
fitted on held-out documents, so that the figure is a probability: of the
quotes given 0.8, about eight in ten are right.

The file is JSON (``quotes-scorer/1``), checked field by field when it is
read: a file that is not what it should be is an error (E601), and nothing
in it is ever executed (no pickle).
"""

from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from ..errors import Errors, QuotesError

SCHEMA = "quotes-scorer/1"
#: The default scorer, shipped in the package (weights only; its provenance is inside).
DEFAULT_SCORER = "default-scorer.json"
#: A file larger than this is not a scorer (a few thousand weights take a few hundred kB).
MAX_BYTES = 20_000_000


class ScorerError(QuotesError, ValueError):
    """A scorer file that cannot be used."""


@dataclass(frozen=True)
class Calibration:
    """A non-decreasing curve from a logistic margin to a probability, linear between its knots."""

    x: tuple[float, ...]
    y: tuple[float, ...]

    def __call__(self, margin: float) -> float:
        x, y = self.x, self.y
        if margin <= x[0]:
            return y[0]
        if margin >= x[-1]:
            return y[-1]
        i = bisect_right(x, margin)
        x0, x1, y0, y1 = x[i - 1], x[i], y[i - 1], y[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (margin - x0) / (x1 - x0)


@dataclass(frozen=True)
class Head:
    """A logistic model over binary features, and its calibration."""

    weights: Mapping[str, float]
    bias: float
    calibration: Calibration

    def margin(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        return self.calibration(self.margin(features))


@dataclass(frozen=True)
class Scorer:
    quote: Head
    speaker: Head
    #: The ``min_confidence`` the scorer suggests (0.5: a quote more likely right than wrong). It is
    #: recorded, not applied: the component keeps every candidate unless ``min_confidence`` is set.
    threshold: float = 0.0
    #: Where the weights come from: data, commands, cross-validated figures.
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """Deterministic JSON: sorted keys, weights rounded, one line per weight."""

        def head(h: Head) -> dict[str, Any]:
            return {
                "bias": _round(h.bias),
                "weights": {k: _round(v) for k, v in sorted(h.weights.items()) if _round(v) != 0.0},
                "calibration": {
                    "x": [_round(v) for v in h.calibration.x],
                    "y": [_round(v) for v in h.calibration.y],
                },
            }

        data = {
            "schema": SCHEMA,
            "threshold": _round(self.threshold),
            "quote": head(self.quote),
            "speaker": head(self.speaker),
            "provenance": self.provenance,
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "scorer") -> Scorer:
        """Read and check a ``quotes-scorer/1`` file; anything else is an E601 error."""
        try:
            data = json.loads(text, parse_constant=_no_constant)
        except (ValueError, RecursionError) as e:
            raise ScorerError(Errors.E601, source=source, why=f"not JSON ({e})") from None
        why = _check(data)
        if why:
            raise ScorerError(Errors.E601, source=source, why=why)
        return cls(
            quote=_head(data["quote"]),
            speaker=_head(data["speaker"]),
            threshold=float(data["threshold"]),
            provenance=data["provenance"],
        )


def _round(v: float) -> float:
    return round(float(v), 6) + 0.0  # + 0.0: no "-0.0" in the file


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a scorer may hold")


def _number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _check_head(h: Any, name: str) -> str | None:
    if not isinstance(h, dict) or set(h) != {"bias", "weights", "calibration"}:
        return f"{name} must hold exactly bias, weights and calibration"
    if not _number(h["bias"]):
        return f"{name}.bias must be a finite number"
    w = h["weights"]
    if not isinstance(w, dict) or not all(isinstance(k, str) and _number(v) for k, v in w.items()):
        return f"{name}.weights must map feature names to finite numbers"
    cal = h["calibration"]
    if not isinstance(cal, dict) or set(cal) != {"x", "y"}:
        return f"{name}.calibration must hold exactly x and y"
    x, y = cal["x"], cal["y"]
    if not (isinstance(x, list) and isinstance(y, list) and len(x) == len(y) >= 1):
        return f"{name}.calibration x and y must be lists of the same, non-zero length"
    if not all(_number(v) for v in x) or not all(_number(v) and 0.0 <= v <= 1.0 for v in y):
        return f"{name}.calibration must hold finite numbers, y in [0, 1]"
    if any(b < a for a, b in pairwise(x)) or any(b < a for a, b in pairwise(y)):
        return f"{name}.calibration must not decrease"
    return None


def _check(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "a scorer is a JSON object"
    if data.get("schema") != SCHEMA:
        return f"schema must be {SCHEMA!r}, not {data.get('schema')!r}"
    if set(data) != {"schema", "threshold", "quote", "speaker", "provenance"}:
        return "the fields must be exactly schema, threshold, quote, speaker and provenance"
    if not _number(data["threshold"]) or not 0.0 <= data["threshold"] <= 1.0:
        return "threshold must be a number in [0, 1]"
    if not isinstance(data["provenance"], dict):
        return "provenance must be an object"
    return _check_head(data["quote"], "quote") or _check_head(data["speaker"], "speaker")


def _head(h: dict[str, Any]) -> Head:
    cal = h["calibration"]
    return Head(
        weights={k: float(v) for k, v in h["weights"].items()},
        bias=float(h["bias"]),
        calibration=Calibration(tuple(float(v) for v in cal["x"]), tuple(float(v) for v in cal["y"])),
    )


def load_scorer(path: str | os.PathLike[str]) -> Scorer:
    """A scorer file (``quotes train -o FILE``)."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ScorerError(Errors.E601, source=path, why=f"{size:,} bytes is too large for a scorer")
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise ScorerError(Errors.E601, source=path, why=str(e)) from None
    return Scorer.from_json(text, str(path))


@lru_cache(maxsize=1)
def default_scorer() -> Scorer | None:
    """The scorer shipped in the package, read once; None where the package has none."""
    ref = resources.files(__package__).joinpath(DEFAULT_SCORER)
    if not ref.is_file():
        return None
    return Scorer.from_json(ref.read_text(encoding="utf-8"), f"quotes/scoring/{DEFAULT_SCORER}")
