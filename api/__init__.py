"""The HTTP API (FastAPI) and the ``srm`` command line."""
