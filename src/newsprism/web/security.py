"""Security headers on every response. Article text, titles, outlet names and URLs are
untrusted: pages escape them, and the Content-Security-Policy forbids inline scripts, so markup
that slipped through could still not run. ``font-src`` admits ``data:``: the bundled stylesheet
(``report-ui/``) carries its fonts inlined as data URLs, so the report works as one offline file.

A plain ASGI middleware, not Starlette's ``BaseHTTPMiddleware``: that one runs each request
through a second task and a memory stream, a cost measured on every answer under load
(``benchmarks/bench_web.py``); this one only adds headers to the response's start message.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_RAW = tuple((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in HEADERS.items())


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers.extend(h for h in _RAW if h[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
