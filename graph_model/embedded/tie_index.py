"""The ties an embedded index reads: a mapped tie file, with the ties changed since put over it.

:class:`TieIndex` is a mutable mapping of ordered pairs to
:class:`~graph_model.ties.Tie`: a pair's tie is the one put since the file was
written (``None`` there: the pair has none any more), else the file's. Ties read
from the file are new objects each time; change a tie by putting it back.
:class:`Row` is one node's neighbours as the path search walks them: the file's
entries read in place (:attr:`Row.file`, ``lo``, ``hi``, without the
``hidden`` ones) and a dict of the rest (changed ties, jobs).

>>> ties = TieIndex(None)
>>> ties["p1", "p2"] = Tie.of(1.0, 1, 1, 0, 0, 5.0, 5.0)
>>> [(other, tie.count) for other, tie in ties.of("p2")], len(ties), ties.get(("p2", "p3"))
([('p1', 1)], 1, None)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Iterator, Mapping, MutableMapping
from typing import Any

from graph_model.embedded.tie_file import TieFile
from graph_model.ties import Tie

Pair = tuple[str, str]
_NOTHING: dict[str, Any] = {}


class TieIndex(MutableMapping[Pair, Tie]):
    """Ties by ordered pair: ``file``'s, and ``changed`` over them."""

    def __init__(self, file: TieFile | None) -> None:
        self.file = file
        self.changed: dict[str, dict[str, Tie | None]] = {}
        """Person to neighbour to the pair's tie since the file (``None``: none now)."""
        self.changes = 0
        """How many pairs ``changed`` holds."""

    def get(self, pair: Pair, default: Any = None) -> Any:
        tie, t = self.locate(pair)
        if t >= 0:
            assert self.file is not None
            tie = self.file.tie_at(t)
        return default if tie is None else tie

    def locate(self, pair: Pair) -> tuple[Tie | None, int]:
        """Where the pair's tie is: ``(tie, -1)`` when it changed since the file was written
        (``None``: it has none now), ``(None, t)`` when the file's tie numbered ``t`` is it,
        ``(None, -1)`` when there is none."""
        a, b = pair
        row = self.changed.get(a)
        if row is not None and b in row:
            return row[b], -1
        return None, -1 if self.file is None else self.file.find(a, b)

    def __getitem__(self, pair: Pair) -> Tie:
        tie: Tie | None = self.get(pair)
        if tie is None:
            raise KeyError(pair)
        return tie

    def __setitem__(self, pair: Pair, tie: Tie) -> None:
        self._put(pair, tie)

    def __delitem__(self, pair: Pair) -> None:
        if self.get(pair) is None:
            raise KeyError(pair)
        self._put(pair, None)

    def put(self, ties: Mapping[Pair, Tie | None]) -> None:
        """Put in these ties (``None``: the pair has none now)."""
        for pair, tie in ties.items():
            if tie is not None:
                self._put(pair, tie)
            elif self.get(pair) is not None:
                self._put(pair, None)

    def _put(self, pair: Pair, tie: Tie | None) -> None:
        a, b = pair
        row = self.changed.setdefault(a, {})
        if b not in row:
            self.changes += 1
        row[b] = tie
        self.changed.setdefault(b, {})[a] = tie

    def of(self, person: str, among: Container[str] | None = None) -> Iterator[tuple[str, Tie]]:
        """``(other person, tie)`` for each tie of ``person`` (with another of ``among`` when
        given): the file's in neighbour order, then the changed ones."""
        changed = self.changed.get(person, _NOTHING)
        file = self.file
        if file is not None and (i := file.number.get(person)) is not None:
            names, neighbour, tie_of, tie_at = file.names, file.neighbour, file.tie, file.tie_at
            for e in range(file.row[i], file.row[i + 1]):
                other = names[neighbour[e]]
                if (among is None or other in among) and other not in changed:
                    yield other, tie_at(tie_of[e])
        for other, tie in changed.items():
            if tie is not None and (among is None or other in among):
                yield other, tie

    def __iter__(self) -> Iterator[Pair]:
        for pair, _ in self.items():
            yield pair

    def items(self) -> Iterator[tuple[Pair, Tie]]:  # type: ignore[override]
        """Every ``(pair, tie)``: the file's unchanged ones, then the changed ones."""
        changed = self.changed
        if self.file is not None:
            tie_at = self.file.tie_at
            for (a, b), t in self.file.pairs():
                row = changed.get(a)
                if row is None or b not in row:
                    yield (a, b), tie_at(t)
        for a, row in changed.items():
            for b, tie in row.items():
                if a < b and tie is not None:
                    yield (a, b), tie

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def knows(self, node: str) -> bool:
        """Whether ``node`` is a person with a tie in the file or a changed one."""
        return node in self.changed or (self.file is not None and node in self.file.number)

    def row(self, node: str, rest: Mapping[str, Any]) -> Row:
        """``node``'s neighbours: its ties and ``rest`` (its jobs)."""
        changed = self.changed.get(node)
        if changed:
            rest = {**rest, **{w: tie for w, tie in changed.items() if tie is not None}}
        lo = hi = 0
        file = self.file
        if file is not None and (i := file.number.get(node)) is not None:
            lo, hi = file.row[i], file.row[i + 1]
        return Row(file, lo, hi, changed or _NOTHING, rest)


class Row(Mapping[str, Any]):
    """One node's neighbours, to the edge's :class:`~graph_model.ties.Tie` or job
    ``(started_at, ended_at)``.

    The file's entries ``lo`` to ``hi`` whose neighbour is not in ``hidden``, then ``rest``.
    """

    __slots__ = ("file", "hi", "hidden", "lo", "rest")

    def __init__(
        self,
        file: TieFile | None,
        lo: int,
        hi: int,
        hidden: Mapping[str, Any],
        rest: Mapping[str, Any],
    ) -> None:
        self.file, self.lo, self.hi, self.hidden, self.rest = file, lo, hi, hidden, rest

    def _entries(self) -> Iterator[tuple[str, int]]:
        """``(neighbour, tie number)`` of the file's entries the row shows."""
        file, hidden = self.file, self.hidden
        if file is None:
            return
        names, neighbour, tie = file.names, file.neighbour, file.tie
        for e in range(self.lo, self.hi):
            w = names[neighbour[e]]
            if w not in hidden:
                yield w, tie[e]

    def __iter__(self) -> Iterator[str]:
        for w, _ in self._entries():
            yield w
        yield from self.rest

    def __len__(self) -> int:
        return sum(1 for _ in self._entries()) + len(self.rest)

    def _find(self, w: object) -> int:
        """The tie number of the file's entry for ``w`` the row shows; -1 when none."""
        file = self.file
        if file is None or w in self.hidden:
            return -1
        number = file.number.get(w)  # type: ignore[call-overload]
        if number is None:
            return -1
        e = bisect_left(file.neighbour, number, self.lo, self.hi)
        return file.tie[e] if e < self.hi and file.neighbour[e] == number else -1

    def __getitem__(self, w: str) -> Any:
        found = self.rest.get(w)
        if found is not None:
            return found
        t = self._find(w)
        if t < 0:
            raise KeyError(w)
        assert self.file is not None
        return self.file.tie_at(t)

    def __contains__(self, w: object) -> bool:
        return w in self.rest or self._find(w) >= 0

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        if self.file is not None:
            tie_at = self.file.tie_at
            for w, t in self._entries():
                yield w, tie_at(t)
        yield from self.rest.items()
