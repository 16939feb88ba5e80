"""The desk's logins: sessions, CSRF bound to them, the login rate limit, trusted proxies.

- A session is a random id kept in ``app_state`` (``session:ID`` -> the editor's name, with
  an expiry), sent as an HttpOnly, SameSite=Strict cookie signed with the secret key; logout
  deletes it, so a copied cookie or a replayed form is dead after logout or expiry.
- Every form carries ``csrf``: an HMAC of the session id, so a token from another session
  (a "foreign" token) is refused like a missing one. The login form, before any session,
  binds its token to a random pre-login cookie the same way.
- Wrong logins are counted per client address (``hit`` on the shared ``rate_limits``):
  after ``LOGIN_LIMIT`` in ``LOGIN_WINDOW`` every attempt, right or wrong, is refused until
  the window ends.
  A wrong name and a wrong password get the same answer.
- Behind nginx, ``trusted_proxies`` (addresses of the proxies) lets ``X-Forwarded-For`` name
  the client and ``X-Forwarded-Proto``/``X-Forwarded-Host`` the scheme and host; from anyone
  else these headers are ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import Engine, delete, select
from starlette.requests import Request

from syndicate.store.engine import reading, state_get, state_put, writing
from syndicate.store.schema import app_state, rate_limits

COOKIE = "syndicate_desk"
LOGIN_COOKIE = "syndicate_login"
SESSION_HOURS = 12
LOGIN_LIMIT = 10
LOGIN_WINDOW = timedelta(minutes=15)
_SALT = "syndicate.desk.session"


class Sessions:
    def __init__(self, secret: str, engine: Engine) -> None:
        self.secret = secret
        self.engine = engine
        self.signer = URLSafeTimedSerializer(secret, salt=_SALT)

    def start(self, user: str, now: datetime) -> str:
        """A new session for ``user``: the cookie value."""
        sid = secrets.token_urlsafe(24)
        with writing(self.engine) as conn:
            state_put(conn, f"session:{sid}", user, now=now,
                      expires_at=now + timedelta(hours=SESSION_HOURS))  # fmt: skip
        return self.signer.dumps(sid)

    def sid(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            return str(self.signer.loads(cookie, max_age=SESSION_HOURS * 3600))
        except BadSignature:
            return None

    def user(self, cookie: str | None, now: datetime) -> tuple[str, str] | None:
        """``(session id, editor)`` of a live session, else None."""
        sid = self.sid(cookie)
        if sid is None:
            return None
        with reading(self.engine) as conn:
            user = state_get(conn, f"session:{sid}", now=now)
        return (sid, user) if user else None

    def end(self, sid: str) -> None:
        with writing(self.engine) as conn:
            conn.execute(delete(app_state).where(app_state.c.key == f"session:{sid}"))

    def csrf(self, bound_to: str) -> str:
        return hmac.new(
            self.secret.encode(), f"csrf:{bound_to}".encode(), hashlib.sha256
        ).hexdigest()

    def csrf_ok(self, bound_to: str | None, token: str) -> bool:
        return bool(bound_to) and hmac.compare_digest(self.csrf(bound_to or ""), token)


def login_blocked(db: Engine, ip: str, now: datetime) -> bool:
    """Whether ``ip`` has used up its wrong logins in the current window."""
    rl = rate_limits.c
    with reading(db) as conn:
        row = conn.execute(
            select(rl.count, rl.window_ends).where(rl.key == f"login:{ip}"[:400])
        ).first()
    return row is not None and row[1] > now and int(row[0]) >= LOGIN_LIMIT


def login_failed(db: Engine, ip: str, now: datetime) -> None:
    """Count one wrong login of ``ip`` (fixed windows shared through the database)."""
    from syndicate.newsletter.subscribers import hit

    hit(db, f"login:{ip}", limit=LOGIN_LIMIT, window=LOGIN_WINDOW, now=now)


def trusted(request: Request, proxies: tuple[str, ...]) -> bool:
    peer = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(p, strict=False) for p in proxies)


def client_ip(request: Request, proxies: tuple[str, ...]) -> str:
    """The client's address: the peer, or the last untrusted hop of X-Forwarded-For when the
    peer is a trusted proxy."""
    peer = request.client.host if request.client else "unknown"
    if not trusted(request, proxies):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    return hops[-1] if hops else peer


def scheme_and_host(request: Request, proxies: tuple[str, ...]) -> tuple[str, str]:
    scheme, host = request.url.scheme, request.headers.get("host", "")
    if trusted(request, proxies):
        scheme = request.headers.get("x-forwarded-proto", scheme).split(",")[0].strip()
        host = request.headers.get("x-forwarded-host", host).split(",")[0].strip()
    return scheme, host
