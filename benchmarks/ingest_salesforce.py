"""Ingest speed of the Salesforce adapter against the canonical format on the same data.

    python -m benchmarks.ingest_salesforce [--tasks 100000] [--seed 7] [--repeat 3]

Generates a canonical dataset and converts it into a Salesforce Data Export
folder: ``Account.csv`` (the companies but the home company), ``User.csv`` (the
people of the home company), ``Contact.csv`` (the other people) and
``Task.csv``, one completed Task for each interaction with exactly one internal
and at least one external participant (the internal person owns it, the first
external one is its WhoId). The files have Data Export's column order, quoting,
byte order mark and CRLF line ends; ids are valid 18-character Salesforce ids
made from the canonical ids. The baseline is a canonical export of the same
companies, people and interactions (two participants each, the owner
initiating emails, as the adapter reads Task.csv). Each ingest runs on a fresh
embedded store in its own process, so its peak memory (max RSS) is its own.
The time on the interactions table (Task.csv, interactions.csv) is the span of
its progress reports. Both ingest ``--repeat`` times, taking turns, and the ratio is
that of the fastest run of each.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
import string
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

from benchmarks.common import peak_mib, run_child
from graph_model.settings import Settings
from ingest.adapters.salesforce import salesforce_id

COMPANIES = 1_000
PEOPLE = 20_000
END = date(2026, 6, 30)
EXPECTED_TASK_SHARE = 0.75
"""Share of generated interactions that become Tasks: a first guess, more are generated if short."""
STAMP = "2024-01-15T08:00:00.000Z"

ACCOUNT_COLUMNS = (
    "Id",
    "IsDeleted",
    "MasterRecordId",
    "Name",
    "Type",
    "ParentId",
    "BillingStreet",
    "BillingCity",
    "BillingPostalCode",
    "BillingCountry",
    "ShippingCountry",
    "Phone",
    "Website",
    "Industry",
    "AnnualRevenue",
    "NumberOfEmployees",
    "Description",
    "CurrencyIsoCode",
    "OwnerId",
    "CreatedDate",
    "CreatedById",
    "LastModifiedDate",
    "LastModifiedById",
    "SystemModstamp",
    "Tier__c",
)
CONTACT_COLUMNS = (
    "Id",
    "IsDeleted",
    "MasterRecordId",
    "AccountId",
    "LastName",
    "FirstName",
    "Salutation",
    "Name",
    "MailingCity",
    "MailingCountry",
    "Phone",
    "Email",
    "Title",
    "Department",
    "ReportsToId",
    "OwnerId",
    "Description",
    "CreatedDate",
    "CreatedById",
    "LastModifiedDate",
    "LastModifiedById",
    "SystemModstamp",
)
USER_COLUMNS = (
    "Id",
    "Username",
    "LastName",
    "FirstName",
    "Name",
    "CompanyName",
    "Division",
    "Department",
    "Title",
    "Email",
    "Alias",
    "IsActive",
    "UserRoleId",
    "ProfileId",
    "UserType",
    "ManagerId",
    "CreatedDate",
    "CreatedById",
    "LastModifiedDate",
    "LastModifiedById",
    "SystemModstamp",
)
TASK_COLUMNS = (
    "Id",
    "WhoId",
    "WhatId",
    "Subject",
    "ActivityDate",
    "Status",
    "Priority",
    "OwnerId",
    "Description",
    "Type",
    "IsDeleted",
    "AccountId",
    "IsClosed",
    "CreatedDate",
    "CreatedById",
    "LastModifiedDate",
    "LastModifiedById",
    "SystemModstamp",
    "CallDurationInSeconds",
    "CallType",
    "IsRecurrence",
    "TaskSubtype",
    "CompletedDateTime",
)
SUBTYPES = {"email": "Email", "call": "Call"}
TYPES = {
    "email": "Email",
    "call": "Call",
    "meeting": "Meeting",
    "video_call": "Video Call",
    "message": "Message",
    "event": "Conference",
    "negotiation": "Negotiation",
    "rfp": "RFP",
    "gift": "Gift",
    "note": "Note",
}
"""The Task Type picklist value of each kind."""
INTERACTION_FILES = {"salesforce": "Task.csv", "canonical": "interactions.csv"}
_BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase

Row = dict[str, str]


class Dataset(NamedTuple):
    """The canonical companies, people and interactions, by column name."""

    home: str
    companies: list[Row]
    people: list[Row]
    interactions: list[Row]


class Task(NamedTuple):
    """An interaction that becomes a Task: its row, its owner, its contact and their company."""

    row: Row
    owner: str
    who: str
    company: str


@dataclass
class Run:
    """What one ingest child reports."""

    rows: int
    seconds: float
    table_seconds: float
    peak_mib: float
    rejected: int
    """Rows of the interactions file rejected."""
    rejects: list[str]
    """Every reject of the ingest, of any file."""


class TableClock:
    """The seconds one canonical table took, from the ingest's progress reports."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.last = time.perf_counter()
        self.start: float | None = None
        self.end = self.last

    def __call__(self, table: str, done: int) -> None:
        now = time.perf_counter()
        if table == self.table:
            if self.start is None:
                self.start = self.last
            self.end = now
        self.last = now

    @property
    def seconds(self) -> float:
        return 0.0 if self.start is None else self.end - self.start


def run_ingest(fmt: str, export: str, data_dir: str) -> Run:
    from graph_model.stores import open_store
    from ingest.pipeline import IngestOptions, ingest

    settings = Settings(data_dir=Path(data_dir))
    store = open_store(settings)
    clock = TableClock("interactions")
    start = time.perf_counter()
    options = IngestOptions.from_settings(settings, format=fmt)
    result = ingest(store, Path(export), options, progress=clock)
    seconds = time.perf_counter() - start
    store.close()
    counts = result.files[INTERACTION_FILES[fmt]]
    return Run(
        rows=counts.read,
        seconds=seconds,
        table_seconds=clock.seconds,
        peak_mib=peak_mib(),
        rejected=counts.rejected,
        rejects=[f"{r.file}:{r.line} {r.column}={r.value!r}: {r.reason}" for r in result.rejects],
    )


def _child(fmt: str, export: Path, data_dir: Path) -> Run:
    args = ("--child", fmt, str(export), str(data_dir))
    return Run(**run_child("benchmarks.ingest_salesforce", *args, what=f"the {fmt} ingest"))


def _read_csv(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _read_dataset(folder: Path) -> Dataset:
    companies = _read_csv(folder / "companies.csv")
    home = next(c["id"] for c in companies if c["is_home"] == "true")
    return Dataset(
        home, companies, _read_csv(folder / "people.csv"), _read_csv(folder / "interactions.csv")
    )


def _tasks(data: Dataset) -> list[Task]:
    """The interactions with exactly one internal and at least one external participant."""
    company_of = {p["id"]: p["company_id"] for p in data.people}
    tasks = []
    for row in data.interactions:
        participants = row["participant_ids"].split(";")
        internal = [p for p in participants if company_of[p] == data.home]
        external = [p for p in participants if company_of[p] != data.home]
        if len(internal) == 1 and external:
            tasks.append(Task(row, internal[0], external[0], company_of[external[0]]))
    return tasks


def _dataset(folder: Path, tasks: int, seed: int) -> tuple[Dataset, list[Task]]:
    """A generated dataset with at least ``tasks`` Tasks, and its first ``tasks`` Tasks."""
    from ingest.generate import generate

    interactions = math.ceil(tasks / EXPECTED_TASK_SHARE)
    while True:
        generate(
            folder,
            seed=seed,
            companies=COMPANIES,
            people=PEOPLE,
            interactions=interactions,
            end=END,
        )
        data = _read_dataset(folder)
        found = _tasks(data)
        if len(found) >= tasks:
            return data, found[:tasks]
        interactions = math.ceil(interactions * tasks / max(len(found), 1) * 1.02)


def _sf_id(prefix: str, canonical_id: str) -> str:
    """The 18-character Salesforce id of object ``prefix`` for a canonical id (``p00042``)."""
    number, digits = int(canonical_id.lstrip(string.ascii_letters)), ""
    while number:
        number, digit = divmod(number, 62)
        digits = _BASE62[digit] + digits
    found = salesforce_id(f"{prefix}5g{digits:0>10}")
    if found is None:
        raise ValueError(f"no Salesforce id for {canonical_id!r}")
    return found


def _names(name: str) -> tuple[str, str]:
    first, _, last = name.partition(" ")
    return first, last


def _audit(user: str, stamp: str) -> Row:
    return {
        "CreatedDate": stamp,
        "CreatedById": user,
        "LastModifiedDate": stamp,
        "LastModifiedById": user,
        "SystemModstamp": stamp,
    }


def _day(occurred_at: str) -> date:
    return date.fromisoformat(occurred_at[:10])


def _write(
    path: Path, columns: Iterable[str], rows: Iterable[Mapping[str, str]], *, salesforce: bool
) -> int:
    """Write rows; as Salesforce does (BOM, every value quoted, CRLF) when ``salesforce``."""
    count = 0
    encoding = "utf-8-sig" if salesforce else "utf-8"
    quoting: Literal[0, 1] = csv.QUOTE_ALL if salesforce else csv.QUOTE_MINIMAL
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, list(columns), quoting=quoting, lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_salesforce(folder: Path, data: Dataset, tasks: list[Task]) -> dict[str, int]:
    """Write the Data Export of ``data`` and ``tasks``; return the rows per file."""
    folder.mkdir(parents=True, exist_ok=True)
    accounts = {c["id"]: _sf_id("001", c["id"]) for c in data.companies if c["id"] != data.home}
    people = {
        p["id"]: _sf_id("005" if p["company_id"] == data.home else "003", p["id"])
        for p in data.people
    }
    users = [p for p in data.people if p["company_id"] == data.home]
    contacts = [p for p in data.people if p["company_id"] != data.home]
    admin = people[users[0]["id"]]
    home_name = next(c["name"] for c in data.companies if c["id"] == data.home)
    country = {c["id"]: c["country"] for c in data.companies}
    account_rows = (
        {
            "Id": accounts[c["id"]],
            "IsDeleted": "false",
            "Name": c["name"],
            "BillingCountry": c["country"],
            "Website": c["domain"],
            "Industry": c["industry"],
            "CurrencyIsoCode": "EUR",
            "OwnerId": admin,
            **_audit(admin, STAMP),
            "Tier__c": c["tier"],
        }
        for c in data.companies
        if c["id"] != data.home
    )
    user_rows = (
        {
            "Id": people[p["id"]],
            "Username": p["email"],
            "LastName": _names(p["name"])[1],
            "FirstName": _names(p["name"])[0],
            "Name": p["name"],
            "CompanyName": home_name,
            "Title": p["title"],
            "Email": p["email"],
            "IsActive": "false" if p["ended_at"] else "true",
            "UserType": "Standard",
            "ManagerId": people.get(p["manager_id"], ""),
            **_audit(admin, STAMP),
        }
        for p in users
    )
    contact_rows = (
        {
            "Id": people[p["id"]],
            "IsDeleted": "false",
            "AccountId": accounts[p["company_id"]],
            "LastName": _names(p["name"])[1],
            "FirstName": _names(p["name"])[0],
            "Name": p["name"],
            "MailingCountry": country[p["company_id"]],
            "Email": p["email"],
            "Title": p["title"],
            "ReportsToId": people.get(p["manager_id"], ""),
            "OwnerId": admin,
            **_audit(admin, STAMP),
        }
        for p in contacts
    )
    task_rows = (
        _task_row(task, people[task.owner], people[task.who], accounts[task.company])
        for task in tasks
    )
    return {
        "Account.csv": _write(
            folder / "Account.csv", ACCOUNT_COLUMNS, account_rows, salesforce=True
        ),
        "User.csv": _write(folder / "User.csv", USER_COLUMNS, user_rows, salesforce=True),
        "Contact.csv": _write(
            folder / "Contact.csv", CONTACT_COLUMNS, contact_rows, salesforce=True
        ),
        "Task.csv": _write(folder / "Task.csv", TASK_COLUMNS, task_rows, salesforce=True),
    }


def _task_row(task: Task, owner: str, who: str, account: str) -> Row:
    row, day = task.row, _day(task.row["occurred_at"])
    stamp = row["occurred_at"].replace("Z", ".000Z")
    return {
        "Id": _sf_id("00T", row["id"]),
        "WhoId": who,
        "WhatId": account,
        "Subject": row["subject"],
        "ActivityDate": f"{day.month}/{day.day}/{day.year}",
        "Status": "Completed",
        "Priority": "Normal",
        "OwnerId": owner,
        "Type": TYPES[row["kind"]],
        "IsDeleted": "false",
        "AccountId": account,
        "IsClosed": "true",
        **_audit(owner, stamp),
        "IsRecurrence": "false",
        "TaskSubtype": SUBTYPES.get(row["kind"], "Task"),
        "CompletedDateTime": stamp,
    }


def write_canonical(folder: Path, data: Dataset, tasks: list[Task]) -> None:
    """Write the canonical export of the same companies, people and Tasks."""
    folder.mkdir(parents=True, exist_ok=True)
    company_columns = ("id", "name", "domain", "country", "industry", "tier", "is_home")
    people_columns = ("id", "name", "email", "company_id", "title", "manager_id")
    interaction_rows = (
        {
            "id": t.row["id"],
            "kind": t.row["kind"],
            "occurred_at": _day(t.row["occurred_at"]).isoformat(),
            "participant_ids": f"{t.owner};{t.who}",
            "initiator_id": t.owner if t.row["kind"] == "email" else "",
            "subject": t.row["subject"],
            "company_id": t.company,
        }
        for t in tasks
    )
    _write(
        folder / "companies.csv",
        company_columns,
        ({k: c[k] for k in company_columns} for c in data.companies),
        salesforce=False,
    )
    _write(
        folder / "people.csv",
        people_columns,
        ({k: p[k] for k in people_columns} for p in data.people),
        salesforce=False,
    )
    _write(
        folder / "interactions.csv",
        ("id", "kind", "occurred_at", "participant_ids", "initiator_id", "subject", "company_id"),
        interaction_rows,
        salesforce=False,
    )


def _check(fmt: str, run: Run, tasks: int) -> None:
    if run.rejected or run.rejects or run.rows != tasks:
        raise SystemExit(
            f"the {fmt} ingest read {run.rows:,} of the {tasks:,} interactions and reported "
            f"{len(run.rejects)} rejects; the conversion is wrong:\n" + "\n".join(run.rejects[:10])
        )


def _rate_line(fmt: str, unit: str, run: Run) -> str:
    return (
        f"{fmt + ' ingest:':<19}{run.rows / run.seconds:>7,.0f} {unit}/s overall "
        f"({run.seconds:.1f} s), {run.rows / run.table_seconds:>7,.0f}/s on "
        f"{INTERACTION_FILES[fmt]} ({run.table_seconds:.1f} s), peak {run.peak_mib:.0f} MiB, "
        f"{run.rejected} rows rejected, {len(run.rejects)} rejects in all"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each format")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asdict(run_ingest(*args.child))))
        return

    work = Path(tempfile.mkdtemp(prefix="srm-bench-sf-"))
    try:
        start = time.perf_counter()
        data, tasks = _dataset(work / "generated", args.tasks, args.seed)
        generated = time.perf_counter() - start
        salesforce, canonical = work / "salesforce", work / "canonical"
        written = write_salesforce(salesforce, data, tasks)
        write_canonical(canonical, data, tasks)
        print(
            f"generated {len(data.interactions):,} interactions in {generated:.1f} s, "
            f"converted in {time.perf_counter() - start - generated:.1f} s"
        )
        runs = []
        for turn in range(1, args.repeat + 1):
            ours = _child("salesforce", salesforce, work / f"store-salesforce-{turn}")
            base = _child("canonical", canonical, work / f"store-canonical-{turn}")
            _check("salesforce", ours, len(tasks))
            _check("canonical", base, len(tasks))
            runs.append((ours, base))
            print(f"run {turn}: salesforce {ours.seconds:.1f} s, canonical {base.seconds:.1f} s")
        ours = min((o for o, _ in runs), key=lambda r: r.seconds)
        base = min((b for _, b in runs), key=lambda r: r.seconds)
        print(f"the fastest of {args.repeat} runs of each:")
        print(
            f"graph: {written['Account.csv']:,} accounts, {written['User.csv']:,} users, "
            f"{written['Contact.csv']:,} contacts, {written['Task.csv']:,} tasks "
            "(2 participants each)"
        )
        print(_rate_line("salesforce", "Task rows", ours))
        print(_rate_line("canonical", "interactions", base))
        print(
            f"ratio salesforce / canonical: {base.seconds / ours.seconds:.2f} overall, "
            f"{base.table_seconds / ours.table_seconds:.2f} on the interactions table"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
