"""What each worker of ``srm serve --workers N`` costs in memory, and how soon the service is ready.

    python -m benchmarks.workers [--people 100000] [--ties 1000000] [--seed 7] [--store DIR]
        [--workers 1,2,3] [--requests 300]

Builds (or reuses) the store of :mod:`benchmarks.graph`, then starts the service with each
number of workers in turn, as a user does (``srm serve --workers N``), waits until
``/readyz`` answers, asks ``--requests`` questions of it (strength, paths, account coverage,
search, cycling over drawn ids) so that every worker has read what questions read, and
reads the memory of every process of the service from ``/proc/PID/smaps_rollup``:

- ``Pss``: each process's share of the pages it maps (a page shared by three processes
  counts a third in each), so their sum is the memory the whole service takes;
- ``Private``: the pages only that process holds (what stopping it would give back).

It prints, for each number of workers, the time until ready, the sum of ``Pss`` and each
process's ``Pss`` and ``Private``, and what each added worker costs: the growth of the
sum of ``Pss``. Linux only.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.graph import AS_OF, benchmark_store, graph_options, sample_cases
from benchmarks.http import service_env
from benchmarks.http_servers import SRM, Server


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return sorted(found)


def _memory(pid: int) -> dict[str, float]:
    """``Pss`` and ``Private`` (clean and dirty) of a process, in MiB."""
    values: dict[str, float] = {"pss": 0.0, "private": 0.0}
    for line in (Path("/proc") / str(pid) / "smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name == "Pss":
            values["pss"] = int(rest.split()[0]) / 1024
        elif name in ("Private_Clean", "Private_Dirty"):
            values["private"] += int(rest.split()[0]) / 1024
    return values


def _questions(folder: Path, seed: int, count: int) -> list[str]:
    cases = sample_cases(folder, count, seed)
    as_of = AS_OF.isoformat()
    urls: list[str] = []
    for (a, b), account in zip(cases["pairs"], cases["accounts"], strict=False):
        urls.append(f"/v1/strength?{urlencode({'a': a, 'b': b, 'as_of': as_of})}")
        urls.append(f"/v1/paths?{urlencode({'from': a, 'to': b, 'as_of': as_of, 'k': 1})}")
        urls.append(f"/v1/companies/{account}/coverage?{urlencode({'as_of': as_of})}")
        urls.append(f"/v1/search?{urlencode({'q': a[:4]})}")
    return urls[:count]


def measure(folder: Path, workers: int, urls: list[str], work: Path) -> dict[str, object]:
    command = [SRM, "serve", "--workers", str(workers)]
    with Server(f"{workers} workers", command, service_env(folder), work / "serve.log") as ours:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for url in urls:
            with opener.open(f"{ours.url}{url}", timeout=60) as response:
                response.read()
        time.sleep(1.0)
        assert ours.process is not None
        processes = {pid: _memory(pid) for pid in _tree(ours.process.pid)}
        return {"ready_s": ours.ready_s, "processes": processes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    graph_options(parser, 100_000, 1_000_000)
    parser.add_argument(
        "--workers", type=lambda s: [int(n) for n in s.split(",")], default=[1, 2, 3]
    )
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with benchmark_store(args.store, args.people, args.ties, args.seed) as folder:
        urls = _questions(folder, args.seed, args.requests)
        with tempfile.TemporaryDirectory(prefix="srm-workers-") as work:
            results = {n: measure(folder, n, urls, Path(work)) for n in args.workers}
    print(
        f"graph: {args.people:,} people, {args.ties:,} ties; {len(urls)} questions asked of "
        "each service before measuring (MiB; Pss sums to the memory the service takes)"
    )
    print(f"{'workers':>8}{'ready s':>9}{'Pss sum':>10}   processes (Pss / private)")
    previous = None
    for n, result in results.items():
        processes = result["processes"]
        assert isinstance(processes, dict)
        total = sum(m["pss"] for m in processes.values())
        each = ", ".join(f"{m['pss']:.0f} / {m['private']:.0f}" for m in processes.values())
        grown = "" if previous is None else f"   (+{total - previous:.0f} MiB)"
        print(f"{n:>8}{result['ready_s']:>9.1f}{total:>10.0f}   {each}{grown}")
        previous = total


if __name__ == "__main__":
    main()
