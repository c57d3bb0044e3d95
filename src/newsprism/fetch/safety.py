"""What a fetched URL may reach: http(s) only, and only public addresses, checked where the socket
is opened.

The trap this module exists for is DNS rebinding. Checking a URL's host name (or resolving it
once to check, and letting the HTTP client resolve it again to connect) leaves a window: a name
whose DNS answers a public address to the check and ``127.0.0.1`` to the connection, or a TTL of
zero, walks past the check. So the check lives in the network backend httpx's connection pool
calls to open every TCP connection (:class:`GuardedBackend`): it resolves the name once, checks
every address, and connects to the checked address itself, never to the name. Redirects open
their connections through the same backend, so every hop is checked; TLS still verifies the
certificate against the URL's host name (httpcore passes the origin's name as SNI, not the
address). Environment proxies are ignored (``trust_env=False``): through a proxy the proxy would
resolve and connect, out of reach of the check.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpcore

#: Resolves ``(host, port)`` to IP address strings (``socket.getaddrinfo`` by default; tests pass
#: their own, which is how "a public name that resolves to 127.0.0.1" is tested without DNS).
Resolver = Callable[[str, int], list[str]]

SCHEMES = ("http", "https")

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refused(Exception):
    """A URL or an address newsprism will not fetch from; the message is the one-line reason."""


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to for a TCP connection, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL with a host (and, when the host is an address
    literal, nothing more is known yet: the backend checks it before connecting), else
    :class:`Refused` with the reason."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise Refused(f"not a valid URL: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        raise Refused(f"only http and https URLs are fetched ({shown})")
    if not parts.hostname:
        raise Refused("URL has no host")
    if port == 0:
        raise Refused("URL has port 0")
    return url.strip()


def forbidden_reason(address: str) -> str | None:
    """Why ``address`` is not a public unicast address (``None`` when it is one). IPv4 embedded
    in IPv6 (mapped ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``, 6to4, Teredo) is judged by the
    IPv4 address inside, since that is where the packets go."""
    try:
        ip: IpAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {address}"
    for inner in _embedded(ip):
        reason = forbidden_reason(str(inner))
        if reason:
            return reason
    for label, flag in (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("reserved", ip.is_reserved),
    ):
        if flag:
            return f"{label} address {ip}"
    if not ip.is_global:  # shared address space (100.64.0.0/10), benchmarking, documentation, ...
        return f"not globally routable address {ip}"
    return None


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded(ip: IpAddress) -> Iterable[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return ()
    found = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [inner for inner in found if inner is not None]


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's blocking backend, opening a TCP connection only to a checked address: the name
    is resolved once here, every address it resolves to is checked (one forbidden address refuses
    the name: which one a later connection would pick is not ours to know), and the socket is
    opened to that same address. ``allow_private`` lifts the address check (intranet, tests)."""

    def __init__(self, resolve: Resolver, *, allow_private: bool) -> None:
        self._resolve = resolve
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.addresses(host, port)
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    def addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses of ``host``; :class:`Refused` when any is forbidden."""
        host = host.strip("[]")
        addresses = self._resolve(host, port)
        if not addresses:
            raise Refused(f"{host} resolves to no address")
        if not self._allow_private:
            for address in addresses:
                reason = forbidden_reason(address)
                if reason:
                    shown = reason if address == host else f"{host} resolves to {reason}"
                    raise Refused(f"{shown} (refused; --allow-private permits it)")
        return addresses
