"""A local HTTP server on 127.0.0.1 for the fetch tests (the `server` fixture): each test sets its routes (path ->
a function writing the answer) and reads back every request the server saw."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Server:
    port: int
    routes: dict[str, Handler] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.seen]


def answer(
    status: int = 200, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str
) -> Handler:
    """A handler answering ``status`` with ``body`` and headers (``Retry_After`` -> ``Retry-After``)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type:
            request.send_header("Content-Type", content_type)
        for name, value in headers.items():
            request.send_header(name.replace("_", "-"), value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(0)

    class Handle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = state.routes.get(self.path)
            if route is None:
                answer(404, b"not here", "text/plain")(self)
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading
                route(self)

        def log_message(self, *_: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
