"""One module per stage, in the order the pipeline runs them.

Analyses: ``marks`` (quotation marks), ``transcript`` (labelled turns and
signed posts). Finders: ``transcript`` (turns as quotes), ``direct``
(quotations with their cues), ``reported`` (indirect and mixed speech from
the parse), ``continuation`` (cue-less sentences that go on with it). Refiners: ``reconcile`` (kinds from the marks, nesting),
``overlaps`` (quotes that cross). Attribution: ``mentions`` (who is named),
``resolve`` (mentions -> speakers). Each is a function of the document's
``Context`` and the candidates found so far; none imports another.
"""
