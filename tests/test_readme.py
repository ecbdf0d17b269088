"""README's Python examples run as written (so the README stays true)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [
    textwrap.dedent(b) for b in re.findall(r"^[ \t]*```python\n(.*?)^[ \t]*```", README, flags=re.S | re.M)
]


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 3, "README should show the Python API, batch use and the spaCy component"


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(code, monkeypatch):
    """Each block runs from the repository root and prints exactly its ``# -> line`` comments, in order:
    the whole output, not a part of it, so no claim in the README can drift from what it prints."""
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})  # noqa: S102
    printed = [line.rstrip() for line in out.getvalue().splitlines()]
    promised = [line.strip() for line in re.findall(r"#\s*->\s*(.+)", code)]
    assert promised, "a README example shows what it prints"
    assert printed == promised
    assert os.getcwd() == str(ROOT)
