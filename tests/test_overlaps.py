"""The overlap stage: crossing contents are repaired or settled, never left in the output."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotes.extraction.candidates import Candidate
from quotes.extraction.stages.overlaps import _settle, crosses, crossing_pairs

KINDS = ("direct", "mixed", "indirect", "transcript")

spans = st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1]))
candidates = st.lists(
    st.builds(
        Candidate,
        kind=st.sampled_from(KINDS),
        content=spans,
        confidence=st.sampled_from([0.6, 0.7, 0.8, 0.9]),
    ),
    max_size=25,
)


def test_crosses() -> None:
    assert crosses((0, 10), (5, 15))
    assert crosses((5, 15), (0, 10))
    assert not crosses((0, 10), (2, 8))  # nested
    assert not crosses((0, 10), (0, 10))  # the same span is a duplicate, not a crossing
    assert not crosses((0, 10), (10, 20))  # touching
    assert not crosses((0, 10), (0, 4))  # nested, same start


@given(candidates)
def test_crossing_pairs_finds_every_crossing(found: list[Candidate]) -> None:
    brute = {
        tuple(sorted((i, j), key=lambda k: (found[k].content[0], -found[k].content[1])))
        for i in range(len(found))
        for j in range(len(found))
        if i < j and crosses(found[i].content, found[j].content)
    }
    assert set(crossing_pairs(found)) == brute


@given(candidates)
def test_settle_leaves_no_crossing_and_no_repeat(found: list[Candidate]) -> None:
    kept = _settle(found)
    assert all(c in found for c in kept)
    assert len({c.content for c in kept}) == len(kept)
    assert not any(crosses(a.content, b.content) for a in kept for b in kept)
    # Nothing is dropped that crossed nothing and repeated nothing.
    for c in found:
        alone = all(not crosses(c.content, o.content) and (o is c or o.content != c.content) for o in found)
        if alone:
            assert c in kept
