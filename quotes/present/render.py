"""Show results: a self-contained HTML page, or a coloured rendering in the terminal.

Quotes nest and overlap: a mention can lie inside another quote's content,
speech reported inside a transcript turn is a quote inside a quote, and
several quotes share one mention. Both views cut the text at every span
boundary and keep, for each piece, the stack of spans that cover it, so the
HTML is always well nested (a span that crosses another is closed and
reopened) and every quote shows its full extent. Nested quote contents get
stacked underlines, the way displaCy draws overlapping spans.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path, PurePath

from ..files.inputs import DEFAULT_MAX_CHARS, read_document
from ..model import KINDS, DocumentResult, ErrorRecord, Quote, Span
from ..schema import from_dict, read_jsonl

KIND_COLOURS = {
    "direct": "#2f80c8",
    "mixed": "#8e5bd0",
    "indirect": "#2e9a4e",
    "transcript": "#d18a0c",
}
TERMINAL_STYLES = {
    "direct": "on #1d4f7a",
    "mixed": "on #55327d",
    "indirect": "on #1f5e31",
    "transcript": "on #70500f",
}
#: For terminals of 16 or 256 colours, where the colours above come out as one grey: ANSI's own.
TERMINAL_STYLES_ANSI = {
    "direct": "on blue",
    "mixed": "on magenta",
    "indirect": "on green",
    "transcript": "on yellow",
}
LABEL_COLOURS_ANSI = {"direct": "blue", "mixed": "magenta", "indirect": "green", "transcript": "yellow"}
ROLES = ("content", "cue", "mention")

Shown = tuple[DocumentResult, "str | None"]


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a quote's content, or a cue or mention (shared by every quote that has it)."""

    start: int
    end: int
    role: str
    quotes: tuple[Quote, ...]

    @property
    def kind(self) -> str:
        return self.quotes[0].kind


def marks_of(result: DocumentResult, text: str) -> list[Mark]:
    """The marks to draw; spans that do not fit the text are left out (they are reported, not drawn)."""
    found: dict[tuple[str, int, int], list[Quote]] = {}
    for q in result.quotes:
        for role in ROLES:
            span: Span | None = getattr(q, role)
            if span is not None and span.end > span.start and span.matches(text):
                found.setdefault((role, span.start, span.end), []).append(q)
    return [Mark(s, e, role, tuple(qs)) for (role, s, e), qs in found.items()]


def _order(m: Mark) -> tuple[int, int, int]:
    return (m.start, -m.end, ROLES.index(m.role))  # outer spans first; a content before its cue


def pieces(text: str, marks: Sequence[Mark]) -> Iterator[tuple[int, int, tuple[Mark, ...]]]:
    """``(start, end, covering marks, outermost first)`` for consecutive pieces of the whole text."""
    cuts = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starting: dict[int, list[Mark]] = {}
    for m in marks:
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    for a, b in pairwise(cuts):
        active = sorted([m for m in active if m.end > a] + starting.get(a, []), key=_order)
        yield a, b, tuple(active)


def levels(marks: Sequence[Mark]) -> dict[Mark, int]:
    """How many quote contents are stacked inside each content (0: none), for its underline's depth."""
    contents = sorted((m for m in marks if m.role == "content"), key=lambda m: m.end - m.start)
    level: dict[Mark, int] = {}
    for i, m in enumerate(contents):
        inner = [level[c] for c in contents[:i] if c.start < m.end and m.start < c.end]
        level[m] = 1 + max(inner) if inner else 0
    return level


# -- loading -------------------------------------------------------------------------


def _places(document: str, bases: Sequence[Path], by_name: bool) -> list[Path]:
    """Where a record's text may be: its ``document`` under each base; in a directory the user gave,
    also by its file name alone (records written elsewhere, with other paths). The sha256 check
    after reading catches a different file of the same name."""
    out = [base / document for base in bases]
    if by_name:
        out += [base / PurePath(document).name for base in bases]
    return out


def load_shown(
    path: str | os.PathLike[str],
    *,
    only: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    texts: str | os.PathLike[str] | None = None,
) -> list[Shown]:
    """Records of a JSON Lines file with their texts, found through ``document``: under ``texts``
    when given, else here, else beside the file."""
    bases = [Path(texts)] if texts is not None else [Path("."), Path(path).parent]
    out: list[Shown] = []
    for result in _records(Path(path)):
        if only is not None and result.document != only:
            continue
        where = next((p for p in _places(result.document, bases, texts is not None) if p.is_file()), None)
        if where is None:
            looked = " and ".join(str(b) for b in bases)
            note = f"the text {result.document!r} was not found (looked in {looked}; give --texts DIR)"
            out.append((_note(result, note), None))
            continue
        doc = read_document(where, result.document, max_chars)
        if doc.text is None:
            out.append((_note(result, doc.error.message if doc.error else "unreadable"), None))
        elif result.sha256 and doc.sha256 != result.sha256:
            note = f"{where} has changed since it was extracted (sha256 differs); spans are not shown"
            out.append((_note(replace(result, quotes=()), note), doc.text))
        else:
            out.append((result, doc.text))
    return out


def _records(path: Path) -> Iterator[DocumentResult]:
    """JSON Lines, or one indented record (a gold annotation file)."""
    with open(path, encoding="utf-8") as f:
        head = f.read(2)
    if head.startswith("{") and not head.startswith('{"'):
        try:
            yield from_dict(json.loads(path.read_text(encoding="utf-8")), source=str(path))
            return
        except json.JSONDecodeError:
            pass
    yield from read_jsonl(path)


def _note(result: DocumentResult, message: str) -> DocumentResult:
    return replace(result, errors=(*result.errors, ErrorRecord("", message)))


def _speaker_names(result: DocumentResult, q: Quote) -> str:
    return ", ".join(s.name for s in result.speakers_of(q)) or "speaker unresolved"


def _describe(result: DocumentResult, q: Quote) -> str:
    parts = [q.id, q.kind, _speaker_names(result, q)]
    if q.cue is not None:
        parts.append(f"cue “{q.cue.text}”")
    if q.mention is not None:
        parts.append(f"mention “{q.mention.text}”")
    if q.confidence is not None:
        parts.append(f"confidence {q.confidence:.2f}")
    return " · ".join(parts)


def _short(s: str, n: int = 110) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


# -- HTML --------------------------------------------------------------------------

CSS = """
:root { --direct: #2f80c8; --mixed: #8e5bd0; --indirect: #2e9a4e; --transcript: #d18a0c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
  background: #f4f4f6; }
header { padding: 14px 24px; background: #fff; border-bottom: 1px solid #ddd; position: sticky; top: 0; z-index: 5; }
header h1 { font-size: 18px; margin: 0 0 6px; }
.legend span.k { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; margin-right: 4px;
  border-radius: 3px; }
.legend .cue-key { font-weight: 700; text-decoration: underline 2px #b3261e; text-underline-offset: 3px; }
.legend .mention-key { outline: 1.5px solid #444; border-radius: 3px; padding: 0 3px; background: #fff6b3; }
section.doc { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 20px; padding: 20px 24px; }
section.doc + section.doc { border-top: 2px solid #ccc; }
.doc h2 { grid-column: 1 / -1; font-size: 16px; margin: 0; word-break: break-all; }
.text { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 18px 22px;
  white-space: pre-wrap; overflow-wrap: anywhere; font: 16px/2.4 Georgia, "Times New Roman", serif; }
.q { border-radius: 2px; box-decoration-break: clone; -webkit-box-decoration-break: clone;
  border-bottom: 3px solid var(--c); background: color-mix(in srgb, var(--c) 14%, transparent); }
:target + .q { outline: 2px solid #000; }
.k-direct { --c: var(--direct); } .k-mixed { --c: var(--mixed); }
.k-indirect { --c: var(--indirect); } .k-transcript { --c: var(--transcript); }
.lab { font: 600 10.5px/1 system-ui, sans-serif; color: #fff; background: var(--c); border-radius: 3px;
  padding: 2px 4px; margin-right: 3px; vertical-align: 2px; white-space: nowrap; user-select: none; }
.cue { font-weight: 700; text-decoration: underline 2px #b3261e; text-underline-offset: 3px; }
.mention { outline: 1.5px solid #444; border-radius: 3px; background: #fff6b3; }
aside { align-self: start; position: sticky; top: 90px; max-height: calc(100vh - 110px); overflow: auto;
  background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 12px 14px; font-size: 13px; }
aside h3 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #666; margin: 4px 0 8px; }
.sp { margin-bottom: 12px; }
.sp .name { font-weight: 700; font-size: 14px; }
.sp .meta { color: #666; font-size: 12px; }
.sp ol { margin: 4px 0 0; padding-left: 0; list-style: none; }
.sp li { margin: 3px 0; padding-left: 8px; border-left: 3px solid var(--c); }
.sp li a { color: inherit; text-decoration: none; }
.sp li a:hover { text-decoration: underline; }
.tag { font-size: 10.5px; font-weight: 600; color: var(--c); margin-right: 4px; }
.errors { grid-column: 1 / -1; background: #fdecea; border: 1px solid #f5c2c0; border-radius: 6px;
  padding: 8px 12px; color: #8a1c16; }
.none { color: #777; font-style: italic; }
"""


def _legend(results: Iterable[DocumentResult]) -> str:
    counts = dict.fromkeys(KINDS, 0)
    for r in results:
        for q in r.quotes:
            counts[q.kind] += 1
    kinds = "".join(
        f'<span class="k k-{k}"><i style="background: var(--{k})"></i>{k} ({counts[k]})</span>' for k in KINDS
    )
    return (
        f'<div class="legend">{kinds}<span class="k"><span class="cue-key">cue</span></span>'
        f'<span class="k"><span class="mention-key">mention</span></span></div>'
    )


def _anchor(n: int, q: Quote) -> str:
    return f"d{n}-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in q.id)


def _open(m: Mark, n: int, result: DocumentResult, first: bool, level: int) -> str:
    e = html.escape
    if m.role == "content":
        anchors = label = ""
        if first:
            anchors = "".join(f'<span id="{_anchor(n, q)}"></span>' for q in m.quotes)
            label = "".join(
                f'<span class="lab">{e(q.id)} · {e(_speaker_names(result, q))}</span>' for q in m.quotes
            )
        pad = f' style="padding-bottom: {2 + 5 * level}px"' if level else ""
        title = " | ".join(_describe(result, q) for q in m.quotes)
        return f'{anchors}<span class="q k-{m.kind}"{pad} title="{e(title)}">{label}'
    who = "; ".join(f"{q.id}: {_speaker_names(result, q)}" for q in m.quotes)
    return f'<span class="{m.role}" title="{e(m.role)} of {e(who)}">'


def html_document(result: DocumentResult, text: str | None, n: int = 0) -> str:
    """One document: the highlighted text beside the list of its speakers and their quotes."""
    e = html.escape
    out = [f'<section class="doc"><h2>{e(result.document or "(text)")}</h2>']
    if result.errors:
        items = "".join(
            f"<li>{e(err.code + ': ' if err.code else '')}{e(err.message)}</li>" for err in result.errors
        )
        out.append(f'<div class="errors"><ul style="margin:0">{items}</ul></div>')
    if text is None:
        out.append('<div class="text none">no text to show</div>')
    else:
        out.append('<div class="text">')
        stack: list[Mark] = []
        opened: set[Mark] = set()
        marks = marks_of(result, text)
        depth = levels(marks)
        for a, b, cover in pieces(text, marks):
            keep = 0
            while keep < min(len(stack), len(cover)) and stack[keep] == cover[keep]:
                keep += 1
            out.extend("</span>" for _ in stack[keep:])
            del stack[keep:]
            for m in cover[keep:]:
                out.append(_open(m, n, result, m not in opened, depth.get(m, 0)))
                opened.add(m)
                stack.append(m)
            out.append(e(text[a:b]))
        out.extend("</span>" for _ in stack)
        out.append("</div>")
    out.append(_sidebar(result, n))
    out.append("</section>")
    return "".join(out)


def _sidebar(result: DocumentResult, n: int) -> str:
    e = html.escape
    by_speaker: dict[str, list[Quote]] = {s.id: [] for s in result.speakers}
    unattributed: list[Quote] = []
    for q in result.quotes:
        for sid in q.speaker or ():
            by_speaker.setdefault(sid, []).append(q)
        if not result.speakers_of(q):
            unattributed.append(q)

    def items(quotes: list[Quote]) -> str:
        return "".join(
            f'<li class="k-{q.kind}"><a href="#{_anchor(n, q)}"><span class="tag">{e(q.id)} {q.kind}</span>'
            f"{e(_short(q.content.text))}</a></li>"
            for q in quotes
        )

    parts = [f"<aside><h3>Speakers ({len(result.speakers)}) · quotes ({len(result.quotes)})</h3>"]
    for sp in sorted(result.speakers, key=lambda s: (-len(by_speaker.get(s.id, [])), s.name.casefold())):
        aliases = f" · also {e(', '.join(sp.aliases))}" if sp.aliases else ""
        etype = f" · {e(sp.entity_type)}" if sp.entity_type else ""
        qs = by_speaker.get(sp.id, [])
        parts.append(
            f'<div class="sp"><div class="name">{e(sp.name)}</div>'
            f'<div class="meta">{e(sp.id)}{etype} · {len(qs)} quote{"s" if len(qs) != 1 else ""}{aliases}</div>'
            f"<ol>{items(qs)}</ol></div>"
        )
    if unattributed:
        parts.append(
            f'<div class="sp"><div class="name">Unresolved speaker</div><ol>{items(unattributed)}</ol></div>'
        )
    if not result.quotes:
        parts.append('<p class="none">no quotes</p>')
    parts.append("</aside>")
    return "".join(parts)


def html_page(shown: Sequence[Shown], title: str = "quotes") -> str:
    """A whole page: no scripts, no fetches, every text escaped."""
    body = "".join(html_document(r, t, n) for n, (r, t) in enumerate(shown))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{html.escape(title)} · quotes</title><style>{CSS}</style></head><body>"
        f"<header><h1>{html.escape(title)}</h1>{_legend(r for r, _ in shown)}</header>"
        f"{body}</body></html>\n"
    )


# -- terminal ------------------------------------------------------------------------


def terminal_text(result: DocumentResult, text: str, colours: str | None = "truecolor") -> object:
    """The text as a ``rich.text.Text``: contents on their kind's colour, cues bold underlined, mentions boxed.

    ``colours`` is the terminal's colour system (rich's names): on 16 or 256 colours the kinds take
    ANSI's colours, which stay apart; without colour (piped output) each content also shows where it
    ends (``⟨/q1⟩``), since no background does.
    """
    from rich.text import Text

    truecolor = colours == "truecolor"
    backgrounds = TERMINAL_STYLES if truecolor else TERMINAL_STYLES_ANSI
    labels = KIND_COLOURS if truecolor else LABEL_COLOURS_ANSI
    out = Text()
    opened: set[Mark] = set()
    current: set[Mark] = set()
    for a, b, cover in pieces(text, marks_of(result, text)):
        if colours is None:
            for m in sorted(current - set(cover), key=lambda m: -m.start):
                if m.role == "content":
                    out.append(f"⟨/{m.quotes[0].id}⟩")
            current = {m for m in cover if m.role == "content"}
        styles = []
        for m in cover:
            if m.role == "content":
                styles.append(backgrounds[m.kind] + " bright_white")
                if m not in opened:
                    q = m.quotes[0]
                    out.append(f"⟨{q.id} {_speaker_names(result, q)}⟩", style=f"bold {labels[q.kind]}")
            elif m.role == "cue":
                styles.append("bold underline")
            else:
                styles.append("bold black on #e8d44d" if truecolor else "bold black on yellow")
            opened.add(m)
        out.append(text[a:b].replace("\r\n", "\n").replace("\r", "\n"), style=" ".join(styles))
    for m in sorted(current, key=lambda m: -m.start):
        out.append(f"⟨/{m.quotes[0].id}⟩")
    return out


def print_terminal(shown: Sequence[Shown], console: object | None = None) -> None:
    from rich.console import Console
    from rich.rule import Rule
    from rich.table import Table

    con: Console = console if isinstance(console, Console) else Console(highlight=False)
    colours = con.color_system  # None when piped or NO_COLOR
    backgrounds = TERMINAL_STYLES if colours == "truecolor" else TERMINAL_STYLES_ANSI
    legend = "  ".join(f"[{backgrounds[k]} bright_white] {k} [/]" for k in KINDS)
    mention = "bold black on #e8d44d" if colours == "truecolor" else "bold black on yellow"
    con.print(f"{legend}  [bold underline]cue[/]  [{mention}]mention[/]")
    for result, text in shown:
        con.print(Rule(result.document or "(text)"))
        for err in result.errors:
            con.print(f"[red]{err.code + ': ' if err.code else ''}{err.message}[/]", markup=True)
        if text is not None:
            con.print(terminal_text(result, text, colours))
        table = Table(title="Speakers and their quotes", show_lines=False, expand=False)
        for col in ("speaker", "quote", "kind", "content"):
            table.add_column(col, overflow="fold")
        for q in result.quotes:
            table.add_row(_speaker_names(result, q), q.id, q.kind, _short(q.content.text, 90))
        if result.quotes:
            con.print(table)
        else:
            con.print("[dim]no quotes[/]")
