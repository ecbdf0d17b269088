"""The trained scorer: features of the rules' candidates, a calibrated model over them, training.

The rules propose, the scorer disposes: :mod:`.features` names what the
stages know of each candidate, :mod:`.model` holds a scorer as plain data
(JSON, never code), :mod:`.step` applies it in the pipeline, and
:mod:`.train` fits one on annotated corpora (``quotes train``).
"""
