"""What at-risk answers: ties that went quiet or weakened, and key accounts gone quiet."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from queries.entities import CompanyRef
from queries.names import NamedNode

TieReason = Literal["went quiet", "weakened"]
QuietReason = Literal["account untouched", "executives untouched"]


class FallingTie(BaseModel):
    """A tie (``a < b``, each by id and name with the company they work at on ``as_of``)
    that was at least ``min_strength`` a window ago (``strength_before``) and since either
    had no interaction (``went quiet``) or lost at least ``drop`` of it all the same
    (``weakened``); ``drop`` is the share it lost."""

    a: str
    a_name: str
    a_company: CompanyRef | None
    b: str
    b_name: str
    b_company: CompanyRef | None
    strength: float
    strength_before: float
    drop: float
    reason: TieReason


class QuietAccount(BaseModel):
    """A key or strategic account none of whose ``executives`` (by id, and named in
    ``named_executives``) an internal person touched in the window; ``last_touch`` is the
    latest such touch before it, if any. ``last_activity`` is the latest interaction naming
    the account as its company (an activity logged against the account, with or without
    its people), and ``reason`` says whether the account had any in the window
    (``executives untouched``) or none (``account untouched``)."""

    account_id: str
    name: str
    tier: str
    executives: list[str]
    named_executives: list[NamedNode]
    last_touch: datetime | None
    last_activity: datetime | None
    reason: QuietReason


class AtRisk(BaseModel):
    """Ties by the strength they lost (``strength_before - strength``) descending, then
    ``a``, ``b``; accounts strategic before key, then by ``last_touch`` ascending (never
    touched first), then id. Each list holds its first ``limit`` items;
    ``ties_total`` and ``accounts_total`` count them all."""

    ties: list[FallingTie]
    ties_total: int
    accounts: list[QuietAccount]
    accounts_total: int
