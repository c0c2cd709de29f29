"""Interaction rows written a batch at a time, column-wise.

Interactions are most of an export (millions of rows, each a node and a relationship
to each participant). A row whose participants are all known, and whose id no other
row of its batch repeats, is written without records of its own: the batch's nodes
and relationships go to the store as two upserts, and each row is counted from their
outcomes as :class:`~ingest.writer.BatchWriter` counts a row. The other rows (a
participant neither stored nor earlier in the run, an id repeated in the batch) take
the writer's way, which lets a relationship wait for later rows and a repeated key
for the next round; they are written first, so an earlier row still lands before a
later one with its id.
"""

from __future__ import annotations

from collections import Counter

from graph_model.store import NodeUpsert, Outcome, Props, RelRow, RelUpsert, Upsert
from ingest.canonical import interaction_records
from ingest.records import SourceRow
from ingest.writer import BatchWriter, FileCounts, PendingRow, count_row, overlay

Row = tuple[FileCounts, SourceRow]


class InteractionLane:
    """Collects interaction rows for ``writer`` and writes them a batch at a time (laid
    over the stored node, if ``merge``, as a record with ``merge`` is)."""

    def __init__(self, writer: BatchWriter, merge: bool = False) -> None:
        self.writer = writer
        self.merge = merge
        self._props: list[Props] = []
        self._participants: list[list[str]] = []
        self._rows: list[Row] = []
        self._size = 0

    def add(self, counts: FileCounts, source: SourceRow, props: Props, people: list[str]) -> None:
        """Queue a row: its interaction's ``props`` and its participants ``people``."""
        size = 1 + len(people)
        if self._size + size > self.writer.batch_size:
            self.flush()
        self._size += size
        self._props.append(props)
        self._participants.append(people)
        self._rows.append((counts, source))

    def flush(self) -> None:
        """Write the queued rows."""
        props, participants, rows = self._props, self._participants, self._rows
        self._props, self._participants, self._rows, self._size = [], [], [], 0
        if aside := self._aside(props, participants):
            for i in sorted(aside):
                records = interaction_records(props[i], participants[i], merge=self.merge)
                self.writer.add(PendingRow(*rows[i], records))
            kept = [i for i in range(len(props)) if i not in aside]
            props = [props[i] for i in kept]
            participants = [participants[i] for i in kept]
            rows = [rows[i] for i in kept]
        self.writer.flush()
        if props:
            self._write(props, participants, rows)

    def _aside(self, props: list[Props], participants: list[list[str]]) -> set[int]:
        """The rows that take the writer's way: those repeating an id of the batch, and
        those with a participant neither stored nor earlier in the run."""
        ids = [p["id"] for p in props]
        aside: set[int] = set()
        if len(set(ids)) < len(ids):
            repeated = {i for i, n in Counter(ids).items() if n > 1}
            aside.update(i for i, node_id in enumerate(ids) if node_id in repeated)
        known = self.writer.known["Person"]
        if unknown := set[str]().union(*participants) - known:
            known |= self.writer.store.existing_ids("Person", unknown)
            if unknown := unknown - known:
                aside.update(
                    i for i, people in enumerate(participants) if not unknown.isdisjoint(people)
                )
        return aside

    def _write(self, props: list[Props], participants: list[list[str]], rows: list[Row]) -> None:
        """Write rows of unique ids and known participants in one transaction, and count
        each row and record."""
        writer = self.writer
        rels = [
            RelRow(person, p["id"])
            for p, people in zip(props, participants, strict=True)
            for person in people
        ]
        upserts: list[Upsert] = [
            NodeUpsert("Interaction", self._laid_over(props) if self.merge else props)
        ]
        if rels:
            upserts.append(RelUpsert("PARTICIPATED_IN", rels))
        written = writer.store.write(upserts)
        nodes = writer.tally("Interaction", written[0], props)
        links = writer.tally("PARTICIPATED_IN", written[1]) if rels else []
        if nodes.count(Outcome.CREATED) == len(nodes):
            for counts, source in rows:
                counts.created += source.counted
            return
        at = 0
        for (counts, source), node, people in zip(rows, nodes, participants, strict=True):
            if source.counted:
                count_row(counts, [node, *links[at : at + len(people)]])
            at += len(people)

    def _laid_over(self, props: list[Props]) -> list[Props]:
        """Each row laid over the stored node of its id, if there is one."""
        stored = self.writer.store.get_nodes("Interaction", [p["id"] for p in props])
        if not stored:
            return props
        return [overlay(known, p) if (known := stored.get(p["id"])) else p for p in props]
