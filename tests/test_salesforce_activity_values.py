"""Tasks and events mapped straight from their values give the rows, rejects, warnings and
counts that the general way through their fields gives, whatever the rows hold."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.adapters.base import AdapterContext, AdapterReport
from ingest.adapters.salesforce import SalesforceAdapter, salesforce_id
from ingest.adapters.salesforce.activity_values import ActivityValues
from ingest.sources import open_export


def _ids(prefix: str, count: int) -> list[str]:
    return [salesforce_id(f"{prefix}5g00000Zz{n:03d}") or "" for n in range(count)]


ACCOUNTS, USERS, CONTACTS = _ids("001", 3), _ids("005", 2), _ids("003", 3)
TASKS, EVENTS = _ids("00T", 30), _ids("00U", 20)
GROUP, LEAD, OPPORTUNITY = _ids("00G", 1)[0], _ids("00Q", 1)[0], _ids("006", 1)[0]
UNKNOWN_CONTACT, UNKNOWN_ACCOUNT = _ids("003", 90)[-1], _ids("001", 90)[-1]
DAMAGED = TASKS[0][:15] + "AAA"

TASK_COLUMNS = (
    "Id",
    "WhoId",
    "WhatId",
    "Subject",
    "ActivityDate",
    "OwnerId",
    "Type",
    "IsDeleted",
    "AccountId",
    "IsClosed",
    "CreatedDate",
    "IsRecurrence",
    "TaskSubtype",
)
EVENT_COLUMNS = (
    "Id",
    "WhoId",
    "WhatId",
    "Subject",
    "StartDateTime",
    "OwnerId",
    "Type",
    "IsDeleted",
    "AccountId",
    "IsChild",
    "CreatedDate",
    "EventSubtype",
)


def _padded(text: str) -> str:
    return f" {text} "


def _short(text: str) -> str:
    return text[:15]


def _mostly(plain: st.SearchStrategy[str], *odd: str) -> st.SearchStrategy[str]:
    """``plain`` three times in four, else one of ``odd``: most rows are plain, so that an
    odd value (a group, a lead) is often read before a plain row names it again."""
    return st.one_of(plain, plain, plain, st.sampled_from(odd))


def _reference(ids: list[str]) -> st.SearchStrategy[str]:
    """An id of ``ids``, in 18 or 15 characters, maybe padded."""
    forms = st.sampled_from([lambda t: t, lambda t: t[:15], lambda t: f" {t} "])
    return st.builds(lambda form, text: form(text), forms, st.sampled_from(ids))


FLAGS = _mostly(st.just("false"), "true", "", "TRUE", " no ", "0")
CLOSED = _mostly(st.just("true"), "false", "", "FALSE", " yes ", "1")
TIMES = _mostly(st.sampled_from(["7/1/2024", "2024-07-01T07:12:00.000Z"]), "", " 2024-07-02 ")
ROW_VALUES: dict[str, st.SearchStrategy[str]] = {
    "Id": _mostly(_reference(TASKS + EVENTS), "", DAMAGED, "task-7", TASKS[1].lower()),
    "WhoId": _mostly(_reference(CONTACTS), "", LEAD, UNKNOWN_CONTACT, USERS[0], "contact-9"),
    "WhatId": _mostly(st.just(""), ACCOUNTS[1], OPPORTUNITY, UNKNOWN_ACCOUNT),
    "Subject": st.sampled_from(
        ["Email: prices", "Re: samples", "Quarterly review", "", "Follow-up", "Call"]
    ),
    "ActivityDate": TIMES,
    "StartDateTime": TIMES,
    "CreatedDate": TIMES,
    "OwnerId": _mostly(_reference(USERS), "", GROUP, "user-3"),
    "Type": st.sampled_from(["Call", "Meeting", "", "Fax", "Other"]),
    "IsDeleted": FLAGS,
    "IsClosed": CLOSED,
    "IsChild": FLAGS,
    "IsRecurrence": FLAGS,
    "AccountId": _mostly(_reference(ACCOUNTS), "", UNKNOWN_ACCOUNT),
    "TaskSubtype": st.sampled_from(["Email", "Call", "Task", "", "ListEmail"]),
    "EventSubtype": st.sampled_from(["Event", ""]),
}


def _rows(columns: tuple[str, ...]) -> st.SearchStrategy[list[dict[str, str]]]:
    row = st.fixed_dictionaries({c: ROW_VALUES[c] for c in columns})
    return st.lists(row, max_size=12)


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([[row.get(c, "") for c in columns] for row in rows])


def _export(
    folder: Path,
    tasks: list[dict[str, str]],
    events: list[dict[str, str]],
    invitees: list[tuple[str, str]],
    task_columns: tuple[str, ...] = TASK_COLUMNS,
) -> Path:
    for path in folder.iterdir():
        path.unlink()
    system = ("IsDeleted", "CreatedDate")
    _write(
        folder / "Account.csv",
        ("Id", "Name", *system),
        [{"Id": a, "Name": f"Account {n}"} for n, a in enumerate(ACCOUNTS)],
    )
    _write(
        folder / "User.csv",
        ("Id", "FirstName", "LastName", *system),
        [{"Id": u, "FirstName": "User", "LastName": str(n)} for n, u in enumerate(USERS)],
    )
    _write(
        folder / "Contact.csv",
        ("Id", "LastName", "AccountId", *system),
        [{"Id": c, "LastName": str(n), "AccountId": ACCOUNTS[0]} for n, c in enumerate(CONTACTS)],
    )
    _write(folder / "Task.csv", task_columns, tasks)
    _write(folder / "Event.csv", EVENT_COLUMNS, events)
    _write(
        folder / "EventRelation.csv",
        ("Id", "EventId", "RelationId", "Status", "IsDeleted"),
        [
            {"Id": f"0RE5g00000Rr{n:03d}", "EventId": e, "RelationId": p, "Status": "Accepted"}
            for n, (e, p) in enumerate(invitees)
        ],
    )
    return folder


def _mapped(folder: Path) -> tuple[dict[str, list[tuple[Any, ...]]], tuple[Any, ...]]:
    """Every table the adapter gives and its report."""
    report = AdapterReport()
    context = AdapterContext(home_company_id="home", home_company_known=False)
    tables = SalesforceAdapter().tables(open_export(folder), context, report)
    rows = {
        name: [(r.file, r.line, r.data, r.origin, r.counted, r.fills) for r in table]
        for name, table in tables.items()
    }
    return rows, (report.warnings, report.rejects, report.skipped, report.left_out)


def _both_ways(folder: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Assert both ways map the export alike; the rows mapped from their values."""
    taken = 0
    row = ActivityValues.row

    def counted(self: ActivityValues, *args: Any) -> Any:
        nonlocal taken
        found = row(self, *args)
        taken += found is not None
        return found

    with monkeypatch.context() as patched:
        patched.setattr(ActivityValues, "row", counted)
        direct = _mapped(folder)
    with monkeypatch.context() as patched:
        patched.setattr(ActivityValues, "of", classmethod(lambda cls, *args: None))
        general = _mapped(folder)
    assert direct == general
    return taken


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tasks=_rows(TASK_COLUMNS),
    events=_rows(EVENT_COLUMNS),
    invitees=st.lists(
        st.tuples(st.sampled_from(EVENTS), st.sampled_from([*CONTACTS, *USERS, LEAD])), max_size=3
    ),
    named=st.booleans(),
)
def test_both_ways_give_the_same_rows(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tasks: list[dict[str, str]],
    events: list[dict[str, str]],
    invitees: list[tuple[str, str]],
    named: bool,
) -> None:
    columns = (*TASK_COLUMNS, "Who.Name") if named else TASK_COLUMNS
    for row in tasks:
        row["Who.Name"] = "Ann Lee" if named and not row["WhoId"] else ""
    _both_ways(_export(tmp_path, tasks, events, invitees, columns), monkeypatch)


def test_plain_rows_are_mapped_from_their_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = {
        "OwnerId": USERS[0],
        "WhoId": CONTACTS[1],
        "AccountId": ACCOUNTS[2],
        "Subject": "Email: prices",
        "TaskSubtype": "Email",
        "ActivityDate": "7/1/2024",
        "IsClosed": "true",
        "IsDeleted": "false",
    }
    tasks = [
        {**plain, "Id": TASKS[0]},
        {**plain, "Id": TASKS[1], "WhoId": LEAD},
        {**plain, "Id": TASKS[2], "OwnerId": GROUP},
        {**plain, "Id": TASKS[0]},
        {**plain, "Id": TASKS[3], "IsClosed": "false"},
        # the lead, the queue and the opportunity are known now: still not plain
        {**plain, "Id": TASKS[4], "WhoId": LEAD},
        {**plain, "Id": TASKS[5], "OwnerId": GROUP},
        {**plain, "Id": TASKS[6], "AccountId": "", "WhatId": OPPORTUNITY},
        {**plain, "Id": TASKS[7], "AccountId": "", "WhatId": OPPORTUNITY},
    ]
    folder = _export(tmp_path, tasks, [], [])
    assert _both_ways(folder, monkeypatch) == 2
    rows, (warnings, rejects, skipped, _) = _mapped(folder)
    assert rows["interactions"][0] == (
        "Task.csv",
        2,
        {
            "id": f"sf:{TASKS[0]}",
            "kind": "email",
            "occurred_at": "7/1/2024",
            "participant_ids": f"sf:{USERS[0]};sf:{CONTACTS[1]}",
            "initiator_id": f"sf:{USERS[0]}",
            "subject": "Email: prices",
            "company_id": f"sf:{ACCOUNTS[2]}",
        },
        f"salesforce:Task:{TASKS[0]}",
        True,
        False,
    )
    assert [(r[2]["participant_ids"], r[2]["company_id"]) for r in rows["interactions"][1:]] == [
        (f"sf:{USERS[0]}", f"sf:{ACCOUNTS[2]}"),
        (f"sf:{CONTACTS[1]}", f"sf:{ACCOUNTS[2]}"),
        (f"sf:{USERS[0]}", f"sf:{ACCOUNTS[2]}"),
        (f"sf:{CONTACTS[1]}", f"sf:{ACCOUNTS[2]}"),
        (f"sf:{USERS[0]};sf:{CONTACTS[1]}", ""),
        (f"sf:{USERS[0]};sf:{CONTACTS[1]}", ""),
    ]
    assert [(r.line, r.column) for r in rejects] == [(5, "Id")]
    assert skipped == {"Task.csv": 1}
    assert "Task.csv: 1 row(s) left out: an open task (IsClosed false): not happened" in warnings
    assert any("name a lead" in w for w in warnings)
    assert any("owned by a queue" in w for w in warnings)
