"""Batched, reference-checked writing of records, with each row's outcome tallied.

A batch is written in one transaction per round: nodes first, in schema order,
then relationships. Records of one round have unique keys: a key repeated in a
batch waits for the next round, so a later row still lands after an earlier one. A relationship whose nodes are neither in the store nor earlier
in the run waits for the end of the run (a manager listed after the report);
still unresolved then, it is rejected alone, and the rest of its row is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import TypeVar

from graph_model.schema import NODES, RELS, rel_key
from graph_model.store import GraphStore, NodeUpsert, Outcome, Props, RelUpsert
from ingest.records import NodeRecord, Record, Reject, RelRecord, SourceRow

REFERENCED_LABELS = frozenset({"Company", "Person", "Product"})
_ENDS = attrgetter("start", "end")
_CHANGED = (Outcome.CREATED, Outcome.UPDATED)


@dataclass
class FileCounts:
    """Rows of one file by what became of them (``read`` is their sum, and the rows of the
    file), and how many of its values were rejected (in rejected rows, or alone in rows
    otherwise kept).

    A row counts as ``created`` when its record was not in the store before the run
    (also when an earlier row of the run created it), so a run into an empty store
    never counts a row ``updated`` or ``unchanged``.
    """

    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejected_values: int = 0
    left_out: int = 0
    """Rows that record nothing to ingest (a call that reached nobody)."""


@dataclass
class RecordCounts:
    """Records of one label or relationship type written by a run, derived ones included:
    those it created, and those already stored that it updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


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
        """Count the row once (see :func:`count_row`); rows an adapter derived from a row
        already counted are not counted again."""
        if self.source.counted:
            count_row(self.counts, self.outcomes)


def count_row(counts: FileCounts, outcomes: Sequence[Outcome | None]) -> None:
    """Count a row by the outcomes of its records: by its first record written (the first
    record may have been rejected alone), or as updated if any other changed."""
    primary = outcomes[0] if outcomes else None
    if primary is None:
        primary = next((o for o in outcomes if o is not None), None)
    if primary is None:
        counts.rejected += 1
    elif primary is Outcome.CREATED:
        counts.created += 1
    elif any(o in _CHANGED for o in outcomes):
        counts.updated += 1
    else:
        counts.unchanged += 1


@dataclass
class InteractionSpan:
    """When the interactions a run created or changed happened, and how many of them
    happened before ``old_before``."""

    old_before: datetime | None = None
    count: int = 0
    old: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def add(self, times: Sequence[datetime]) -> None:
        """Count interactions that happened at ``times`` (at least one)."""
        self.count += len(times)
        first, last = min(times), max(times)
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)
        if (old_before := self.old_before) is not None:
            self.old += sum(at < old_before for at in times)


NodeSlot = tuple[PendingRow, int, NodeRecord]
RelSlot = tuple[PendingRow, int, RelRecord]
"""A record of a row: the row, the record's index in it, the record."""
Slot = TypeVar("Slot", NodeSlot, RelSlot)
AnySlot = tuple[PendingRow, int, NodeRecord | RelRecord]


class BatchWriter:
    """Collects records into batches and writes them to ``store``."""

    def __init__(
        self,
        store: GraphStore,
        batch_size: int,
        rejects: list[Reject],
        old_before: datetime | None = None,
    ) -> None:
        self.store = store
        self.batch_size = batch_size
        self.rejects = rejects
        self.records: dict[str, RecordCounts] = {}
        """What became of the records, by label or relationship type."""
        self.interactions = InteractionSpan(old_before)
        counts = store.counts()
        self._new = {kind for kind, n in (*counts.labels.items(), *counts.types.items()) if not n}
        """The labels and types the store held none of before the run."""
        self._created: dict[str, set[str]] = defaultdict(set)
        """Ids of referenced nodes this run created."""
        self.known: dict[str, set[str]] = defaultdict(set)
        self._nodes: dict[str, list[NodeSlot]] = defaultdict(list)
        self._rels: dict[str, list[RelSlot]] = defaultdict(list)
        self._unresolved: list[RelSlot] = []
        self._rows: dict[PendingRow, None] = {}
        self._size = 0
        self._waiting: list[RelSlot] = []

    def add(self, row: PendingRow) -> None:
        """Queue every record of ``row``."""
        self._add(row, enumerate(row.records), len(row.records))

    def _add(
        self,
        row: PendingRow,
        records: Iterable[tuple[int, Record]],
        size: int,
        final: bool = False,
    ) -> None:
        """Queue ``size`` records of ``row``, given with their index in it."""
        if self._size + size > self.batch_size:
            self.flush(final)
        self._size += size
        self._rows[row] = None
        known, nodes, rels = self.known, self._nodes, self._rels
        for index, record in records:
            if isinstance(record, NodeRecord):
                if record.label in REFERENCED_LABELS:
                    known[record.label].add(record.props["id"])
                nodes[record.label].append((row, index, record))
                continue
            for ref in record.refs:
                if ref.id not in known[ref.label]:
                    self._unresolved.append((row, index, record))
                    break
            else:
                rels[record.type].append((row, index, record))

    def flush(self, final: bool = False) -> None:
        """Write the batch; relationships still unresolved wait (or, if ``final``, are rejected)."""
        self._resolve(final)
        while True:
            nodes, rels = self._node_upserts(), self._rel_upserts()
            if not nodes and not rels:
                break
            written = self.store.write([u for _, u in nodes] + [u for _, u in rels])
            for (slots, node_upsert), outcomes in zip(nodes, written[: len(nodes)], strict=True):
                props = [record.props for _, _, record in slots]
                _note(slots, self.tally(node_upsert.label, outcomes, props))
            for (rel_slots, rel_upsert), outcomes in zip(rels, written[len(nodes) :], strict=True):
                _note(rel_slots, self.tally(rel_upsert.type, outcomes))
        for row in self._rows:
            if row.waiting == 0:
                row.settle()
        self._rows, self._size = {}, 0

    def finish(self) -> None:
        """Write what waited for later rows, and reject what is still unresolved."""
        self.flush()
        waiting, self._waiting = self._waiting, []
        for row, index, record in waiting:
            row.waiting -= 1
            self._add(row, [(index, record)], 1, final=True)
        self.flush(final=True)

    def _counts(self, kind: str) -> RecordCounts:
        return self.records.get(kind) or self.records.setdefault(kind, RecordCounts())

    def tally(
        self, kind: str, outcomes: list[Outcome], props: Sequence[Props] = ()
    ) -> list[Outcome]:
        """Count the outcomes of one upsert of ``kind`` (a label or a relationship type; a
        label's rows' ``props`` given); the outcomes as the store before the run would tell
        them (CREATED again for a record an earlier row of the run created)."""
        counts = self._counts(kind)
        referenced, dated = kind in REFERENCED_LABELS, kind == "Interaction"
        if outcomes.count(Outcome.CREATED) == len(outcomes):
            counts.created += len(outcomes)
            if referenced:
                self._created[kind].update(p["id"] or "" for p in props)
            if dated:
                self.interactions.add([p["occurred_at"] for p in props])
            return outcomes
        new, created = kind in self._new, self._created[kind]
        seen: list[Outcome] = []
        changed = []
        for i, outcome in enumerate(outcomes):
            if outcome is Outcome.CREATED:
                counts.created += 1
                if referenced:
                    created.add(props[i]["id"] or "")
            elif new or (referenced and props[i]["id"] in created):
                seen.append(Outcome.CREATED)
                continue
            elif outcome is Outcome.UPDATED:
                counts.updated += 1
            else:
                counts.unchanged += 1
            if dated and outcome in _CHANGED:
                changed.append(props[i]["occurred_at"])
            seen.append(outcome)
        if changed:
            self.interactions.add(changed)
        return seen

    def _resolve(self, final: bool) -> None:
        unknown: dict[str, set[str]] = defaultdict(set)
        for _, _, record in self._unresolved:
            for ref in record.refs:
                if ref.id not in self.known[ref.label]:
                    unknown[ref.label].add(ref.id)
        for label, ids in unknown.items():
            self.known[label] |= self.store.existing_ids(label, ids)
        for slot in self._unresolved:
            row, _, rel = slot
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

    def _node_rows(self, label: str, slots: list[NodeSlot]) -> list[Props]:
        records = [record for _, _, record in slots]
        merging = [rec.props["id"] for rec in records if rec.merge or rec.fill]
        if not merging:
            return [rec.props for rec in records]
        stored = self.store.get_nodes(label, merging)

        def row(rec: NodeRecord) -> Props:
            known = stored.get(rec.props["id"])
            if known is None:
                return rec.props
            if rec.fill:
                return overlay(rec.props, known)
            return overlay(known, rec.props) if rec.merge else rec.props

        return [row(rec) for rec in records]

    def _node_upserts(self) -> list[tuple[list[NodeSlot], NodeUpsert]]:
        """The nodes of the next round: the first record of each key; the records repeating
        a key stay."""
        upserts: list[tuple[list[NodeSlot], NodeUpsert]] = []
        for node in NODES:
            if nodes := self._nodes.pop(node.label, None):
                keys: list[Hashable] = [record.props["id"] for _, _, record in nodes]
                nodes = _first_of_each_key(nodes, keys, self._nodes[node.label])
                upserts.append((nodes, NodeUpsert(node.label, self._node_rows(node.label, nodes))))
        return upserts

    def _rel_upserts(self) -> list[tuple[list[RelSlot], RelUpsert]]:
        """The relationships of the next round, as :meth:`_node_upserts`."""
        upserts: list[tuple[list[RelSlot], RelUpsert]] = []
        for rel in RELS:
            if rels := self._rels.pop(rel.type, None):
                rows = [record for _, _, record in rels]
                keys: list[Hashable]
                if rel.key:
                    keys = [(r.start, r.end, rel_key(rel, r.props)) for r in rows]
                else:
                    keys = list(map(_ENDS, rows))
                first = _first_of_each_key(rels, keys, self._rels[rel.type])
                if first is not rels:
                    rows = [record for _, _, record in first]
                upserts.append((first, RelUpsert(rel.type, rows)))
        return upserts


def _note(slots: Sequence[AnySlot], outcomes: list[Outcome]) -> None:
    """Note on each record's row the outcome of the record."""
    for (row, index, _), outcome in zip(slots, outcomes, strict=True):
        row.outcomes[index] = outcome


def _first_of_each_key(slots: list[Slot], keys: list[Hashable], later: list[Slot]) -> list[Slot]:
    """The slots whose key comes first (``slots`` itself when keys are unique); the others
    go to ``later``, in order."""
    if len(set(keys)) == len(keys):
        return slots
    seen: set[Hashable] = set()
    first: list[Slot] = []
    for slot, key in zip(slots, keys, strict=True):
        if key in seen:
            later.append(slot)
        else:
            seen.add(key)
            first.append(slot)
    return first


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
