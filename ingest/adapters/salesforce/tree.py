"""``sf data tree export`` files: JSON sObject trees and their plans.

A tree file holds ``{"records": [...]}``: each record has ``attributes`` (its
``type`` and ``referenceId``), its fields, and its child records under their
relationship name (``"Contacts": {"records": [...]}``). A lookup to another record
of the export is written ``"@AccountRef1"``; a child's lookup to its parent is
implied by where it sits. A plan file (``…-plan.json``) lists the tree files.

Tree records carry no Salesforce ids, and each export numbers its referenceIds
afresh, so records are told by their names, as report rows are: a lookup becomes
the name of the record it points to (``AccountId: "@AccountRef1"`` becomes
``account.name``), and a line item carries its opportunity's fields.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ingest.adapters.salesforce.files import MAPPED, TREE, Source
from ingest.normalize import text_key
from ingest.records import Reject
from ingest.sources import ExportFile

PARENT_FIELDS: dict[tuple[str, str], str] = {
    ("Contact", "Account"): "accountid",
    ("Opportunity", "Account"): "accountid",
    ("AccountContactRelation", "Account"): "accountid",
    ("AccountContactRelation", "Contact"): "contactid",
    ("OpportunityLineItem", "Opportunity"): "opportunityid",
    ("PricebookEntry", "Product2"): "product2id",
    ("Task", "Account"): "whatid",
    ("Task", "Opportunity"): "whatid",
    ("Task", "Contact"): "whoid",
    ("Event", "Account"): "whatid",
    ("Event", "Opportunity"): "whatid",
    ("Event", "Contact"): "whoid",
    ("User", "User"): "managerid",
    ("Contact", "Contact"): "reportstoid",
}
"""The lookup of a child record to the record it is nested in, by (child, parent) object."""
DEAL_FIELDS = ("stagename", "iswon", "closedate", "currencyisocode")
"""Fields of an opportunity its line items carry, as the rows of a line item report do."""
UNREAD = {
    "EventRelation": "their events have no ids in a tree export; invitees are not read",
}
_REFERENCE = re.compile(r'"referenceId"\s*:\s*"((?:[^"\\]|\\.)*)"')


@dataclass
class _Record:
    type: str
    ref: str
    path: str
    line: int
    fields: dict[str, str]
    """Values by field name in lower case."""
    names: dict[str, str]
    """Field names as in the file, by their lower case."""
    items: bool = False
    """An opportunity whose line items are in the export."""


@dataclass
class Trees:
    """The tree files of an export, read together (lookups cross files)."""

    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """JSON files that are neither trees nor plans."""


def read_trees(files: Mapping[str, ExportFile]) -> Trees:
    """The sources of every ``.json`` file of ``files`` that is an sObject tree."""
    trees = Trees()
    records: list[_Record] = []
    plans: list[tuple[str, list[str]]] = []
    for export_file in files.values():
        if not export_file.path.lower().endswith(".json"):
            continue
        data, text = _load(export_file, trees)
        if _is_tree(data):
            _walk(data["records"], export_file.path, _reference_lines(text), None, records, trees)
        elif _is_plan(data):
            plans.append((export_file.path, [str(f) for p in data for f in p.get("files", [])]))
        elif data is not None:
            trees.others.append(export_file.path)
    present = {f.path.rsplit("/", 1)[-1].lower() for f in files.values()}
    for path, named in plans:
        missing = [name for name in named if name.rsplit("/", 1)[-1].lower() not in present]
        if missing:
            trees.warnings.append(f"{path} names files this export lacks: {', '.join(missing)}")
    _Resolver(records, trees).build()
    return trees


def is_tree_file(export_file: ExportFile) -> bool:
    """Whether ``export_file`` is a JSON sObject tree (``records`` with ``attributes``)."""
    if not export_file.path.lower().endswith(".json"):
        return False
    data, _ = _load(export_file, Trees())
    return _is_tree(data) and bool(data["records"])


def full_name(fields: Mapping[str, str]) -> str:
    """``name``, else ``firstname lastname``."""
    parts = (fields.get("firstname", ""), fields.get("lastname", ""))
    return fields.get("name") or " ".join(p for p in parts if p)


def _load(export_file: ExportFile, trees: Trees) -> tuple[Any, str]:
    """The JSON value of a file and its text; ``None`` (with a reject) when it is not JSON."""
    with export_file.open() as stream:
        raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
        return json.loads(text), text
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 ({exc.reason}); file skipped"
        trees.rejects.append(Reject(export_file.path, 1, "", "", reason))
    except json.JSONDecodeError as exc:
        reason = f"not JSON ({exc.msg}, column {exc.colno}); file skipped"
        trees.rejects.append(Reject(export_file.path, exc.lineno, "", "", reason))
    return None, ""


def _is_tree(data: Any) -> bool:
    records = data.get("records") if isinstance(data, dict) else None
    return isinstance(records, list) and all(
        isinstance(r, dict) and isinstance(r.get("attributes"), dict) for r in records
    )


def _is_plan(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(
            isinstance(p, dict) and "sobject" in p and isinstance(p.get("files"), list)
            for p in data
        )
    )


def _reference_lines(text: str) -> dict[str, int]:
    """The line of each referenceId in a tree file: where its record is reported."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _REFERENCE.finditer(line):
            lines.setdefault(json.loads(f'"{match[1]}"'), number)
    return lines


def _walk(
    items: list[Any],
    path: str,
    lines: Mapping[str, int],
    parent: _Record | None,
    out: list[_Record],
    trees: Trees,
) -> None:
    for item in items:
        attributes = item.get("attributes") if isinstance(item, dict) else None
        if not isinstance(attributes, dict) or not attributes.get("type"):
            trees.warnings.append(f"{path}: a record without attributes.type; left out")
            continue
        ref = str(attributes.get("referenceId") or "")
        record = _Record(str(attributes["type"]), ref, path, lines.get(ref, 1), {}, {})
        children: list[list[Any]] = []
        for key, value in item.items():
            if key == "attributes":
                continue
            if isinstance(value, dict) and isinstance(value.get("records"), list):
                children.append(value["records"])
            elif not isinstance(value, dict | list):
                record.fields[text_key(key)] = _text(value)
                record.names[text_key(key)] = key
        lookup = PARENT_FIELDS.get((record.type, parent.type)) if parent else None
        if parent is not None and lookup and not record.fields.get(lookup):
            record.fields[lookup] = f"@{parent.ref}"
            record.names.setdefault(lookup, lookup)
        out.append(record)
        for records in children:
            _walk(records, path, lines, record, out, trees)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip()


class _Resolver:
    """Turns lookups to records of the export into the names of those records."""

    def __init__(self, records: list[_Record], trees: Trees) -> None:
        self.records, self.trees = records, trees
        self.by_ref: dict[str, _Record] = {}
        for record in records:
            if record.ref and self.by_ref.setdefault(record.ref, record) is not record:
                trees.warnings.append(
                    f"{record.path}: two records have referenceId {record.ref!r}; "
                    "lookups find the first"
                )

    def build(self) -> None:
        for record in self.records:
            if record.type == "OpportunityLineItem":
                deal = self.target(record.fields.get("opportunityid", ""))
                if deal is not None:
                    deal.items = True
        groups: dict[tuple[str, str], list[_Record]] = defaultdict(list)
        ignored: Counter[str] = Counter()
        for record in self.records:
            if record.type in MAPPED and record.type not in UNREAD:
                groups[(record.path, record.type)].append(record)
            else:
                ignored[record.type] += 1
        for obj, count in sorted(ignored.items()):
            why = UNREAD.get(obj, "not mapped to the graph")
            self.trees.warnings.append(f"sObject tree: {count} {obj} record(s) left out: {why}")
        for (path, obj), group in groups.items():
            self.trees.sources.append(self.source(path, obj, group))

    def target(self, value: str) -> _Record | None:
        return self.by_ref.get(value[1:]) if value.startswith("@") else None

    def source(self, path: str, obj: str, group: list[_Record]) -> Source:
        """The records of ``obj`` in the file at ``path``. Their columns are the fields by
        their names in lower case (``accountid``), and the names that lookups give
        (``account.name``)."""
        rows = [(record.line, self.fields(record)) for record in group]
        names = {name: name for _, fields in rows for name in fields}

        def read(columns: Mapping[str, str]) -> Iterator[tuple[int, dict[str, str]]]:
            for line, fields in rows:
                yield line, {name: fields.get(column, "") for name, column in columns.items()}

        return Source(path, obj, TREE, names, dict(names), read)

    def fields(self, record: _Record) -> dict[str, str]:
        """The record's fields, its lookups to records of the export given by their names."""
        out = dict(record.fields)
        for name, value in record.fields.items():
            if not value.startswith("@"):
                continue
            out[name] = ""  # no Salesforce id
            target = self.target(value)
            if target is None:
                self.trees.rejects.append(
                    Reject(
                        record.path,
                        record.line,
                        record.names.get(name, name),
                        value,
                        f"no record of this export has referenceId {value[1:]!r}; left out",
                    )
                )
                continue
            for known, text in self.names(name, target).items():
                if not out.get(known):
                    out[known] = text
        if record.items:
            out["hasopportunitylineitem"] = "true"
        return out

    def names(self, lookup: str, target: _Record) -> dict[str, str]:
        """Fields that name ``target`` for the lookup field ``lookup``."""
        relation = lookup[:-2] if lookup.endswith("id") else lookup.removesuffix("__c") + "__r"
        found = {f"{relation}.name": full_name(target.fields)}
        if target.type == "Contact":
            found[f"{relation}.account.name"] = self.account_name(target)
        elif target.type == "Product2":
            found["product2.family"] = target.fields.get("family", "")
        elif target.type == "PricebookEntry":
            product = self.target(target.fields.get("product2id", ""))
            if product is not None:
                found["product2.name"] = full_name(product.fields)
                found["product2.family"] = product.fields.get("family", "")
        elif target.type == "Opportunity" and lookup == "opportunityid":
            found |= {f: target.fields[f] for f in DEAL_FIELDS if f in target.fields}
            found["account.name"] = self.account_name(target)
        if lookup == "whatid" and target.type == "Account":
            found["account.name"] = full_name(target.fields)
        elif lookup == "whatid" and target.type == "Opportunity":
            found["account.name"] = self.account_name(target)
        return found

    def account_name(self, record: _Record) -> str:
        account = self.target(record.fields.get("accountid", ""))
        return full_name(account.fields) if account is not None else ""
