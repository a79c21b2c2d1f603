"""Who may talk to the served journal: whoever holds this run's secret, from this machine.

A page on loopback is reachable by every process and every web page the machine opens, so
the port is not a secret. The secret is a token made for each run and printed once, in the
link. Opening the link (`/?t=TOKEN`) swaps the token for a cookie (HttpOnly, SameSite
Strict: no other site's page can send it, and no script can read it) and sends the browser
on to `/`; after that every request, the websocket's included, carries the cookie.
Without it, or with a wrong one, every request is answered 403 before any handler runs,
so no app process is ever started for it.

Two more checks close what a cookie alone leaves open: the Host header must name the
address we listen on (a rebinding DNS name pointing at 127.0.0.1 carries another host),
and a websocket's Origin must be our own page (a browser sends cookies with cross-site
websockets' handshakes unless SameSite forbids it; this holds even where it does not).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from aiohttp import web

TOKEN_BYTES = 24
"""Random bytes in a token (32 characters once encoded): far beyond guessing."""
LOOPBACK_HOSTS = ("127.0.0.1", "[::1]", "localhost")
"""Host header names that mean this machine."""
FORBIDDEN = (
    "Forbidden: open the link `interview-journal serve` printed when it started "
    "(it holds this run's secret).\n"
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_secret(given: str | None, token: str) -> bool:
    """Constant time, whatever was given: the time says nothing about the token."""
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


@dataclass
class Gate:
    """The checks every request passes before anything else sees it."""

    token: str
    port: int = 0
    """The port we listen on (known once bound: port 0 picks a free one)."""
    loopback_only: bool = True
    """False with `--i-know-this-is-exposed`: then any Host is accepted (the token stays)."""
    extra_hosts: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cookie_name(self) -> str:
        """One cookie per port: cookies ignore ports, and two runs may be open at once."""
        return f"interview-journal-{self.port}"

    def allowed_hosts(self) -> set[str]:
        names: Iterable[str] = (*LOOPBACK_HOSTS, *self.extra_hosts)
        return {f"{name}:{self.port}" for name in names}

    def host_is_ours(self, request: web.Request) -> bool:
        if not self.loopback_only:
            return True
        return request.headers.get("Host", "").lower() in self.allowed_hosts()

    def origin_is_ours(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return False
        if not self.loopback_only:
            return origin.lower() == f"http://{request.headers.get('Host', '').lower()}"
        return origin.lower() in {f"http://{host}" for host in self.allowed_hosts()}

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.host_is_ours(request):
            return forbidden()
        if request.path == "/" and "t" in request.query:
            if not same_secret(request.query.get("t"), self.token):
                return forbidden()
            return self.welcome()
        if not same_secret(request.cookies.get(self.cookie_name), self.token):
            return forbidden()
        if request.path == "/ws" and not self.origin_is_ours(request):
            return forbidden()
        return await handler(request)

    def welcome(self) -> web.Response:
        """The cookie, then on to the page without the token in the address bar (and so
        out of the browser's history). A page, not a redirect: a Strict cookie set by a
        redirect is not sent on when the link was opened from another program's page."""
        response = web.Response(
            text=(
                '<!doctype html><meta charset="utf-8">'
                '<meta http-equiv="refresh" content="0; url=/">'
                '<link rel="icon" href="data:,">'
                "<title>Interview Journal</title>"
                '<p><a href="/">Open the journal</a></p>'
            ),
            content_type="text/html",
        )
        response.set_cookie(
            self.cookie_name, self.token, httponly=True, samesite="Strict", path="/"
        )
        return response


def forbidden() -> web.Response:
    return web.Response(status=403, text=FORBIDDEN)


async def private_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Every answer: not cached, not framed, no referrer, nothing loaded from elsewhere."""
    host = request.headers.get("Host", "")
    headers = response.headers
    headers["Cache-Control"] = "no-store"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    # xterm.js writes its styles at run time (inline), and draws on a canvas
    headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"connect-src 'self' ws://{host}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; "
        "font-src 'self'; "
        "frame-ancestors 'none'; "
        "base-uri 'none'; "
        "form-action 'none'"
    )
