"""The span that names each quote's speaker: the subject of its cue, as the language finds it.

Who performs a speech act is a question of the language's grammar
(``LanguageRules.subject_of``: inherited subjects of participles, passive
agents, relative clauses); this stage only asks it for every quote that has
a cue but no mention yet, and cuts the mention's span.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..candidates import Candidate, Context
from ..tokens import NameIndex


def attach_mentions(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    doc, text, lang = ctx.doc, ctx.text, ctx.lang
    names = NameIndex(doc, lang.tags.name_entities)
    out = []
    for c in found:
        if c.mention is not None:
            out.append(c)
            continue
        m: Token | None = None
        if c.mention_token is not None:
            m = doc[c.mention_token]
        elif c.cue_token is not None:
            m = lang.subject_of(doc[c.cue_token])
        if m is None:
            out.append(c)
            continue
        mention, forms = lang.mention_span(text, m, names)
        out.append(c.with_(mention=mention, mention_np=forms, mention_token=m.i))
    return out
