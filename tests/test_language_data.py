"""The language data files: every one parses, states where it comes from, is read, and guards itself.

A typo in a rule file must fail loudly at load, naming the file and the line,
instead of silently disabling a rule; a file or an entry no stage reads is
dead weight that misleads the next contributor.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import sys
from importlib import resources
from pathlib import Path

import pytest

from quotes.errors import RuleFileError
from quotes.lang import LANGUAGES, get_language
from quotes.lang.base import LanguageRules
from quotes.lang.en import English
from quotes.lang.lexicon import Lexicon

PACKAGE = Path(__file__).resolve().parents[1] / "quotes"
DATA_SUFFIXES = (".txt", ".tsv")


def data_files(code: str) -> list[Path]:
    folder = resources.files(f"quotes.lang.{code}")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(DATA_SUFFIXES))


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_language_loads(code: str) -> None:
    lang = get_language(code)
    assert isinstance(lang, LanguageRules)
    assert lang.code == code
    assert lang.lexicon.speech_verbs and lang.marks.pairs and lang.tags.name_entities


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_data_file_is_read(code: str) -> None:
    on_disk = {p.name for p in data_files(code)}
    assert on_disk == set(get_language(code).data_files_read)


@pytest.mark.parametrize("path", data_files("en"), ids=lambda p: p.name)
def test_every_data_file_states_its_source_and_licence(path: Path) -> None:
    head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = " ".join(head)
    assert "Source:" in text, f"{path.name} does not say where its entries come from"
    assert "Licence:" in text, f"{path.name} does not state its licence"


def _uses(attribute: str) -> bool:
    """Some code of the package reads ``.<attribute>`` (the loaders pass it as ``attribute=``)."""
    pattern = re.compile(rf"\.{attribute}\b")
    return any(pattern.search(module.read_text(encoding="utf-8")) for module in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize(
    ("owner", "field"),
    [
        (cls.__name__, f.name)
        for cls in (Lexicon, *(type(getattr(get_language("en"), a)) for a in ("marks", "tags", "patterns")))
        for f in dataclasses.fields(cls)
    ],
)
def test_every_loaded_entry_is_read_by_some_stage(owner: str, field: str) -> None:
    assert _uses(field), f"{owner}.{field} is loaded from the data files but no code reads it"


# -- a typo fails loudly --------------------------------------------------------------------


@pytest.fixture
def fake_language(tmp_path, monkeypatch):
    """A copy of the English data as a package of its own, to break on purpose."""
    pkg = tmp_path / "fake_lang_data"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for p in data_files("en"):
        shutil.copy(p, pkg / p.name)
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("fake_lang_data", None)

    class Fake(English):
        package = "fake_lang_data"

    return pkg, Fake


def test_a_misspelt_frame_is_an_error_naming_file_and_line(fake_language) -> None:
    pkg, fake = fake_language
    verbs = pkg / "speech_verbs.tsv"
    lines = verbs.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("say\t"))
    lines[n] = "say\tquote,clasue"
    verbs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"\[E503\] fake_lang_data/speech_verbs.tsv:{n + 1}: .*clasue"):
        fake()


def test_a_duplicate_entry_is_an_error(fake_language) -> None:
    pkg, fake = fake_language
    titles = pkg / "titles.tsv"
    titles.write_text(titles.read_text(encoding="utf-8") + "Minister\trole\t-\n", encoding="utf-8")
    with pytest.raises(
        RuleFileError, match=r"\[E502\] fake_lang_data/titles.tsv:\d+: duplicate entry 'Minister'"
    ):
        fake()


def test_a_short_row_is_an_error(fake_language) -> None:
    pkg, fake = fake_language
    marks = pkg / "quote_marks.tsv"
    marks.write_text(marks.read_text(encoding="utf-8") + "«\t»\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"\[E501\] fake_lang_data/quote_marks.tsv:\d+"):
        fake()


def test_a_missing_role_in_marks_is_an_error(fake_language) -> None:
    pkg, fake = fake_language
    marks = pkg / "marks.tsv"
    kept = [line for line in marks.read_text(encoding="utf-8").splitlines() if not line.startswith("comma\t")]
    marks.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"missing \['comma'\]"):
        fake()


def test_extra_rules_frames_are_checked_too() -> None:
    with pytest.raises(RuleFileError, match=r"\[E503\] my_rules.tsv:2: .*clasue"):
        get_language("en", "speech_verb\topine\tclause\nspeech_verb\tmuse\tclasue\n", "my_rules.tsv")


def test_the_architecture_map_lists_every_data_file_a_port_adds() -> None:
    """docs/architecture.md names the files a new language adds; it must not drift from the English folder."""
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"`([a-z_]+\.(?:txt|tsv))`", doc))
    assert listed == {p.name for p in data_files("en")}
