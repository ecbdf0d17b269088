"""How far the cross-document speaker index can be counted on: one id per person, and the person's name.

Researchers count quotes per speaker id over an archive, so the measure is
over quotes, after linking every document of the run:

- **B-cubed** precision and recall (Bagga & Baldwin 1998) of the
  clustering of quotes by predicted speaker id against the clustering by
  gold person. Precision falls when one id holds two people (or a person and
  an organisation), recall when one person is split over several ids.
- **ids per person**: how many ids the quotes of one gold person carry, on
  average (1.0 is perfect).
- **name accuracy**: the share of quotes whose speaker's canonical name is
  the gold person's name.
- **attribution with descriptions**: attribution accuracy as the spec
  counts it, but comparing each predicted entity through its descriptions
  and titles too. Gold names of corpora whose annotators named speakers by
  the mention (``the senator``, PolNeAR's) can only match a description;
  aliases are names only (``docs/format.md``), so the spec's figure leaves
  such pairs out of its hits. Both figures are reported.

Only quotes that the extractor found (a lenient match) and whose gold
speaker is one person with a full name take part. Gold names are mention
texts (``State Department spokesman John Kirby``, ``the Clinton campaign``):
the caller says which person a gold name names (the bench asks the
pipeline's entity recogniser for the one person in it), and every name is
reduced to its name words without titles, honorifics and initials (``Mr.
Donald J. Trump`` -> ``donald trump``), a short given name turned into the
formal one (``Joe`` -> ``joseph``, the language's ``nicknames.tsv``), and
must keep two words or more.
A prediction with no speaker is a cluster of its own, so missing speakers
cost recall, not precision.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..model import DocumentResult, Speaker
from ..names import NAME_SUFFIXES, name_words
from .evaluate import DocumentScores, same_speakers

#: A gold name needs this many name words (after titles and initials are dropped) to count as a full name.
MIN_FULL_NAME_WORDS = 2


def person_key(name: str, titles: frozenset[str], nicknames: Mapping[str, str] | None = None) -> str | None:
    """The person a name names, as the measure compares them; ``None`` for anything but a full name.

    ``titles`` are folded title words (``mr``, ``secretary``); a word of one letter is an initial;
    ``nicknames`` turn a short given name into the formal one (``joe`` -> ``joseph``).
    """
    words = [w.rstrip(".") for w in name_words(name)]
    words = [w for w in words if w and w not in titles and len(w.replace(".", "")) > 1]
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]
    words = [w for w in words if w not in NAME_SUFFIXES]  # "Joseph R. Biden Jr."
    if nicknames and words and words[0] in nicknames:
        words[0] = nicknames[words[0]]
    return " ".join(words) if len(words) >= MIN_FULL_NAME_WORDS else None


def _described(s: Speaker) -> Speaker:
    return replace(s, aliases=(*s.aliases, *s.descriptions, *s.titles))


@dataclass(frozen=True)
class IdentityScores:
    quotes: int
    people: int
    precision: float | None
    recall: float | None
    ids_per_person: float | None
    name_accuracy: float | None
    #: attribution accuracy with the predicted entities' descriptions and titles compared too
    described_attribution: float | None = None
    #: (gold name key, predicted canonical name) -> quotes, for the quotes whose name is wrong.
    disagreements: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, object]:
        return {
            "quotes": self.quotes,
            "people": self.people,
            "bcubed_precision": self.precision,
            "bcubed_recall": self.recall,
            "bcubed_f1": self.f1,
            "ids_per_person": self.ids_per_person,
            "name_accuracy": self.name_accuracy,
            "attribution_with_descriptions": self.described_attribution,
            "disagreements": [
                {"gold": g, "predicted": p, "quotes": n} for (g, p), n in self.disagreements.most_common(20)
            ],
        }


def score_identity(
    items: Iterable[tuple[DocumentResult, DocumentResult, DocumentScores]],
    titles: frozenset[str],
    gold_person: Callable[[str], str | None] | None = None,
    nicknames: Mapping[str, str] | None = None,
) -> IdentityScores:
    """``(gold, linked prediction, its scores)`` for each document, in the order they were linked.

    ``gold_person`` gives the key of the one person a gold name names, or ``None``; by default
    the whole gold name is taken for a person's name.
    """
    person = gold_person or (lambda name: person_key(name, titles, nicknames))
    gold_of: list[str] = []
    pred_of: list[tuple[str, ...]] = []
    right_name = 0
    wrong: Counter[tuple[str, str]] = Counter()
    attributed = attributed_right = 0
    for gold, pred, scores in items:
        gold_names = {s.id: s.name for s in gold.speakers}
        pred_names = {s.id: s.name for s in pred.speakers}
        gold_by_id = {s.id: s for s in gold.speakers}
        described = {s.id: _described(s) for s in pred.speakers}
        for pair in scores.pairs:
            if not pair.lenient:
                continue
            g_ids = gold.quotes[pair.gold].speaker
            if g_ids:
                attributed += 1
                attributed_right += same_speakers(
                    [gold_by_id[i] for i in g_ids if i in gold_by_id],
                    [described[i] for i in pred.quotes[pair.pred].speaker if i in described],
                )
            if len(g_ids) != 1:
                continue
            key = person(gold_names.get(g_ids[0], ""))
            if key is None:
                continue
            p_ids = pred.quotes[pair.pred].speaker
            n = len(gold_of)
            gold_of.append(key)
            pred_of.append(tuple(sorted(p_ids)) if p_ids else (f"\0none-{n}",))
            named = person_key(pred_names.get(p_ids[0], ""), titles, nicknames) if len(p_ids) == 1 else None
            if named == key:
                right_name += 1
            else:
                label = " + ".join(pred_names.get(i, i) for i in p_ids) if p_ids else "(none)"
                wrong[(key, label)] += 1
    n = len(gold_of)
    described_attribution = attributed_right / attributed if attributed else None
    if n == 0:
        return IdentityScores(0, 0, None, None, None, None, described_attribution)
    by_gold: defaultdict[str, list[int]] = defaultdict(list)
    by_pred: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(n):
        by_gold[gold_of[i]].append(i)
        by_pred[pred_of[i]].append(i)
    both = Counter(zip(gold_of, pred_of, strict=True))
    precision = sum(both[gold_of[i], pred_of[i]] / len(by_pred[pred_of[i]]) for i in range(n)) / n
    recall = sum(both[gold_of[i], pred_of[i]] / len(by_gold[gold_of[i]]) for i in range(n)) / n
    ids = [len({pred_of[i] for i in members}) for members in by_gold.values()]
    return IdentityScores(
        quotes=n,
        people=len(by_gold),
        precision=precision,
        recall=recall,
        ids_per_person=sum(ids) / len(ids),
        name_accuracy=right_name / n,
        described_attribution=described_attribution,
        disagreements=wrong,
    )
