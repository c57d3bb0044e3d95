"""The fetch tests' local HTTP server (tests/local_http.py)."""

from tests.local_http import server

__all__ = ["server"]
