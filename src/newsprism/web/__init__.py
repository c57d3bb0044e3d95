"""``newsprism serve``: the web app and the JSON API over the store, a thin edge over the core.

:func:`create_app` is the one entry: it opens nothing at import time, holds the settings, and
mounts the JSON API (:mod:`.api`, under ``/api/v1``) and the server-rendered pages
(:mod:`.pages`). Errors are translated here once: every :class:`~newsprism.errors.NewsprismError`
and every HTTP error leaves as one JSON shape under ``/api`` (``{"error": {"status", "code",
"message"}}``) and as a plain page elsewhere; security headers are set on every response
(:mod:`.security`).
"""

from __future__ import annotations

from .app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
