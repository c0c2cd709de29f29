"""The ``GraphStore`` protocol: the one interface ingest, queries and the API use.

A write is a list of batched upserts applied in one transaction; each row's
outcome (created, updated, unchanged) comes back in order, so callers can report
what a batch changed. Rows are plain dicts of property values (``None`` removes
a property); relationship rows name their start and end node ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from graph_model.scoring import ScoringModel

Props = dict[str, Any]


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(slots=True)
class RelRow:
    """One relationship: start and end node ids plus its properties."""

    start: str
    end: str
    props: Props = field(default_factory=dict)


@dataclass(frozen=True)
class NodeUpsert:
    """Create or update nodes of one label, matched on the label's key."""

    label: str
    rows: Sequence[Props]


@dataclass(frozen=True)
class RelUpsert:
    """Create or update relationships of one type, matched on (start, end, key)."""

    type: str
    rows: Sequence[RelRow]


Upsert = NodeUpsert | RelUpsert


@dataclass(frozen=True)
class Relationship:
    type: str
    start: str
    end: str
    props: Props


@dataclass(frozen=True)
class GraphCounts:
    labels: dict[str, int]
    types: dict[str, int]


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (file not writable, server down, bad credentials)."""


@runtime_checkable
class GraphStore(Protocol):
    """A graph of schema-typed nodes and relationships."""

    backend: str
    """The backend's name, which also names the modules that read it (:mod:`queries.backend`)."""
    model: ScoringModel
    """How the store's ties count interactions."""
    write_batch: int
    """Records per write transaction that suit the backend."""

    def write(self, upserts: Sequence[Upsert]) -> list[list[Outcome]]:
        """Apply ``upserts`` in one transaction; per upsert, the outcome of each row."""
        ...

    def dry_run(self) -> AbstractContextManager[GraphStore]:
        """A store of its own whose reads and writes happen in one transaction, rolled back
        on exit: outcomes are exact (its reads see its writes), nothing is kept, and no other
        write goes into it."""
        ...

    def bulk_load(self) -> AbstractContextManager[None]:
        """Inside, many writes follow one another: the store may put off its housekeeping
        (and does it on exit)."""
        ...

    def get_node(self, label: str, node_id: str) -> Props | None:
        """The properties of one node, or ``None``."""
        ...

    def get_nodes(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        """The properties of those of ``ids`` that are nodes of ``label``, by id."""
        ...

    def find_nodes(self, label: str, text: str, limit: int) -> list[Props]:
        """Nodes whose name contains ``text``, with case and accents folded ("koehler" and
        "kohler" find "Köhler", see :mod:`graph_model.folding`), ordered by the folded name,
        then the name, then the id (so "Ärzte" comes before "Bosch")."""
        ...

    def find_by(self, label: str, prop: str, values: Iterable[Any]) -> list[Props]:
        """Nodes whose ``prop`` equals one of ``values``, by id."""
        ...

    def latest_nodes(self, label: str, by: str, limit: int, before: Any = None) -> list[Props]:
        """The ``limit`` nodes with the greatest ``by`` property, greatest first (only those
        whose ``by`` is less than ``before``, when given: the next page)."""
        ...

    def existing_ids(self, label: str, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are nodes of ``label``."""
        ...

    def relationships(
        self, rel_type: str, *, start: str | None = None, end: str | None = None
    ) -> list[Relationship]:
        """Relationships of one type from ``start`` and/or to ``end``, ordered by (start, end)."""
        ...

    def counts(self) -> GraphCounts:
        """Node count per label and relationship count per type (zeros included)."""
        ...

    def reader(self) -> AbstractContextManager[None]:
        """Inside, one request reads the store (the backend decides how many may at once)."""
        ...

    def warm_up(self) -> None:
        """Get ready to answer (build an index, reach the server) before the first request."""
        ...

    def ping(self) -> None:
        """Raise :class:`StoreUnavailable` unless the store answers."""
        ...

    def close(self) -> None: ...
