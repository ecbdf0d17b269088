"""Files in and out: reading inputs safely (``inputs.py``) and writing the output formats (``formats.py``:
JSON Lines, CSV, brat) through a partial file that is never left half-written."""
