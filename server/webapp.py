"""The web app and GraphiQL, served from the build in ``server/web`` (made by ``web/``'s
``npm run build``, and built into the wheel).

Every response carries a strict Content-Security-Policy: scripts, styles, fonts and
workers come from this server only, no inline script runs, and nothing may be fetched from
anywhere else. Hashed assets are cached for a year; the pages themselves are revalidated,
so a new build is picked up at once. Any other GET that is not the API's opens the app at
that path (its views have their own URLs).
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

BUILD = Path(__file__).with_name("web")
"""Where ``npm run build`` writes the app."""

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",  # GraphiQL's icon fonts are inlined in its CSS
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
API_PREFIXES = ("/graphql", "/ingest", "/healthz", "/readyz", "/docs", "/openapi.json")
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
"""The build's own types, not left to the host's MIME table (with ``nosniff``, a script
served as anything else would not run)."""
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Osmosi</title>
<h1>The web app is not built</h1><p>The API answers on <code>/graphql</code>. To build the
app: <code>make web</code> (or <code>npm ci &amp;&amp; npm run build</code> in
<code>web/</code>), then restart <code>osmosi serve</code>.</p></html>"""


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every HTTP response (pure ASGI: streaming untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def _file(path: Path, cache: str, request: Request) -> Response:
    """``path``, precompressed (``path.gz``, written by the build) when the client takes
    gzip."""
    headers = {"Cache-Control": cache, "Vary": "Accept-Encoding"}
    media_type = (
        MEDIA_TYPES.get(path.suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
    packed = path.with_name(path.name + ".gz")
    if "gzip" in request.headers.get("accept-encoding", "") and packed.is_file():
        headers["Content-Encoding"] = "gzip"
        return FileResponse(packed, media_type=media_type, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def _inside(root: Path, relative: str) -> Path | None:
    """``root / relative`` if it is a file under ``root`` (no way out with ``..``)."""
    candidate = (root / relative).resolve()
    return candidate if candidate.is_relative_to(root.resolve()) and candidate.is_file() else None


def page(name: str, request: Request, build: Path = BUILD) -> Response:
    """One of the build's HTML pages (``index.html``, ``graphiql.html``), revalidated on
    every load; a page that says how to build the app when it is not built."""
    found = build / name
    if not found.is_file():
        return HTMLResponse(NOT_BUILT, status_code=503, headers={"Cache-Control": REVALIDATE})
    return _file(found, REVALIDATE, request)


def mount_web_app(app: FastAPI, build: Path = BUILD) -> None:
    """Serve the app at ``/`` and at every GET path no other route took (its views' deep
    links) except under the API's prefixes, which keep their 404s; its assets; and the
    security headers on every response. Call after the API's routes are added."""
    app.add_middleware(SecurityHeaders)
    if not (build / "index.html").is_file():
        log.warning("the web app is not built (%s is missing): serving the API only", build)

    @app.api_route("/assets/{name:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def asset(name: str, request: Request) -> Response:
        found = _inside(build / "assets", name)
        if found is None:
            raise HTTPException(status_code=404)
        return _file(found, IMMUTABLE, request)

    @app.api_route("/favicon.svg", methods=["GET", "HEAD"], include_in_schema=False)
    async def favicon(request: Request) -> Response:
        found = _inside(build, "favicon.svg")
        if found is None:
            raise HTTPException(status_code=404)
        return _file(found, "public, max-age=86400", request)

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def app_page(path: str, request: Request) -> Response:
        if f"/{path}".startswith(API_PREFIXES):
            raise HTTPException(status_code=404)
        return page("index.html", request, build)
