"""Extraction: text -> parse -> stages -> ``DocumentResult``.

``component.py`` is the spaCy component (the one code path every use goes
through), ``pipeline.py`` the order of the stages and the seams where a
finder, a refiner or a scorer is plugged in, ``stages/`` one module per
stage, ``candidates.py`` what the stages pass each other. Knowledge of a
language comes from :mod:`quotes.lang`, never from here.
"""
