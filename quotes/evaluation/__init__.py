"""Evaluation: the scorer of the spec's matching rules (``evaluate.py``) and the benchmark runner with
its systems, ``quotes`` and textacy's ``direct_quotations`` (``bench.py``)."""
