"""The measures the benchmarks print: percentiles, the fastest of several calls, two sides
timed in turns, resident memory, and the rates and batch writes of an ingest read from its
progress reports."""

from __future__ import annotations

import mmap
import os
import sys
from pathlib import Path

import pytest

from benchmarks import common
from benchmarks.common import percentiles, resident_mib, time_cases
from benchmarks.ingest import _windows, _writes
from benchmarks.paired import Side, in_turns

ROOT = Path(__file__).resolve().parents[1]

COUNTING_SIDE = """
import sys
from pathlib import Path
from benchmarks.paired import Loaded, serve

name, log = sys.argv[1], Path(sys.argv[2])
asked = []

def timer(question):
    def time_each():
        asked.append(question)
        with log.open("a") as out:
            out.write(f"{name} {question}\\n")
        n = asked.count(question)
        return [12.0 / n, 1.0 * n]  # the first case gets faster, the second slower

    return time_each

serve(Loaded({"side": name}, {q: timer(q) for q in ("q1", "q2")}, lambda: {"asked": asked}))
"""


def test_percentiles_are_the_median_and_the_nearest_rank_99th() -> None:
    assert percentiles([float(n) for n in range(100, 0, -1)]) == (50.5, 99.0)
    assert percentiles([3.0, 1.0, 2.0]) == (2.0, 3.0)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not Path("/dev/shm").is_dir(),
    reason="reads /proc and maps a file on tmpfs",
)
@pytest.mark.parametrize("folder", ["disk", "tmpfs"])
def test_the_pages_of_a_mapped_file_count_as_mapped_wherever_it_lies(
    folder: str, tmp_path: Path
) -> None:
    size = 32 * 1024 * 1024
    path = (tmp_path if folder == "disk" else Path("/dev/shm")) / f"mapped-{tmp_path.name}"
    try:
        path.write_bytes(b"x" * size)
        before = resident_mib()
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, prot=mmap.PROT_READ) as mapped:
            touched = sum(mapped[i] for i in range(0, size, mmap.PAGESIZE))
            during = resident_mib()
    finally:
        path.unlink(missing_ok=True)
    assert touched == ord("x") * (size // mmap.PAGESIZE)
    assert during["mapped"] - before["mapped"] >= 31
    assert during["private"] - before["private"] < 8


class Clock:
    """A ``perf_counter`` that only moves when a call of the operation moves it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_each_case_counts_its_fastest_call_and_its_first_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock()
    monkeypatch.setattr(common.time, "perf_counter", clock)
    # seconds each call of a case takes, turn after turn
    durations = {"a": [0.004, 0.001, 0.002], "b": [0.010, 0.012, 0.011]}
    calls: list[str] = []

    def operation(case: str) -> str:
        clock.now += durations[case][calls.count(case)]
        calls.append(case)
        return f"{case}{len(calls)}"

    answers: list[str] = []
    p50, p99 = time_cases(operation, ["a", "b"], answers, str.upper, passes=3)
    assert calls == ["a", "b"] * 3  # every case, then all again
    assert answers == ["A1", "B2"]  # the first answer of each, as ``comparable`` makes it
    assert (round(p50, 9), round(p99, 9)) == (5.5, 10.0)  # ms: the fastest of 1 and of 10

    answers.clear()
    calls.clear()
    assert time_cases(operation, ["a"], answers, str) == pytest.approx((4.0, 4.0))
    assert calls == ["a"]


def test_two_sides_in_their_processes_are_timed_in_turns_the_first_alternating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "counting_side.py").write_text(COUNTING_SIDE)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(ROOT)]))
    log = tmp_path / "log"
    sides = [Side(f"side {n}", "counting_side", n, str(log)) for n in ("a", "b")]
    assert [side.ready for side in sides] == [{"side": "a"}, {"side": "b"}]

    found = in_turns(sides, ["q1", "q2"], passes=3)
    assert log.read_text().split("\n")[:-1] == [
        *("a q1", "b q1", "b q1", "a q1", "a q1", "b q1"),
        *("b q2", "a q2", "a q2", "b q2", "b q2", "a q2"),
    ]
    assert found == [{"q1": [4.0, 1.0], "q2": [4.0, 1.0]}] * 2  # each case's fastest of 3
    assert [side.finish() for side in sides] == [{"asked": ["q1"] * 3 + ["q2"] * 3}] * 2


def test_a_side_that_fails_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "failing_side.py").write_text("raise RuntimeError('no graph here')\n")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(tmp_path), str(ROOT)]))
    with pytest.raises(SystemExit) as failed:
        Side("the failing run", "failing_side")
    message = str(failed.value)
    assert message.startswith("the failing run failed:\n") and "no graph here" in message


def reports(gaps: list[float]) -> list[tuple[int, float]]:
    """Progress reports, one every 1,000 rows, ``gaps`` seconds apart."""
    found, at = [(1000, 0.0)], 0.0
    for gap in gaps:
        at += gap
        found.append((found[-1][0] + 1000, at))
    return found


def test_batch_writes_are_the_long_gaps_between_reports() -> None:
    quiet = [0.01] * 20
    gaps = [*quiet, 0.9, *quiet, 0.15, *quiet, 0.6, *quiet, 0.5, *quiet]
    # 0.15 s (a pause of the collector, say) is under a quarter of the longest write
    assert _writes(reports(gaps)) == [0.9, 0.6, 0.5]
    assert _writes(reports([0.01, 0.012, 0.011])) == []  # no gap stands out: no write
    assert _writes(reports([])) == []


def test_an_ingest_reads_its_first_and_last_stretches_and_writes() -> None:
    # reports from 1,000 to 300,000 rows: 1,000 rows in 10 s at first, in 20 s at the end
    gaps = [10.0] * 100 + [15.0] * 99 + [20.0] * 100
    gaps[50], gaps[250] = 400.0, 200.0  # a write in each stretch
    measured = _windows(reports(gaps))
    assert measured["first_rate"] == pytest.approx(100_000 / (10.0 * 99 + 400.0))
    assert measured["last_rate"] == pytest.approx(100_000 / (20.0 * 99 + 200.0))
    assert (measured["first_write"], measured["last_write"]) == (400.0, 200.0)
    assert _windows(reports([0.01] * 150)) == {}  # under 200,000 rows: nothing to compare
