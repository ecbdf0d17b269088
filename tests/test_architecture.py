"""The layout keeps its promises: stages hold mechanics only, and no stage imports another.

Everything a stage knows about English (words, marks, tags, dependency
labels) comes from ``quotes/lang/en/`` through ``LanguageRules``; a string
literal in a stage is either whitespace or one of the few identifiers below,
each with its reason. A second language is then one folder, not an edit of
every stage.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

STAGES = Path(__file__).resolve().parents[1] / "quotes" / "extraction" / "stages"
STAGE_FILES = sorted(p for p in STAGES.glob("*.py") if p.name != "__init__.py")

#: String literals a stage may hold, none of them a word, tag, label or mark of a language.
ALLOWED = {
    "direct": "a quote kind of the quotes/1 format",
    "mixed": "a quote kind of the quotes/1 format",
    "indirect": "a quote kind of the quotes/1 format",
    "transcript": "a quote kind of the quotes/1 format",
    "LABEL": "the resolver's own kind for a transcript role without a name",
    "expand": "spaCy's Doc.char_span alignment mode",
    "label": "the group name the language's label pattern must define",
    "name": "the group name the language's signature pattern must define",
    "time": "the group name the language's label patterns use for a timestamp",
    "\\b": "regular-expression syntax (word boundary)",
    "-": "the separator of a speaker id's counter (jane-doe-2)",
}


def _literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.name)
def test_no_language_literal_in_a_stage(path: Path) -> None:
    found = [
        f"{path.name}:{line}: {value!r}"
        for line, value in _literals(path)
        if value.strip(" \t\r\n\u00a0") and value not in ALLOWED
    ]
    assert not found, "language knowledge belongs in quotes/lang/<code>/:\n" + "\n".join(found)


def test_the_literal_check_catches_a_word(tmp_path: Path) -> None:
    module = tmp_path / "stage.py"
    module.write_text('"""Doc."""\nWORDS = ("according", "to")\nTAG = "VBG"\n', encoding="utf-8")
    assert sorted(v for _, v in _literals(module)) == ["VBG", "according", "to"]


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.name)
def test_no_stage_imports_another(path: Path) -> None:
    stages = {p.stem for p in STAGE_FILES}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = (node.module or "").split(".")
            if node.level == 1:  # from .x import ... (a sibling stage) or from . import x
                names = target if node.module else [a.name for a in node.names]
                assert not set(names) & stages, f"{path.name} imports a stage: {ast.unparse(node)}"
            assert "stages" not in target, f"{path.name} imports a stage: {ast.unparse(node)}"


@pytest.mark.parametrize(
    "code",
    [
        "import quotes.cli",
        "from quotes.cli import cli\ntry:\n    cli(['--help'], prog_name='quotes')\nexcept SystemExit:\n    pass",
        "from quotes.cli import cli\ntry:\n    cli(['extract', '--help'], prog_name='quotes')\nexcept SystemExit:\n    pass",
    ],
    ids=["import", "--help", "extract --help"],
)
def test_the_command_line_starts_without_spacy(code: str) -> None:
    check = code + "\nimport sys\nassert 'spacy' not in sys.modules, 'spaCy was imported'\n"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
