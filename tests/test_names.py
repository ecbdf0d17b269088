"""Name helpers that the resolver and the linker share: pure functions, no parser."""

from __future__ import annotations

import pytest

from quotes.names import acronym, initials


@pytest.mark.parametrize(
    ("form", "expected"),
    [("EU", "EU"), ("U.N.", "UN"), ("NATO", "NATO"), ("Nato", None), ("E", None), ("G7", None)],
)
def test_acronym(form: str, expected: str | None) -> None:
    assert acronym(form) == expected


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("European Union", "EU"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("Asia-Pacific Economic Cooperation", "APEC"),
        ("Department of State", "DS"),  # words in lower case are skipped
        ("Reuters", None),  # one word makes no acronym
        ("EU", None),  # an acronym already
    ],
)
def test_initials(form: str, expected: str | None) -> None:
    assert initials(form) == expected
