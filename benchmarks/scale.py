"""How far one machine goes: the embedded service at 100K, 1M and 10M ties, with growth factors.

    python -m benchmarks.scale [--sizes 100000,1000000] [--huge] [--work DIR] [--samples 100]
        [--seed 7] [--kuzu] [--kuzu-samples 30] [--table]

For each size, the graph of :mod:`benchmarks.graph` with one person per ten ties
(so about 20 ties a person at every size) in 2,000 companies; ``--huge`` adds 10M
ties (about 25 minutes and 4 GiB of memory at its peak here). Stores are kept under
``--work`` and reused. Each measurement runs in a fresh process, so its time and memory
are its own:

- **build**: writing the store (people, jobs, then the interactions in batches of 20,000);
- **first start**: opening it as the service does with no tie file (every interaction
  folded and the file written: what a store of an older version pays once);
- **start**: opening it as the service does, the tie file there: the time until it
  answers, and its resident memory then (private, and mapped file pages);
- **questions**: p50 and p99 of every question of :mod:`benchmarks.queries`, and the
  resident memory after them and at its peak.

It prints one table: a row per measure, a column per size, and the growth factor from
each size to the next (10x the ties); each size's measures are also kept in its folder
(``measured.json``; ``--table`` prints the table of what earlier runs kept, measuring
nothing). With ``--kuzu`` it also runs :mod:`benchmarks.kuzu_peer` on the
same network of each size (``--kuzu-samples`` pairs and egos, 30 by default: Kuzu's
weighted shortest path takes seconds at 10M ties): Kuzu's bulk load, fewest-hop and
weighted shortest paths and 2-hop ego networks, their ratios to the service's, and how
many answers of each agree with networkx's.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path
from typing import Any

from benchmarks.common import peak_mib, resident_mib, run_child

SIZES = (100_000, 1_000_000)
HUGE = 10_000_000
TIES_PER_PERSON = 10  # people = ties / 10: 20 ties a person on average (each has two ends)


def run_build(folder: str, ties: int, seed: int) -> dict[str, Any]:
    from benchmarks.graph import build

    start = time.perf_counter()
    build(Path(folder), ties // TIES_PER_PERSON, ties, seed)
    return {"seconds": time.perf_counter() - start, "peak_mib": peak_mib()}


def run_start(folder: str) -> dict[str, Any]:
    """Open the store as the service does; how long it took and what it holds then."""
    from graph_model.settings import Settings
    from graph_model.stores import open_for_serving

    start = time.perf_counter()
    store = open_for_serving(Settings(data_dir=Path(folder)))
    seconds = time.perf_counter() - start
    result = {"seconds": seconds, "resident_mib": resident_mib(), "peak_mib": peak_mib()}
    store.close()
    return result


def _child(kind: str, *args: str) -> dict[str, Any]:
    result: dict[str, Any] = run_child(
        "benchmarks.scale", f"--child-{kind}", *args, what=f"the {kind} run"
    )
    return result


def measure(folder: Path, ties: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every measure of one size (building the store unless ``folder`` holds it)."""
    found: dict[str, Any] = {"ties": ties}
    built = folder / "build.json"  # how long the build took, kept with the store
    if not (folder / "graph.sqlite").exists():
        found["build"] = _child("build", str(folder), str(ties), str(args.seed))
        built.write_text(json.dumps(found["build"]))
        _say(f"{ties:,} ties: built in {found['build']['seconds']:.0f} s")
    elif built.exists():
        found["build"] = json.loads(built.read_text())
    (folder / "graph.ties").unlink(missing_ok=True)
    found["first"] = _child("start", str(folder))
    _say(f"{ties:,} ties: first start {found['first']['seconds']:.1f} s")
    found["start"] = _child("start", str(folder))
    found["questions"] = run_child(
        "benchmarks.queries",
        *("--child-service", str(folder), "--samples", str(args.samples)),
        *("--seed", str(args.seed)),
        what="the questions",
    )
    found["files_mib"] = {
        name: (folder / name).stat().st_size / 2**20 for name in ("graph.sqlite", "graph.ties")
    }
    if args.kuzu:
        found["kuzu"] = _child("kuzu", str(folder), str(args.kuzu_samples), str(args.seed))
    (folder / "measured.json").write_text(json.dumps(found))
    _say(f"{ties:,} ties: measured (kept in {folder / 'measured.json'})")
    return found


def _rows(result: dict[str, Any]) -> list[tuple[str, float | None]]:
    """``(measure, value)`` of one size, in table order."""
    start, questions = result["start"], result["questions"]
    rows: list[tuple[str, float | None]] = [
        ("build (s)", result.get("build", {}).get("seconds")),
        ("first start, tie file written (s)", result["first"]["seconds"]),
        ("start (s)", start["seconds"]),
        ("resident at start (MiB)", start["resident_mib"].get("total")),
        ("  private at start", start["resident_mib"].get("private")),
        ("  mapped files at start", start["resident_mib"].get("mapped")),
        ("resident after questions (MiB)", questions["resident_mib"].get("total")),
        ("  private after questions", questions["resident_mib"].get("private")),
        ("  mapped files after questions", questions["resident_mib"].get("mapped")),
        ("peak (MiB)", questions["peak_mib"]),
        ("graph.sqlite (MiB)", result["files_mib"]["graph.sqlite"]),
        ("graph.ties (MiB)", result["files_mib"]["graph.ties"]),
    ]
    for name, (p50, p99) in questions["latency"].items():
        rows.append((f"{name} p50 (ms)", p50))
        rows.append((f"{name} p99 (ms)", p99))
    kuzu = result.get("kuzu")
    if kuzu:
        rows += [(name, value) for name, value in kuzu["rows"]]
    return rows


def print_table(results: list[dict[str, Any]]) -> None:
    tables = [dict(_rows(r)) for r in results]
    names = list(dict(_rows(results[-1])))
    head = f"{'':<36}" + "".join(f"{r['ties']:>12,}" for r in results)
    growth = [f"{'x' + str(b['ties'] // a['ties']):>10}" for a, b in itertools.pairwise(results)]
    print(head + "".join(f"{g:>10}" for g in growth))
    for name in names:
        values = [t.get(name) for t in tables]
        cells = "".join(f"{_cell(v):>12}" for v in values)
        factors = "".join(
            f"{(f'{b / a:.2f}x' if a and b is not None else '-'):>10}"
            for a, b in itertools.pairwise(values)
        )
        print(f"{name:<36}{cells}{factors}")


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}" if value < 10 else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _say(line: str) -> None:
    print(f"  {line}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=lambda s: [int(n) for n in s.split(",")], default=list(SIZES)
    )
    parser.add_argument("--huge", action="store_true", help=f"add {HUGE:,} ties")
    parser.add_argument("--work", type=Path, default=Path("srm-bench-scale"))
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kuzu", action="store_true", help="Kuzu as a peer (the bench extra)")
    parser.add_argument(
        "--kuzu-samples", type=int, default=30, help="pairs and egos asked of Kuzu at each size"
    )
    parser.add_argument("--table", action="store_true", help="print what earlier runs kept")
    parser.add_argument("--child-build", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--child-start", type=str, help=argparse.SUPPRESS)
    parser.add_argument("--child-kuzu", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_build:
        folder, ties, seed = args.child_build
        print(json.dumps(run_build(folder, int(ties), int(seed))))
        return
    if args.child_start:
        print(json.dumps(run_start(args.child_start)))
        return
    if args.child_kuzu:
        from benchmarks.kuzu_peer import peer_rows

        folder, samples, seed = args.child_kuzu
        print(json.dumps({"rows": peer_rows(Path(folder), int(samples), int(seed))}))
        return
    sizes = sorted({*args.sizes, *([HUGE] if args.huge else [])})
    if args.table:  # the table of what earlier runs measured
        print_table(
            [json.loads((args.work / f"ties-{n}" / "measured.json").read_text()) for n in sizes]
        )
        return
    print(
        f"the embedded service at {', '.join(f'{n:,}' for n in sizes)} ties "
        f"(one person per {TIES_PER_PERSON} ties, 2,000 companies), {args.samples} samples "
        "a question, each measure in a fresh process",
        flush=True,
    )
    results = [measure(args.work / f"ties-{n}", n, args) for n in sizes]
    print()
    print_table(results)


if __name__ == "__main__":
    main()
