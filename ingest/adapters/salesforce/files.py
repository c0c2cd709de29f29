"""The CSV files of an export: which object each holds, how its columns map, its rows.

A file is one of

- a Data Export or Data Loader file: API field names as its header (in any case),
  an ``Id`` and at least one system column (``IsDeleted``, ``OwnerId``,
  ``CreatedDate``…); named after its object (``Account.csv``) or told by the
  prefix of its first ``Id``;
- a report export: field labels as its header (:mod:`.reports`);
- a file without system columns (written by hand, or exported with a few fields
  only), named after its object (``User.csv``, ``Users.csv``) with API field names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ingest.adapters.salesforce.ids import KEY_PREFIXES, salesforce_id
from ingest.adapters.salesforce.reports import FOOTER, report_columns, report_object
from ingest.normalize import text_key
from ingest.sources import ExportFile

EXPORT, HANDMADE, REPORT, TREE = "export", "handmade", "report", "tree"
"""Kinds of source: a Data Export or Data Loader file, a file without system columns,
a report export, the records of one object in ``sf data tree`` JSON files."""

MAPPED = frozenset(KEY_PREFIXES.values()) - {"Lead", "Group"}
"""The objects this adapter maps to the graph."""
SYSTEM_FIELDS = frozenset(
    {"isdeleted", "ownerid", "createddate", "createdbyid", "lastmodifieddate", "systemmodstamp"}
)
_PLURALS = {"Opportunity": "opportunities", "PricebookEntry": "pricebookentries"}
OBJECTS_BY_STEM = {
    stem: obj
    for obj in (*MAPPED, "Lead")
    for stem in (obj.lower(), _PLURALS.get(obj, obj.lower() + "s"))
}
"""The object a file holds, by its name without extension (lower-case, singular or plural)."""
READ_FIELDS: dict[str, frozenset[str]] = {
    "Account": frozenset(
        {"id", "name", "website", "billingcountry", "shippingcountry", "industry", "type"}
    ),
    "Contact": frozenset(
        {"id", "name", "firstname", "lastname", "title", "email", "accountid", "reportstoid"}
    ),
    "User": frozenset(
        {"id", "name", "firstname", "lastname", "title", "email", "managerid", "usertype"}
    ),
    "Product2": frozenset({"id", "name", "family"}),
    "PricebookEntry": frozenset({"id", "product2id"}),
    "Opportunity": frozenset(
        {"id", "name", "accountid", "stagename", "iswon", "closedate", "amount", "currencyisocode"}
    ),
    "OpportunityLineItem": frozenset(
        {"id", "opportunityid", "product2id", "pricebookentryid", "totalprice", "currencyisocode"}
    ),
    "Task": frozenset(
        {"id", "subject", "type", "tasksubtype", "activitydate", "whoid", "whatid", "accountid"}
    ),
    "Event": frozenset(
        {"id", "subject", "type", "eventsubtype", "startdatetime", "activitydatetime"}
        | {"activitydate", "whoid", "whatid", "accountid"}
    ),
    "EventRelation": frozenset({"eventid", "relationid", "status"}),
    "AccountContactRelation": frozenset({"contactid", "accountid", "isdirect", "startdate"}),
}
"""The API fields (lower-case) read of each object, besides system columns."""
_DISTINCTIVE = frozenset(
    {
        "accountid",
        "reportstoid",
        "managerid",
        "usertype",
        "billingcountry",
        "shippingcountry",
        "whoid",
        "whatid",
        "activitydate",
        "activitydatetime",
        "startdatetime",
        "tasksubtype",
        "eventsubtype",
        "stagename",
        "iswon",
        "opportunityid",
        "product2id",
        "pricebookentryid",
        "totalprice",
        "relationid",
        "eventid",
        "contactid",
    }
)
"""API fields no other CRM's export uses: a file with one of them, named after an object,
is Salesforce's even without system columns."""
_TIER_FIELD = re.compile(r"(?:^|_)tier__c$")

Reader = Callable[[Mapping[str, str]], Iterator[tuple[int, dict[str, str]]]]
"""Reads the rows of a source as ``(line, fields)``, the fields of the columns given (by
API field, the column as in the file), values stripped."""


@dataclass(frozen=True)
class Source:
    """The rows of one object from one file, by API field."""

    path: str
    object: str
    kind: str
    headers: Mapping[str, str]
    """Every column, as in the file, by its name in lower case."""
    columns: Mapping[str, str]
    """The column (as in the file) of each API field (lower-case; ``owner.name`` for a
    record given by name)."""
    read: Reader
    custom: Mapping[str, str | None] = field(default_factory=dict)
    """API fields read from custom columns chosen for the run, and the column each falls
    back to where the custom one is blank (its own, if the file has it)."""
    values: Callable[[], Iterator[tuple[int, tuple[str, ...]]]] | None = None
    """``(line, values)`` of each row, the values of :attr:`columns` in their order, as in
    the file (not stripped); for a file whose header names the API fields."""

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """``(line, fields)`` of each row: values stripped, by API field."""
        return self._with_fallbacks() if self.custom else self.read(self.columns)

    def _with_fallbacks(self) -> Iterator[tuple[int, dict[str, str]]]:
        """The rows, a custom field's blank value replaced by the standard field's."""
        fallbacks = {name: column for name, column in self.custom.items() if column}
        columns = dict(self.columns) | {f"{name}\n": c for name, c in fallbacks.items()}
        for line, fields in self.read(columns):
            for name in fallbacks:
                standard = fields.pop(f"{name}\n")
                fields[name] = fields[name] or standard
            yield line, fields

    @property
    def report(self) -> bool:
        return self.kind == REPORT

    @property
    def flat(self) -> bool:
        """Rows of line items carry their opportunity's fields (reports, trees)."""
        return self.kind in (REPORT, TREE)

    @cached_property
    def tier_field(self) -> str | None:
        if "tier" in self.columns:
            return "tier"
        return next((f for f in self.columns if _TIER_FIELD.search(f)), None)


@dataclass(slots=True)
class Rec:
    """One row of a source, by API field (lower-case), values stripped."""

    source: Source
    line: int
    fields: Mapping[str, str]

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    def has(self, name: str) -> bool:
        return name in self.source.columns


def classify(export_file: ExportFile) -> Source | None:
    """The object ``export_file`` holds and how its columns map; ``None`` if not Salesforce's."""
    if export_file.path.lower().endswith(".json"):
        return None
    headers = {text_key(h): h for h in export_file.header if h}
    stem_object = OBJECTS_BY_STEM.get(export_file.name)
    if "id" in headers and SYSTEM_FIELDS & headers.keys():
        obj = stem_object or _first_id_object(export_file, headers["id"])
        return None if obj is None else _source(export_file, obj, EXPORT, headers, headers)
    obj = report_object(set(headers))
    if obj is not None:
        return _source(export_file, obj, REPORT, headers, report_columns(obj, headers))
    if stem_object is not None and READ_FIELDS.get(stem_object, frozenset()) & headers.keys():
        return _source(export_file, stem_object, HANDMADE, headers, headers)
    return None


def recognised(export_file: ExportFile) -> bool:
    """Whether ``export_file`` is a Salesforce file by its header: a Data Export or report
    file, or one named after its object with a field only Salesforce has or its first
    ``Id`` of that object."""
    source = classify(export_file)
    if source is None:
        return False
    if source.kind != HANDMADE:
        return True
    if _DISTINCTIVE & source.headers.keys():
        return True
    return "id" in source.headers and (
        _first_id_object(export_file, source.headers["id"]) == source.object
    )


def _source(
    export_file: ExportFile,
    obj: str,
    kind: str,
    headers: Mapping[str, str],
    columns: Mapping[str, str],
) -> Source:
    def read(columns: Mapping[str, str]) -> Iterator[tuple[int, dict[str, str]]]:
        return read_csv(export_file, columns, footer=kind == REPORT)

    def values() -> Iterator[tuple[int, tuple[str, ...]]]:
        return export_file.picked(tuple(columns.values()))

    plain = None if kind == REPORT else values  # a report's rows need its footer found
    return Source(export_file.path, obj, kind, headers, columns, read, values=plain)


def read_csv(
    export_file: ExportFile, columns: Mapping[str, str], *, footer: bool
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of a CSV file by API field, values stripped; with ``footer``, up to a
    report's footer (a first column that tells the row counts)."""
    names, wanted = tuple(columns), tuple(columns.values())
    footer = footer and bool(export_file.header)
    if footer:
        wanted = (export_file.header[0], *wanted)
    for line, values in export_file.picked(wanted):
        if footer:
            if FOOTER.match(values[0]):
                return
            values = values[1:]
        yield line, by_field(names, values)


def by_field(names: Sequence[str], values: Sequence[str]) -> dict[str, str]:
    """A row's ``values`` (those of the API fields ``names``, in order), stripped."""
    return dict(zip(names, map(str.strip, values), strict=True))


def _first_id_object(export_file: ExportFile, id_header: str) -> str | None:
    row = next((row for _, row in export_file.rows()), {})
    first = salesforce_id(row.get(id_header) or "")
    return KEY_PREFIXES.get(first[:3]) if first else None
