"""Presentation: ``quotes show``, the quotes highlighted in their text as an HTML page or in the terminal."""
