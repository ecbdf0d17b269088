"""Running at scale: streamed batches over worker processes (``batch.py``), a Dask cluster
(``dask.py``), and the speaker index that gives one person one id across documents (``linking.py``)."""
