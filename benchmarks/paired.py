"""Two sides of a comparison, each in a process of its own, timed in turns.

A side loads its graph once, then times every case of one question each time it is asked
(:func:`serve`: one line of JSON each way). The parent asks the sides in turns
(:func:`in_turns`), question by question and pass by pass, the side that goes first
alternating. A machine that slows down or speeds up during a run then weighs on both
sides alike; timed one after the other, the sides were minutes apart, and a ratio of
microsecond questions moved by 1.4× from run to run with the same code. Each side's peak
memory stays its own: the other side's graph is in the other process.

>>> side = Loaded({"ties": 1}, {"double": lambda: [2.0]}, lambda: {"peak_mib": 9.0})
>>> alone(side, passes=2)
{'ties': 1, 'peak_mib': 9.0, 'latency': {'double': (2.0, 2.0)}}
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from benchmarks.common import fastest, percentiles

Timer = Callable[[], list[float]]
"""Times every case of one question once: milliseconds, in case order."""


@dataclass
class Loaded:
    """A side with its graph loaded: what it reports when ready, a timer per question, and
    what it reports once every question was timed (its peak memory, its answers)."""

    ready: dict[str, Any]
    timers: dict[str, Timer]
    finish: Callable[[], dict[str, Any]]


def alone(side: Loaded, passes: int) -> dict[str, Any]:
    """Every question of ``side`` timed ``passes`` times, the fastest time of each case
    counting, with no other side: its reports, and p50 and p99 of each question."""
    latency = {name: percentiles(fastest(timer, passes)) for name, timer in side.timers.items()}
    return {**side.ready, **side.finish(), "latency": latency}


def serve(side: Loaded) -> None:
    """Answer the parent on standard input and output: ``ready`` first, then, for each
    ``{"time": question}``, the times of its cases, and for ``{"finish": true}``, what the side
    reports at the end."""
    _say(side.ready)
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("finish"):
            _say(side.finish())
            return
        _say(side.timers[request["time"]]())


def _say(found: Any) -> None:
    print(json.dumps(found), flush=True)


class Side:
    """A side in a child process (``python -m module args`` running :func:`serve`); ``what``
    names it in errors ("the service run")."""

    def __init__(self, what: str, module: str, *args: str) -> None:
        self.what = what
        self._errors: IO[str] = tempfile.TemporaryFile("w+")  # noqa: SIM115 (the child's life)
        self._process = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
        )
        self.ready: dict[str, Any] = self._answer()

    def time(self, question: str) -> list[float]:
        """The times of every case of ``question``, in ms."""
        times: list[float] = self._ask({"time": question})
        return times

    def finish(self) -> dict[str, Any]:
        """What the side reports at the end; the process then exits."""
        found: dict[str, Any] = self._ask({"finish": True})
        self._process.wait()
        self._errors.close()
        return found

    def _ask(self, request: dict[str, Any]) -> Any:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            pass  # it failed: _answer says why
        return self._answer()

    def _answer(self) -> Any:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            self._process.wait()
            self._errors.seek(0)
            raise SystemExit(f"{self.what} failed:\n{self._errors.read()}")
        return json.loads(line)


def in_turns(
    sides: Sequence[Side], questions: Sequence[str], passes: int
) -> list[dict[str, list[float]]]:
    """Each side's fastest time of each case of each question over ``passes`` passes, the
    sides asked in turns, the one going first alternating from one pass to the next."""
    found: list[dict[str, list[float]]] = [{} for _ in sides]
    turn = 0
    for question in questions:
        for _ in range(passes):
            order = range(len(sides)) if turn % 2 == 0 else reversed(range(len(sides)))
            turn += 1
            for i in order:
                times = sides[i].time(question)
                found[i][question] = list(map(min, found[i].get(question, times), times))
    return found
