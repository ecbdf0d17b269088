"""Run the benchmark: ``python benchmarks/run.py [options]``, the options of ``quotes bench``.

Without ``--corpus`` it scores the project's own ``corpus/``, whatever the
working directory. Everything else lives in :mod:`quotes.evaluation.bench`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from quotes.evaluation.bench import main

ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str]) -> None:
    if not any(a == "--corpus" or a.startswith("--corpus=") for a in argv):
        argv = ["--corpus", str(ROOT / "corpus"), *argv]
    main(argv)


if __name__ == "__main__":
    run(sys.argv[1:])
