"""SSRF: without --allow-private, loopback, private, link-local, multicast and reserved addresses
are refused, on the first URL, on every redirect and behind a public-looking name, before any
connection is opened (the recorder below sees every TCP connection httpcore would open)."""

from __future__ import annotations

from typing import Any

import httpcore
import pytest

from newsprism.fetch import Failed, Fetcher, FetchOptions
from newsprism.fetch.client import Fetched
from newsprism.fetch.safety import forbidden_reason, system_resolver
from tests.local_http import Server, answer

PAGE = b"<html><body><p>A page.</p></body></html>"


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every (address, port) a TCP connection is opened to."""
    opened: list[tuple[str, int]] = []
    real = httpcore.SyncBackend.connect_tcp

    def record(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        opened.append((host, port))
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", record)
    return opened


def public_name(**names: str) -> Any:
    """A resolver that answers ``names`` (host -> address) and nothing else: no DNS in tests."""

    def resolve(host: str, port: int) -> list[str]:
        if host in names:
            return [names[host]]
        return system_resolver(host, port) if host.replace(".", "").replace(":", "").isalnum() else []

    return resolve


def guarded(**names: str) -> Fetcher:
    return Fetcher(
        FetchOptions(host_interval=0.0, retries=0), resolve=public_name(**names), sleep=lambda _: None
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:{port}/", "loopback address 127.0.0.1"),
        ("http://[::1]:{port}/", "loopback address ::1"),
        ("http://10.0.0.1/", "private address 10.0.0.1"),
        ("http://169.254.169.254/latest/meta-data/", "link-local address 169.254.169.254"),
        ("http://[::ffff:127.0.0.1]:{port}/", "loopback address 127.0.0.1"),
        ("http://0.0.0.0:{port}/", "unspecified address 0.0.0.0"),
    ],
)
def test_private_addresses_are_refused_before_connecting(
    server: Server, connections: list[tuple[str, int]], url: str, reason: str
) -> None:
    url = url.format(port=server.port)
    with guarded() as client:
        got = client.get(url)
    assert got == Failed(url, f"{reason} (refused; --allow-private permits it)")
    assert connections == [] and server.seen == []


def test_a_public_name_resolving_to_loopback_is_refused(
    server: Server, connections: list[tuple[str, int]]
) -> None:
    url = f"http://news.example:{server.port}/a"
    with guarded(**{"news.example": "127.0.0.1"}) as client:
        got = client.get(url)
    assert got == Failed(
        url, "news.example resolves to loopback address 127.0.0.1 (refused; --allow-private permits it)"
    )
    assert connections == [] and server.seen == []


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    server: Server, connections: list[tuple[str, int]]
) -> None:
    """With --allow-private the name is resolved once and the socket opened to that address (not
    to the name, which a rebinding DNS could answer differently), the Host header keeping the name."""
    server.routes["/a"] = answer(body=PAGE)
    fetcher = Fetcher(
        FetchOptions(allow_private=True, host_interval=0.0),
        resolve=public_name(**{"news.example": "127.0.0.1"}),
        sleep=lambda _: None,
    )
    with fetcher as client:
        got = client.get(f"http://news.example:{server.port}/a")
    assert isinstance(got, Fetched)
    assert connections and all(address == ("127.0.0.1", server.port) for address in connections)
    assert dict(server.seen)["/a"]["host"] == f"news.example:{server.port}"


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(
    server: Server, connections: list[tuple[str, int]]
) -> None:
    """The allowed first hop is a public-looking name served by the local server (allowed through
    the resolver below); its redirect to 127.0.0.1 is checked before it is followed."""
    server.routes["/go"] = answer(302, Location=f"http://127.0.0.1:{server.port}/secret")
    server.routes["/secret"] = answer(body=PAGE)

    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "public.example" else [host]

    fetcher = Fetcher(FetchOptions(host_interval=0.0, retries=0), resolve=resolve, sleep=lambda _: None)
    real = httpcore.SyncBackend.connect_tcp

    def to_local(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        """The public address stands for the internet: carried to the local server, nothing leaves."""
        assert host == "93.184.216.34", f"connection to {host} attempted"
        return real(self, "127.0.0.1", server.port, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpcore.SyncBackend, "connect_tcp", to_local)
        with fetcher as client:
            got = client.get(f"http://public.example:{server.port}/go")
    assert got == Failed(
        f"http://public.example:{server.port}/go",
        "loopback address 127.0.0.1 (refused; --allow-private permits it)",
    )
    assert "/secret" not in server.paths() and "/go" in server.paths()


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("224.0.0.1", "multicast address 224.0.0.1"),
        ("ff02::1", "multicast address ff02::1"),
        ("240.0.0.1", "private address 240.0.0.1"),
        ("100.64.0.1", "not globally routable address 100.64.0.1"),
        ("fd00::1", "private address fd00::1"),
        ("fe80::1", "link-local address fe80::1"),
        ("64:ff9b::a00:1", "private address 10.0.0.1"),  # NAT64 to 10.0.0.1
        ("2002:a00:1::", "private address 10.0.0.1"),  # 6to4 from 10.0.0.1
        ("93.184.216.34", None),
        ("2606:2800:220:1::", None),
    ],
)
def test_address_classes(address: str, reason: str | None) -> None:
    assert forbidden_reason(address) == reason
