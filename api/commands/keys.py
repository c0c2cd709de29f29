"""``srm keys``: create, list and revoke the API keys the service asks for."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from api.commands.common import (
    UNKNOWN_ID,
    JsonOption,
    console,
    errors,
    fail,
    opened_store,
    print_json,
)
from api.commands.tables import Column, CsvOption, one_format, print_list, text
from api.keys import SCOPES, ApiKey, create_key, list_keys, parse_scopes, revoke_key
from graph_model.settings import Settings

app = typer.Typer(help="API keys: the service needs one per client once any exists.")


@app.command("create")
def create(
    name: Annotated[str, typer.Argument(help="who or what uses the key, e.g. etl or bi-team")],
    scopes: Annotated[str, typer.Option(help=f"comma-separated, of: {', '.join(SCOPES)}")] = "read",
    expires_days: Annotated[
        int | None, typer.Option(min=1, help="unusable after this many days")
    ] = None,
) -> None:
    """Create a key and print its token, once: only a salted digest of it is stored."""
    try:
        chosen = parse_scopes(scopes)
    except ValueError as exc:
        raise fail(str(exc)) from exc
    expires = None if expires_days is None else datetime.now(UTC) + timedelta(days=expires_days)
    with opened_store(Settings(), writes=True) as store:
        try:
            token = create_key(store, name, chosen, expires)
        except ValueError as exc:
            raise fail(str(exc)) from exc
    errors.print(f"key {name!r} ({', '.join(chosen)}): the token, shown this once:")
    print(token)


@app.command("list")
def list_command(as_json: JsonOption = False, as_csv: CsvOption = False) -> None:
    """Every key with its scopes and state (never a token)."""
    one_format(as_json, as_csv)
    with opened_store(Settings()) as store:
        keys = list_keys(store)
    now = datetime.now(UTC)
    if as_json:
        print_json([{**asdict(k), "state": _state(k, now)} for k in keys])
        return
    columns: list[Column[ApiKey]] = [
        Column("name", "name", lambda k: k.name),
        Column("scopes", "scopes", lambda k: ",".join(k.scopes)),
        Column("created_at", "created", lambda k: k.created_at),
        Column("expires_at", "expires", lambda k: k.expires_at, lambda t: text(t) or "never"),
        Column("revoked_at", None, lambda k: k.revoked_at),
        Column("state", "state", lambda k: _state(k, now)),
    ]
    print_list("API keys", columns, keys, as_csv)


def _state(key: ApiKey, now: datetime) -> str:
    return "revoked" if key.revoked_at else "usable" if key.usable(now) else "expired"


@app.command("revoke")
def revoke(name: Annotated[str, typer.Argument(help="the key's name")]) -> None:
    """Make the key named NAME unusable at once (it stays listed)."""
    with opened_store(Settings()) as store:
        if not revoke_key(store, name):
            raise fail(f"no usable key named {name!r}", UNKNOWN_ID)
    console.print(f"key {name!r} revoked")
