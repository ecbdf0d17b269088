"""Benchmark runner: run quote extractors over a gold corpus, score them, time them.

``quotes bench`` (or ``python -m quotes.evaluation.bench``) parses every ``*.txt`` of a
corpus once with the spaCy pipeline (the *bare* pass, timed), hands the parsed
Docs to each system, validates and scores what it returns against the
``*.json`` gold beside the text (:mod:`quotes.evaluation.evaluate`) and prints one table.

A system's time is the bare parse time plus its own time over the Docs, so
``×parse`` (its time divided by the parse time) says what the system costs on
top of parsing.

Systems are pluggable::

    from quotes.evaluation.bench import register_system

    @register_system("mine")
    def mine(doc: Doc, document: str) -> DocumentResult: ...

``document`` is the text's file name (the ``document`` field of the result);
the text is ``doc.text``. Every span the system returns must satisfy
``text[start:end] == span.text``: each prediction is validated with
:func:`quotes.schema.from_dict`, and a document whose prediction fails, or
whose system raises, counts as predicting nothing and is listed as an error.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import importlib
import json
import os
import platform
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import Errors, PipelineNotFound, QuotesError, SchemaError, error_record
from ..model import KINDS, DocumentResult, ErrorRecord, Quote, Span, Speaker
from ..names import slug as slugify
from ..schema import from_dict, read_annotation, read_text, sha256_text, to_dict
from ..scoring.train import THRESHOLDS, AtThreshold, Reliability, at_threshold
from .evaluate import CorpusScores, DocumentScores, Tokens, aggregate, outcomes, score_document
from .identity import IdentityScores, person_key, score_identity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from spacy.language import Language
    from spacy.tokens import Doc, Token

SystemFn = Callable[["Doc", str], DocumentResult]

#: Where the runner puts a document's gold on the Doc, for systems registered with ``needs_gold`` only.
GOLD_KEY = "quotes_bench_gold"
#: Where the runner tells the quotes system which scorer file to use (``--scorer``).
SCORER_KEY = "quotes_bench_scorer"
#: Texts parsed per batch: memory holds this many Docs at a time, whatever the corpus size (as
#: ``quotes extract`` parses in small chunks: a batch of long texts costs hundreds of MB).
PARSE_BATCH = 2


class BenchError(Exception):
    """The benchmark cannot run at all (no corpus, unknown system, invalid gold)."""


# -- the systems registry --------------------------------------------------------


@dataclass(frozen=True)
class System:
    """A registered system.

    ``prepare`` runs once before any timing (imports, loading) and returns
    ``None`` when the system can run, else one line saying why not.
    ``needs_gold`` systems find the document's gold in ``doc.user_data[GOLD_KEY]``
    during their call; no other system sees it.
    """

    name: str
    run: SystemFn
    hidden: bool = False
    prepare: Callable[[], str | None] | None = None
    description: str = ""
    needs_gold: bool = False

    def unavailable(self) -> str | None:
        if self.prepare is None:
            return None
        try:
            return self.prepare()
        except Exception as e:  # a broken plugin must not stop the other systems
            return f"{type(e).__name__}: {e}"


SYSTEMS: dict[str, System] = {}


def register_system(
    name: str,
    *,
    hidden: bool = False,
    prepare: Callable[[], str | None] | None = None,
    needs_gold: bool = False,
) -> Callable[[SystemFn], SystemFn]:
    """Register ``fn(doc, document) -> DocumentResult`` as system ``name``.

    ``hidden`` systems run only when named with ``--system``.
    """

    def decorator(fn: SystemFn) -> SystemFn:
        doc = (fn.__doc__ or "").strip().splitlines()
        SYSTEMS[name] = System(name, fn, hidden, prepare, doc[0] if doc else "", needs_gold)
        return fn

    return decorator


def default_systems() -> list[str]:
    return [name for name, s in SYSTEMS.items() if not s.hidden]


# -- system: textacy -------------------------------------------------------------


def _prepare_textacy() -> str | None:
    try:
        importlib.import_module("textacy.extract.triples")
    except ImportError as e:
        return f"textacy is not installed ({e})"
    return None


def _char_span(text: str, tokens: Sequence[Token]) -> Span | None:
    if not tokens:
        return None
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Span.of(text, start, end)


def _speaker_groups(tokens: Sequence[Token]) -> list[list[Token]]:
    """Split textacy's speaker tokens (a noun, its conjuncts, their compounds) into one group per conjunct."""
    heads = [t for t in tokens if t.dep_ != "compound"]
    if not heads:
        return [list(tokens)]
    groups: dict[int, list[Token]] = {h.i: [h] for h in heads}
    for t in tokens:
        if t.dep_ == "compound":
            owner = t.head.i if t.head.i in groups else min(groups, key=lambda i: abs(i - t.i))
            groups[owner].append(t)
    return [sorted(g, key=lambda t: t.i) for _, g in sorted(groups.items())]


def _strip_ws(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@register_system("textacy", prepare=_prepare_textacy)
def textacy_system(doc: Doc, document: str) -> DocumentResult:
    """textacy 0.13's rule-based ``direct_quotations`` (direct quotes with a speech verb only)."""
    from textacy.extract.triples import direct_quotations

    text = doc.text
    sha = sha256_text(text)
    try:
        triples = list(direct_quotations(doc))
    except ValueError as e:  # e.g. an odd number of quotation marks: textacy bails out
        err = error_record(Errors.E201, detail=f"textacy: {e}")
        return DocumentResult(document, sha, errors=(err,))
    speakers: dict[str, Speaker] = {}
    used_ids: set[str] = set()
    quotes = []
    for speaker_toks, cue_toks, content in triples:
        first, last = content[0], content[-1]
        start = first.idx + len(first.text) if first.is_quote else first.idx
        end = last.idx if last.is_quote else last.idx + len(last.text)
        start, end = _strip_ws(text, start, end)
        if start >= end:
            continue
        ids: list[str] = []
        for group in _speaker_groups(speaker_toks):
            name = _char_span(text, group).text  # type: ignore[union-attr]
            if name not in speakers:
                sid, n = slugify(name), 2
                while sid in used_ids:
                    sid, n = f"{slugify(name)}-{n}", n + 1
                used_ids.add(sid)
                speakers[name] = Speaker(sid, name)
            if speakers[name].id not in ids:
                ids.append(speakers[name].id)
        quotes.append(
            Quote(
                id=f"q{len(quotes) + 1}",
                kind="direct",
                content=Span.of(text, start, end),
                cue=_char_span(text, cue_toks),
                mention=_char_span(text, speaker_toks),
                speaker=tuple(ids),
            )
        )
    return DocumentResult(document, sha, speakers=tuple(speakers.values()), quotes=tuple(quotes))


# -- system: quotes (this project) ----------------------------------------------


def _prepare_quotes() -> str | None:
    try:
        module = importlib.import_module("quotes.extraction.component")
    except Exception as e:
        return f"quotes.extraction.component cannot be imported ({type(e).__name__}: {e})"
    if not callable(getattr(module, "extract_doc", None)):
        return "quotes.extraction.component has no extract_doc(doc, document)"
    return None


@register_system("quotes", prepare=_prepare_quotes)
def quotes_system(doc: Doc, document: str) -> DocumentResult:
    """This project's extractor, run on the parsed Doc (``quotes.extraction.component.extract_doc``)."""
    from ..extraction.component import extract_doc  # type: ignore[attr-defined]

    return extract_doc(doc, document, scorer=doc.user_data.get(SCORER_KEY))


# -- system: gold ----------------------------------------------------------------


@register_system("gold", hidden=True, needs_gold=True)
def gold_system(doc: Doc, document: str) -> DocumentResult:
    """The gold annotation itself: scores 1.0 everywhere (a check of the scorer and the runner)."""
    gold = doc.user_data.get(GOLD_KEY)
    if gold is None:
        raise LookupError("the gold system needs the runner to put the gold on the Doc")
    return gold


# -- the corpus ------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusDoc:
    name: str
    text: str
    gold: DocumentResult


def load_corpus(directory: str | os.PathLike[str]) -> tuple[list[CorpusDoc], list[str]]:
    """Every ``*.txt`` with its validated ``*.json`` gold; also the names of texts without gold."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BenchError(f"corpus directory {str(directory)!r} does not exist")
    docs, skipped = [], []
    for path in sorted(directory.glob("*.txt")):
        gold_path = path.with_suffix(".json")
        if not gold_path.is_file():
            skipped.append(path.name)
            continue
        text = read_text(path)
        try:
            gold = read_annotation(gold_path, text=text)
        except SchemaError as e:
            raise BenchError(f"invalid gold: {e}") from e
        docs.append(CorpusDoc(path.name, text, gold.with_document(path.name)))
    if not docs:
        what = "no *.txt files" if not skipped else f"no gold *.json beside its {len(skipped)} texts"
        raise BenchError(f"nothing to score in {str(directory)!r}: {what}")
    return docs, skipped


# -- running ---------------------------------------------------------------------


@dataclass(frozen=True)
class SystemRun:
    """One system over the corpus: predictions (first copy), scores, errors and time."""

    name: str
    own_seconds: float
    parse_seconds: float
    predictions: tuple[DocumentResult, ...]
    scores: CorpusScores
    #: ``(document, error)`` for every document that failed or reported an error.
    errors: tuple[tuple[str, ErrorRecord], ...]
    #: The cross-document speaker index of the run against the gold people.
    identity: IdentityScores | None = None
    #: How well its confidences are calibrated (None for a system that gives none).
    confidence: ConfidenceScores | None = None

    @property
    def seconds(self) -> float:
        return self.parse_seconds + self.own_seconds

    @property
    def x_parse(self) -> float:
        return self.seconds / self.parse_seconds if self.parse_seconds else float("nan")


@dataclass(frozen=True)
class BenchResult:
    corpus: str
    documents: tuple[CorpusDoc, ...]
    skipped: tuple[str, ...]
    repeat: int
    tokens: int
    parse_seconds: float
    runs: tuple[SystemRun, ...]
    unavailable: tuple[tuple[str, str], ...]
    model: dict[str, Any] = field(default_factory=dict)
    date: str = ""
    machine: dict[str, Any] = field(default_factory=dict)

    @property
    def processed_docs(self) -> int:
        return len(self.documents) * self.repeat

    @property
    def processed_tokens(self) -> int:
        return self.tokens * self.repeat

    def docs_per_second(self, run: SystemRun) -> float:
        return self.processed_docs / run.seconds if run.seconds else float("inf")

    def tokens_per_second(self, run: SystemRun) -> float:
        return self.processed_tokens / run.seconds if run.seconds else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return bench_to_dict(self)


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_info() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu": _cpu_name(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
    }


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """The parse all systems share: the English pipeline with quotes' paragraph splitter."""
    from ..extraction.nlp import load_parser

    return load_parser(model)


def _resolve_systems(names: Sequence[str] | None) -> list[str]:
    names = list(dict.fromkeys(names)) if names else default_systems()
    unknown = [n for n in names if n not in SYSTEMS]
    if unknown:
        raise BenchError(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
    return names


def _validate(result: Any, cdoc: CorpusDoc, system: str) -> tuple[DocumentResult, list[ErrorRecord]]:
    """The prediction re-read through the schema, or an empty one and the reason."""
    empty = DocumentResult(cdoc.name, sha256_text(cdoc.text))
    if not isinstance(result, DocumentResult):
        msg = f"{system} returned {type(result).__name__}, not a DocumentResult"
        return empty, [error_record(Errors.E201, detail=msg)]
    try:
        checked = from_dict(to_dict(result), text=cdoc.text, source=f"{system}:{cdoc.name}")
    except QuotesError as e:
        return empty, [ErrorRecord(e.code, str(e))]
    except Exception as e:
        return empty, [error_record(Errors.E201, detail=f"{type(e).__name__}: {e}")]
    rules = {q.id: q.rule for q in result.quotes}  # not part of the format: carried over for --misses
    checked = replace(checked, quotes=tuple(replace(q, rule=rules.get(q.id)) for q in checked.quotes))
    return checked, list(checked.errors)


def run_benchmark(
    corpus: str | os.PathLike[str],
    systems: Sequence[str] | None = None,
    *,
    model: str | None = None,
    repeat: int = 1,
    nlp: Language | None = None,
    on_unavailable: Callable[[str, str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    scorer: str | None = None,
) -> BenchResult:
    """Parse the corpus once, run every system over the Docs, validate, score and time them.

    ``on_progress(done, total)`` is called after each document is parsed and run."""
    if repeat < 1:
        raise BenchError("repeat must be at least 1")
    names = _resolve_systems(systems)
    docs, skipped = load_corpus(corpus)

    ready: list[System] = []
    unavailable: list[tuple[str, str]] = []
    for name in names:
        why = SYSTEMS[name].unavailable()
        if why is None:
            ready.append(SYSTEMS[name])
        else:
            unavailable.append((name, why))
            if on_unavailable:
                on_unavailable(name, why)

    if nlp is None:
        nlp = load_pipeline(model)
    import spacy

    nlp("Warm up the pipeline before timing it.")
    n = len(docs)
    ws_tokens = [Tokens.of(d.text) for d in docs]
    # Streamed: each Doc is parsed, handed to every system and dropped, so memory stays that of a
    # batch of Docs, not of the corpus (times are kept apart: the parse's, then each system's).
    own = {system.name: 0.0 for system in ready}
    raw: dict[str, list[Any]] = {system.name: [None] * n for system in ready}
    crashed: dict[str, dict[int, ErrorRecord]] = {system.name: {} for system in ready}
    parse_seconds, tokens = 0.0, 0
    parsed = iter(nlp.pipe((d.text for _ in range(repeat) for d in docs), batch_size=PARSE_BATCH))
    for i in range(n * repeat):
        t0 = time.perf_counter()
        doc = next(parsed)
        parse_seconds += time.perf_counter() - t0
        cdoc = docs[i % n]
        if i < n:
            tokens += len(doc)
        if scorer is not None:
            doc.user_data[SCORER_KEY] = scorer
        for system in ready:
            if system.needs_gold:
                doc.user_data[GOLD_KEY] = cdoc.gold
            t = time.perf_counter()
            try:
                result: Any = system.run(doc, cdoc.name)
            except Exception as e:
                result = None
                if i < n:
                    detail = f"{system.name}: {type(e).__name__}: {e}"
                    crashed[system.name][i] = error_record(Errors.E201, detail=detail)
            own[system.name] += time.perf_counter() - t
            doc.user_data.pop(GOLD_KEY, None)
            if i < n:
                raw[system.name][i] = result
        if on_progress is not None:
            on_progress(i + 1, n * repeat)

    runs = []
    for system in ready:
        predictions, errors, doc_scores = [], [], []
        for i, cdoc in enumerate(docs):
            if i in crashed[system.name]:
                pred, errs = DocumentResult(cdoc.name, sha256_text(cdoc.text)), [crashed[system.name][i]]
            else:
                pred, errs = _validate(raw[system.name][i], cdoc, system.name)
            if errs and not pred.errors:
                pred = DocumentResult(pred.document, pred.sha256, pred.speakers, pred.quotes, tuple(errs))
            predictions.append(pred)
            errors.extend((cdoc.name, e) for e in errs)
            doc_scores.append(score_document(cdoc.gold, pred, cdoc.text, ws_tokens[i]))
        runs.append(
            SystemRun(
                name=system.name,
                own_seconds=own[system.name],
                parse_seconds=parse_seconds,
                predictions=tuple(predictions),
                scores=aggregate(doc_scores),
                errors=tuple(errors),
                identity=_identity(nlp, docs, predictions, doc_scores),
                confidence=_confidence(docs, predictions, doc_scores),
            )
        )

    meta = nlp.meta
    model_info = {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}",
        "version": meta.get("version"),
        "spacy_version_requirement": meta.get("spacy_version"),
        "pipeline": list(nlp.pipe_names),
        "spacy": spacy.__version__,
    }
    return BenchResult(
        corpus=str(corpus),
        documents=tuple(docs),
        skipped=tuple(skipped),
        repeat=repeat,
        tokens=tokens,
        parse_seconds=parse_seconds,
        runs=tuple(runs),
        unavailable=tuple(unavailable),
        model=model_info,
        date=_dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        machine=machine_info(),
    )


@dataclass(frozen=True)
class ConfidenceScores:
    """Calibration of a system's confidences against the lenient matches of the gold."""

    quote: Reliability
    speaker: Reliability
    thresholds: tuple[AtThreshold, ...]
    #: (threshold, precision, recall) from 0.00 to 1.00 in steps of 0.01, for the curve.
    curve: tuple[tuple[float, float, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "ece": self.quote.ece,
            "speaker_ece": self.speaker.ece,
            "reliability": [
                {"low": lo, "high": hi, "quotes": n, "mean_confidence": m, "right": r}
                for lo, hi, n, m, r in self.quote.bins
            ],
            "at_threshold": [
                {"threshold": a.threshold, "kept": a.kept, "precision": a.precision, "recall": a.recall}
                for a in self.thresholds
            ],
        }


def _confidence(
    docs: Sequence[CorpusDoc], predictions: Sequence[DocumentResult], scores: Sequence[DocumentScores]
) -> ConfidenceScores | None:
    """Each predicted quote's confidence against whether it matched (and whether its speaker did)."""
    probs: list[float] = []
    right: list[bool] = []
    speaker_probs: list[float] = []
    speaker_right: list[bool] = []
    gold = 0
    for d, pred, ds in zip(docs, predictions, scores, strict=True):
        gold += len(d.gold.quotes)
        for q, (hit, speaker_hit) in zip(pred.quotes, outcomes(d.gold, ds, len(pred.quotes)), strict=True):
            if q.confidence is None:
                return None  # a system without confidences
            probs.append(q.confidence)
            right.append(hit)
            if speaker_hit is not None:
                speaker_probs.append(
                    q.speaker_confidence if q.speaker_confidence is not None else q.confidence
                )
                speaker_right.append(speaker_hit)
    if not probs:
        return None
    return ConfidenceScores(
        quote=Reliability.of(probs, right),
        speaker=Reliability.of(speaker_probs, speaker_right),
        thresholds=tuple(at_threshold(probs, right, gold, t) for t in THRESHOLDS),
        curve=tuple(
            (t / 100, a.precision, a.recall)
            for t in range(101)
            for a in (at_threshold(probs, right, gold, t / 100),)
        ),
    )


#: Said under the confidence tables: the shipped scorer has seen the shipped development sets.
IN_SAMPLE_NOTE = (
    "The default scorer was trained on corpus/, diplo-dev and polnear-train: on those its confidence "
    "figures are in-sample; `quotes train` prints held-out (cross-validated) ones."
)


def build_confidence_table(result: BenchResult) -> Table | None:
    """ECE and precision/recall at confidence thresholds, for systems that give confidences."""
    from rich.table import Table

    runs = [r for r in result.runs if r.confidence is not None]
    if not runs:
        return None
    table = Table(
        title="Confidence: is it the probability that a quote is right?",
        caption="ECE: calibration error, 10 bins; P/R ≥ t: lenient, quotes with confidence ≥ t",
        caption_justify="left",
    )
    table.add_column("system", no_wrap=True)
    for run in runs:
        table.add_column(run.name, justify="right", no_wrap=True)
    rows: list[tuple[str, list[str]]] = [
        ("ECE", [_fmt(r.confidence.quote.ece, "pct") for r in runs if r.confidence]),
        ("speaker ECE", [_fmt(r.confidence.speaker.ece, "pct") for r in runs if r.confidence]),
    ]
    for k, t in enumerate(THRESHOLDS):
        rows.append(
            (f"P ≥ {t:g}", [_fmt(r.confidence.thresholds[k].precision, "pct") for r in runs if r.confidence])
        )
        rows.append(
            (f"R ≥ {t:g}", [_fmt(r.confidence.thresholds[k].recall, "pct") for r in runs if r.confidence])
        )
    for name, cells in rows:
        table.add_row(name, *cells)
    return table


def build_reliability_table(result: BenchResult) -> Table | None:
    """Per confidence bin: how many quotes, their mean confidence, and the share that is right."""
    from rich.table import Table

    runs = [r for r in result.runs if r.confidence is not None]
    if not runs:
        return None
    table = Table(title="Reliability: quotes, mean confidence, share right, per confidence bin")
    table.add_column("bin", no_wrap=True)
    for run in runs:
        table.add_column(run.name, justify="right", no_wrap=True)
    bins = sorted({(lo, hi) for r in runs if r.confidence for lo, hi, *_ in r.confidence.quote.bins})
    for lo, hi in bins:
        cells = []
        for r in runs:
            assert r.confidence is not None
            got = [b for b in r.confidence.quote.bins if (b[0], b[1]) == (lo, hi)]
            cells.append(f"{got[0][2]:,}  {got[0][3]:.2f}  {got[0][4]:.2f}" if got else "")
        table.add_row(f"[{lo:.1f}, {hi:.1f})", *cells)
    return table


def write_plots(result: BenchResult, directory: str | os.PathLike[str]) -> list[Path]:
    """A reliability diagram and a precision-recall curve over confidence thresholds, as PNG."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise BenchError('--plot needs matplotlib: pip install "quotes[plot]"') from e
    runs = [r for r in result.runs if r.confidence is not None]
    if not runs:
        raise BenchError("--plot: no system gave confidences")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], linestyle=":", color="grey", label="perfectly calibrated")
    for r in runs:
        assert r.confidence is not None
        bins = r.confidence.quote.bins
        ax.plot(
            [b[3] for b in bins],
            [b[4] for b in bins],
            marker="o",
            label=f"{r.name} (ECE {r.confidence.quote.ece:.3f})",
        )
    ax.set(xlabel="mean confidence", ylabel="share right (lenient)", xlim=(0, 1), ylim=(0, 1))
    ax.set_title(f"Reliability: {Path(result.corpus).name}")
    ax.legend(loc="upper left")
    written.append(_save(plt, fig, out / "reliability.png"))
    fig, ax = plt.subplots(figsize=(5, 5))
    for r in runs:
        assert r.confidence is not None
        curve = [(p, rc) for _, p, rc in r.confidence.curve if p > 0]
        ax.plot([rc for _, rc in curve], [p for p, _ in curve], label=r.name)
        for a in r.confidence.thresholds:
            ax.annotate(f"≥{a.threshold:g}", (a.recall, a.precision), fontsize=8)
            ax.plot([a.recall], [a.precision], marker="o", color="black", markersize=3)
    ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02))
    ax.set_title(f"Precision-recall over confidence thresholds: {Path(result.corpus).name}")
    ax.legend(loc="lower left")
    written.append(_save(plt, fig, out / "precision-recall.png"))
    return written


def _save(plt: Any, fig: Any, path: Path) -> Path:
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def _identity(
    nlp: Language,
    docs: Sequence[CorpusDoc],
    predictions: Sequence[DocumentResult],
    scores: Sequence[DocumentScores],
) -> IdentityScores | None:
    """Link the run's speakers across documents, in corpus order, as ``quotes extract`` does, and measure."""
    from ..lang import LANGUAGES, get_language
    from ..scale.linking import SpeakerIndex

    if nlp.lang not in LANGUAGES:
        return None
    lang = get_language(nlp.lang)
    titles = frozenset(w.casefold().rstrip(".") for w in lang.lexicon.titles)
    index = SpeakerIndex()
    linked = [index.link(p) for p in predictions]
    moved = index.consolidate()  # as quotes speakers does at the end of a run
    linked = [index.renamed(r, moved) for r in linked]
    nicknames = lang.lexicon.nicknames
    return score_identity(
        ((d.gold, p, s) for d, p, s in zip(docs, linked, scores, strict=True)),
        titles,
        _gold_people(nlp, docs, titles, lang.tags.person_entities, nicknames),
        nicknames,
    )


def _gold_people(
    nlp: Language,
    docs: Sequence[CorpusDoc],
    titles: frozenset[str],
    person_labels: frozenset[str],
    nicknames: Mapping[str, str],
) -> Callable[[str], str | None]:
    """Gold names are mention texts: the person one names is the one person entity the pipeline finds in it."""
    names = sorted({s.name for d in docs for s in d.gold.speakers})
    people: dict[str, str | None] = {}
    for name, parsed in zip(names, nlp.pipe(names), strict=True):
        found = [e for e in parsed.ents if e.label_ in person_labels]
        people[name] = person_key(found[0].text, titles, nicknames) if len(found) == 1 else None
    return lambda name: people.get(name)


# -- JSON ------------------------------------------------------------------------


def _quote_brief(result: DocumentResult, q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "kind": q.kind,
        "start": q.content.start,
        "end": q.content.end,
        "text": q.content.text,
        "speakers": [s.name for s in result.speakers_of(q)],
    }


def _document_dict(ds: DocumentScores, gold: DocumentResult, pred: DocumentResult) -> dict[str, Any]:
    return {
        **ds.to_dict(),
        "errors": [{"code": e.code, "message": e.message} for e in pred.errors],
        "missed": [_quote_brief(gold, gold.quotes[i]) for i in ds.missed],
        "spurious": [_quote_brief(pred, pred.quotes[i]) for i in ds.spurious],
        "misattributed": [
            {
                "gold": _quote_brief(gold, gold.quotes[p.gold]),
                "pred": _quote_brief(pred, pred.quotes[p.pred]),
                "overlap": p.overlap,
            }
            for p in ds.misattributed
        ],
    }


def bench_to_dict(result: BenchResult) -> dict[str, Any]:
    """Every figure of the run, per document too, with date, machine and versions."""
    try:
        import textacy

        textacy_version = textacy.__version__
    except Exception:
        textacy_version = None
    from .. import __version__

    systems = {}
    for run in result.runs:
        systems[run.name] = {
            "seconds": run.seconds,
            "own_seconds": run.own_seconds,
            "docs_per_second": result.docs_per_second(run),
            "tokens_per_second": result.tokens_per_second(run),
            "x_parse": run.x_parse,
            "errors": [{"document": d, "code": e.code, "message": e.message} for d, e in run.errors],
            "figures": run.scores.total.figures(),
            "scores": run.scores.total.to_dict(),
            "speaker_index": run.identity.to_dict() if run.identity is not None else None,
            "confidence": run.confidence.to_dict() if run.confidence is not None else None,
            "documents": [
                _document_dict(ds, cdoc.gold, pred)
                for ds, cdoc, pred in zip(
                    run.scores.documents, result.documents, run.predictions, strict=True
                )
            ],
        }
    return {
        "schema": "quotes-bench/1",
        "date": result.date,
        "machine": result.machine,
        "versions": {
            "quotes": __version__,
            "spacy": result.model.get("spacy"),
            "textacy": textacy_version,
            "model": result.model.get("version"),
        },
        "model": result.model,
        "corpus": result.corpus,
        "documents": len(result.documents),
        "skipped": list(result.skipped),
        "tokens": result.tokens,
        "repeat": result.repeat,
        "parse_seconds": result.parse_seconds,
        "systems": systems,
        "unavailable": dict(result.unavailable),
    }


# -- output ----------------------------------------------------------------------


def _kind_f1(kind: str) -> Callable[[BenchResult, SystemRun], float | None]:
    return lambda r, s: s.scores.total.kind(kind).lenient.f1


#: Table columns: header, how to get the figure from (result, run), and its format.
_COLUMNS: list[tuple[str, Callable[[BenchResult, SystemRun], float | None], str]] = [
    ("lenient\nP", lambda r, s: s.scores.total.quotes.lenient.precision, "pct"),
    ("lenient\nR", lambda r, s: s.scores.total.quotes.lenient.recall, "pct"),
    ("lenient\nF1", lambda r, s: s.scores.total.quotes.lenient.f1, "pct"),
    ("strict\nF1", lambda r, s: s.scores.total.quotes.strict.f1, "pct"),
    *((f"{k}\nF1", _kind_f1(k), "pct") for k in KINDS),
    ("indirect\nR", lambda r, s: s.scores.total.kind("indirect").lenient.recall, "pct"),
    ("kind\nacc", lambda r, s: s.scores.total.kind_accuracy.value, "pct"),
    ("attr\nacc", lambda r, s: s.scores.total.attribution.value, "pct"),
    ("e2e\nF1", lambda r, s: s.scores.total.end_to_end.f1, "pct"),
    ("cue\nF1", lambda r, s: s.scores.total.cue.lenient.f1, "pct"),
    ("mention\nF1", lambda r, s: s.scores.total.mention.lenient.f1, "pct"),
    ("docs/s", lambda r, s: r.docs_per_second(s), "rate"),
    ("tokens/s", lambda r, s: r.tokens_per_second(s), "rate"),
    ("×parse", lambda r, s: s.x_parse, "times"),
]


def _fmt(value: float | None, style: str) -> str:
    if value is None:
        return "-"
    if style == "pct":
        return f"{value:.3f}"
    if style == "times":
        return f"{value:.2f}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def build_table(result: BenchResult) -> Table:
    from rich.table import Table

    title = (
        f"quotes bench: {result.corpus} ({len(result.documents)} documents, "
        f"{result.tokens:,} tokens{f', ×{result.repeat}' if result.repeat > 1 else ''})"
    )
    caption = (
        f"lenient = token Jaccard ≥ 0.5; per-kind and cue/mention F1 lenient. "
        f"{result.model.get('name')} {result.model.get('version')}, spaCy {result.model.get('spacy')}; "
        f"bare parse {result.parse_seconds:.2f} s; {result.date}; "
        f"{result.machine.get('cpu')} ×{result.machine.get('cpu_count')}"
    )
    # Figures as rows and systems as columns: 18 figures side by side need about 175 columns, a row
    # per figure fits any terminal (`--json` keeps every figure for machines).
    table = Table(title=title, caption=caption, caption_justify="left")
    table.add_column("system", no_wrap=True)
    for run in result.runs:
        table.add_column(run.name, justify="right", no_wrap=True)
    for header, get, style in _COLUMNS:
        table.add_row(header.replace("\n", " "), *(_fmt(get(result, run), style) for run in result.runs))
    return table


def build_identity_table(result: BenchResult) -> Table | None:
    """The speaker index of each run, linked across the corpus, against the gold people."""
    from rich.table import Table

    runs = [r for r in result.runs if r.identity is not None and r.identity.quotes]
    if not runs:
        return None
    table = Table(
        title="Speaker index: ids linked across the corpus, against the gold people",
        caption="over found quotes whose gold speaker is one person with a full name; B³ = B-cubed over "
        "quotes; attr+desc = attribution accuracy comparing descriptions and titles too (all attributed quotes)",
        caption_justify="left",
    )
    for header in (
        "system",
        "quotes",
        "people",
        "B³ P",
        "B³ R",
        "B³ F1",
        "ids/person",
        "name acc",
        "attr+desc",
    ):
        table.add_column(header, justify="left" if header == "system" else "right", no_wrap=True)
    for run in runs:
        ident = run.identity
        assert ident is not None
        table.add_row(
            run.name,
            str(ident.quotes),
            str(ident.people),
            *(_fmt(v, "pct") for v in (ident.precision, ident.recall, ident.f1)),
            _fmt(ident.ids_per_person, "times"),
            _fmt(ident.name_accuracy, "pct"),
            _fmt(ident.described_attribution, "pct"),
        )
    return table


def print_name_disagreements(result: BenchResult, console: Console, limit: int = 20) -> None:
    """The most frequent (gold name, predicted name) pairs where the index names a person otherwise."""
    from rich.markup import escape

    for run in result.runs:
        if run.identity is None or not run.identity.disagreements:
            continue
        console.print(f"{run.name}: most frequent speaker-name disagreements (gold -> predicted, quotes)")
        for (gold, pred), n in run.identity.disagreements.most_common(limit):
            console.print(f"  {n:4d}  {escape(gold)} -> {escape(shorten(pred, 60))}", highlight=False)


def shorten(text: str, width: int = 90, *, middle: bool = True) -> str:
    """One line of at most ``width`` characters, cut in the middle (or at the end) with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    if not middle:
        return text[: width - 1] + "…"
    half = (width - 1) // 2
    return f"{text[:half]}…{text[-(width - 1 - half) :]}"


def _who(result: DocumentResult, q: Quote) -> str:
    names = [s.name for s in result.speakers_of(q)]
    return " + ".join(names) if names else "(no speaker)"


def print_errors(result: BenchResult, console: Console, limit: int = 20) -> None:
    from rich.markup import escape

    for run in result.runs:
        if not run.errors:
            continue
        docs = len({d for d, _ in run.errors})
        console.print(
            f"[bold]{escape(run.name)}[/]: {len(run.errors)} error(s) in {docs} document(s) "
            "(a document that failed is scored as predicting nothing):"
        )
        for doc, err in run.errors[:limit]:
            console.print(
                f"  {escape(doc)}: {escape(shorten(err.message, 120, middle=False))}", highlight=False
            )
        if len(run.errors) > limit:
            console.print(f"  … and {len(run.errors) - limit} more (all of them with --json)")


def print_misses(result: BenchResult, console: Console) -> None:
    """Per system and document: missed gold quotes, spurious predictions, wrongly attributed pairs."""
    from rich.markup import escape

    for run in result.runs:
        console.rule(f"[bold]{escape(run.name)}[/]: misses")
        clean = True
        for ds, cdoc, pred in zip(run.scores.documents, result.documents, run.predictions, strict=True):
            gold = cdoc.gold
            if not (ds.missed or ds.spurious or ds.misattributed):
                continue
            clean = False
            console.print(f"[bold]{escape(cdoc.name)}[/]", highlight=False)
            for i in ds.missed:
                q = gold.quotes[i]
                console.print(
                    f"  [red]missed[/]    {q.kind:<10} “{escape(shorten(q.content.text))}” "
                    f"— {escape(_who(gold, q))}",
                    highlight=False,
                )
            for i in ds.spurious:
                q = pred.quotes[i]
                found_by = f" [dim]({escape(q.rule)})[/]" if q.rule else ""
                console.print(
                    f"  [yellow]spurious[/]  {q.kind:<10} “{escape(shorten(q.content.text))}” "
                    f"— {escape(_who(pred, q))}{found_by}",
                    highlight=False,
                )
            for p in ds.misattributed:
                gq, pq = gold.quotes[p.gold], pred.quotes[p.pred]
                found_by = f" [dim]({escape(pq.rule)})[/]" if pq.rule else ""
                console.print(
                    f"  [magenta]speaker[/]   {gq.kind:<10} “{escape(shorten(gq.content.text))}” "
                    f"— gold {escape(_who(gold, gq))}; predicted {escape(_who(pred, pq))}{found_by}",
                    highlight=False,
                )
        if clean:
            console.print("  nothing missed, nothing spurious, every speaker right")


def _console() -> Console:
    from rich.console import Console

    # A table this wide is unreadable squeezed into 80 columns when the output is a file or a pipe.
    probe = Console()
    return Console(width=None if probe.is_terminal else 220)


@contextlib.contextmanager
def _bench_progress() -> Iterator[Callable[[int, int], None]]:
    """Documents parsed and run, on standard error while it is a terminal; gone when the table prints."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    err = Console(stderr=True)
    if not err.is_terminal:
        yield lambda done, total: None
        return
    with Progress(
        TextColumn("parsing and running"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("bench", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


@click.command("bench")
@click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="Directory of *.txt documents with their *.json gold beside them.",
)
@click.option(
    "--system",
    "systems",
    multiple=True,
    metavar="NAME",
    help="System to run (repeatable). Default: every registered one but the hidden 'gold'.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every figure, per document too, with date, machine and versions.",
)
@click.option("--misses", is_flag=True, help="List missed, spurious and wrongly attributed quotes.")
@click.option(
    "--plot",
    "plot_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Write a reliability diagram and a precision-recall curve (PNG) into DIR (needs quotes[plot]).",
)
@click.option(
    "--scorer",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="The quotes system uses this scorer file (quotes train -o FILE) instead of the shipped one.",
)
@click.option("--model", default=None, metavar="NAME", help="spaCy pipeline to parse with.")
@click.option(
    "--repeat",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Process the texts N times over (scored once) for steadier speed figures.",
)
def bench_command(
    corpus: Path,
    systems: tuple[str, ...],
    json_path: Path | None,
    misses: bool,
    plot_dir: Path | None,
    scorer: str | None,
    model: str | None,
    repeat: int,
) -> None:
    """Score and time quote extractors against a gold corpus."""
    from rich.markup import escape

    console = _console()

    def unavailable(name: str, why: str) -> None:
        console.print(f"system {escape(name)!r} is not available: {escape(why)}", highlight=False)

    try:
        with _bench_progress() as advance:
            result = run_benchmark(
                corpus,
                systems,
                model=model,
                repeat=repeat,
                on_unavailable=unavailable,
                on_progress=advance,
                scorer=os.path.abspath(scorer) if scorer else None,
            )
    except PipelineNotFound as e:
        raise click.UsageError(str(e)) from e  # exit 2, as quotes extract gives for the same mistake
    except (BenchError, QuotesError) as e:
        raise click.ClickException(str(e)) from e
    if result.skipped:
        console.print(
            f"{len(result.skipped)} text(s) without gold were skipped: {escape(', '.join(result.skipped))}",
            highlight=False,
        )
    if result.runs:
        console.print(build_table(result))
        for extra in (
            build_identity_table(result),
            build_confidence_table(result),
            build_reliability_table(result),
        ):
            if extra is not None:
                console.print(extra)
    else:
        console.print("no system could run")
    print_errors(result, console)
    if misses:
        print_misses(result, console)
        print_name_disagreements(result, console)
    if plot_dir is not None and result.runs:
        try:
            for path in write_plots(result, plot_dir):
                console.print(f"wrote {escape(str(path))}", highlight=False)
        except BenchError as e:
            raise click.ClickException(str(e)) from e
    if json_path is not None:
        json_path.write_text(
            json.dumps(bench_to_dict(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        console.print(f"wrote {escape(str(json_path))}", highlight=False)
    if not result.runs:
        raise SystemExit(1)


def main(argv: Iterable[str] | None = None) -> None:
    """``python -m quotes.evaluation.bench``."""
    bench_command.main(
        args=list(argv) if argv is not None else None, prog_name="python -m quotes.evaluation.bench"
    )


if __name__ == "__main__":
    # Run the command of the importable module, so systems registered on ``quotes.evaluation.bench`` are seen.
    from quotes.evaluation.bench import main as _main

    _main()
