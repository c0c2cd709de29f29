"""A readers–writer gate for the in-memory index: many readers at once, or one writer.

Readers (requests answering questions) hold the gate shared; the index catches up
with new commits only while it holds the gate alone. A thread that already holds
it shared may take it shared again at once (a read calls another), and a waiting
writer makes new readers wait, so a stream of requests cannot starve catch-ups. A
thread never asks for the gate alone while it holds it shared (the store catches
up before a read starts, never inside one), so the gate cannot deadlock.

>>> gate = Gate()
>>> with gate.shared(), gate.shared():
...     gate.depth()
2
>>> with gate.alone():
...     gate.depth()
0
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class _Held(threading.local):
    """How many times the current thread holds the gate shared (0 in a thread that never
    did: a class default, so reading it never raises inside, as a missing attribute would)."""

    depth = 0


class Gate:
    """Shared (re-entrant per thread) or exclusive access, writers first."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0
        self._local = _Held()

    def depth(self) -> int:
        """How many times this thread holds the gate shared."""
        return self._local.depth

    def shared(self) -> Shared:
        """The gate held shared for a ``with`` block."""
        return Shared(self)

    @contextmanager
    def alone(self) -> Iterator[None]:
        if self.depth():
            raise RuntimeError("a reader cannot take the gate alone (it would wait for itself)")
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writing or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


class Shared:
    """A hold of ``gate`` shared, for one ``with`` block (a class, not a generator: every
    read of the store takes one, and this costs a third as much)."""

    __slots__ = ("depth", "gate")

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.depth = 0

    def __enter__(self) -> None:
        gate = self.gate
        self.depth = depth = gate._local.depth
        if depth == 0:
            with gate._cond:
                while gate._writing or gate._writers_waiting:
                    gate._cond.wait()
                gate._readers += 1
        gate._local.depth = depth + 1

    def __exit__(self, *exc: object) -> None:
        gate, depth = self.gate, self.depth
        gate._local.depth = depth
        if depth == 0:
            with gate._cond:
                gate._readers -= 1
                if gate._readers == 0:
                    gate._cond.notify_all()
