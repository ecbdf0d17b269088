"""Score predictions against gold annotations, as ``shared/spec/annotation-format.md`` defines it.

The rules ("Matching, as the benchmark scores it"):

- **Tokens** are the whitespace tokens of the document, with their offsets. A
  span's tokens are the document tokens that overlap the span once surrounding
  whitespace and punctuation (quotation marks, curly ones too) are stripped
  from it. A span that is nothing but punctuation has no tokens and matches
  nothing.
- **Matching** is one-to-one and greedy, best overlap first: every (gold,
  predicted) pair with a token Jaccard above 0 is a candidate; candidates are
  taken in order of falling Jaccard (ties: identical stripped boundaries first,
  then by position: gold start, gold end, predicted start, predicted end), and
  a pair is kept when neither side is taken yet.
- A matched pair is a **strict** hit when the stripped boundaries are
  identical, a **lenient** hit when the Jaccard is at least 0.5.
- Per kind, recall counts the gold quotes of that kind that are hit and
  precision the predictions of that kind that are hit; the kinds need not
  agree (``kind_accuracy`` measures that, on lenient pairs).
- **Attribution** accuracy is over lenient pairs whose gold speaker list is not
  empty: right when the predicted speaker set equals the gold set. Two
  entities are the same when their ``{name} | aliases`` sets share a name,
  compared case-insensitively with whitespace collapsed; the sets are equal
  when there is a bijection between them of such pairs.
- **End to end**, a hit is a lenient pair with equal speaker sets (a gold
  ``[]`` needs a predicted ``[]``).
- **Cue** and **mention** spans of all quotes of a document, deduplicated by
  offsets, are matched one-to-one the same way.

Corpus figures are micro-averaged: counts are summed over documents, then
the ratios are computed.

Zero denominators: precision with no predictions, and recall with no gold, is
1.0 when *both* gold and predictions are empty (nothing to find, nothing
found), else 0.0; F1 follows the same rule. Accuracies with nothing to
measure (no lenient pair, or none with a gold speaker) are ``None``, shown as
``-`` in tables and ``null`` in JSON, rather than a made-up number.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import KINDS, DocumentResult, Kind, Quote, Span, Speaker
from ..names import name_key

#: A lenient hit needs at least this token Jaccard.
LENIENT_THRESHOLD = 0.5

_WS_TOKEN = re.compile(r"\S+")
#: Quote-like marks that Unicode files as symbols, not punctuation.
_EXTRA_PUNCT = frozenset("`´")


def _is_strippable(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_PUNCT or unicodedata.category(ch).startswith("P")


# -- tokens and spans -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tokens:
    """The whitespace tokens of one document: parallel start and end offsets."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        found = [(m.start(), m.end()) for m in _WS_TOKEN.finditer(text)]
        return cls(text, tuple(s for s, _ in found), tuple(e for _, e in found))

    def __len__(self) -> int:
        return len(self.starts)

    def range_of(self, start: int, end: int) -> tuple[int, int]:
        """Indices ``[i, j)`` of the tokens overlapping the stripped span ``[start, end)``."""
        start, end = strip_bounds(self.text, start, end)
        if start >= end:
            return (0, 0)
        i = bisect_right(self.ends, start)  # first token ending after start
        j = bisect_left(self.starts, end)  # tokens starting before end
        return (i, j) if i < j else (0, 0)


def strip_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start``/``end`` inwards past whitespace and punctuation; ``(start, start)`` if nothing is left."""
    start, end = max(0, start), min(len(text), end)
    s, e = start, end
    while s < e and _is_strippable(text[s]):
        s += 1
    while e > s and _is_strippable(text[e - 1]):
        e -= 1
    return (s, e) if s < e else (start, start)


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Jaccard of two contiguous token ranges ``[i, j)``; 0.0 when either is empty."""
    if a[0] >= a[1] or b[0] >= b[1]:
        return 0.0
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / ((a[1] - a[0]) + (b[1] - b[0]) - inter)


@dataclass(frozen=True, slots=True)
class Pair:
    """A matched (gold, predicted) pair: indices into the two span lists."""

    gold: int
    pred: int
    overlap: float
    strict: bool

    @property
    def lenient(self) -> bool:
        return self.overlap >= LENIENT_THRESHOLD


def match_spans(
    tokens: Tokens, gold: Sequence[Span | tuple[int, int]], pred: Sequence[Span | tuple[int, int]]
) -> tuple[Pair, ...]:
    """Match spans one-to-one, greedily by token Jaccard, best first (see the module docstring)."""

    def bounds(s: Span | tuple[int, int]) -> tuple[int, int]:
        return (s.start, s.end) if isinstance(s, Span) else (s[0], s[1])

    text = tokens.text
    g_strip = [strip_bounds(text, *bounds(s)) for s in gold]
    p_strip = [strip_bounds(text, *bounds(s)) for s in pred]
    g_tok = [tokens.range_of(*b) for b in g_strip]
    p_tok = [tokens.range_of(*b) for b in p_strip]
    candidates = []
    for gi, gt in enumerate(g_tok):
        if gt[0] >= gt[1]:
            continue
        for pi, pt in enumerate(p_tok):
            overlap = jaccard(gt, pt)
            if overlap > 0.0:
                strict = g_strip[gi] == p_strip[pi]
                key = (-overlap, not strict, *g_strip[gi], *p_strip[pi], gi, pi)
                candidates.append((key, Pair(gi, pi, overlap, strict)))
    candidates.sort(key=lambda c: c[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, pair in candidates:
        if pair.gold in used_g or pair.pred in used_p:
            continue
        used_g.add(pair.gold)
        used_p.add(pair.pred)
        pairs.append(pair)
    return tuple(sorted(pairs, key=lambda p: (p.gold, p.pred)))


# -- speakers -------------------------------------------------------------------


normalise_name = name_key  # the spec's comparison of names (quotes.names)


def entity_names(speaker: Speaker) -> frozenset[str]:
    """``{name} | aliases``, case-folded, whitespace collapsed, empty names dropped."""
    return speaker.names()


def same_speakers(gold: Sequence[Speaker], pred: Sequence[Speaker]) -> bool:
    """True when there is a bijection between the two entity sets whose pairs share a name."""
    g = [entity_names(s) for s in gold]
    p = [entity_names(s) for s in pred]
    if len(g) != len(p):
        return False
    # Bipartite perfect matching by augmenting paths; the sets are tiny.
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi, names in enumerate(p):
            if pi in seen or not (g[gi] & names):
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    return all(augment(gi, set()) for gi in range(len(g)))


def _speakers_of(result: DocumentResult, quote: Quote) -> tuple[Speaker, ...]:
    by_id = {s.id: s for s in result.speakers}
    out, seen = [], set()
    for sid in quote.speaker:
        if sid in seen:
            continue
        seen.add(sid)
        # An id without an entry (not possible in validated files) still counts as an entity.
        out.append(by_id.get(sid, Speaker(sid, sid)))
    return tuple(out)


# -- counts ---------------------------------------------------------------------


def _ratio(num: int, den: int, other: int) -> float:
    """``num / den``; with ``den == 0``: 1.0 when ``other`` is 0 too (both sides empty), else 0.0."""
    if den:
        return num / den
    return 1.0 if other == 0 else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts for precision, recall and F1.

    ``hits_gold`` counts gold items found (recall's numerator), ``hits_pred``
    predictions that are right (precision's). They are equal for one-to-one
    matches; per kind they may differ, because the kinds of a pair need not agree.
    """

    gold: int = 0
    pred: int = 0
    hits_gold: int = 0
    hits_pred: int = 0

    @classmethod
    def of(cls, gold: int, pred: int, hits: int) -> PRF:
        return cls(gold, pred, hits, hits)

    @property
    def precision(self) -> float:
        return _ratio(self.hits_pred, self.pred, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.hits_gold, self.gold, self.pred)

    @property
    def f1(self) -> float:
        if self.gold == 0 and self.pred == 0:
            return 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.gold + other.gold,
            self.pred + other.pred,
            self.hits_gold + other.hits_gold,
            self.hits_pred + other.hits_pred,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "hits_gold": self.hits_gold,
            "hits_pred": self.hits_pred,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """``correct`` of ``total``; ``value`` is ``None`` when there is nothing to measure."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass(frozen=True, slots=True)
class Detection:
    """Strict and lenient P/R/F1 of one kind of span."""

    strict: PRF = PRF()
    lenient: PRF = PRF()

    def __add__(self, other: Detection) -> Detection:
        return Detection(self.strict + other.strict, self.lenient + other.lenient)

    def to_dict(self) -> dict[str, Any]:
        return {"strict": self.strict.to_dict(), "lenient": self.lenient.to_dict()}


def _empty_kinds() -> tuple[Detection, ...]:
    return tuple(Detection() for _ in KINDS)


@dataclass(frozen=True, slots=True)
class Scores:
    """Every figure of one document, or of a corpus (sums of documents' counts)."""

    documents: int = 0
    quotes: Detection = Detection()
    #: One :class:`Detection` per kind, in the order of :data:`quotes.model.KINDS`; see :meth:`kind`.
    by_kind: tuple[Detection, ...] = field(default_factory=_empty_kinds)
    kind_accuracy: Accuracy = Accuracy()
    attribution: Accuracy = Accuracy()
    end_to_end: PRF = PRF()
    cue: Detection = Detection()
    mention: Detection = Detection()

    def kind(self, kind: Kind | str) -> Detection:
        return self.by_kind[KINDS.index(kind)]  # type: ignore[arg-type]

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            documents=self.documents + other.documents,
            quotes=self.quotes + other.quotes,
            by_kind=tuple(a + b for a, b in zip(self.by_kind, other.by_kind, strict=True)),
            kind_accuracy=self.kind_accuracy + other.kind_accuracy,
            attribution=self.attribution + other.attribution,
            end_to_end=self.end_to_end + other.end_to_end,
            cue=self.cue + other.cue,
            mention=self.mention + other.mention,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "quotes": self.quotes.to_dict(),
            "by_kind": {k: d.to_dict() for k, d in zip(KINDS, self.by_kind, strict=True)},
            "kind_accuracy": self.kind_accuracy.to_dict(),
            "attribution": self.attribution.to_dict(),
            "end_to_end": self.end_to_end.to_dict(),
            "cue": self.cue.to_dict(),
            "mention": self.mention.to_dict(),
        }

    def figures(self) -> dict[str, float | None]:
        """Every headline ratio, flat, for tables and for checking (``{"quotes.lenient.f1": ...}``)."""
        out: dict[str, float | None] = {}

        def prf(prefix: str, c: PRF) -> None:
            out[f"{prefix}.precision"] = c.precision
            out[f"{prefix}.recall"] = c.recall
            out[f"{prefix}.f1"] = c.f1

        for name, det in (("quotes", self.quotes), ("cue", self.cue), ("mention", self.mention)):
            prf(f"{name}.strict", det.strict)
            prf(f"{name}.lenient", det.lenient)
        for k, det in zip(KINDS, self.by_kind, strict=True):
            prf(f"{k}.strict", det.strict)
            prf(f"{k}.lenient", det.lenient)
        prf("end_to_end", self.end_to_end)
        out["kind_accuracy"] = self.kind_accuracy.value
        out["attribution"] = self.attribution.value
        return out


# -- one document ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentScores:
    """A document's scores and the alignment behind them (indices into ``gold.quotes``/``pred.quotes``)."""

    document: str
    scores: Scores
    pairs: tuple[Pair, ...]
    #: Gold quotes with no lenient hit.
    missed: tuple[int, ...]
    #: Predictions with no lenient hit.
    spurious: tuple[int, ...]
    #: Lenient pairs whose speaker sets differ (including gold ``[]`` against a named prediction).
    misattributed: tuple[Pair, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, **self.scores.to_dict()}


def outcomes(gold: DocumentResult, scores: DocumentScores, predicted: int) -> list[tuple[bool, bool | None]]:
    """What the gold says of each of ``predicted`` quotes: whether it is a lenient match, and, for a
    match whose gold speaker list is not empty, whether its speakers are right (else None). The
    labels of the trained scorer and the benchmark's calibration figures both read it."""
    matched = {p.pred: p.gold for p in scores.pairs if p.lenient}
    wrong = {p.pred for p in scores.misattributed}
    out: list[tuple[bool, bool | None]] = []
    for i in range(predicted):
        g = matched.get(i)
        out.append((g is not None, None if g is None or not gold.quotes[g].speaker else i not in wrong))
    return out


def _span_detection(tokens: Tokens, gold: list[Span], pred: list[Span]) -> Detection:
    pairs = match_spans(tokens, gold, pred)
    strict = sum(p.strict for p in pairs)
    lenient = sum(p.lenient for p in pairs)
    return Detection(PRF.of(len(gold), len(pred), strict), PRF.of(len(gold), len(pred), lenient))


def _dedup(spans: Iterable[Span | None]) -> list[Span]:
    seen: dict[tuple[int, int], Span] = {}
    for s in spans:
        if s is not None and (s.start, s.end) not in seen:
            seen[(s.start, s.end)] = s
    return sorted(seen.values(), key=lambda s: (s.start, s.end))


def score_document(
    gold: DocumentResult, pred: DocumentResult, text: str, tokens: Tokens | None = None
) -> DocumentScores:
    """Score one prediction against its gold; ``text`` is the document both point into."""
    tokens = tokens if tokens is not None and tokens.text == text else Tokens.of(text)
    gq, pq = gold.quotes, pred.quotes
    pairs = match_spans(tokens, [q.content for q in gq], [q.content for q in pq])
    lenient_pairs = [p for p in pairs if p.lenient]
    strict_hits = sum(p.strict for p in pairs)

    gold_hit_lenient = {p.gold for p in lenient_pairs}
    pred_hit_lenient = {p.pred for p in lenient_pairs}
    gold_hit_strict = {p.gold for p in pairs if p.strict}
    pred_hit_strict = {p.pred for p in pairs if p.strict}

    by_kind = []
    for k in KINDS:
        g_idx = [i for i, q in enumerate(gq) if q.kind == k]
        p_idx = [i for i, q in enumerate(pq) if q.kind == k]
        by_kind.append(
            Detection(
                strict=PRF(
                    len(g_idx),
                    len(p_idx),
                    sum(i in gold_hit_strict for i in g_idx),
                    sum(i in pred_hit_strict for i in p_idx),
                ),
                lenient=PRF(
                    len(g_idx),
                    len(p_idx),
                    sum(i in gold_hit_lenient for i in g_idx),
                    sum(i in pred_hit_lenient for i in p_idx),
                ),
            )
        )

    kind_ok = sum(gq[p.gold].kind == pq[p.pred].kind for p in lenient_pairs)
    attr_total = attr_ok = e2e = 0
    misattributed = []
    for p in lenient_pairs:
        g_sp = _speakers_of(gold, gq[p.gold])
        p_sp = _speakers_of(pred, pq[p.pred])
        same = same_speakers(g_sp, p_sp)
        e2e += same
        if g_sp:
            attr_total += 1
            attr_ok += same
        if not same:
            misattributed.append(p)

    scores = Scores(
        documents=1,
        quotes=Detection(PRF.of(len(gq), len(pq), strict_hits), PRF.of(len(gq), len(pq), len(lenient_pairs))),
        by_kind=tuple(by_kind),
        kind_accuracy=Accuracy(kind_ok, len(lenient_pairs)),
        attribution=Accuracy(attr_ok, attr_total),
        end_to_end=PRF.of(len(gq), len(pq), e2e),
        cue=_span_detection(tokens, _dedup(q.cue for q in gq), _dedup(q.cue for q in pq)),
        mention=_span_detection(tokens, _dedup(q.mention for q in gq), _dedup(q.mention for q in pq)),
    )
    return DocumentScores(
        document=gold.document,
        scores=scores,
        pairs=pairs,
        missed=tuple(i for i in range(len(gq)) if i not in gold_hit_lenient),
        spurious=tuple(i for i in range(len(pq)) if i not in pred_hit_lenient),
        misattributed=tuple(misattributed),
    )


# -- a corpus -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusScores:
    """Micro-averaged totals and the per-document scores they sum."""

    total: Scores
    documents: tuple[DocumentScores, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total.to_dict(), "documents": [d.to_dict() for d in self.documents]}


def aggregate(documents: Iterable[DocumentScores]) -> CorpusScores:
    docs = tuple(documents)
    total = Scores()
    for d in docs:
        total = total + d.scores
    return CorpusScores(total, docs)


def score_corpus(items: Iterable[tuple[DocumentResult, DocumentResult, str]]) -> CorpusScores:
    """Score ``(gold, prediction, text)`` triples and micro-average them."""
    return aggregate(score_document(g, p, t) for g, p, t in items)


__all__ = [
    "LENIENT_THRESHOLD",
    "PRF",
    "Accuracy",
    "CorpusScores",
    "Detection",
    "DocumentScores",
    "Pair",
    "Scores",
    "Tokens",
    "aggregate",
    "entity_names",
    "jaccard",
    "match_spans",
    "normalise_name",
    "same_speakers",
    "score_corpus",
    "score_document",
    "strip_bounds",
]
