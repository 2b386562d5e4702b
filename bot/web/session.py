"""Who is on the other end of a web request: a signed session cookie, its CSRF token, its pace.

The cookie carries a random id and (in demo mode) the persona being played, signed with
HMAC-SHA256; a cookie that does not verify is ignored and a new identity is issued.
"""

import hashlib
import hmac
import os
import re
import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.config import Settings

COOKIE = "linli_session"
COOKIE_MAX_AGE = 180 * 24 * 3600
SECRET_FILE = "web_secret"
PERSONAS = ("resident", "member", "leader")
MAX_TRACKED = 10_000
_UID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")


def load_secret(settings: Settings) -> bytes:
    """``settings.web_secret``, else a random secret generated once and kept in ``data_dir``."""
    if settings.web_secret is not None and settings.web_secret.get_secret_value():
        return settings.web_secret.get_secret_value().encode()
    path = Path(settings.data_dir) / SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


@dataclass(frozen=True, slots=True)
class Session:
    uid: str
    persona: str = "resident"

    @property
    def actor(self) -> str:
        """The channel identity: the session id, or a demo persona's id derived from it."""
        return self.uid if self.persona == "resident" else f"{self.uid}-{self.persona}"


class Signer:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, purpose: str, value: str) -> str:
        digest = hmac.new(self._secret, f"{purpose}:{value}".encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def dump(self, session: Session) -> str:
        value = f"{session.uid}.{session.persona}"
        return f"{value}.{self._mac('session', value)}"

    def load(self, cookie: str | None) -> Session | None:
        if not cookie or cookie.count(".") != 2:
            return None
        uid, persona, mac = cookie.split(".")
        if not hmac.compare_digest(mac, self._mac("session", f"{uid}.{persona}")):
            return None
        if not _UID.match(uid) or persona not in PERSONAS:
            return None
        return Session(uid, persona)

    def csrf(self, session: Session) -> str:
        return self._mac("csrf", session.uid)

    def check_csrf(self, session: Session, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(token or "", self.csrf(session))


def new_session() -> Session:
    return Session(secrets.token_urlsafe(18))


def set_cookie(
    response: web.StreamResponse, signer: Signer, session: Session, secure: bool
) -> None:
    response.set_cookie(
        COOKIE,
        signer.dump(session),
        max_age=COOKIE_MAX_AGE,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=secure,
    )


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window)."""

    def __init__(self, limit: int = 20, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._events: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        if len(self._events) > MAX_TRACKED:
            self._forget_idle(now)
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]:
            del self._events[key]
