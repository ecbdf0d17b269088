"""How much of a gold set's disagreement with the extractor is a difference of conventions (a diagnostic).

PolNeAR's gold (``../shared/datasets/polnear-train``) was not written under
spec 1.1, and its README says where it differs. This script scores the
extractor on such a corpus three ways, so that a figure can be read for what
it is:

1. **as annotated** -- the benchmark's figures;
2. **without the gold spec 1.1 makes no quote** -- a gold quote whose content
   is a bare noun phrase (no verb) after a verb that the language's lexicon
   never reads an object of (spec 1.1: "topic-only verbs", "condemning,
   praising or criticising a bare target"; ``speech_verbs.tsv``);
3. **also without predictions the gold cannot judge** -- what spec 1.1 asks
   for and the gold set's conventions leave out: speech nested in another
   content ("nested speech inside another quote is not annotated
   separately"), continuations without a cue, turns of a transcript whose
   label is a single letter (``Q:``, ``A:``: an interview printed as one),
   and the pieces of one gold stretch that spec 1.1 splits (``stated that A,
   that B``; ``"A," said X. "B."``) -- predictions covered, two or more, by one
   gold content.

It also trains the scorer by cross-validation, as ``quotes train`` does, and
gives precision and recall among the quotes with a held-out confidence of at
least 0.9, as annotated and without (3). Run from the repository root::

    python benchmarks/conventions.py --of polnear-train \\
        --corpus corpus --corpus ../shared/datasets/diplo-dev --corpus ../shared/datasets/polnear-train \\
        --share polnear-train=0.65 --share diplo-dev=0.3 --share corpus=0.05

(the default scorer's data and shares). It needs the ``train`` extra.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quotes.evaluation.bench import load_corpus
from quotes.evaluation.evaluate import score_corpus
from quotes.extraction.nlp import load_parser
from quotes.lang import get_language
from quotes.model import DocumentResult, Quote
from quotes.scoring.train import Collector, Examples, cross_validate

#: Frames in which a verb reads its object as the content (``speech_verbs.tsv``).
OBJECT_FRAMES = ("np", "cnp", "as", "oprd", "prep:")
#: The held-out confidence at which precision and recall are given.
HIGH = 0.9


def no_quote_under_spec(doc: Any, q: Quote, lang: Any) -> bool:
    """A bare noun phrase after a verb whose object the lexicon never reads as content."""
    if q.cue is None:
        return False
    content = doc.char_span(q.content.start, q.content.end, alignment_mode="expand")
    cue = doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")
    if content is None or cue is None or any(t.pos_ in lang.tags.verb_pos for t in content):
        return False
    verbs = [t for t in cue if t.pos_ in lang.tags.verb_pos]
    if not verbs:
        return False
    frames = lang.lexicon.frames(verbs[-1].lemma_)
    return not any(f.startswith(OBJECT_FRAMES) for f in frames)


def unjudged(pred: DocumentResult, gold: DocumentResult) -> set[int]:
    """Indices of predictions the gold's conventions leave out (see the module's docstring)."""
    qs = pred.quotes
    out = set()
    for i, q in enumerate(qs):
        c = q.content
        nested = any(
            j != i
            and o.content.start <= c.start
            and c.end <= o.content.end
            and (o.content.start, o.content.end) != (c.start, c.end)
            for j, o in enumerate(qs)
        )
        letter = q.kind == "transcript" and q.mention is not None and len(q.mention.text.strip()) == 1
        pieces = any(
            g.content.start <= c.start
            and c.end <= g.content.end
            and any(
                j != i and g.content.start <= o.content.start and o.content.end <= g.content.end
                for j, o in enumerate(qs)
            )
            for g in gold.quotes
        )
        if nested or letter or pieces or (q.rule == "reported-continuation"):
            out.add(i)
    return out


def figures(rows: Sequence[tuple[DocumentResult, DocumentResult, str]]) -> str:
    f = score_corpus(rows).total.figures()
    return (
        f"{sum(len(g.quotes) for g, _, _ in rows):6d} gold, {sum(len(p.quotes) for _, p, _ in rows):6d} predicted: "
        f"P {f['quotes.lenient.precision']:.3f} R {f['quotes.lenient.recall']:.3f} F1 {f['quotes.lenient.f1']:.3f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", action="append", required=True, help="a corpus the scorer trains on (repeatable)"
    )
    ap.add_argument("--of", required=True, help="the corpus (directory name) to read")
    ap.add_argument("--share", action="append", default=[], metavar="CORPUS=W")
    ap.add_argument("--model", default=None)
    a = ap.parse_args(argv)
    share = {k: float(v) for k, _, v in (s.partition("=") for s in a.share)}
    nlp = load_parser(a.model)
    lang = get_language(nlp.lang)
    collector = Collector(nlp.lang)
    examples = Examples()
    kept: list[tuple[str, Any, DocumentResult, DocumentResult]] = []  # name, doc, gold, prediction
    for corpus in a.corpus:
        name = Path(corpus).resolve().name
        docs, _ = load_corpus(corpus)
        for cdoc, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=4), strict=True):
            examples.extend(collector.document(name, cdoc.name, doc, cdoc.gold))
            if name == a.of:
                kept.append((cdoc.name, doc, cdoc.gold, collector.component.predict(doc, cdoc.name)))
    _, held_out = cross_validate(examples, share=share or None)
    right: dict[str, list[bool]] = {}
    for e in examples.items:
        right.setdefault(e.document, []).append(e.right)

    as_annotated = [(g, p, doc.text) for _, doc, g, p in kept]
    in_spec = [
        (
            dataclasses.replace(
                g, quotes=tuple(q for q in g.quotes if not no_quote_under_spec(doc, q, lang))
            ),
            p,
            doc.text,
        )
        for _, doc, g, p in kept
    ]
    judged = [
        (
            g2,
            dataclasses.replace(
                p, quotes=tuple(q for i, q in enumerate(p.quotes) if i not in unjudged(p, g))
            ),
            text,
        )
        for (_, _, g, p), (g2, _, text) in zip(kept, in_spec, strict=True)
    ]
    print(f"{a.of}: {len(kept)} documents, lenient match")
    print(f"  1 as annotated:                                  {figures(as_annotated)}")
    print(f"  2 without gold that spec 1.1 makes no quote:     {figures(in_spec)}")
    print(f"  3 also without predictions the gold can't judge: {figures(judged)}")

    gold_total = sum(len(g.quotes) for g, _, _ in as_annotated)
    high = [0, 0, 0, 0]  # kept, right; kept and judged, right
    for name, _, g, p in kept:
        doc_id = f"{a.of}/{name}"
        skip = unjudged(p, g)
        for i, (prob, ok) in enumerate(zip(held_out.get(doc_id, []), right.get(doc_id, []), strict=True)):
            if prob >= HIGH:
                high[0] += 1
                high[1] += ok
                if i not in skip:
                    high[2] += 1
                    high[3] += ok
    print(f"  held-out confidence >= {HIGH}:")
    print(f"    as annotated: {high[0]} kept, P {high[1] / high[0]:.3f} R {high[1] / gold_total:.3f}")
    print(f"    without the predictions the gold can't judge: {high[2]} kept, P {high[3] / high[2]:.3f}")


if __name__ == "__main__":
    main()
