"""What the benchmarks share: peak memory, one measurement per process, percentiles and
answers compared.

Only the standard library: a child that measures memory must not load more than it needs.
"""

from __future__ import annotations

import json
import math
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any


def peak_mib() -> float:
    """The peak resident memory of this process so far, in MiB: Linux's ``VmHWM``, the
    high-water mark of this program's own memory (or its resident size now, when larger:
    the kernel updates the mark lazily). ``ru_maxrss`` would carry over the peak
    of the process that started it (kept across fork and exec), so a child started by a
    benchmark that built a store first would report the builder's peak; it is read only
    where ``/proc`` is missing."""
    found: list[float] = []
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmHWM:", "VmRSS:")):
                    found.append(int(line.split()[1]) / 1024)
    except OSError:
        pass
    if found:  # the mark is brought up to date lazily: the resident size now may pass it
        return max(found)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mib() -> dict[str, float]:
    """This process's resident memory now, in MiB (:func:`resident_parts`); Linux only
    (empty elsewhere)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return resident_parts(status.read())
    except OSError:
        return {}


def resident_parts(status: str) -> dict[str, float]:
    """``total``, ``private`` (the process's own heap) and ``mapped`` (pages of files it
    maps: shared with every process that maps them, and given back to the page cache when
    memory runs short) in MiB, from the text of ``/proc/<pid>/status``. A file on tmpfs
    (``/dev/shm``) is counted as shared memory, not as a file, by the kernel: it is mapped
    here too.

    >>> lines = ["VmRSS: 3072 kB", "RssAnon: 1024 kB", "RssFile: 512 kB", "RssShmem: 1536 kB"]
    >>> resident_parts("\\n".join(lines))
    {'total': 3.0, 'private': 1.0, 'mapped': 2.0}
    """
    kib = {"VmRSS:": 0, "RssAnon:": 0, "RssFile:": 0, "RssShmem:": 0}
    for line in status.splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0] in kib:
            kib[parts[0]] = int(parts[1])
    return {
        "total": kib["VmRSS:"] / 1024,
        "private": kib["RssAnon:"] / 1024,
        "mapped": (kib["RssFile:"] + kib["RssShmem:"]) / 1024,
    }


def run_child(module: str, *args: str, what: str, timeout: float | None = None) -> Any:
    """What ``python -m module args`` prints as JSON; exits with its errors when ``what``
    (say "the baseline run") fails, or when it is still running after ``timeout`` seconds
    (then it is killed)."""
    try:
        out = subprocess.run(
            [sys.executable, "-m", module, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SystemExit(f"{what} was still running after {timeout:.0f} s") from exc
    if out.returncode:
        raise SystemExit(f"{what} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def percentiles(samples: list[float]) -> tuple[float, float]:
    """The median and the 99th percentile (nearest rank: of 100 samples, the 99th smallest).

    >>> percentiles([float(n) for n in range(1, 101)])
    (50.5, 99.0)
    """
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[math.ceil(len(ordered) * 0.99) - 1]


def same_answer(a: Any, b: Any) -> bool:
    """Equal, floats to 1e-9."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_answer(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_answer(a[k], b[k]) for k in a)
    return bool(a == b)


def time_cases(
    operation: Callable[[Any], Any],
    cases: list[Any],
    answers: list[Any],
    comparable: Callable[[Any], Any],
    passes: int = 1,
) -> tuple[float, float]:
    """p50 and p99 in ms over ``cases`` of each one's fastest of ``passes`` calls (every case
    once, then again, ``passes`` times); the ``comparable`` part of each first answer goes to
    ``answers`` (whole answers would weigh on peak memory)."""
    return percentiles(fastest(case_timer(operation, cases, answers, comparable), passes))


def case_timer(
    operation: Callable[[Any], Any],
    cases: list[Any],
    answers: list[Any],
    comparable: Callable[[Any], Any],
) -> Callable[[], list[float]]:
    """What times one call of each case, in ms; the first time, the ``comparable`` part of
    each answer goes to ``answers``."""
    turns = 0

    def time_each() -> list[float]:
        nonlocal turns
        durations = []
        for case in cases:
            start = time.perf_counter()
            answer = operation(case)
            durations.append((time.perf_counter() - start) * 1000)
            if turns == 0:
                answers.append(comparable(answer))
        turns += 1
        return durations

    return time_each


def fastest(timer: Callable[[], list[float]], passes: int) -> list[float]:
    """Each case's fastest time of ``passes`` calls of ``timer``."""
    best = timer()
    for _ in range(passes - 1):
        best = list(map(min, best, timer()))
    return best
