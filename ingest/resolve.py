"""Entity resolution: which node an incoming company or person row is.

A row keeps its own id when that id is already a node (or an alias of one:
an id merged into it before). Otherwise a company matches an existing one by
normalised web/email domain, then by normalised name (only when the name is
unambiguous and the domains do not disagree); a person matches by e-mail,
case-insensitively. A matched row's id becomes an alias of the node, so
references to it from other rows — in this export or a later one — land on
the node, and the reason is kept for the dry-run report.

>>> r = Resolver([{"id": "c1", "name": "ACME Corp.", "domain": "acme.com"}], [])
>>> r.company("sf:001", "Acme Corporation", None)
('c1', "same name as ACME Corp. ('acme')")
>>> r.alias("Company", "sf:001")
'c1'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_model.store import Props
from ingest.canonical import FileSpec
from ingest.normalize import domain_key, email_key, name_key
from ingest.records import SourceRow


@dataclass(frozen=True)
class Merge:
    """An incoming record that became an existing node, and why."""

    label: str
    source_id: str
    node_id: str
    reason: str
    file: str
    line: int


class Resolver:
    """Indexes of the known companies and people, updated as rows are resolved."""

    def __init__(self, companies: Iterable[Props], people: Iterable[Props]) -> None:
        self._aliases: dict[str, dict[str, str]] = {"Company": {}, "Person": {}}
        self._by_domain: dict[str, str] = {}
        self._by_name: dict[str, str | None] = {}
        self._names: dict[str, str] = {}
        self._domains: dict[str, str | None] = {}
        self._by_email: dict[str, str] = {}
        self._people: set[str] = set()
        for company in companies:
            self._learn_company(company["id"], company.get("name"), company.get("domain"))
            for alias in company.get("aliases") or ():
                self._aliases["Company"][alias] = company["id"]
        for person in people:
            self._learn_person(person["id"], person.get("email"))
            for alias in person.get("aliases") or ():
                self._aliases["Person"][alias] = person["id"]

    def resolves(self, spec: FileSpec) -> bool:
        """Whether rows of ``spec`` need resolving: companies and people, and rows that refer
        to a label some id of which was merged (no row of another table merges one)."""
        return spec.label in ("Company", "Person") or any(
            self.merged(label) for _, label in spec.refs
        )

    def merged(self, label: str) -> bool:
        """Whether an id of ``label`` stands for another node (an alias)."""
        return bool(self._aliases[label])

    def alias(self, label: str, source_id: str) -> str:
        """The node id that ``source_id`` stands for (itself unless merged)."""
        return self._aliases[label].get(source_id, source_id)

    def company(self, row_id: str, name: str | None, domain: str | None) -> tuple[str, str | None]:
        """The node id for a company row and, when it was matched to another node, why."""
        known = self._aliases["Company"].get(row_id)
        if known is not None or row_id in self._names:
            return known or row_id, None
        host = domain_key(domain)
        match, reason = None, None
        if host and host in self._by_domain:
            match, reason = self._by_domain[host], f"same domain {host}"
        elif (key := name_key(name)) and self._by_name.get(key):
            candidate = self._by_name[key]
            assert candidate is not None
            other = self._domains.get(candidate)
            if not (host and other and host != other):
                match = candidate
                reason = f"same name as {self._names[candidate]} ({key!r})"
        if match is None:
            self._learn_company(row_id, name, domain)
            return row_id, None
        self._aliases["Company"][row_id] = match
        return match, reason

    def person(self, row_id: str, email: str | None) -> tuple[str, str | None]:
        """The node id for a person row and, when it was matched to another node, why."""
        known = self._aliases["Person"].get(row_id)
        if known is not None or row_id in self._people:
            return known or row_id, None
        key = email_key(email)
        match = self._by_email.get(key) if key else None
        if match is None or match == row_id:
            self._learn_person(row_id, email)
            return row_id, None
        self._aliases["Person"][row_id] = match
        return match, f"same e-mail {key}"

    def _learn_company(self, node_id: str, name: str | None, domain: str | None) -> None:
        self._names[node_id] = name or node_id
        host = domain_key(domain)
        self._domains[node_id] = host
        if host:
            self._by_domain.setdefault(host, node_id)
        if key := name_key(name):
            seen = self._by_name.get(key, node_id) if key in self._by_name else node_id
            self._by_name[key] = node_id if seen == node_id else None

    def _learn_person(self, node_id: str, email: str | None) -> None:
        self._people.add(node_id)
        if key := email_key(email):
            self._by_email.setdefault(key, node_id)


def resolve_row(source: SourceRow, spec: FileSpec, resolver: Resolver) -> Merge | None:
    """Point the row's id and references at the nodes they are (references only when
    some id of their label was merged); the merge, if its row was matched to another node."""
    data = source.data
    resolved: dict[str, str] = {}
    merge = None
    if spec.label in ("Company", "Person") and (row_id := (data.get("id") or "").strip()):
        if spec.label == "Company":
            node_id, reason = resolver.company(row_id, data.get("name"), data.get("domain"))
        else:
            node_id, reason = resolver.person(row_id, data.get("email"))
        resolved["id"] = node_id
        if reason:
            merge = Merge(spec.label, row_id, node_id, reason, source.file, source.line)
    for column, label in spec.refs:
        if resolver.merged(label) and (value := data.get(column)):
            resolved[column] = ";".join(resolver.alias(label, v.strip()) for v in value.split(";"))
    if resolved:
        source.data = {**data, **resolved}
    return merge
