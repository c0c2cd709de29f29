"""The mapping file as typed parts, checked beyond what its JSON Schema can say.

The JSON Schema (``ingest/mappings/mapping.schema.json``) checks the shape of a mapping
file; these models check what needs more than its shape (templates that parse, date
formats, the columns each canonical table requires, names that refer to something) and
give the adapter typed access to it. The format is described in ``ingest/mappings/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from graph_model.schema import NODE_TYPES
from ingest.adapters.mapping.parts import (
    Condition,
    Direction,
    Duplicates,
    Join,
    Lookup,
    supplies_sum,
)
from ingest.adapters.mapping.templates import names
from ingest.adapters.mapping.values import FieldSpec, Model, Template, ValueSpec
from ingest.canonical import CANONICAL_FILES, FileSpec

SPECS: dict[str, FileSpec] = {spec.name: spec for spec in CANONICAL_FILES}
"""The canonical tables by name."""
SIDES = frozenset({"supplier_id", "customer_id"})
NAME = r"^[A-Za-z_][A-Za-z0-9_-]*$"
"""Names of lookups and joins (``{agent.manager}`` reads column manager of join agent)."""
FIELD_NAME = r"^[^{}.@][^{}.]*$"
"""Names of computed fields and of the ``for_each`` item: no braces, no dots, no leading @."""
PROPERTY = r"^[A-Za-z_][A-Za-z0-9_]*$"
"""Names of extra properties: as Cypher reads them without quoting."""
Loc = tuple[int | str, ...]


class TableMap(Model):
    """One canonical table read from the export files this entry selects."""

    table: str
    name: str | None = None
    """The source object, in each row's origin (``<mapping>:<name>:<source id>``); the table's
    name when left out."""
    file: str | None = None
    """A glob matched against file names, with or without extension, ignoring case."""
    headers: tuple[str, ...] = ()
    """Columns a file must have to be read."""
    source_id: Template | None = None
    """The source record's id, in each row's origin; file and line when left out."""
    computed: dict[str, FieldSpec] = Field(default_factory=dict)
    """Named values made from the row, read by templates like columns."""
    join: dict[str, Join] = Field(default_factory=dict)
    """Rows of lookups, by the name their columns are read with: ``{agent.manager}``."""
    for_each: dict[str, FieldSpec] = Field(default_factory=dict)
    """One row per item of these values (one name): the item is read as ``{name}``."""
    skip_if: tuple[Condition, ...] = ()
    keep_if: tuple[Condition, ...] = ()
    direction: Direction | None = None
    columns: dict[str, FieldSpec]
    properties: dict[str, FieldSpec] = Field(default_factory=dict)
    """Extra properties of the table's record, by name."""
    duplicates: Duplicates | None = None

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if data.get("duplicates") == "sum" and data.get("table") == "supplies":
            data["duplicates"] = supplies_sum(data.get("columns"))
        if isinstance(joins := data.get("join"), dict):
            data["join"] = {
                alias: {"lookup": alias, "key": key} if isinstance(key, str) else key
                for alias, key in joins.items()
            }
        return data

    @field_validator("table")
    @classmethod
    def _known_table(cls, table: str) -> str:
        if table not in SPECS:
            raise ValueError(f"{table!r} is not a canonical table; one of: {', '.join(SPECS)}")
        return table

    @field_validator("columns")
    @classmethod
    def _known_columns(
        cls, columns: dict[str, list[ValueSpec]], info: ValidationInfo
    ) -> dict[str, list[ValueSpec]]:
        spec = SPECS.get(info.data.get("table", ""))
        if spec is not None and (unknown := [c for c in columns if c not in spec.columns]):
            known = ", ".join(spec.required + spec.optional)
            raise ValueError(f"{', '.join(unknown)}: not a column of {spec.name} ({known})")
        return columns

    @field_validator("properties")
    @classmethod
    def _free_properties(
        cls, properties: dict[str, list[ValueSpec]], info: ValidationInfo
    ) -> dict[str, list[ValueSpec]]:
        spec = SPECS.get(info.data.get("table", ""))
        taken = {"sources", "aliases"}
        if spec is not None:
            taken |= spec.columns
            if spec.label in NODE_TYPES:
                taken |= {p.name for p in NODE_TYPES[spec.label].properties}
        for name in properties:
            if not re.match(PROPERTY, name):
                raise ValueError(f"{name!r}: a property name is letters, digits and '_'")
            if name in taken:
                raise ValueError(f"{name}: a column of the table already; map it in columns:")
        return properties

    @field_validator("for_each")
    @classmethod
    def _one_item(cls, for_each: dict[str, list[ValueSpec]]) -> dict[str, list[ValueSpec]]:
        if len(for_each) > 1:
            raise ValueError(f"one name only, not {', '.join(for_each)}")
        return for_each

    @model_validator(mode="after")
    def _complete(self) -> TableMap:
        if self.file is None and not self.headers:
            raise ValueError("say which files hold this table: file:, headers: or both")
        if self.direction is not None:
            if self.table != "supplies":
                raise ValueError("direction: is for supplies tables only")
            if SIDES & set(self.columns):
                raise ValueError("direction: gives supplier_id and customer_id; not columns: too")
        given = set(self.columns) | (SIDES if self.direction else set())
        if missing := [c for c in SPECS[self.table].required if c not in given]:
            raise ValueError(f"columns: needs {', '.join(missing)} (required in {self.table})")
        if self.duplicates is not None:
            known = given | set(self.properties)
            combined = self.duplicates.combined
            if unknown := sorted(set(combined) - known):
                raise ValueError(f"duplicates: {', '.join(unknown)} is not a column of this table")
            if len(set(combined)) < len(combined):
                raise ValueError("duplicates: a column is combined one way only")
        _check_names(self)
        return self

    @property
    def local_names(self) -> frozenset[str]:
        """Names the entry defines: computed fields and the ``for_each`` item."""
        return frozenset(self.computed) | frozenset(self.for_each)

    def reads(self) -> frozenset[str]:
        """Every name the entry reads to make its rows, through the computed fields it uses
        (a computed field no one reads reads nothing)."""
        read = {c.column for c in (*self.skip_if, *self.keep_if)}
        if self.direction is not None:
            read |= {self.direction.column, *names(self.direction.company)}
        if self.source_id is not None:
            read |= names(self.source_id)
        for group in (self.columns, self.properties, self.for_each):
            read.update(*(spec.reads for values in group.values() for spec in values))
        for join in self.join.values():
            read |= names(join.key)
        todo = [n for n in read if n in self.computed]
        while todo:
            found = set().union(*(spec.reads for spec in self.computed[todo.pop()]))
            todo += [n for n in found - read if n in self.computed]
            read |= found
        return frozenset(read)

    def columns_read(self) -> frozenset[str]:
        """The export columns the entry reads (not its own names, not joined columns)."""
        return frozenset(
            n for n in self.reads() if n not in self.local_names and _alias(n) not in self.join
        )

    def dependencies(self) -> dict[str, set[str]]:
        """The computed fields, the ``for_each`` item and the joins, each with those of them
        it reads."""
        read: dict[str, set[str]] = {}
        for group in (self.computed, self.for_each):
            for name, specs in group.items():
                read[name] = set().union(*(spec.reads for spec in specs))
        for alias, join in self.join.items():
            read[alias] = set(names(join.key))
        fields, aliases = self.local_names, set(self.join)
        return {
            name: {n for n in found if n in fields}
            | {a for n in found if (a := _alias(n)) in aliases}
            for name, found in read.items()
        }

    @cached_property
    def per_item(self) -> frozenset[str]:
        """The computed fields and joins made from the ``for_each`` item: made again for
        each item (the others once a row)."""
        graph = self.dependencies()
        found = set(self.for_each)
        while grown := {n for n, reads in graph.items() if reads & found} - found:
            found |= grown
        return frozenset(found - set(self.for_each))

    def joined_columns(self) -> dict[str, set[str]]:
        """The columns read of each join, by alias."""
        found: dict[str, set[str]] = {alias: set() for alias in self.join}
        for name in self.reads():
            if (alias := _alias(name)) in self.join:
                found[alias].add(name.partition(".")[2])
        return found


def _alias(name: str) -> str | None:
    alias, dot, _ = name.partition(".")
    return alias if dot else None


def _check_names(entry: TableMap) -> None:
    """Names the entry defines are distinct and well formed, and none is made from itself."""
    for alias in entry.join:
        if not re.match(NAME, alias):
            raise ValueError(f"join: {alias!r}: a join's name is letters, digits, '_' and '-'")
    for name in entry.local_names:
        if not re.match(FIELD_NAME, name) or name == "home":
            raise ValueError(f"{name!r}: a field's name has no braces or dots and is not home")
    if clash := sorted(set(entry.computed) & set(entry.for_each)):
        raise ValueError(f"{', '.join(clash)}: both computed and for_each")
    graph = entry.dependencies()
    for start in graph:
        if cycle := _cycle(graph, start, [start]):
            raise ValueError(f"{start} is made from itself: {' → '.join(cycle)}")


def _cycle(graph: Mapping[str, set[str]], node: str, path: list[str]) -> list[str] | None:
    for nxt in sorted(graph[node]):
        if nxt == path[0]:
            return [*path, nxt]
        if nxt not in path and (found := _cycle(graph, nxt, [*path, nxt])):
            return found
    return None


class MappingFile(Model):
    """A mapping file: a name (the first part of each row's origin), lookups and tables."""

    version: Literal[1, 2] = 1
    """The format the file is written for; version 2 only adds keys to version 1."""
    name: str
    day_first: bool | None = None
    """Read 03/04/2025 as 3 April in dates without ``formats``; the ingest option when left out."""
    lookups: dict[str, Lookup] = Field(default_factory=dict)
    tables: list[TableMap] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _short_name(cls, name: str) -> str:
        if not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"{name!r}: use only letters, digits, '.', '-' and '_'")
        return name

    @field_validator("lookups")
    @classmethod
    def _lookup_names(cls, lookups: dict[str, Lookup]) -> dict[str, Lookup]:
        for name in lookups:
            if not re.match(NAME, name):
                raise ValueError(f"{name!r}: a lookup's name is letters, digits, '_' and '-'")
        return lookups

    def problems(self) -> Iterator[tuple[Loc, str]]:
        """Mistakes across entries: joins of lookups that are not there, and entries of one
        table that combine repeated keys differently."""
        policies: dict[str, tuple[int, Duplicates]] = {}
        for index, entry in enumerate(self.tables):
            for alias, join in entry.join.items():
                if join.lookup not in self.lookups:
                    known = ", ".join(self.lookups) or "none"
                    where: Loc = ("tables", index, "join", alias)
                    yield where, f"no lookup {join.lookup!r} (lookups: {known})"
            if entry.duplicates is None:
                continue
            first = policies.setdefault(entry.table, (index, entry.duplicates))
            if first[1] != entry.duplicates:
                yield (
                    ("tables", index, "duplicates"),
                    f"differs from tables[{first[0]}], also {entry.table}: the entries of one "
                    "table combine repeated keys alike",
                )

    def duplicates(self, table: str) -> Duplicates:
        """How the rows of ``table`` that share a key combine (``error`` unless an entry says)."""
        given = (e.duplicates for e in self.tables if e.table == table and e.duplicates)
        return next(given, Duplicates())
