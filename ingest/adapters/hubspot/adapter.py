"""The HubSpot adapter: an export's files as the canonical tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import ClassVar

from ingest.adapters.base import (
    AdapterContext,
    AdapterReport,
    CanonicalTables,
    home_company_row,
)
from ingest.adapters.hubspot.deals import Deals
from ingest.adapters.hubspot.export import Export, record_id
from ingest.adapters.hubspot.files import Row, is_hubspot
from ingest.adapters.hubspot.interactions import Interactions
from ingest.adapters.hubspot.links import Links, company_domain, guest_id
from ingest.adapters.hubspot.owners import Owner, Owners
from ingest.adapters.hubspot.text import code
from ingest.records import SourceRow
from ingest.sources import ExportFile

COMPANY_ROLES: Mapping[str, str] = {
    "vendor": "supplier",
    "supplier": "supplier",
    "customer": "customer",
}
"""What a company's Type makes it to the home company; other types (partner…) make nothing."""


class HubSpotAdapter:
    """Reads HubSpot exports: companies, contacts, deals, activities, tickets and owners."""

    format: ClassVar[str] = "hubspot"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> list[str]:
        return sorted(f.path for f in files.values() if is_hubspot(f))

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        return _Tables(Export(files, context, report)).tables()


class _Tables:
    """The canonical tables of one export."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.links = Links(export)
        self.owners = Owners(export)
        self.deals = Deals(export, self.links, self.owners)
        self.interactions = Interactions(export, self.links, self.owners)

    def tables(self) -> CanonicalTables:
        return {
            "companies": self.companies(),
            "people": self.people(),
            "supplies": self.supplies(),
            "interactions": self.interactions.rows(),
            "opportunities": self.deals.opportunities(),
            "account_managers": self.account_managers(),
        }

    @property
    def home(self) -> str:
        return self.export.context.home_company_id

    def companies(self) -> Iterator[SourceRow]:
        context, first = self.export.context, self.export.first_path
        if first is not None and not context.home_company_known:
            yield home_company_row(context, first)
        for row in self.export.records("companies"):
            domain = company_domain(row)
            if not (name := row.get("name") or domain):
                column = row.column("name")
                self.export.skip(row, column, "", f"no {column} and no domain to name it by")
                continue
            data = {
                "id": record_id("companies", row.record_id),
                "name": name,
                "domain": domain,
                "country": row.get("country"),
                "industry": row.get("industry"),
            }
            yield self.export.source(row, data)

    def people(self) -> Iterator[SourceRow]:
        yield from self._contacts()
        for row, owner in self.owners.listed():
            origin = f"hubspot:owner:{row.get('id') or owner.email or owner.name}"
            yield self._owner(row, owner, origin, counted=True)
        for row, cell, owner in self.owners.unlisted():
            yield self._owner(row, owner, f"hubspot:owner:{cell}", counted=False)
        for row, email, name in self.interactions.guests():
            data = {
                "id": guest_id(email),
                "name": name or email,
                "email": email,
                "company_id": self.links.company_at(email) or "",
            }
            yield self.export.source(row, data, counted=False, origin=f"hubspot:email:{email}")

    def _contacts(self) -> Iterator[SourceRow]:
        total: Counter[str] = Counter()
        unplaced: Counter[str] = Counter()
        for row in self.export.records("contacts"):
            email = row.get("email")
            full = " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
            if not (name := full or email):
                column = row.column("email")
                self.export.skip(row, column, "", f"no name and no {column} to know the contact by")
                continue
            company = self.links.employer(row)
            total[row.file.path] += 1
            unplaced[row.file.path] += company is None
            data = {
                "id": record_id("contacts", row.record_id),
                "name": name,
                "email": email,
                "title": row.get("title"),
                "company_id": company or "",
            }
            yield self.export.source(row, data)
        for path, count in unplaced.items():
            if count:
                self.export.report.warnings.append(
                    f"{path}: {count} of {total[path]} contacts matched no company (by "
                    "association, company name or e-mail domain); imported without one"
                )

    def _owner(self, row: Row, owner: Owner, origin: str, *, counted: bool) -> SourceRow:
        data = {
            "id": owner.id,
            "name": owner.name,
            "email": owner.email,
            "title": owner.title,
            "company_id": self.home,
        }
        return self.export.source(row, data, counted=counted, origin=origin)

    def supplies(self) -> Iterator[SourceRow]:
        """Companies of Type Vendor supply the home company, which supplies those of Type
        Customer (with the value of their won deals where they have some)."""
        won = self.deals.won
        for row in self.export.rows("companies"):
            company = record_id("companies", row.record_id)
            role = COMPANY_ROLES.get(code(row.get("type")))
            if not company or role is None or (role == "customer" and company in won):
                continue
            supplier, customer = (
                (company, self.home) if role == "supplier" else (self.home, company)
            )
            data = {"supplier_id": supplier, "customer_id": customer}
            yield self.export.source(row, data, counted=False)
        yield from self.deals.supplies()

    def account_managers(self) -> Iterator[SourceRow]:
        """The owner of a customer (by Type or Lifecycle Stage) manages the account."""
        for row in self.export.rows("companies"):
            company = record_id("companies", row.record_id)
            owner = self.owners.owner(row.get("owner"))
            customer = (
                COMPANY_ROLES.get(code(row.get("type"))) == "customer"
                or code(row.get("lifecycle")) == "customer"
            )
            if company and owner and customer:
                data = {"person_id": owner.id, "company_id": company}
                yield self.export.source(row, data, counted=False)
