"""Ingest speed of the embedded store against plain ``sqlite3`` on the same rows.

    python -m benchmarks.ingest [--interactions 1000000] [--people 40000] [--companies 2000]

Generates a canonical dataset, ingests everything but the interactions (the
setup), then times the ingest of ``interactions.csv`` alone in a fresh process.
The baseline writes the same rows (each interaction and one row per
participant) from the same file: ``csv.reader``, then one ``executemany`` per
table in one transaction, into plain keyed tables (with the store's page cache size) with no validation, no
change detection and no secondary indexes. Each run happens in its own
process, so its peak memory (max RSS) is its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.common import peak_mib, run_child
from graph_model.settings import Settings


def run_ingest(export: str, data_dir: str) -> dict[str, float]:
    from graph_model.stores import open_store
    from ingest.pipeline import IngestOptions, ingest

    settings = Settings(data_dir=Path(data_dir))
    store = open_store(settings)
    start = time.perf_counter()
    result = ingest(store, Path(export), IngestOptions.from_settings(settings))
    seconds = time.perf_counter() - start
    store.close()
    rows = sum(c.read for c in result.files.values())
    return {"rows": rows, "seconds": seconds, "peak_mib": peak_mib()}


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


def _child(kind: str, export: Path, data_dir: Path) -> dict[str, float]:
    result: dict[str, float] = run_child(
        "benchmarks.ingest", f"--child-{kind}", str(export), str(data_dir), what=f"the {kind} run"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=40_000)
    parser.add_argument("--companies", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child-ingest", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_ingest:
        print(json.dumps(run_ingest(*args.child_ingest)))
        return
    if args.child_baseline:
        print(json.dumps(run_baseline(*args.child_baseline)))
        return

    from ingest.generate import generate

    work = Path(tempfile.mkdtemp(prefix="srm-bench-"))
    try:
        export = work / "export"
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
        interactions = export / "interactions.csv"
        setup = work / "setup"
        setup.mkdir()
        for name in written:
            if name != "interactions.csv":
                shutil.copy(export / name, setup / name)
        store_dir = work / "store"
        base_dir = work / "baseline"
        base_dir.mkdir()
        prep = _child("ingest", setup, store_dir)
        print(
            f"setup: {prep['rows']:,.0f} rows of companies, people, products... "
            f"in {prep['seconds']:.1f} s"
        )
        ours = _child("ingest", interactions, store_dir)
        base = _child("baseline", interactions, base_dir)
        with interactions.open(newline="", encoding="utf-8") as handle:
            participations = sum(
                len(r["participant_ids"].split(";")) for r in csv.DictReader(handle)
            )
        ours_rate = ours["rows"] / ours["seconds"]
        base_rate = base["rows"] / base["seconds"]
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
        print(f"ratio: {ours_rate / base_rate:.2f} of the raw rate (target >= 0.30)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
