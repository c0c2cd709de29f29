"""API keys: named tokens with scopes, kept in the store as salted digests only.

A token reads ``srm_<key id>.<secret>``: the id finds the key, the secret (256 random
bits) is checked against the stored ``sha256(salt + secret)`` in constant time. A
fast digest suffices because the secret is random, not a password a person chose;
only the digest and its salt are stored, so the store never holds a usable token.
A key may expire; a revoked key stays listed, unusable.

>>> import tempfile
>>> from pathlib import Path
>>> from graph_model.embedded.store import EmbeddedStore
>>> store = EmbeddedStore(Path(tempfile.mkdtemp()))
>>> token = create_key(store, "etl", ["ingest"])
>>> verify(store, token).scopes, verify(store, token + "x")
(['ingest'], None)
>>> revoke_key(store, "etl"), verify(store, token)
(True, None)
>>> store.close()
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from api.audit import Entry, record
from graph_model.store import GraphStore, NodeUpsert, Props

SCOPES = ("read", "ingest", "reciprocity", "admin")
"""``read``: every question; ``ingest``: uploads and runs; ``reciprocity``: who supplies
whom; ``admin``: keys and the audit trail."""
_TOKEN = re.compile(r"srm_([0-9a-f]{12})\.([A-Za-z0-9_-]{43})")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class ApiKey:
    """A key as listed: never its token."""

    name: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None

    def usable(self, now: datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or now < self.expires_at)


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()


def _key(props: Props) -> ApiKey:
    return ApiKey(
        props["name"],
        list(props["scopes"]),
        props["created_at"],
        props.get("expires_at"),
        props.get("revoked_at"),
    )


def parse_scopes(text: str) -> list[str]:
    """``read,ingest`` as a list of known scopes (``ValueError`` naming the unknown ones).

    >>> parse_scopes("read, reciprocity")
    ['read', 'reciprocity']
    """
    scopes = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(
            f"unknown scope(s) {', '.join(unknown) or '(none)'}; use {', '.join(SCOPES)}"
        )
    return sorted(set(scopes), key=SCOPES.index)


def create_key(
    store: GraphStore, name: str, scopes: list[str], expires_at: datetime | None = None
) -> str:
    """A new key's token (shown once: only its digest is kept); ``ValueError`` for a bad
    name, an unknown scope, or a name a usable key has already."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"a key name is 1-64 letters, digits, '.', '_' or '-': {name!r}")
    parse_scopes(",".join(scopes))
    now = datetime.now(UTC)
    if any(k.name == name and k.usable(now) for k in list_keys(store)):
        raise ValueError(f"a usable key is named {name!r} already: revoke it first")
    key_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), secrets.token_hex(16)
    props = {
        "id": key_id,
        "name": name,
        "scopes": scopes,
        "salt": salt,
        "digest": _digest(salt, secret),
        "created_at": now,
        "expires_at": expires_at,
    }
    store.write([NodeUpsert("ApiKey", [props])])
    _audit(store, "created", name, scopes=scopes, expires_at=expires_at)
    return f"srm_{key_id}.{secret}"


def list_keys(store: GraphStore) -> list[ApiKey]:
    """Every key, usable or not, by name then creation."""
    return sorted((_key(p) for p in _all(store)), key=lambda k: (k.name, k.created_at))


def _all(store: GraphStore) -> list[Props]:
    return store.latest_nodes("ApiKey", "created_at", 10_000)


def revoke_key(store: GraphStore, name: str) -> bool:
    """Revoke the usable keys named ``name``; whether there was one."""
    now = datetime.now(UTC)
    live = [p for p in _all(store) if p["name"] == name and _key(p).usable(now)]
    if live:
        store.write([NodeUpsert("ApiKey", [{**p, "revoked_at": now} for p in live])])
        _audit(store, "revoked", name)
    return bool(live)


def _audit(store: GraphStore, done: str, name: str, **parameters: Any) -> None:
    """A key change in the audit trail (keys change from the command line only)."""
    entry = Entry(
        None, "key", f"srm keys {done.removesuffix('d')}", done, {"name": name, **parameters}
    )
    record(store, entry)


def any_usable(store: GraphStore) -> bool:
    """Whether any key can be used (then every request needs one)."""
    now = datetime.now(UTC)
    return any(_key(p).usable(now) for p in _all(store))


def verify(store: GraphStore, token: str) -> ApiKey | None:
    """The usable key ``token`` belongs to, if any (its secret compared in constant time)."""
    match = _TOKEN.fullmatch(token)
    if match is None:
        return None
    key_id, secret = match.groups()
    props = store.get_node("ApiKey", key_id)
    if props is None:
        return None
    if not hmac.compare_digest(_digest(props["salt"], secret), props["digest"]):
        return None
    key = _key(props)
    return key if key.usable(datetime.now(UTC)) else None
