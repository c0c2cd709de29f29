"""``srm at-risk``: strong ties that went quiet or weakened, key accounts gone quiet."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from api.commands.common import AsOfOption, JsonOption, fail, opened_store, print_json
from api.commands.tables import Column, CsvOption, day, decimals, one_format, print_list, share
from graph_model.settings import Settings
from queries.at_risk import LIMIT, MIN_STRENGTH, FallingTie, QuietAccount, configured_at_risk
from queries.common import resolve_as_of

TIES: list[Column[FallingTie]] = [
    Column("a_id", None, lambda t: t.a),
    Column("a_name", "a", lambda t: t.a_name),
    Column("a_company_id", None, lambda t: t.a_company.id if t.a_company else None),
    Column("a_company_name", "a works at", lambda t: t.a_company.name if t.a_company else None),
    Column("b_id", None, lambda t: t.b),
    Column("b_name", "b", lambda t: t.b_name),
    Column("b_company_id", None, lambda t: t.b_company.id if t.b_company else None),
    Column("b_company_name", "b works at", lambda t: t.b_company.name if t.b_company else None),
    Column("strength_before", "before", lambda t: t.strength_before, decimals(1), number=True),
    Column("strength", "now", lambda t: t.strength, decimals(1), number=True),
    Column("drop", "drop", lambda t: t.drop, share, number=True),
    Column("reason", "reason", lambda t: t.reason),
]
ACCOUNTS: list[Column[QuietAccount]] = [
    Column("name", "account", lambda a: a.name),
    Column("account_id", "id", lambda a: a.account_id),
    Column("tier", "tier", lambda a: a.tier),
    Column("reason", "untouched", lambda a: a.reason.removesuffix(" untouched")),
    Column("executive_ids", None, lambda a: ";".join(a.executives)),
    Column("executives", "executives", lambda a: "; ".join(e.name for e in a.named_executives)),
    Column("last_touch", "last touch", lambda a: a.last_touch, day),
    Column("last_activity", "last activity", lambda a: a.last_activity, day),
]


def at_risk(
    window_days: Annotated[
        float | None,
        typer.Option(help="look back this many days; default SRM_AT_RISK_WINDOW_DAYS (90)"),
    ] = None,
    drop: Annotated[
        float | None,
        typer.Option(
            help="flag ties still in touch that lost this share; default SRM_AT_RISK_DROP"
        ),
    ] = None,
    min_strength: Annotated[
        float | None,
        typer.Option(
            help=f"watch ties at least this strong a window ago; default {MIN_STRENGTH:g}"
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="at most this many of each list")] = LIMIT,
    which: Annotated[
        Literal["ties", "accounts"] | None,
        typer.Option("--list", help="only this list (with --csv: the ties unless this says)"),
    ] = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Strong ties of our people that went quiet or weakened, largest loss first, and key
    accounts whose executives went untouched, strategic first.

    Exits 1 when the home company is not known, 2 for unusable arguments.
    """
    one_format(as_json, as_csv)
    when, settings = resolve_as_of(as_of), Settings()
    with opened_store(settings) as store:
        try:
            result = configured_at_risk(
                store, settings, when, window_days, drop, min_strength, limit
            )
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
        return
    at = f"as of {when:%Y-%m-%d %H:%M} UTC"
    if which != "accounts":
        title = f"strong ties that went quiet or weakened {at}"
        print_list(_shown(title, len(result.ties), result.ties_total), TIES, result.ties, as_csv)
    if which == "accounts" or (which is None and not as_csv):
        title = f"key accounts whose executives went untouched {at}"
        count = len(result.accounts)
        print_list(_shown(title, count, result.accounts_total), ACCOUNTS, result.accounts, as_csv)


def _shown(title: str, shown: int, total: int) -> str:
    """``title``, saying how many of how many when the list was cut."""
    return title if shown == total else f"{title}: {shown} of {total} (--limit shows more)"
