"""What keeps other web pages out of the studio. A page elsewhere can still make the browser send requests to
127.0.0.1 (a form post, a `text/plain` fetch needs no CORS preflight), so a state-changing request is refused
unless it comes from the studio's own origin and carries this launch's token, which only the served page holds
(a page on another origin cannot read it: no CORS headers are ever sent). The Content-Security-Policy forbids
inline script, so even markup that slipped into the page could not run."""
from __future__ import annotations

import secrets
from typing import Optional

TOKEN_HEADER = b"x-compositor-token"
SAFE_METHODS = ("GET", "HEAD")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer")]


def refusal(method: str, headers: dict, host: str, token: str) -> Optional[str]:
    """Why a request must be refused (403), or None. Reads (GET, HEAD) change nothing and pass."""
    if method in SAFE_METHODS:
        return None
    origin = headers.get(b"origin")
    if origin is not None and origin.decode("latin-1") != f"http://{host}":
        return (f"refused: a {method} from {origin.decode('latin-1')!r} — the studio takes changes only from "
                f"its own page (http://{host})")
    sent = headers.get(TOKEN_HEADER)
    if sent is None:
        return (f"refused: a {method} without the X-Compositor-Token header — send the token from the studio "
                f"page's <meta name=\"compositor-token\"> (see docs/studio.md)")
    if not secrets.compare_digest(sent, token.encode()):
        return "refused: wrong X-Compositor-Token — it changes at every launch; read it again from the page"
    return None


def with_headers(send):
    """`send` that adds the security headers to every response."""
    async def sending(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
        return await send(message)
    return sending
