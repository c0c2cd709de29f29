"""Ingest speed of the embedded store against plain ``sqlite3`` on the same rows.

    python -m benchmarks.ingest [--backend embedded|neo4j] [--interactions 1000000]
        [--people 40000] [--companies 2000] [--repeat 3]

Generates a canonical dataset, ingests everything but the interactions (the
setup), then times the ingest of ``interactions.csv`` alone in a fresh process.
On the embedded store both sides run ``--repeat`` times, taking turns, each time into a
fresh store, and the ratio is that of the fastest run of each (a run slowed by the
machine, on either side, decides nothing). The baseline writes the same rows (each
interaction and one row per participant) from the same file: ``csv.reader``, then one
``executemany`` per table in one transaction, into plain keyed tables (with the store's
page cache size) with no validation, no change detection and no secondary indexes. Each
run happens in its own process, so its peak memory (max RSS) is its own.

Whether the rate holds as the store grows is told by the ingest's progress reports (one
every 1,000 rows): the rate of the first ``WINDOW`` rows (from the first report) against
that of the last (up to the last report, before the last batch is written and the
deferred indexes are built), and the time of the first batch write against that of the
last one between two reports (a write is where the store's growth would show; each
stretch of rows holds one or two of them).

With ``--backend neo4j`` the service ingests into a Neo4j server started for the run, and
the baseline is the plain ``neo4j`` driver on the same server (see
:mod:`benchmarks.neo4j_ingest`).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from benchmarks.common import peak_mib, run_child
from graph_model.settings import Settings

WINDOW = 100_000
"""Rows of the first and last stretch of the ingest whose rates are compared."""


def run_ingest(export: str, data_dir: str, uri: str | None = None) -> dict[str, float]:
    """``srm ingest`` of ``export``: into the embedded store in ``data_dir``, or into the
    Neo4j server at ``uri`` (rejects under ``data_dir``)."""
    from graph_model.stores import open_store
    from ingest.pipeline import IngestOptions, ingest

    settings = Settings(data_dir=Path(data_dir))
    if uri is not None:
        from benchmarks.neo4j_server import neo4j_settings, quiet_driver

        quiet_driver()
        settings = neo4j_settings(uri).model_copy(update={"data_dir": Path(data_dir)})
    store = open_store(settings)
    reports: list[tuple[int, float]] = []

    def report(table: str, done: int) -> None:
        if table == "interactions":
            reports.append((done, time.perf_counter()))

    start = time.perf_counter()
    result = ingest(store, Path(export), IngestOptions.from_settings(settings), progress=report)
    seconds = time.perf_counter() - start
    store.close()
    rows = sum(c.read for c in result.files.values())
    return {"rows": rows, "seconds": seconds, "peak_mib": peak_mib(), **_windows(reports)}


def _windows(reports: list[tuple[int, float]]) -> dict[str, float]:
    """The rates of the first and last ``WINDOW`` rows (or the nearest reports past them),
    from ``(rows done, time)`` reports, and how long the first and last batch writes took
    (:func:`_writes`); none when there are too few rows."""
    if not reports or reports[-1][0] - reports[0][0] < 2 * WINDOW:
        return {}
    (first_done, first_at), (last_done, last_at) = reports[0], reports[-1]
    head = next(r for r in reports if r[0] >= first_done + WINDOW)
    tail = next(r for r in reversed(reports) if r[0] <= last_done - WINDOW)
    writes = _writes(reports)
    return {
        "first_rate": (head[0] - first_done) / (head[1] - first_at),
        "last_rate": (last_done - tail[0]) / (last_at - tail[1]),
        **({"first_write": writes[0], "last_write": writes[-1]} if len(writes) > 1 else {}),
    }


def _writes(reports: list[tuple[int, float]]) -> list[float]:
    """The seconds of each batch write between two progress reports: the gaps ten times the
    median gap, and at least a quarter of the longest (a pause of the collector is not one).

    >>> _writes([(1000, 0.0), (2000, 0.01), (3000, 0.61), (4000, 0.62), (5000, 0.63), (6000, 1.3)])
    [0.6, 0.67]
    """
    gaps = [b[1] - a[1] for a, b in pairwise(reports)]
    if not gaps:
        return []
    least = max(10 * statistics.median(gaps), max(gaps) / 4)
    return [round(gap, 6) for gap in gaps if gap >= least]


def run_baseline(export: str, data_dir: str) -> dict[str, float]:
    """The rows srm writes for each interaction (the interaction and one row per
    participant), read with ``csv.reader`` and inserted with ``executemany`` into
    plain keyed tables in one transaction."""
    conn = sqlite3.connect(Path(data_dir) / "baseline.sqlite", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA cache_size={-1024 * Settings().sqlite_cache_mib}")
    conn.execute(
        "CREATE TABLE interaction (id TEXT PRIMARY KEY, kind TEXT, occurred_at TEXT, "
        "subject TEXT, company_id TEXT) WITHOUT ROWID"
    )
    conn.execute(
        "CREATE TABLE participation (person_id TEXT, interaction_id TEXT, initiator INTEGER, "
        "PRIMARY KEY (person_id, interaction_id))"
    )
    start = time.perf_counter()
    interactions: list[tuple[str, ...]] = []
    participations: list[tuple[str, str, bool]] = []
    with open(export, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for id_, kind, occurred_at, participant_ids, initiator, subject, company in reader:
            interactions.append((id_, kind, occurred_at, subject, company))
            participations.extend((p, id_, p == initiator) for p in participant_ids.split(";"))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO interaction VALUES (?, ?, ?, ?, ?)", interactions)
    conn.executemany("INSERT INTO participation VALUES (?, ?, ?)", participations)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return {"rows": len(interactions), "seconds": seconds, "peak_mib": peak_mib()}


def _child(kind: str, export: Path, data_dir: Path, uri: str | None = None) -> dict[str, float]:
    args = [f"--child-{kind}", str(export), str(data_dir)]
    if uri is not None:
        args += ["--neo4j", uri]
    result: dict[str, float] = run_child("benchmarks.ingest", *args, what=f"the {kind} run")
    return result


def _generate(export: Path, args: argparse.Namespace) -> dict[str, int]:
    """The canonical dataset the arguments ask for, written to ``export``."""
    from ingest.generate import generate

    start = time.perf_counter()
    written = generate(
        export,
        seed=args.seed,
        companies=args.companies,
        people=args.people,
        interactions=args.interactions,
        end=date(2026, 6, 30),
    )
    print(f"generated {written} in {time.perf_counter() - start:.1f} s")
    return written


def _participations(interactions: Path) -> int:
    with interactions.open(newline="", encoding="utf-8") as handle:
        return sum(len(r["participant_ids"].split(";")) for r in csv.DictReader(handle))


def _embedded(setup: Path, interactions: Path, work: Path, args: argparse.Namespace) -> None:
    """Time ``srm ingest`` of the interactions on the embedded store against ``sqlite3``,
    the fastest of ``args.repeat`` runs of each."""
    runs: list[tuple[dict[str, float], dict[str, float]]] = []
    for turn in range(1, args.repeat + 1):
        store_dir, base_dir = work / f"store-{turn}", work / f"baseline-{turn}"
        base_dir.mkdir()
        prep = _child("ingest", setup, store_dir)
        ours = _child("ingest", interactions, store_dir)
        base = _child("baseline", interactions, base_dir)
        shutil.rmtree(store_dir)
        shutil.rmtree(base_dir)
        runs.append((ours, base))
        print(
            f"run {turn}: setup {prep['rows']:,.0f} rows of companies, people, products... "
            f"in {prep['seconds']:.1f} s; interactions/s: srm {ours['rows'] / ours['seconds']:,.0f}, "
            f"sqlite3 {base['rows'] / base['seconds']:,.0f}"
        )
    ours = min((o for o, _ in runs), key=lambda r: r["seconds"])
    base = min((b for _, b in runs), key=lambda r: r["seconds"])
    participations = _participations(interactions)
    ours_rate = ours["rows"] / ours["seconds"]
    base_rate = base["rows"] / base["seconds"]
    print(f"the fastest of {args.repeat} runs of each:")
    print(
        f"graph: {args.companies:,} companies, {args.people:,} people, "
        f"{ours['rows']:,.0f} interactions, {participations:,} participations"
    )
    print(
        f"srm ingest (embedded): {ours_rate:>10,.0f} interactions/s  "
        f"({ours['seconds']:.1f} s, peak {ours['peak_mib']:.0f} MiB)"
    )
    print(
        f"sqlite3 executemany:   {base_rate:>10,.0f} interactions/s  "
        f"({base['seconds']:.1f} s, peak {base['peak_mib']:.0f} MiB)"
    )
    print(f"ratio: {ours_rate / base_rate:.2f} of the raw rate (target >= 0.50)")
    if "first_rate" in ours:
        print(
            f"first {WINDOW:,} rows: {ours['first_rate']:,.0f} interactions/s, "
            f"last {WINDOW:,}: {ours['last_rate']:,.0f} "
            f"(last / first: {ours['last_rate'] / ours['first_rate']:.2f})"
        )
    if "first_write" in ours:
        print(
            f"batch writes: first {ours['first_write']:.2f} s, last {ours['last_write']:.2f} s "
            f"(last / first: {ours['last_write'] / ours['first_write']:.2f})"
        )


def _neo4j(
    export: Path, setup: Path, interactions: Path, work: Path, args: argparse.Namespace
) -> None:
    """Time ``srm ingest`` of the whole export into Neo4j against the plain driver."""
    from benchmarks.neo4j_ingest import print_ratios, print_side
    from benchmarks.neo4j_server import clear, graph_counts, neo4j_server

    print(
        f"graph: {args.companies:,} companies, {args.people:,} people, "
        f"{args.interactions:,} interactions, {_participations(interactions):,} participations"
    )
    with neo4j_server() as server:
        prep = _child("ingest", setup, work / "store", server.uri)
        ours: dict[str, Any] = {
            "setup": prep,
            "interactions": _child("ingest", interactions, work / "store", server.uri),
        }
        ours["peak_mib"] = max(prep["peak_mib"], ours["interactions"]["peak_mib"])
        graph = graph_counts(server.uri)
        knows = graph["types"].get("KNOWS", 0)
        note = f"KNOWS ties kept in step as it goes, {knows:,} in the end"
        print_side("srm ingest (neo4j)", ours, graph, note)
        start = time.perf_counter()
        clear(server.uri)
        print(f"emptied the database in {time.perf_counter() - start:.1f} s")
        base = run_child(
            "benchmarks.ingest",
            "--child-neo4j-baseline",
            str(export),
            server.uri,
            what="the driver baseline",
        )
        print_side("driver UNWIND/CREATE", base, graph_counts(server.uri), "no KNOWS ties")
    print_ratios(ours, base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("embedded", "neo4j"), default="embedded")
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=40_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (embedded)")
    parser.add_argument("--child-ingest", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--neo4j", help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-neo4j-baseline", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ingest:
        export, data_dir = args.child_ingest
        print(json.dumps(run_ingest(export, data_dir, uri=args.neo4j)))
        return
    if args.child_baseline:
        print(json.dumps(run_baseline(*args.child_baseline)))
        return
    if args.child_neo4j_baseline:
        from benchmarks.neo4j_ingest import run_baseline as run_driver_baseline

        print(json.dumps(run_driver_baseline(*args.child_neo4j_baseline)))
        return

    work = Path(tempfile.mkdtemp(prefix="srm-bench-"))
    try:
        export = work / "export"
        written = _generate(export, args)
        interactions = export / "interactions.csv"
        setup = work / "setup"
        setup.mkdir()
        for name in written:
            if name != "interactions.csv":
                shutil.copy(export / name, setup / name)
        if args.backend == "neo4j":
            _neo4j(export, setup, interactions, work, args)
        else:
            _embedded(setup, interactions, work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
