"""Ingest speed of the service on Neo4j against the plain ``neo4j`` driver on the same rows.

Run as ``python -m benchmarks.ingest --backend neo4j``. On one Neo4j server started for the
run (fresh data folder), each side in its own process:

- the service: ``ingest.pipeline.ingest`` into ``open_store`` on Neo4j, first everything but
  the interactions (the setup), then ``interactions.csv`` alone, as the embedded benchmark
  does; its write transactions also keep the ``KNOWS`` ties of the people of each new
  interaction in step;
- the baseline, once the database is emptied (the service's constraints and indexes stay):
  the same companies, people, their employment, interactions and participations read with
  ``csv`` and created with ``UNWIND $rows AS row CREATE ...``, as many rows a transaction
  as the service writes records (``SRM_BATCH_SIZE``, 20,000 on Neo4j), one
  ``session.execute_write`` each; no validation, no change detection and no ``KNOWS`` ties.

The service's rate is what ``srm ingest`` achieves; the baseline is what a hand-written
loader gets from the same server.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import peak_mib
from benchmarks.neo4j_server import cypher, driver
from graph_model.neo4j.store import Neo4jStore
from graph_model.settings import Settings

KEYED = ("Company", "Person", "Interaction")
"""The labels the baseline matches on ``id``: the service's uniqueness constraints."""

Row = dict[str, Any]
Steps = dict[str, list[Row]]
"""Rows by load query (``load_<step>.cypher``), in the order they are written."""


@dataclass
class Load:
    """What one baseline load did: its rows, seconds in all and seconds per step."""

    rows: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)


def _present(row: Row) -> Row:
    """``row`` without its blank values."""
    return {k: v for k, v in row.items() if v not in ("", None)}


def _batches(rows: Sequence[Row]) -> Iterator[Sequence[Row]]:
    """``rows`` as many at a time as the service writes records in a transaction on Neo4j."""
    size = Settings().batch_size or Neo4jStore.write_batch
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write(session: Any, name: str, rows: Sequence[Row]) -> float:
    """Create ``rows`` with the query ``name``, a batch per transaction; the seconds it took."""
    query = cypher(name)
    start = time.perf_counter()
    for batch in _batches(rows):
        session.execute_write(lambda tx, b=batch: tx.run(query, rows=list(b)).consume())
    return time.perf_counter() - start


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _company(row: dict[str, str]) -> Row:
    """A company as the service stores it: ``is_home`` only when true."""
    return _present({**row, "is_home": row["is_home"] == "true" or None})


def _setup_rows(export: Path) -> tuple[int, Steps]:
    """Companies, people and their employment, from ``companies.csv`` and ``people.csv``."""
    companies = [_company(c) for c in _read(export / "companies.csv")]
    people, jobs = [], []
    for p in _read(export / "people.csv"):
        people.append(_present({k: p[k] for k in ("id", "name", "email", "title", "seniority")}))
        if p["company_id"]:
            when = {k: p[k] or None for k in ("started_at", "ended_at")}
            jobs.append({"person": p["id"], "company": p["company_id"], **when})
    steps = {"companies": companies, "people": people, "works_at": jobs}
    return len(companies) + len(people), steps


def _interaction_rows(path: Path) -> tuple[int, Steps]:
    """The interactions (with who started each) and one participation per participant, from
    ``interactions.csv``."""
    interactions, participations = [], []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for id_, kind, occurred_at, participant_ids, initiator, subject, company in reader:
            props = {"id": id_, "kind": kind, "initiator_id": initiator, "subject": subject}
            props["company_id"] = company
            interactions.append({"occurred_at": occurred_at, "props": _present(props)})
            participations += [
                {"person": p, "interaction": id_} for p in participant_ids.split(";")
            ]
    return len(interactions), {"interactions": interactions, "participations": participations}


def _check_constraints(session: Any) -> None:
    """Stop unless the uniqueness constraints on ``id`` of the matched labels are in place."""
    shown = session.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type").data()
    unique = {
        r["labelsOrTypes"][0]
        for r in shown
        if r["properties"] == ["id"] and "UNIQUENESS" in r["type"]
    }
    if missing := set(KEYED) - unique:
        raise SystemExit(f"no uniqueness constraint on the id of {sorted(missing)}")


def _load(session: Any, read: Callable[[Path], tuple[int, Steps]], source: Path) -> Load:
    """Read ``source`` with ``read``, then write each step's rows; reading counts in the time."""
    start = time.perf_counter()
    rows, steps = read(source)
    load = Load(rows, steps={"read csv": time.perf_counter() - start})
    for name, step_rows in steps.items():
        load.steps[name] = _write(session, f"load_{name}", step_rows)
    load.seconds = time.perf_counter() - start
    return load


def run_baseline(export: str, uri: str) -> dict[str, Any]:
    """The setup, then the interactions, written with the plain driver into the empty database."""
    with driver(uri) as plain, plain.session() as session:
        _check_constraints(session)
        setup = _load(session, _setup_rows, Path(export))
        interactions = _load(session, _interaction_rows, Path(export) / "interactions.csv")
    return {"setup": asdict(setup), "interactions": asdict(interactions), "peak_mib": peak_mib()}


def _sizes(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n:,}" for name, n in sorted(counts.items()))


def _steps(load: dict[str, Any]) -> str:
    steps = load.get("steps") or {}
    return "".join(f", {name} {s:.1f} s" for name, s in steps.items())


def _rates(side: dict[str, Any]) -> tuple[float, float]:
    """Rows per second over both parts, interactions per second over the second."""
    setup, inter = side["setup"], side["interactions"]
    rows = (setup["rows"] + inter["rows"]) / (setup["seconds"] + inter["seconds"])
    return rows, inter["rows"] / inter["seconds"]


def print_side(name: str, side: dict[str, Any], graph: dict[str, Any], note: str) -> None:
    """One side's rates, and what it left in the database."""
    setup, inter = side["setup"], side["interactions"]
    print(
        f"{name + ', setup:':<36}{setup['rows'] / setup['seconds']:>9,.0f} rows/s  "
        f"({setup['rows']:,.0f} rows in {setup['seconds']:.1f} s{_steps(setup)})"
    )
    print(
        f"{name + ', interactions:':<36}{_rates(side)[1]:>9,.0f} interactions/s  "
        f"({inter['seconds']:.1f} s{_steps(inter)}; client peak {side['peak_mib']:.0f} MiB; "
        f"{note})"
    )
    print(f"  in Neo4j then: {_sizes(graph['labels'])}; {_sizes(graph['types'])}")


def print_ratios(ours: dict[str, Any], base: dict[str, Any]) -> None:
    """Both sides' rates against each other and the goals."""
    (rows, rate), (b_rows, b_rate) = _rates(ours), _rates(base)
    print(f"rows/s overall: srm {rows:,.0f}, driver {b_rows:,.0f}: ratio {rows / b_rows:.2f}")
    print(
        f"interactions/s: srm {rate:,.0f}, driver {b_rate:,.0f}: ratio {rate / b_rate:.2f} "
        f"(goal >= 0.50); srm {rate:,.0f}/s (goal >= 20,000/s at 1,000,000 interactions)"
    )
