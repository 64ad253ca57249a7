"""Request checks of the playground server: token, Host and Origin.

Place in the pipeline: the gate in front of `py2wasm playground`'s compile
endpoint (`server.py`). The server executes the Python code it compiles
(tracing runs the module's top level), so it is a code-execution service:

- it binds to loopback unless the user passes `--allow-remote` (`check_bind`);
- every API request carries the per-run secret token printed in the URL
  (`?token=` or the `X-Py2wasm-Token` header), compared in constant time;
- the `Host` header must name this server (defeats DNS rebinding: a foreign
  name that resolves to 127.0.0.1 still sends its own name as Host); a server
  listening on every interface (`--allow-remote --host 0.0.0.0`) also answers
  to this machine's own IP addresses (an IP literal cannot be rebound) and to
  the names given with `--allow-host`;
- a browser's `Origin` (and `Sec-Fetch-Site: cross-site`) must be this
  server's own origin, so other web pages cannot post to it.

Everything here is pure functions over header values, tested directly and
through a running server in tests/playground/test_security.py.
"""
from __future__ import annotations

import functools
import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from typing import Iterable, Optional

TOKEN_HEADER = "X-Py2wasm-Token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


class SecurityError(Exception):
    """A request refused by a check; `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message)
        self.status = status


class BindError(ValueError):
    """A bind address refused (non-loopback without --allow-remote)."""


def new_token() -> str:
    """A fresh per-run secret (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@functools.lru_cache(maxsize=256)
def is_local_address(host: str) -> bool:
    """True when `host` is an IP literal assigned to this machine (the kernel
    lets a socket bind only to its own addresses)."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.bind((str(ip), 0))
        return True
    except OSError:
        return False


def check_bind(host: str, allow_remote: bool) -> Optional[str]:
    """Refuse a non-loopback bind without `allow_remote`; with it, return the
    warning to print. Returns None for a loopback address."""
    if is_loopback(host):
        return None
    if not allow_remote:
        raise BindError(f"refusing to bind to {host}: the playground runs the code it compiles, "
                        "so it listens on 127.0.0.1 only. Pass --allow-remote to expose it "
                        "to other machines (anyone with the token can run code as you).")
    return (f"WARNING: --allow-remote: the playground listens on {host}, beyond this machine. Anyone who "
            "can reach it and has the token in the URL can run Python code as this user.")


def _host_port(host: str, port: int) -> str:
    h = host
    if ":" in h and not h.startswith("["):
        h = f"[{h}]"
    return f"{h}:{port}"


@dataclass
class Policy:
    """What this server accepts: its token and the Host names it answers to."""
    token: str
    port: int
    bind_host: str = "127.0.0.1"
    extra_hosts: Iterable[str] = field(default_factory=tuple)

    def __post_init__(self):
        names = set(LOOPBACK_NAMES) | set(self.extra_hosts)
        self.any_interface = self.bind_host in ("0.0.0.0", "::", "")
        if self.any_interface:
            # every interface: accept this machine's own names besides loopback
            names |= {socket.gethostname(), socket.getfqdn()}
        else:
            names.add(self.bind_host)
        self.hosts = {_host_port(n, self.port).lower() for n in names}

    # -- individual checks -------------------------------------------------
    def host_ok(self, host_port: str) -> bool:
        """Is `host:port` (lower case) a name this server answers to?"""
        if host_port in self.hosts:
            return True
        name, sep, port = host_port.rpartition(":")
        return bool(self.any_interface and sep and port == str(self.port)
                    and is_local_address(name))

    def check_host(self, host_header: Optional[str]) -> None:
        if not host_header:
            raise SecurityError("missing Host header", 400)
        if not self.host_ok(host_header.strip().lower()):
            raise SecurityError(f"Host {host_header!r} is not this server "
                                "(DNS rebinding protection)", 403)

    def check_origin(self, origin: Optional[str], fetch_site: Optional[str] = None) -> None:
        if fetch_site and fetch_site.lower() == "cross-site":
            raise SecurityError("cross-site request refused", 403)
        if origin is None:
            return  # not sent by a browser for same-origin GETs, nor by curl
        o = origin.strip().lower()
        if o == "null" or not (o.startswith("http://") and self.host_ok(o[len("http://"):])):
            raise SecurityError(f"Origin {origin!r} is not this server's own", 403)

    def check_token(self, supplied: Optional[str]) -> None:
        if not supplied:
            raise SecurityError("missing token: open the URL printed by `py2wasm playground`", 401)
        if not hmac.compare_digest(supplied.encode(), self.token.encode()):
            raise SecurityError("wrong token: open the URL printed by `py2wasm playground`", 403)

    def check_request(self, headers, query_token: Optional[str], *, need_token: bool) -> None:
        """All checks of one request, Host first (it applies to every path)."""
        self.check_host(headers.get("Host"))
        self.check_origin(headers.get("Origin"), headers.get("Sec-Fetch-Site"))
        if need_token:
            self.check_token(headers.get(TOKEN_HEADER) or query_token)
