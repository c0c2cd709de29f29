"""Accounts: companies, their tier, who supplies whom by their Type, and who manages them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graph_model.schema import TIERS
from ingest.adapters.base import home_company_row
from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import Rec
from ingest.normalize import domain_key, text_key
from ingest.records import SourceRow

_ACCOUNT_ROLES: tuple[tuple[str, str | None], ...] = (
    (r"\b(former|ex|ehemalig\w*)\b", None),
    (r"customer|kunde", "customer"),
    (r"vendor|supplier|lieferant", "supplier"),
)
"""What an account Type makes the account: a customer or a supplier of the home company."""
_ACCOUNT_ROLE_PATTERNS = tuple((re.compile(p), role) for p, role in _ACCOUNT_ROLES)
_TYPE_TIERS = ((re.compile(r"\bstrateg"), "strategic"), (re.compile(r"\bkey\b"), "key"))
_REFERRING = ("Contact", "Opportunity", "OpportunityLineItem", "Task", "Event")
"""Objects whose rows name accounts."""


class Accounts:
    """The canonical rows Account records make."""

    def __init__(self, export: Export) -> None:
        self.export = export

    def companies(self) -> Iterator[SourceRow]:
        """Accounts; accounts named elsewhere but not exported, when their name is known."""
        export, seen = self.export, set[str]()
        if not export.context.home_company_known and export.sources:
            yield home_company_row(export.context, export.sources[0].path)
        for rec in export.records("Account"):
            account_id = export.own_id(rec)
            if account_id and export.first(rec, account_id, seen):
                yield export.row(
                    rec,
                    account_id,
                    {
                        "id": account_id,
                        "name": rec.get("name"),
                        "domain": domain_key(rec.get("website")) or "",
                        "country": rec.get("billingcountry") or rec.get("shippingcountry"),
                        "industry": rec.get("industry"),
                        "tier": self._tier(rec),
                    },
                )
        named = export.named_only(_REFERRING, "Account", "accountid", "account.name")
        if not export.has("Account"):  # then accounts given by id and name are made too
            named = export.named_references(_REFERRING, "Account", "accountid", "account.name")
        for account_id, rec in named:
            if account_id not in seen:
                seen.add(account_id)
                data = {"id": account_id, "name": rec.get("account.name")}
                yield export.row(rec, account_id, data, obj="Account", counted=False)

    def supplies(self, sold_to: set[str]) -> Iterator[SourceRow]:
        """Supply links by Type ("Customer…": home supplies it; "Vendor": it supplies home),
        for accounts not in ``sold_to`` (won opportunities give those)."""
        export, home = self.export, self.export.context.home_company_id
        for rec in export.records("Account"):
            account_id, role = export.own_id(rec), self._role(rec.get("type"))
            if account_id is None or role is None or (role == "customer" and account_id in sold_to):
                continue
            pair = (home, account_id) if role == "customer" else (account_id, home)
            data = {"supplier_id": pair[0], "customer_id": pair[1]}
            yield export.row(rec, account_id, data, counted=False)

    def account_managers(self) -> Iterator[SourceRow]:
        """Each account's owner manages it."""
        export = self.export
        for rec in export.records("Account"):
            account_id = export.own_id(rec)
            owner = export.owner(rec)
            if account_id and owner:
                data = {"person_id": owner, "company_id": account_id}
                yield export.row(rec, account_id, data, counted=False)

    def _tier(self, rec: Rec) -> str:
        """A ``…Tier__c`` value, or a tier the account Type names ("Strategic", "Key")."""
        tier_field = rec.source.tier_field
        value = rec.get(tier_field) if tier_field else ""
        if not value:
            account_type = text_key(rec.get("type"))
            return next((t for pattern, t in _TYPE_TIERS if pattern.search(account_type)), "")
        if text_key(value).replace(" ", "_").replace("-", "_") in TIERS:
            return value
        self.export.warn(
            f"{rec.source.path}: tier {value!r} is not one of {', '.join(TIERS)}; left blank"
        )
        return ""

    @staticmethod
    def _role(account_type: str) -> str | None:
        folded = text_key(account_type)
        return next(
            (role for pattern, role in _ACCOUNT_ROLE_PATTERNS if pattern.search(folded)), None
        )
