"""Training the scorer on annotated documents: examples, cross-validation by document, calibration.

The rule stages run on each training document exactly as at extraction
time; each candidate they keep becomes an example with its features and two
labels from the gold: is it a quote (a lenient match), and, when it is one
with a named gold speaker, is its speaker right. Documents, never single
candidates, are split into folds, so that no figure is measured on a
document the model saw.

Why logistic regression: the features are a few hundred sparse indicators
from the rules, the data tens of thousands of candidates; a linear model is
fast to train and to apply (a sum of weights, no runtime dependency), its
weights can be read, and the isotonic curve after it fixes what a linear
margin gets wrong about probabilities. Training needs scikit-learn (the
``train`` extra); using a scorer needs nothing but the JSON file.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..evaluation.evaluate import Tokens, outcomes, score_document
from ..model import DocumentResult
from .model import Calibration, Head, Scorer

#: Equal-width bins for the expected calibration error and the reliability table.
ECE_BINS = 10
#: Thresholds at which precision and recall are reported.
THRESHOLDS = (0.5, 0.7, 0.9)
#: L2 strength of the logistic models (scikit-learn's C: smaller is stronger).
REGULARISATION = 0.5
#: A feature seen in fewer training examples than this gets no weight of its own.
MIN_SUPPORT = 3


@dataclass(frozen=True)
class Example:
    """One candidate the rules kept, its features, and what the gold says of it."""

    document: str
    corpus: str
    features: tuple[str, ...]
    right: bool  # a lenient match of a gold quote
    speaker_right: bool | None  # for a match with a named gold speaker: the same speakers


@dataclass
class Examples:
    items: list[Example] = field(default_factory=list)
    gold: dict[str, int] = field(default_factory=dict)  # document -> gold quotes
    corpus_of: dict[str, str] = field(default_factory=dict)  # document -> corpus

    def extend(self, other: Examples) -> None:
        self.items += other.items
        self.gold.update(other.gold)
        self.corpus_of.update(other.corpus_of)


def label(
    corpus: str,
    name: str,
    text: str,
    gold: DocumentResult,
    pred: DocumentResult,
    features: Sequence[tuple[str, ...]],
) -> Examples:
    """Examples of one document: ``features[i]`` belongs to ``pred.quotes[i]``."""
    scores = score_document(gold, pred, text, Tokens.of(text))
    doc = f"{corpus}/{name}"
    items = [
        Example(doc, corpus, feats, right, speaker)
        for feats, (right, speaker) in zip(features, outcomes(gold, scores, len(features)), strict=True)
    ]
    return Examples(items, {doc: len(gold.quotes)}, {doc: corpus})


def fold_of(document: str, folds: int) -> int:
    """A document's fold, from a hash of its name: the same on every machine and run."""
    return int(hashlib.sha256(document.encode("utf-8")).hexdigest(), 16) % folds


# -- fitting ---------------------------------------------------------------------------


def _matrix(rows: Sequence[tuple[str, ...]], vocab: dict[str, int]) -> Any:
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for feats in rows:
        indices += sorted({vocab[f] for f in feats if f in vocab})
        indptr.append(len(indices))
    data = [1.0] * len(indices)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def fit_logistic(
    rows: Sequence[tuple[str, ...]], labels: Sequence[bool], weights: Sequence[float]
) -> tuple[dict[str, float], float]:
    """Weights per feature and a bias; features seen fewer than MIN_SUPPORT times are left out."""
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = defaultdict(int)
    for feats in rows:
        for f in set(feats):
            counts[f] += 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_SUPPORT))}
    ys = [int(y) for y in labels]
    if len(set(ys)) < 2:  # one class only: a constant model
        return {}, 8.0 if ys and ys[0] else -8.0
    model = LogisticRegression(C=REGULARISATION, solver="lbfgs", max_iter=2000)
    model.fit(_matrix(rows, vocab), ys, sample_weight=list(weights))
    coef = model.coef_[0]
    return {f: float(coef[i]) for f, i in vocab.items()}, float(model.intercept_[0])


def fit_calibration(
    margins: Sequence[float], labels: Sequence[bool], weights: Sequence[float]
) -> Calibration:
    """An isotonic curve from margins to the share of right candidates, fitted on held-out margins."""
    from sklearn.isotonic import IsotonicRegression

    if not margins:
        return Calibration((0.0,), (0.5,))
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip", increasing=True)
    iso.fit(list(margins), [float(y) for y in labels], sample_weight=list(weights))
    return Calibration(tuple(float(v) for v in iso.X_thresholds_), tuple(float(v) for v in iso.y_thresholds_))


def _head_task(items: Sequence[Example], speaker: bool) -> tuple[list[Example], list[bool]]:
    if not speaker:
        return list(items), [e.right for e in items]
    kept = [e for e in items if e.speaker_right is not None]
    return kept, [bool(e.speaker_right) for e in kept]


def _fit_head(items: Sequence[Example], speaker: bool, weight_of: dict[str, float], folds: int) -> Head:
    """The logistic model on all of ``items``, calibrated on its own out-of-fold margins."""
    task, labels = _head_task(items, speaker)
    weights = [weight_of.get(e.corpus, 1.0) for e in task]
    margins: list[float] = [0.0] * len(task)
    for k in range(folds):
        train = [i for i, e in enumerate(task) if fold_of(e.document, folds) != k]
        held = [i for i, e in enumerate(task) if fold_of(e.document, folds) == k]
        if not held:
            continue
        w, b = fit_logistic(
            [task[i].features for i in train], [labels[i] for i in train], [weights[i] for i in train]
        )
        head = Head(w, b, Calibration((0.0,), (0.5,)))
        for i in held:
            margins[i] = head.margin(task[i].features)
    w, b = fit_logistic([e.features for e in task], labels, weights)
    return Head(w, b, fit_calibration(margins, labels, weights))


def corpus_weights(items: Sequence[Example], share: dict[str, float] | None) -> dict[str, float]:
    """Per-corpus example weights so that each corpus carries the given share of the training weight
    (by default each corpus its own size: weight 1)."""
    if not share:
        return {}
    sizes: dict[str, int] = defaultdict(int)
    for e in items:
        sizes[e.corpus] += 1
    total = sum(sizes.values())
    return {c: share.get(c, 0.0) * total / n for c, n in sizes.items() if n}


def fit(
    items: Sequence[Example], *, folds: int = 5, share: dict[str, float] | None = None, threshold: float = 0.5
) -> Scorer:
    """A scorer from examples: both heads, each calibrated on held-out documents."""
    weight_of = corpus_weights(items, share)
    return Scorer(
        quote=_fit_head(items, False, weight_of, folds),
        speaker=_fit_head(items, True, weight_of, folds),
        threshold=threshold,
    )


# -- measuring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reliability:
    """Calibration of one set of probabilities against its labels."""

    ece: float
    bins: tuple[tuple[float, float, int, float, float], ...]  # (low, high, n, mean p, share right)

    @classmethod
    def of(cls, probs: Sequence[float], labels: Sequence[bool], nbins: int = ECE_BINS) -> Reliability:
        groups: list[list[int]] = [[] for _ in range(nbins)]
        for i, p in enumerate(probs):
            groups[min(int(p * nbins), nbins - 1)].append(i)
        n = len(probs)
        ece, rows = 0.0, []
        for b, idx in enumerate(groups):
            if not idx:
                continue
            mean_p = sum(probs[i] for i in idx) / len(idx)
            right = sum(labels[i] for i in idx) / len(idx)
            ece += len(idx) / n * abs(mean_p - right)
            rows.append((b / nbins, (b + 1) / nbins, len(idx), mean_p, right))
        return cls(ece, tuple(rows))


@dataclass(frozen=True)
class AtThreshold:
    threshold: float
    kept: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def at_threshold(probs: Sequence[float], labels: Sequence[bool], gold: int, t: float) -> AtThreshold:
    kept = [y for p, y in zip(probs, labels, strict=True) if p >= t]
    right = sum(kept)
    return AtThreshold(t, len(kept), right / len(kept) if kept else 0.0, right / gold if gold else 0.0)


@dataclass(frozen=True)
class CrossValidation:
    """Held-out figures of one corpus: every probability comes from a model that never saw its document."""

    corpus: str
    documents: int
    gold: int
    candidates: int
    quote: Reliability
    speaker: Reliability
    rules: AtThreshold  # every candidate, as the rules alone give them
    thresholds: tuple[AtThreshold, ...]
    best: AtThreshold  # the threshold with the best F1

    def lines(self) -> list[str]:
        out = [
            f"{self.corpus}: {self.documents} documents, {self.gold} gold quotes, {self.candidates} candidates",
            f"  quote ECE {self.quote.ece:.3f}; speaker ECE {self.speaker.ece:.3f}",
            f"  rules alone: P {self.rules.precision:.3f} R {self.rules.recall:.3f} F1 {self.rules.f1:.3f}",
        ]
        for a in (*self.thresholds, self.best):
            out.append(
                f"  confidence >= {a.threshold:.2f}: {a.kept} kept, P {a.precision:.3f} R {a.recall:.3f} F1 {a.f1:.3f}"
            )
        out.append("  reliability (confidence bin: quotes, mean confidence, share right):")
        for low, high, n, mean_p, right in self.quote.bins:
            out.append(f"    [{low:.1f}, {high:.1f}): {n:6d}  {mean_p:.3f}  {right:.3f}")
        return out


def cross_validate(
    examples: Examples, *, folds: int = 5, share: dict[str, float] | None = None, threshold: float = 0.5
) -> tuple[list[CrossValidation], dict[str, list[float]]]:
    """Per corpus, the figures of models trained on the other folds (the same folds for every corpus).

    Also returns the held-out probabilities per document, for the benchmark to score."""
    items = examples.items
    probs = [0.0] * len(items)
    speaker_probs: list[float | None] = [None] * len(items)
    for k in range(folds):
        train = [e for e in items if fold_of(e.document, folds) != k]
        held = [i for i, e in enumerate(items) if fold_of(e.document, folds) == k]
        if not held or not train:
            continue
        scorer = fit(train, folds=folds, share=share, threshold=threshold)
        for i in held:
            probs[i] = scorer.quote.probability(items[i].features)
            speaker_probs[i] = scorer.speaker.probability(items[i].features)
    by_doc: dict[str, list[float]] = defaultdict(list)
    for e, p in zip(items, probs, strict=True):
        by_doc[e.document].append(p)
    out = []
    for corpus in sorted({e.corpus for e in items}):
        idx = [i for i, e in enumerate(items) if e.corpus == corpus]
        gold = sum(n for d, n in examples.gold.items() if examples.corpus_of[d] == corpus)
        ps, ys = [probs[i] for i in idx], [items[i].right for i in idx]
        sp = [(speaker_probs[i], items[i].speaker_right) for i in idx if items[i].speaker_right is not None]
        grid = [at_threshold(ps, ys, gold, t / 100) for t in range(5, 96)]
        out.append(
            CrossValidation(
                corpus=corpus,
                documents=sum(1 for d in examples.gold if examples.corpus_of[d] == corpus),
                gold=gold,
                candidates=len(idx),
                quote=Reliability.of(ps, ys),
                speaker=Reliability.of([p or 0.0 for p, _ in sp], [bool(y) for _, y in sp]),
                rules=at_threshold(ps, ys, gold, 0.0),
                thresholds=tuple(at_threshold(ps, ys, gold, t) for t in THRESHOLDS),
                best=max(grid, key=lambda a: (a.f1, -a.threshold)),
            )
        )
    return out, dict(by_doc)


def provenance_of(
    scorer: Scorer,
    examples: Examples,
    report: Sequence[CrossValidation],
    *,
    folds: int,
    share: dict[str, float],
    model: dict[str, Any],
) -> Scorer:
    """The scorer with what it was trained on and how well it did held out (no date: the same data
    gives the same file)."""
    from .. import __version__

    return replace(
        scorer,
        provenance={
            "trained_with": f"quotes train {__version__} (logistic regression, isotonic calibration)",
            "parsed_with": f"{model.get('lang', '')}_{model.get('name', '')} {model.get('version', '')}",
            "folds": folds,
            "share": dict(sorted(share.items())),
            "holds": "feature weights and calibration curves only; no text of the training documents",
            "data": [
                {
                    "corpus": cv.corpus,
                    "documents": cv.documents,
                    "gold_quotes": cv.gold,
                    "candidates": cv.candidates,
                    "held_out": {
                        "ece": round(cv.quote.ece, 4),
                        "speaker_ece": round(cv.speaker.ece, 4),
                        **{f"p_at_{a.threshold:g}": round(a.precision, 4) for a in cv.thresholds},
                        **{f"r_at_{a.threshold:g}": round(a.recall, 4) for a in cv.thresholds},
                    },
                }
                for cv in report
            ],
        },
    )


def strongest(head: Head, n: int = 12) -> Iterable[tuple[str, float]]:
    """The features that move the margin most, for a reader of ``quotes train``'s output."""
    return sorted(head.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:n]


# -- collecting ------------------------------------------------------------------------------


class Collector:
    """Runs the rule stages on parsed documents and labels what they keep against the gold."""

    def __init__(self, lang: str = "en") -> None:
        from ..extraction.component import QuotesComponent
        from ..extraction.pipeline import ExtractorConfig, Stages
        from .step import recording_step

        self._features: dict[Any, tuple[str, ...]] = {}
        stages = replace(Stages.default(), scorers=(recording_step(self._features),))
        self.component = QuotesComponent(None, "quotes", ExtractorConfig.build(lang=lang, stages=stages))

    def document(self, corpus: str, name: str, doc: Any, gold: DocumentResult) -> Examples:
        self._features.clear()
        pred = self.component.predict(doc, name)  # exactly what extraction gives, recording features
        features = [self._features[(q.kind, (q.content.start, q.content.end))] for q in pred.quotes]
        text = doc.text
        return label(corpus, name, text, gold, pred, features)


def collect(corpora: Sequence[str], nlp: Any, on_progress: Any = None) -> Examples:
    """Examples of every annotated document of the given corpus directories (parsed in small batches)."""
    from pathlib import Path

    from ..evaluation.bench import load_corpus

    collector = Collector(nlp.lang)
    out = Examples()
    for corpus in corpora:
        docs, _ = load_corpus(corpus)
        name = Path(corpus).resolve().name
        for cdoc, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=4), strict=True):
            out.extend(collector.document(name, cdoc.name, doc, cdoc.gold))
            if on_progress is not None:
                on_progress(name, cdoc.name)
    return out
