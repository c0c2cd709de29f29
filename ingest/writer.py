"""Batched, reference-checked writing of records, with each row's outcome tallied.

Records of one batch have unique keys (a repeated key starts a new batch) and
are written in one transaction: nodes first, in schema order, then
relationships. A relationship whose nodes are neither in the store nor earlier
in the run waits for the end of the run (a manager listed after the report);
still unresolved then, it is rejected alone, and the rest of its row is kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import cast

from graph_model.schema import NODES, RELS
from graph_model.store import GraphStore, NodeUpsert, Outcome, Props, RelUpsert, Upsert
from ingest.records import NodeRecord, Record, Reject, RelRecord, SourceRow

REFERENCED_LABELS = frozenset({"Company", "Person", "Product"})
_CHANGED = (Outcome.CREATED, Outcome.UPDATED)


@dataclass
class FileCounts:
    """Rows of one file by what became of them; ``read`` is their sum."""

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


class PendingRow:
    """A row on its way into the store, and what happened to each of its records."""

    __slots__ = ("counts", "outcomes", "records", "source", "waiting")

    def __init__(self, counts: FileCounts, source: SourceRow, records: list[Record]) -> None:
        self.counts = counts
        self.source = source
        self.records = records
        self.outcomes: list[Outcome | None] = [None] * len(records)
        self.waiting = 0

    def settle(self) -> None:
        """Count the row once: by its first record, or as updated if any other changed.

        Rows an adapter derived from a row already counted are not counted again.
        """
        if not self.source.counted:
            return
        primary = self.outcomes[0]
        if primary is None:
            self.counts.rejected += 1
        elif primary is Outcome.CREATED:
            self.counts.created += 1
        elif any(o in _CHANGED for o in self.outcomes):
            self.counts.updated += 1
        else:
            self.counts.unchanged += 1


Slot = tuple[PendingRow, int, Record]
"""A record of a row: the row, the record's index in it, the record."""


class BatchWriter:
    """Collects records into batches and writes them to ``store``."""

    def __init__(self, store: GraphStore, batch_size: int, rejects: list[Reject]) -> None:
        self.store = store
        self.batch_size = batch_size
        self.rejects = rejects
        self.known: dict[str, set[str]] = defaultdict(set)
        self._nodes: dict[str, list[Slot]] = defaultdict(list)
        self._rels: dict[str, list[Slot]] = defaultdict(list)
        self._unresolved: list[Slot] = []
        self._rows: dict[PendingRow, None] = {}
        self._keys: set[tuple[str, ...]] = set()
        self._waiting: list[Slot] = []

    def add(self, row: PendingRow) -> None:
        """Queue every record of ``row``."""
        self._add(row, range(len(row.records)))

    def _add(self, row: PendingRow, indexes: range | list[int], final: bool = False) -> None:
        records = row.records
        keys = [records[i].key for i in indexes]
        if len(self._keys) + len(keys) > self.batch_size or not self._keys.isdisjoint(keys):
            self.flush(final)
        self._keys.update(keys)
        self._rows[row] = None
        known = self.known
        for index in indexes:
            record = records[index]
            slot = (row, index, record)
            if isinstance(record, NodeRecord):
                if record.label in REFERENCED_LABELS:
                    known[record.label].add(record.props["id"])
                self._nodes[record.label].append(slot)
                continue
            for ref in record.refs:
                if ref.id not in known[ref.label]:
                    self._unresolved.append(slot)
                    break
            else:
                self._rels[record.type].append(slot)

    def flush(self, final: bool = False) -> None:
        """Write the batch; relationships still unresolved wait (or, if ``final``, are rejected)."""
        self._resolve(final)
        groups, upserts = self._upserts()
        if upserts:
            for slots, outcomes in zip(groups, self.store.write(upserts), strict=True):
                for (row, index, _), outcome in zip(slots, outcomes, strict=True):
                    row.outcomes[index] = outcome
        for row in self._rows:
            if row.waiting == 0:
                row.settle()
        self._rows, self._keys = {}, set()

    def finish(self) -> None:
        """Write what waited for later rows, and reject what is still unresolved."""
        self.flush()
        waiting, self._waiting = self._waiting, []
        for row, index, _ in waiting:
            row.waiting -= 1
            self._add(row, [index], final=True)
        self.flush(final=True)

    def _resolve(self, final: bool) -> None:
        unknown: dict[str, set[str]] = defaultdict(set)
        for _, _, record in self._unresolved:
            for ref in cast(RelRecord, record).refs:
                if ref.id not in self.known[ref.label]:
                    unknown[ref.label].add(ref.id)
        for label, ids in unknown.items():
            self.known[label] |= self.store.existing_ids(label, ids)
        for slot in self._unresolved:
            row, _, record = slot
            rel = cast(RelRecord, record)
            if all(ref.id in self.known[ref.label] for ref in rel.refs):
                self._rels[rel.type].append(slot)
            elif final:
                self._reject_refs(row.source, rel)
            else:
                row.waiting += 1
                self._waiting.append(slot)
        self._unresolved = []

    def _reject_refs(self, source: SourceRow, record: RelRecord) -> None:
        for ref in record.refs:
            if ref.id not in self.known[ref.label]:
                reason = f"no {ref.label.lower()} with id {ref.id!r} in this export or the store"
                self.rejects.append(Reject(source.file, source.line, ref.column, ref.id, reason))

    def _node_rows(self, label: str, slots: list[Slot]) -> list[Props]:
        records = [cast(NodeRecord, record) for _, _, record in slots]
        merging = [rec.props["id"] for rec in records if rec.merge]
        if not merging:
            return [rec.props for rec in records]
        stored = self.store.get_nodes(label, merging)
        return [
            overlay(stored[rec.props["id"]], rec.props)
            if rec.merge and rec.props["id"] in stored
            else rec.props
            for rec in records
        ]

    def _upserts(self) -> tuple[list[list[Slot]], list[Upsert]]:
        groups: list[list[Slot]] = []
        upserts: list[Upsert] = []
        for node in NODES:
            if slots := self._nodes.pop(node.label, None):
                groups.append(slots)
                upserts.append(NodeUpsert(node.label, self._node_rows(node.label, slots)))
        for rel in RELS:
            if slots := self._rels.pop(rel.type, None):
                groups.append(slots)
                rows = [cast(RelRecord, record).row for _, _, record in slots]
                upserts.append(RelUpsert(rel.type, rows))
        return groups, upserts


def overlay(stored: Props, incoming: Props) -> Props:
    """``incoming`` laid over ``stored``: blanks keep stored values, list values are united.

    >>> overlay({"id": "c1", "country": "DE", "sources": ["a"]}, {"id": "c1", "country": None, "sources": ["b"]})
    {'id': 'c1', 'country': 'DE', 'sources': ['a', 'b']}
    """
    merged = dict(stored)
    for key, value in incoming.items():
        old = merged.get(key)
        if isinstance(value, list) and isinstance(old, list):
            merged[key] = list(dict.fromkeys(old + value))
        elif value is not None:
            merged[key] = value
    return merged
