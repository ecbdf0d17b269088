"""Rendering: nested and crossing spans give well-formed HTML that shows every quote; the page is self-contained."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from quotes.model import DocumentResult, Quote, Span, Speaker
from quotes.present.render import html_page, levels, load_shown, marks_of, pieces, terminal_text
from quotes.schema import dumps, sha256_text

TEXT = 'Reporter: Will you go?\nMinister Ana Silva: I said that we would go. "Soon <b>&</b>," I told them.\n'


def span(text: str, sub: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Span.of(text, start, start + len(sub))


def result(t: str = TEXT) -> DocumentResult:
    turn = span(t, 'I said that we would go. "Soon <b>&</b>," I told them.')
    quotes = (
        Quote("q1", "transcript", span(t, "Will you go?"), None, span(t, "Reporter"), ("reporter",)),
        Quote("q2", "transcript", turn, None, span(t, "Minister Ana Silva"), ("ana-silva",)),
        Quote("q3", "indirect", span(t, "we would go"), span(t, "said"), span(t, "I"), ("ana-silva",), 0.9),
        Quote("q4", "direct", span(t, "Soon <b>&</b>,"), span(t, "told"), span(t, "I", 1), ("ana-silva",)),
        # Crosses q3's content: starts inside it and ends after it.
        Quote("q5", "mixed", span(t, 'go. "Soon'), None, None, ()),
    )
    speakers = (
        Speaker("reporter", "Reporter"),
        Speaker("ana-silva", "Ana Silva", ("Minister Ana Silva",), "PERSON"),
    )
    return DocumentResult("brief.txt", sha256_text(t), speakers, quotes)


class Checker(HTMLParser):
    """Checks that tags nest and collects the text and the ids."""

    VOID = {"meta", "br"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.text_parts: list[str] = []
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"])
        if tag not in self.VOID:
            self.stack.append((tag, a.get("class", "")))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, (tag, self.stack[-3:])
        self.stack.pop()

    def handle_data(self, data):
        if any(cls == "text" for _, cls in self.stack) and not any(cls == "lab" for _, cls in self.stack):
            self.text_parts.append(data)


def test_pieces_cover_the_text_and_nest() -> None:
    r = result()
    marks = marks_of(r, TEXT)
    got = list(pieces(TEXT, marks))
    assert "".join(TEXT[a:b] for a, b, _ in got) == TEXT
    for a, b, cover in got:
        assert all(m.start <= a and b <= m.end for m in cover)
    lv = levels(marks)
    by_id = {m.quotes[0].id: m for m in marks if m.role == "content"}
    # The turn holds quotes that hold (cross) others: its underline goes two levels down.
    assert (lv[by_id["q2"]], lv[by_id["q3"]], lv[by_id["q5"]], lv[by_id["q1"]]) == (2, 1, 0, 0)


def test_html_is_well_formed_and_shows_everything() -> None:
    r = result()
    page = html_page([(r, TEXT)], title="brief <1>")
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == []
    # The text comes out exactly, markup in it escaped rather than obeyed.
    assert "".join(checker.text_parts) == TEXT
    assert "<b>&</b>" not in page and "&lt;b&gt;&amp;&lt;/b&gt;" in page
    assert "brief &lt;1&gt;" in page
    assert [f"d0-q{i}" for i in range(1, 6)] == sorted(i for i in checker.ids if i.startswith("d0-"))
    # Every quote in the side list, by speaker; the unresolved one too.
    for q in r.quotes:
        assert f'href="#d0-{q.id}"' in page
    assert "Unresolved speaker" in page and "Ana Silva" in page
    # Self-contained: nothing fetched, no script.
    assert "<script" not in page and "src=" not in page and "@import" not in page and "url(" not in page


def test_terminal_text_keeps_the_text() -> None:
    crlf = TEXT.replace("\n", "\r\n")
    r = result(crlf)
    t = terminal_text(r, crlf)
    plain = t.plain
    unlabelled = re.sub("⟨[^⟩]*⟩", "", plain)
    assert unlabelled == TEXT  # line ends shown as plain newlines
    for q in r.quotes:
        assert f"⟨{q.id} " in plain
    assert "⟨q3 Ana Silva⟩" in plain and "⟨q5 speaker unresolved⟩" in plain
    assert "\r" not in plain


def test_terminal_kinds_stay_apart_on_a_16_colour_terminal() -> None:
    """Issue 18: truecolour backgrounds come out as one grey on 16 colours; there the kinds take
    ANSI colours of their own."""
    from io import StringIO

    from rich.color import ColorSystem
    from rich.console import Console
    from rich.style import Style

    from quotes.present.render import TERMINAL_STYLES_ANSI, print_terminal

    r = result()
    styles = {str(sp.style) for sp in terminal_text(r, TEXT, "standard").spans}
    for q in r.quotes:  # every kind is painted with its ANSI background
        assert any(TERMINAL_STYLES_ANSI[q.kind] in st for st in styles), q.kind
    shown = {
        k: Style.parse(v).bgcolor.downgrade(ColorSystem.STANDARD).number
        for k, v in TERMINAL_STYLES_ANSI.items()
    }
    assert len(set(shown.values())) == len(shown), shown
    out = StringIO()
    print_terminal([(r, TEXT)], Console(file=out, color_system="standard", force_terminal=True, width=200))
    assert "\x1b[" in out.getvalue()


def test_piped_terminal_text_marks_where_each_quote_ends() -> None:
    """Issue 18: without colour, ``⟨q1 ...⟩`` opens a content and ``⟨/q1⟩`` closes it."""
    r = result()
    plain = terminal_text(r, TEXT, None).plain
    for q in r.quotes:
        opened = plain.index(f"⟨{q.id} ")
        closed = plain.index(f"⟨/{q.id}⟩")
        between = re.sub("⟨[^⟩]*⟩", "", plain[opened:closed])
        assert between.endswith(q.content.text), (q.id, between)
    assert re.sub("⟨[^⟩]*⟩", "", plain) == TEXT


def test_load_shown_finds_texts_and_notices_changes(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = result()
    (tmp_path / "brief.txt").write_text(TEXT, encoding="utf-8", newline="")
    out = tmp_path / "runs" / "q.jsonl"
    out.parent.mkdir()
    other = DocumentResult("gone.txt", "0" * 64)
    out.write_text(dumps(r) + "\n" + dumps(other) + "\n", encoding="utf-8")
    [(r1, t1), (r2, t2)] = load_shown(out)
    assert t1 == TEXT and r1 == r and t2 is None and "not found" in r2.errors[0].message
    (tmp_path / "brief.txt").write_text(TEXT + "changed", encoding="utf-8")
    [(r3, t3)] = load_shown(out, only="brief.txt")
    assert r3.quotes == () and "changed" in r3.errors[-1].message
    assert json.loads(dumps(r))["document"] == "brief.txt"
