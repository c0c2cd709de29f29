"""Search of the embedded store: the search keys of people and companies kept in memory.

A :class:`Catalogue` holds one label's keys sorted, joined into one string that
``str.find`` scans at C speed, so each match level is one scan that stops as soon as
it has enough hits (they come in list order). It keeps in step with SQLite by reading
the rows stamped after the last transaction it saw (other processes' commits too):
changed rows go to a small overlay searched one by one, and past a few thousand of
them the catalogue is compiled again.

>>> import tempfile, pathlib
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> people = [{"id": "p1", "name": "Jörg Köhler"}, {"id": "p2", "name": "Anna Kohl"}]
>>> _ = store.write([NodeUpsert("Person", people)])
>>> [(f.id, f.match.value) for f in Reads(store).find("Person", "koh", 5)]
[('p2', 'word'), ('p1', 'word')]
>>> _ = store.write([NodeUpsert("Person", [{"id": "p3", "name": "Kohl"}])])
>>> [(f.id, f.match.value) for f in Reads(store).find("Person", "kohl", 5)]
[('p3', 'exact'), ('p2', 'word'), ('p1', 'word')]
"""

from __future__ import annotations

import heapq
import sqlite3
import sys
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import cast
from weakref import WeakKeyDictionary

from graph_model.embedded.store import EmbeddedStore
from graph_model.embedded.tables import NODE_TABLES
from graph_model.folding import FOUND_BY, SEPARATOR, node_search_key
from graph_model.memory import give_back
from graph_model.store import GraphStore
from queries.common import active
from queries.search.rank import match
from queries.search.reads import Found, Job, Searched

LABELS: tuple[Searched, ...] = ("Person", "Company")
RECOMPILE_AT = 1_000
"""Changed rows an overlay holds before the catalogue is compiled again (plus 5 % of it)."""


class _Starts:
    """Where terms (or words) start and end in the joined keys, and the entry each is in, as
    arrays (no object per start: there are some 800,000 at 100,000 people)."""

    def __init__(self) -> None:
        self.offsets = array("I")
        self.ends = array("I")
        self.entries = array("I")

    def add(self, offset: int, end: int, entry: int) -> None:
        self.offsets.append(offset)
        self.ends.append(end)
        self.entries.append(entry)

    def sorted(self, text: str) -> tuple[array[int], array[int]]:
        """The offsets and entries, sorted by the text from each offset to its end: one first
        letter at a time, so that only the texts of one letter exist at once."""
        offsets, ends, entries = self.offsets, self.ends, self.entries
        letters: dict[str, array[int]] = {}
        for i, at in enumerate(offsets):
            letters.setdefault(text[at : at + 1] if at < ends[i] else "", array("I")).append(i)
        sorted_offsets, sorted_entries = array("I"), array("I")
        for letter in sorted(letters):
            group = letters.pop(letter)
            texts = {i: text[offsets[i] : ends[i]] for i in group}
            for i in sorted(group, key=texts.__getitem__):
                sorted_offsets.append(offsets[i])
                sorted_entries.append(entries[i])
        return sorted_offsets, sorted_entries


@dataclass(frozen=True)
class Compiled:
    """A label's keys sorted by (key, id) and joined by newlines into ``text``, with the
    offsets where a term (``terms``) or a word inside one (``words``) starts, each sorted
    by the text from there to the end of its term, and the entry each is in: the hits of
    a level are then a range found by bisection, and only substrings need a scan."""

    ids: list[str]
    text: str
    starts: array[int]
    terms: array[int]
    term_entries: array[int]
    words: array[int]
    word_entries: array[int]

    @classmethod
    def of(cls, entries: dict[str, str]) -> Compiled:
        ordered = sorted((key, node_id) for node_id, key in entries.items())
        text = "\n".join(key for key, _ in ordered)
        starts = array("I")
        terms, words = _Starts(), _Starts()
        at = 0
        for entry, (key, _) in enumerate(ordered):
            starts.append(at)
            term_at = at + 1
            for term in key[1:-1].split(SEPARATOR):
                if term:
                    end = term_at + len(term)
                    terms.add(term_at, end, entry)
                    space = term.find(" ")
                    while space >= 0:
                        words.add(term_at + space + 1, end, entry)
                        space = term.find(" ", space + 1)
                term_at += len(term) + 1
            at += len(key) + 1
        return cls([i for _, i in ordered], text, starts, *terms.sorted(text), *words.sorted(text))

    def key(self, entry: int) -> str:
        """The key of an entry."""
        start = self.starts[entry]
        return self.text[
            start : self.starts[entry + 1] - 1 if entry + 1 < len(self.starts) else None
        ]

    @cached_property
    def position(self) -> dict[str, int]:
        """Each id's entry."""
        return {node_id: entry for entry, node_id in enumerate(self.ids)}

    def starting(self, offsets: array[int], prefix: str) -> tuple[int, int]:
        """The range of ``offsets`` (sorted by their text) whose text starts with ``prefix``."""
        text, size = self.text, len(prefix)

        def head(at: int) -> str:
            return text[at : at + size]

        return bisect_left(offsets, prefix, key=head), bisect_right(offsets, prefix, key=head)

    def levels(self, folded: str) -> Iterator[Sequence[int]]:
        """The entries of each level, the last (substrings) to be scanned for."""
        lo, hi = self.starting(self.terms, folded)
        whole = self.starting(self.terms, folded + SEPARATOR)[1]
        yield self.term_entries[lo:whole]
        yield self.term_entries[whole:hi]
        first, last = self.starting(self.words, folded)
        yield self.word_entries[first:last]

    def scan(self, needle: str, skip: set[int], wanted: int) -> list[int]:
        """The first ``wanted`` entries (in list order) whose key holds ``needle``, except
        those of ``skip``."""
        text, starts, hits = self.text, self.starts, list[int]()
        at = text.find(needle)
        while at >= 0 and len(hits) < wanted:
            entry = bisect_right(starts, at) - 1
            if entry not in skip:
                hits.append(entry)
                skip.add(entry)
            if entry + 1 == len(starts):
                break
            at = text.find(needle, starts[entry + 1])
        return hits


@dataclass(frozen=True)
class Snapshot:
    """What a search reads: the compiled keys, with the rows changed since overlaid."""

    compiled: Compiled
    changed: dict[str, str] = field(default_factory=dict)
    masked: frozenset[int] = frozenset()

    def find(self, label: Searched, folded: str, limit: int) -> list[Found]:
        base, skip = self.compiled, set(self.masked)
        found: list[Found] = []
        for level, entries in enumerate(base.levels(folded)):
            fresh = set(entries) - skip
            for entry in heapq.nsmallest(limit - len(found), fresh):
                found.append(Found(level, base.key(entry), base.ids[entry], label))
            skip |= fresh
            if len(found) == limit:
                break
        else:
            for entry in base.scan(folded, skip, limit - len(found)):
                found.append(Found(3, base.key(entry), base.ids[entry], label))
        for node_id, key in self.changed.items():
            if folded in key and (how := match(key, folded)) is not None:
                found.append(Found(how.level, key, node_id, label))
        return sorted(found)[:limit]


class Catalogue:
    """The search keys of one label of one store, kept in step with its commits."""

    def __init__(self, label: Searched) -> None:
        self.label = label
        self.table = NODE_TABLES[label]
        self.columns = ("id", "name", *(c for c in FOUND_BY[label] if c != "id"))
        self.seen = -1
        """The last transaction whose rows the snapshot holds."""
        self.snapshot = Snapshot(Compiled.of({}))
        self._lock = threading.Lock()

    def refreshed(self, conn: sqlite3.Connection) -> Snapshot:
        """The snapshot, once it holds every row committed before this call."""
        with self._lock:
            new, self.seen = self._rows(conn, self.seen)
            if new:
                compiled = self.snapshot.compiled
                self.snapshot = self._overlaid(new)
                if self.snapshot.compiled is not compiled:
                    give_back()
            return self.snapshot

    def _overlaid(self, new: dict[str, str]) -> Snapshot:
        old = self.snapshot
        changed = old.changed | new
        if not old.compiled.ids or len(changed) > RECOMPILE_AT + len(old.compiled.ids) // 20:
            base = old.compiled
            kept = {node_id: base.key(entry) for entry, node_id in enumerate(base.ids)}
            return Snapshot(Compiled.of(kept | changed))
        position = old.compiled.position
        masked = old.masked | {position[i] for i in new if i in position}
        return Snapshot(old.compiled, changed, frozenset(masked))

    def _rows(self, conn: sqlite3.Connection, after: int) -> tuple[dict[str, str], int]:
        """The keys of the rows stamped after transaction ``after``, by id (the one string of
        each id the process holds), and the last transaction among them (``after`` when
        none)."""
        names = ", ".join(f'"{c}"' for c in self.columns)
        query = f"SELECT {names}, _seq FROM {self.table.name} WHERE _seq > ?"
        decode = self.table.decode_columns
        found, last = {}, after
        for row in conn.execute(query, (after,)):
            props = decode(self.columns, row[:-1])
            found[sys.intern(props["id"])] = node_search_key(self.label, props)
            last = max(last, row[-1])
        return found, last


_CATALOGUES: WeakKeyDictionary[EmbeddedStore, dict[str, Catalogue]] = WeakKeyDictionary()
_MAKING = threading.Lock()


def _catalogue(store: EmbeddedStore, label: Searched) -> Catalogue:
    with _MAKING:
        kept = _CATALOGUES.setdefault(store, {})
        return kept.setdefault(label, Catalogue(label))


_JOBS = """
SELECT start, "end", started_at, ended_at FROM r_works_at WHERE start IN ({marks})
"""


class Reads:
    """:class:`~queries.search.reads.SearchReads` of the embedded store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = cast(EmbeddedStore, store)

    def find(self, label: Searched, folded: str, limit: int) -> list[Found]:
        catalogue = _catalogue(self.store, label)
        with self._reading([catalogue]) as conn:
            snapshot = catalogue.refreshed(conn)
        return snapshot.find(label, folded, limit)

    def prepare(self) -> None:
        """Compile the keys of people and companies (some seconds at 100,000 people)."""
        catalogues = [_catalogue(self.store, label) for label in LABELS]
        with self._reading(catalogues) as conn:
            for catalogue in catalogues:
                catalogue.refreshed(conn)

    def _reading(self, catalogues: list[Catalogue]) -> AbstractContextManager[sqlite3.Connection]:
        """The store's read connection; one for reading whole tables while a catalogue has yet
        to read its own."""
        if any(c.seen < 0 for c in catalogues):
            return self.store.scanning()
        return self.store.reading()

    def jobs(self, people: list[str], when: datetime) -> list[Job]:
        if not people:
            return []
        marks = ",".join("?" * len(people))
        with self.store.reading() as conn:
            rows = conn.execute(_JOBS.format(marks=marks), people).fetchall()
        jobs = []
        for person, company, started, ended in rows:
            start, end = _time(started), _time(ended)
            if active(start, end, when):
                jobs.append(Job(person, company, start))
        return jobs


def _time(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)
