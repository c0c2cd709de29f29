"""HubSpot CRM exports as rows of the canonical tables.

Reads the CSV files of HubSpot's exports (``hubspot-crm-exports-all-companies-….csv``,
``all-contacts.csv``, ``deals.csv``, ``all-calls.csv`` …), files shaped like its
import templates (internal property names: ``firstname``, ``dealstage``,
``hs_timestamp`` …) and an optional ``owners.csv`` ("Owner ID", "First Name",
"Last Name", "Email"). What a file holds is told by its header, not its name;
header spellings are matched ignoring case and spacing.

=========================  ================================================================
HubSpot                    graph
=========================  ================================================================
company                    Company ``hs:company:<Record ID>``; domain from "Company Domain
                           Name", else from "Website URL"
company Type Vendor        SUPPLIES company → home
company Type Customer      SUPPLIES home → company
customer (Type or stage)   its "Company owner" MANAGES_ACCOUNT
contact                    Person ``hs:contact:<Record ID>``, WORKS_AT the associated
                           company (by id, else company name, else email domain)
owner (a HubSpot user)     Person ``hs:owner:<name, or number if no name is known>``,
                           WORKS_AT the home company
closed-won deals           one SUPPLIES home → company per company: Amounts summed,
                           earliest Close Date as ``since``
activity                   Interaction ``hs:activity:<Record ID>``: the assigned owner and
                           the associated contacts take part; the owner starts outbound
                           emails and calls, the one contact inbound ones
=========================  ================================================================
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import chain
from typing import ClassVar, TypeVar

from ingest.adapters.base import (
    AdapterContext,
    AdapterReport,
    CanonicalTables,
    home_company_row,
)
from ingest.normalize import Lookup, domain_key, name_key, text_key
from ingest.records import Reject, SourceRow
from ingest.sources import ExportError, ExportFile
from ingest.values import parse_datetime, parse_float, parse_list

T = TypeVar("T")
Columns = Mapping[str, tuple[str, ...]]
"""Header spellings by field, the preferred first."""

COMPANY_COLUMNS: Columns = {
    "id": ("Record ID", "hs_object_id", "Company ID"),
    "name": ("Company name", "name"),
    "domain": ("Company Domain Name", "domain"),
    "website": ("Website URL", "website"),
    "country": ("Country/Region", "country"),
    "industry": ("Industry",),
    "owner": ("Company owner", "HubSpot owner", "hubspot_owner_id"),
    "type": ("Type",),
    "lifecycle": ("Lifecycle Stage", "lifecyclestage"),
}
_PRIMARY_COMPANY_ID = (
    "Associated Company ID (Primary)",
    "Associated Company IDs (Primary)",
    "Primary Associated Company ID",
    "associatedcompanyid",
)
CONTACT_COLUMNS: Columns = {
    "id": ("Record ID", "hs_object_id", "Contact ID"),
    "first_name": ("First Name", "firstname"),
    "last_name": ("Last Name", "lastname"),
    "email": ("Email", "Email Address"),
    "title": ("Job Title", "jobtitle"),
    "owner": ("Contact owner", "HubSpot owner", "hubspot_owner_id"),
    "primary_company_id": _PRIMARY_COMPANY_ID,
    "company_ids": ("Associated Company IDs", "Associated Company ID"),
    "company_names": (
        "Associated Company (Primary)",
        "Associated Company",
        "Company Name",
        "company",
    ),
}
DEAL_COLUMNS: Columns = {
    "id": ("Record ID", "hs_object_id", "Deal ID"),
    "stage": ("Deal Stage", "dealstage"),
    "amount": ("Amount",),
    "close_date": ("Close Date", "closedate"),
    "currency": ("Deal currency code", "Currency", "deal_currency_code"),
    "owner": ("Deal owner", "HubSpot owner", "hubspot_owner_id"),
    "primary_company_id": _PRIMARY_COMPANY_ID,
    "company_ids": ("Associated Company IDs", "Associated Company ID"),
    "company_names": ("Associated Company (Primary)", "Associated Company"),
}
ACTIVITY_COLUMNS: Columns = {
    "id": ("Record ID", "Activity ID", "hs_object_id"),
    "type": ("Activity type", "hs_engagement_type", "hs_activity_type"),
    "date": (
        "Activity date",
        "Timestamp",
        "hs_timestamp",
        "Meeting start time",
        "Create date",
        "hs_createdate",
    ),
    "owner": ("Activity assigned to", "Assigned to", "HubSpot owner", "hubspot_owner_id"),
    "contact_ids": ("Associated Contact IDs", "Associated Contact ID"),
    "contact_names": ("Associated Contact",),
    "company_ids": ("Associated Company IDs", "Associated Company ID"),
    "company_names": ("Associated Company",),
    "meeting_type": (
        "Call and meeting type",
        "hs_activity_type",
        "Meeting location",
        "Location",
        "hs_meeting_location",
    ),
    "email_direction": ("Email direction", "hs_email_direction"),
    "call_direction": ("Call direction", "hs_call_direction"),
    "subject": (
        "Subject",
        "Title",
        "Activity subject",
        "Email subject",
        "Call title",
        "Meeting name",
        "Task title",
        "hs_email_subject",
        "hs_call_title",
        "hs_meeting_title",
        "hs_task_subject",
    ),
    "body": (
        "Body preview",
        "Note body",
        "Email body",
        "Call notes",
        "Meeting description",
        "hs_body_preview",
        "hs_note_body",
    ),
}
OWNER_COLUMNS: Columns = {
    "id": ("Owner ID",),
    "name": ("Name", "Full name"),
    "first_name": ("First Name", "firstname"),
    "last_name": ("Last Name", "lastname"),
    "email": ("Email",),
}

ACTIVITY_KINDS: Mapping[str, str] = {
    "call": "call",
    "email": "email",
    "incoming_email": "email",
    "forwarded_email": "email",
    "meeting": "meeting",
    "note": "note",
    "task": "note",
    "linkedin_message": "message",
    "sms": "message",
    "whats_app": "message",
    "whatsapp": "message",
}
"""Interaction kind by activity type (as a code: ``Incoming email`` is ``incoming_email``)."""
FILE_ACTIVITY_TYPES: Mapping[str, str] = {
    "call": "call",
    "calls": "call",
    "email": "email",
    "emails": "email",
    "meeting": "meeting",
    "meetings": "meeting",
    "note": "note",
    "notes": "note",
    "task": "task",
    "tasks": "task",
}
"""Activity type by a word of the file name, for exports of one type without a type column."""
DIRECTIONS: Mapping[str, str] = {
    "email": "outbound",
    "outgoing_email": "outbound",
    "outbound": "outbound",
    "outgoing": "outbound",
    "incoming_email": "inbound",
    "inbound": "inbound",
    "incoming": "inbound",
}
"""Direction by email direction, call direction or activity type (forwarded emails have none)."""
VIDEO_WORDS = ("video", "zoom", "teams", "google meet", "webex", "skype", "whereby")
"""A meeting whose type or location names one of these is a ``video_call``."""
COMPANY_ROLES: Mapping[str, str] = {
    "vendor": "supplier",
    "supplier": "supplier",
    "customer": "customer",
}
"""What a company's Type makes it to the home company; other types (partner…) make nothing."""
WON_STAGES = frozenset({"closedwon", "closed_won", "won"})
_NOT_LETTERS = re.compile(r"[^a-z]+")
_NOTES = re.compile(r"\(.*?\)")
_NOT_CODE = re.compile(r"[^0-9a-z]+")
_NOT_WORD = re.compile(r"[\W_]+")
_NAME_AND_EMAIL = re.compile(r"(.*?)\s*\(([^()\s]+@[^()\s]+)\)")


@dataclass(frozen=True)
class HubSpotObject:
    """A kind of HubSpot file: the headers that mark it and its columns by field."""

    name: str
    signature: tuple[str, ...]
    columns: Columns


OWNERS = HubSpotObject("owners", ("Owner ID",), OWNER_COLUMNS)
ACTIVITIES = HubSpotObject(
    "activities",
    (
        "Activity type",
        "Activity date",
        "Timestamp",
        "Email direction",
        "Call direction",
        "Meeting start time",
        "hs_timestamp",
        "hs_engagement_type",
        "hs_activity_type",
        "hs_email_direction",
        "hs_call_direction",
    ),
    ACTIVITY_COLUMNS,
)
DEALS = HubSpotObject("deals", ("Deal Name", "Deal Stage", "dealname", "dealstage"), DEAL_COLUMNS)
CONTACTS = HubSpotObject(
    "contacts", ("First Name", "Last Name", "Email", "firstname", "lastname"), CONTACT_COLUMNS
)
COMPANIES = HubSpotObject(
    "companies",
    ("Company name", "Company Domain Name", "Website URL", "name", "domain"),
    COMPANY_COLUMNS,
)
OBJECTS = (OWNERS, ACTIVITIES, DEALS, CONTACTS, COMPANIES)
"""In the order a header is tried against them, the most specific first."""
READ_ORDER = ("companies", "contacts", "deals", "activities", "owners")


@dataclass(frozen=True)
class _File:
    kind: HubSpotObject
    export: ExportFile
    headers: Columns
    """The file's own headers by field, the preferred first."""

    @property
    def path(self) -> str:
        return self.export.path

    @cached_property
    def activity_type(self) -> str:
        """The activity type the file's name tells (``all-calls.csv``: call), or ``""``."""
        words = _NOT_LETTERS.split(self.export.name)
        return next((FILE_ACTIVITY_TYPES[w] for w in words if w in FILE_ACTIVITY_TYPES), "")

    def rows(self) -> Iterator[_Row]:
        for line, data in self.export.rows():
            yield _Row(self, line, data)


@dataclass(frozen=True)
class _Row:
    file: _File
    line: int
    data: Mapping[str, str | None]

    def values(self, name: str) -> list[tuple[str, str]]:
        """``(header, value)`` of each non-blank column of field ``name``, the preferred first."""
        cells = ((h, (self.data.get(h) or "").strip()) for h in self.file.headers.get(name, ()))
        return [(header, value) for header, value in cells if value]

    def get(self, name: str) -> str:
        return next((value for _, value in self.values(name)), "")

    def column(self, name: str) -> str:
        """The header to name in a reject of field ``name``."""
        headers = [h for h, _ in self.values(name)] or list(self.file.headers.get(name, ()))
        return headers[0] if headers else self.file.kind.columns[name][0]


@dataclass(frozen=True)
class _Owner:
    id: str
    name: str
    email: str


@dataclass
class _WonDeals:
    """The closed-won deals of one company, summed into one customer relationship."""

    first: _Row
    currency: str = ""
    total: float | None = None
    since: datetime | None = None
    since_text: str = ""


class HubSpotAdapter:
    """Reads HubSpot exports: companies, contacts, deals, activities and owners."""

    format: ClassVar[str] = "hubspot"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> bool:
        return any(_identified(f) for f in files.values())

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        export = _Export(files, context, report)
        return {
            "companies": export.companies(),
            "people": export.people(),
            "supplies": export.supplies(),
            "interactions": export.interactions(),
            "account_managers": export.account_managers(),
        }


class _Export:
    """The HubSpot files of one export, read as canonical rows."""

    def __init__(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> None:
        self.context = context
        self.report = report
        self.files: dict[str, list[_File]] = {name: [] for name in READ_ORDER}
        self._owners: dict[str, _Owner | None] = {}
        """The owner of each owner cell read so far, by the cell's text."""
        for _, export_file in sorted(files.items()):
            self._add(export_file)

    def _add(self, export_file: ExportFile) -> None:
        try:
            found = _classify(export_file)
        except ExportError as exc:
            self.report.warnings.append(f"{export_file.path}: unreadable ({exc}); ignored")
            return
        if found is None:
            kinds = ", ".join(READ_ORDER)
            self.report.warnings.append(
                f"{export_file.path}: not a HubSpot export of {kinds}; ignored"
            )
        elif "id" not in found.headers:
            column = found.kind.columns["id"][0]
            self.report.skip_file(
                export_file,
                column,
                f"no {column} column, so its {found.kind.name} cannot be told apart",
            )
        else:
            self.files[found.kind.name].append(found)

    def _rows(self, kind: str) -> Iterator[_Row]:
        return chain.from_iterable(f.rows() for f in self.files[kind])

    def _source(
        self, row: _Row, data: dict[str, str], origin: str | None, *, counted: bool = True
    ) -> SourceRow:
        return SourceRow(
            row.file.path,
            row.line,
            data,
            origin=origin,
            counted=counted,
            day_first=self.context.day_first,
        )

    def _reject(self, row: _Row, column: str, value: str, reason: str) -> None:
        self.report.rejects.append(Reject(row.file.path, row.line, column, value, reason))

    # companies

    def companies(self) -> Iterator[SourceRow]:
        first = next(chain.from_iterable(self.files.values()), None)
        if first is not None and not self.context.home_company_known:
            yield home_company_row(self.context, first.path)
        for row in self._rows("companies"):
            data = {
                "id": _hs_id("company", row.get("id")),
                "name": row.get("name"),
                "domain": _domain(row),
                "country": row.get("country"),
                "industry": row.get("industry"),
            }
            yield self._source(row, data, _origin("company", row))

    @cached_property
    def _company_lookup(self) -> tuple[Lookup, Lookup]:
        """Company ids by normalised name and by domain."""
        names, domains = Lookup(), Lookup()
        for row in self._rows("companies"):
            company = _hs_id("company", row.get("id"))
            names.add(name_key(row.get("name")) or "", company)
            domains.add(_domain(row), company)
        return names, domains

    def _associated_company(self, row: _Row) -> str | None:
        """The company ``row`` is associated with: by id, the primary first, else by name."""
        ids = [row.get("primary_company_id"), *_ids(row.get("company_ids"))]
        if first := next((i for i in ids if i), None):
            return _hs_id("company", first)
        names, _ = self._company_lookup
        found = (
            names.get(name_key(n) or "")
            for _, text in row.values("company_names")
            for n in parse_list(text)
        )
        return next((company for company in found if company), None)

    def _company_by_email(self, email: str) -> str | None:
        """The company whose domain is that of ``email`` (never for free-mail domains)."""
        _, domains = self._company_lookup
        return domains.get(domain_key(email) or "")

    # people

    def people(self) -> Iterator[SourceRow]:
        yield from self._contacts()
        seen: set[str] = set()
        for row in self._rows("owners"):
            owner = _listed_owner(row)
            if owner.id not in seen:
                seen.add(owner.id)
                yield self._owner_row(row, owner, _origin("owner", row), counted=True)
        for row, raw, owner in self._owner_mentions():
            if owner.id not in seen:
                seen.add(owner.id)
                yield self._owner_row(row, owner, f"hubspot:owner:{raw}", counted=False)

    def _contacts(self) -> Iterator[SourceRow]:
        for contacts in self.files["contacts"]:
            total = unmatched = 0
            for row in contacts.rows():
                email = row.get("email")
                company = self._associated_company(row) or self._company_by_email(email)
                total += 1
                unmatched += company is None
                data = {
                    "id": _hs_id("contact", row.get("id")),
                    "name": _full_name(row) or email,
                    "email": email,
                    "title": row.get("title"),
                    "company_id": company or "",
                }
                yield self._source(row, data, _origin("contact", row))
            if unmatched:
                self.report.warnings.append(
                    f"{contacts.path}: {unmatched} of {total} contacts matched no company "
                    "(by association, company name or email domain); imported without one"
                )

    @cached_property
    def _contact_lookup(self) -> tuple[Lookup, Lookup]:
        """Contact ids by email and by normalised full name."""
        emails, names = Lookup(), Lookup()
        for row in self._rows("contacts"):
            contact = _hs_id("contact", row.get("id"))
            emails.add(row.get("email").casefold(), contact)
            names.add(_person_key(_full_name(row)), contact)
        return emails, names

    def _contact(self, label: str) -> str | None:
        """The contact an association label names: ``Jane Doe (jane@acme.com)``, a name or email."""
        name, email = _name_and_email(label)
        emails, names = self._contact_lookup
        return emails.get((email or name).casefold()) or names.get(_person_key(name))

    # owners

    @cached_property
    def _owner_index(self) -> tuple[dict[str, _Owner], dict[str, _Owner]]:
        """The owners of ``owners.csv`` by owner number and by normalised name."""
        by_number: dict[str, _Owner] = {}
        by_name: dict[str, _Owner] = {}
        for row in self._rows("owners"):
            owner = _listed_owner(row)
            by_number.setdefault(row.get("id"), owner)
            by_name.setdefault(_person_key(owner.name), owner)
        return by_number, by_name

    def _owner(self, value: str) -> _Owner | None:
        """The owner a cell names: a full name (maybe with its email) or an owner number."""
        if value in self._owners:
            return self._owners[value]
        owner = self._owners[value] = self._new_owner(value)
        return owner

    def _new_owner(self, value: str) -> _Owner | None:
        name, email = _name_and_email(value)
        if not name:
            return None
        by_number, by_name = self._owner_index
        if name.isdigit():
            return by_number.get(name) or _Owner(_owner_id(name), f"HubSpot owner {name}", "")
        return by_name.get(_person_key(name)) or _Owner(_owner_id(name), name, email)

    def _owner_mentions(self) -> Iterator[tuple[_Row, str, _Owner]]:
        for kind in ("companies", "contacts", "deals", "activities"):
            for row in self._rows(kind):
                raw = row.get("owner")
                if owner := self._owner(raw):
                    yield row, raw, owner

    def _owner_row(
        self, row: _Row, owner: _Owner, origin: str | None, *, counted: bool
    ) -> SourceRow:
        data = {
            "id": owner.id,
            "name": owner.name,
            "email": owner.email,
            "company_id": self.context.home_company_id,
        }
        return self._source(row, data, origin, counted=counted)

    # supplies

    def supplies(self) -> Iterator[SourceRow]:
        won = self._won_deals
        home = self.context.home_company_id
        for row in self._rows("companies"):
            company = _hs_id("company", row.get("id"))
            role = COMPANY_ROLES.get(_code(row.get("type")))
            if not company or role is None or (role == "customer" and company in won):
                continue
            supplier, customer = (company, home) if role == "supplier" else (home, company)
            data = {"supplier_id": supplier, "customer_id": customer}
            yield self._source(row, data, _origin("company", row), counted=False)
        for company, deals in won.items():
            data = {
                "supplier_id": home,
                "customer_id": company,
                "annual_value": "" if deals.total is None else repr(deals.total),
                "currency": deals.currency,
                "since": deals.since_text,
            }
            yield self._source(deals.first, data, _origin("deal", deals.first))

    @cached_property
    def _won_deals(self) -> dict[str, _WonDeals]:
        """The closed-won deals by company, in the order their first deal is listed."""
        won: dict[str, _WonDeals] = {}
        for row in self._rows("deals"):
            if _code(row.get("stage")) not in WON_STAGES:
                continue
            company = self._associated_company(row)
            if company is None:
                self._reject(
                    row,
                    row.column("company_ids"),
                    "",
                    "a won deal needs an associated company; deal left out",
                )
                continue
            self._add_deal(won.setdefault(company, _WonDeals(row)), row)
        return won

    def _add_deal(self, deals: _WonDeals, row: _Row) -> None:
        currency = row.get("currency").upper()
        if currency and deals.currency and currency != deals.currency:
            reason = (
                f"the company's other won deals are in {deals.currency}; "
                "this deal is left out of its annual value"
            )
            self._reject(row, row.column("currency"), currency, reason)
            return
        deals.currency = deals.currency or currency
        amount = self._parsed(
            row, "amount", parse_float, "this deal is left out of the company's annual value"
        )
        if amount is not None:
            deals.total = (deals.total or 0.0) + amount
        close = self._parsed(
            row, "close_date", self._datetime, "this deal's close date is not used for since"
        )
        if close is not None and (deals.since is None or close < deals.since):
            deals.since, deals.since_text = close, row.get("close_date")

    def _datetime(self, text: str) -> datetime:
        return parse_datetime(text, day_first=self.context.day_first)

    def _parsed(
        self, row: _Row, name: str, parse: Callable[[str], T], consequence: str
    ) -> T | None:
        text = row.get(name)
        if not text:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self._reject(row, row.column(name), text, f"{exc}; {consequence}")
            return None

    # interactions

    def interactions(self) -> Iterator[SourceRow]:
        for row in self._rows("activities"):
            yield self._interaction(row)

    def _interaction(self, row: _Row) -> SourceRow:
        activity_type = _activity_type(row)
        kind = ACTIVITY_KINDS.get(activity_type, row.get("type"))
        if kind == "meeting" and _is_video(row):
            kind = "video_call"
        owner = self._owner(row.get("owner"))
        contacts = self._activity_contacts(row)
        company = self._associated_company(row)
        if company is None and row.get("company_names"):
            self._reject(
                row,
                row.column("company_names"),
                row.get("company_names"),
                "no company of this name in the companies export; "
                "the activity is kept without a company",
            )
        data = {
            "id": _hs_id("activity", row.get("id")),
            "kind": kind,
            "occurred_at": row.get("date"),
            "participant_ids": ";".join(([owner.id] if owner else []) + contacts),
            "initiator_id": _initiator(_direction(row, activity_type), owner, contacts),
            "subject": row.get("subject") or _first_line(row.get("body")),
            "company_id": company or "",
        }
        return self._source(row, data, _origin("activity", row))

    def _activity_contacts(self, row: _Row) -> list[str]:
        """The associated contacts: by id, else by name or email in the contacts export."""
        if ids := _ids(row.get("contact_ids")):
            return [_hs_id("contact", i) for i in ids]
        found: list[str] = []
        for header, text in row.values("contact_names"):
            for label in parse_list(text):
                if contact := self._contact(label):
                    found.append(contact)
                else:
                    self._reject(
                        row,
                        header,
                        label,
                        "no contact with this name or email in "
                        "the contacts export; left out of the participants",
                    )
        return found

    # account managers

    def account_managers(self) -> Iterator[SourceRow]:
        for row in self._rows("companies"):
            company = _hs_id("company", row.get("id"))
            owner = self._owner(row.get("owner"))
            customer = (
                COMPANY_ROLES.get(_code(row.get("type"))) == "customer"
                or _code(row.get("lifecycle")) == "customer"
            )
            if company and owner and customer:
                data = {"person_id": owner.id, "company_id": company}
                yield self._source(row, data, _origin("company", row), counted=False)


def _classify(export_file: ExportFile) -> _File | None:
    """What ``export_file`` holds, by its header; ``None`` if no HubSpot object."""
    present = {text_key(h): h for h in export_file.header if h}
    for kind in OBJECTS:
        if any(text_key(s) in present for s in kind.signature):
            headers = {
                name: found
                for name, spellings in kind.columns.items()
                if (found := tuple(present[k] for k in map(text_key, spellings) if k in present))
            }
            return _File(kind, export_file, headers)
    return None


def _identified(export_file: ExportFile) -> bool:
    """True for a HubSpot file with a record id column (a readable one)."""
    try:
        found = _classify(export_file)
    except ExportError:
        return False
    return found is not None and "id" in found.headers


def _listed_owner(row: _Row) -> _Owner:
    """An owner of ``owners.csv``."""
    number = row.get("id")
    name = row.get("name") or _full_name(row)
    email = row.get("email")
    return _Owner(_owner_id(name or number), name or email or f"HubSpot owner {number}", email)


def _activity_type(row: _Row) -> str:
    """The activity type code from the type column or, failing that, the file name."""
    codes = (_code(row.get("type")), row.file.activity_type)
    return next((code for code in codes if code in ACTIVITY_KINDS), "")


def _direction(row: _Row, activity_type: str) -> str | None:
    value = row.get("email_direction") or row.get("call_direction") or activity_type
    return DIRECTIONS.get(_code(value))


def _initiator(direction: str | None, owner: _Owner | None, contacts: list[str]) -> str:
    if direction == "outbound" and owner:
        return owner.id
    if direction == "inbound" and len(contacts) == 1:
        return contacts[0]
    return ""


def _is_video(row: _Row) -> bool:
    text = " ".join(value for _, value in row.values("meeting_type")).casefold()
    return any(word in text for word in VIDEO_WORDS)


def _origin(kind: str, row: _Row) -> str | None:
    record_id = row.get("id")
    return f"hubspot:{kind}:{record_id}" if record_id else None


def _hs_id(kind: str, record_id: str) -> str:
    """``hs:<kind>:<id>``, or ``""`` without an id (the canonical builder rejects that)."""
    return f"hs:{kind}:{record_id}" if record_id else ""


def _owner_id(name_or_number: str) -> str:
    slug = _person_key(name_or_number).replace(" ", "-")
    return f"hs:owner:{slug}" if slug else ""


def _full_name(row: _Row) -> str:
    return " ".join(part for part in (row.get("first_name"), row.get("last_name")) if part)


def _code(value: str) -> str:
    """A value as a code: ``Closed won (Sales Pipeline)`` is ``closed_won``."""
    without_notes = _NOTES.sub("", value.casefold())
    return _NOT_CODE.sub("_", without_notes).strip("_")


def _person_key(name: str) -> str:
    """A person's name for matching: ``Weber,  Jana`` is ``weber jana``."""
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


def _name_and_email(label: str) -> tuple[str, str]:
    """``Jane Doe (jane@acme.com)`` as name and email; a label without one has email ``""``."""
    match = _NAME_AND_EMAIL.fullmatch(label.strip())
    return (match[1], match[2].casefold()) if match else (label.strip(), "")


def _ids(text: str) -> list[str]:
    """The ids of an association cell, separated by ``;`` or ``,``."""
    return parse_list(text.replace(",", ";"))


def _domain(row: _Row) -> str:
    """The company's web domain, from its domain or else its website URL (free-mail: none)."""
    return domain_key(row.get("domain") or row.get("website")) or ""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
