"""One module per pipeline stage; see quotes/pipeline.py for the order."""
