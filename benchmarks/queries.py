"""Query latency and memory of the embedded service against plain networkx.

    python -m benchmarks.queries [--people 100000] [--ties 1000000] [--samples 100]

Builds an embedded store with ``--ties`` two-person interactions between random
people (so about as many person–person ties) and their employment, then, each
in its own process so peak memory (max RSS) is its own:

- the service: opens the store, builds its index, and times strongest path,
  shortest path, strength, account coverage and ego network through the
  capability functions the API calls;
- plain networkx: reads the same ties and jobs into a prebuilt ``nx.Graph``
  whose edges carry what each question needs at ``AS_OF`` (cost, strength, the
  tie's aggregates), and times the same operations on it: ``bidirectional_dijkstra``,
  ``bidirectional_shortest_path``, the strength formula on an edge's aggregates,
  coverage by walking an account's executives' neighbours, ``ego_graph``.

It prints p50 and p99 of each, their ratio, and both processes' peak memory.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

AS_OF = datetime(2026, 6, 30, tzinfo=UTC)
HOME = "c0000"
KINDS = (
    ("email", 34),
    ("call", 17),
    ("meeting", 16),
    ("video_call", 12),
    ("message", 9),
    ("event", 4),
    ("negotiation", 3),
    ("rfp", 2),
    ("gift", 1),
)
LEVELS = (("executive", 3), ("vp", 5), ("director", 8), ("manager", 20), ("staff", 64))
Timer = Callable[[], object]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(folder: Path, people: int, ties: int, seed: int) -> None:
    """An embedded store of ``people`` in 2,000 companies and ``ties`` interactions."""
    from graph_model.settings import Settings
    from graph_model.store import NodeUpsert, RelRow, RelUpsert
    from graph_model.stores import open_store

    rng = random.Random(seed)
    store = open_store(Settings(data_dir=folder))
    companies = [
        {"id": f"c{i:04d}", "name": f"Company {i}", "tier": "key" if i % 10 == 1 else "standard"}
        for i in range(2000)
    ]
    companies[0] |= {"is_home": True, "tier": None}
    levels = [level for level, weight in LEVELS for _ in range(weight)]
    persons = [
        {"id": f"p{i:06d}", "name": f"Person {i}", "seniority": rng.choice(levels)}
        for i in range(people)
    ]
    internal = people // 20
    jobs = [
        RelRow(p["id"], HOME if i < internal else f"c{1 + i % 1999:04d}", {})
        for i, p in enumerate(persons)
    ]
    managed = [RelRow(f"p{rng.randrange(internal):06d}", c["id"], {}) for c in companies[1::10]]
    store.write(
        [
            NodeUpsert("Company", companies),
            NodeUpsert("Person", persons),
            RelUpsert("WORKS_AT", jobs),
            RelUpsert("MANAGES_ACCOUNT", managed),
        ]
    )
    kinds = [kind for kind, weight in KINDS for _ in range(weight)]
    span = 720 * 86400
    seen: set[tuple[int, int]] = set()
    batch: list[tuple[str, str, str, float, str | None]] = []
    while len(seen) < ties:
        a = rng.randrange(internal) if rng.random() < 0.5 else rng.randrange(people)
        b = rng.randrange(people)
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        pa, pb = f"p{a:06d}", f"p{b:06d}"
        starter = rng.choice((pa, pb, None))
        batch.append(
            (f"i{len(seen):08d}", pa, pb, AS_OF.timestamp() - rng.random() * span, starter)
        )
        if len(batch) == 20000 or len(seen) == ties:
            nodes = [
                {"id": i, "kind": rng.choice(kinds), "occurred_at": datetime.fromtimestamp(t, UTC)}
                for i, _, _, t, _ in batch
            ]
            links = [
                RelRow(p, i, {"initiator": p == s}) for i, a_, b_, _, s in batch for p in (a_, b_)
            ]
            store.write([NodeUpsert("Interaction", nodes), RelUpsert("PARTICIPATED_IN", links)])
            batch = []
    store.close()


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def _time(operation: Callable[[Any], object], cases: list[Any]) -> tuple[float, float]:
    durations = []
    for case in cases:
        start = time.perf_counter()
        operation(case)
        durations.append((time.perf_counter() - start) * 1000)
    return _percentiles(durations)


def _cases(folder: Path, samples: int, seed: int) -> dict[str, list[Any]]:
    conn = sqlite3.connect(folder / "graph.sqlite")
    people = [r[0] for r in conn.execute("SELECT id FROM n_person ORDER BY id")]
    accounts = [
        r[0] for r in conn.execute("SELECT id FROM n_company WHERE tier = 'key' ORDER BY id")
    ]
    conn.close()
    rng = random.Random(seed)
    pairs = [(rng.choice(people), rng.choice(people)) for _ in range(samples)]
    return {
        "pairs": pairs,
        "accounts": [rng.choice(accounts) for _ in range(samples)],
        "egos": [rng.choice(people) for _ in range(samples)],
    }


def run_service(folder: str, samples: int, seed: int) -> dict[str, Any]:
    from graph_model.settings import Settings
    from graph_model.stores import open_store
    from queries.coverage import account_coverage
    from queries.network.ego import ego_network
    from queries.paths import paths
    from queries.view import network_view

    cases = _cases(Path(folder), samples, seed)
    store = open_store(Settings(data_dir=Path(folder)))
    start = time.perf_counter()
    view = network_view(store, AS_OF)
    load = time.perf_counter() - start
    ties = sum(1 for _ in view.raw_ties())
    results = {
        "strongest path": _time(
            lambda c: paths(store, c[0], c[1], mode="strongest", k=1, as_of=AS_OF), cases["pairs"]
        ),
        "shortest path": _time(
            lambda c: paths(store, c[0], c[1], mode="shortest", k=1, as_of=AS_OF), cases["pairs"]
        ),
        "strength": _time(lambda c: network_view(store, AS_OF).strength(*c), cases["pairs"]),
        "account coverage": _time(lambda a: account_coverage(store, a, AS_OF), cases["accounts"]),
        "ego network": _time(
            lambda p: ego_network(store, p, hops=2, limit=500, as_of=AS_OF), cases["egos"]
        ),
    }
    return {"load_s": load, "ties": ties, "peak_mib": _peak_mib(), "latency": results}


def _prebuilt(folder: Path) -> tuple[Any, dict[str, str], set[str]]:
    """The plain networkx graph: ties (with their aggregates, strength and cost at AS_OF)
    and current jobs (with the colleague cost)."""
    import networkx as nx

    from graph_model.scoring import ScoringModel

    model = ScoringModel()
    at = AS_OF.timestamp()
    conn = sqlite3.connect(folder / "graph.sqlite")
    graph = nx.Graph()
    seniority = dict(conn.execute("SELECT id, seniority FROM n_person"))
    rows = conn.execute(
        "SELECT a.start, b.start, i.kind, i.occurred_at, a.initiator, b.initiator "
        'FROM r_participated_in a JOIN r_participated_in b ON b."end" = a."end" AND a.start < b.start '
        'JOIN n_interaction i ON i.id = a."end"'
    )
    for p, q, kind, occurred, p_started, q_started in rows:
        weight = model.contribution(kind, occurred, 2)
        s = model.strength(
            weight, int(p_started), int(q_started), int(not (p_started or q_started)), at
        )
        if s >= 5.0:
            graph.add_edge(
                p,
                q,
                cost=-math.log(s / 100),
                strength=s,
                weight_sum=weight,
                out=(int(p_started), int(q_started), int(not (p_started or q_started))),
            )
    colleague = -math.log(0.30) / 2
    internal = set()
    for person, company in conn.execute('SELECT start, "end" FROM r_works_at'):
        graph.add_edge(person, company, cost=colleague)
        if company == HOME:
            internal.add(person)
    conn.close()
    return graph, seniority, internal


def run_networkx(folder: str, samples: int, seed: int) -> dict[str, Any]:
    import networkx as nx

    from graph_model.scoring import ScoringModel

    cases = _cases(Path(folder), samples, seed)
    start = time.perf_counter()
    graph, seniority, internal = _prebuilt(Path(folder))
    load = time.perf_counter() - start
    model, at = ScoringModel(), AS_OF.timestamp()

    def strongest(case: tuple[str, str]) -> object:
        try:
            return nx.bidirectional_dijkstra(graph, case[0], case[1], weight="cost")
        except nx.NetworkXNoPath:
            return None

    def shortest(case: tuple[str, str]) -> object:
        try:
            return nx.bidirectional_shortest_path(graph, case[0], case[1])
        except nx.NetworkXNoPath:
            return None

    def strength(case: tuple[str, str]) -> float:
        data = graph.get_edge_data(*case)
        if not data or "weight_sum" not in data:
            return 0.0
        return model.strength(data["weight_sum"], *data["out"], at)

    def coverage(account: str) -> float | None:
        executives = [p for p in graph.adj[account] if seniority.get(p) in ("executive", "vp")]
        covered = sum(
            1
            for e in executives
            if any(q in internal and d.get("strength", 0) >= 10 for q, d in graph.adj[e].items())
        )
        return covered / len(executives) if executives else None

    results = {
        "strongest path": _time(strongest, cases["pairs"]),
        "shortest path": _time(shortest, cases["pairs"]),
        "strength": _time(strength, cases["pairs"]),
        "account coverage": _time(coverage, cases["accounts"]),
        "ego network": _time(lambda p: nx.ego_graph(graph, p, radius=2), cases["egos"]),
    }
    return {
        "load_s": load,
        "ties": graph.number_of_edges(),
        "peak_mib": _peak_mib(),
        "latency": results,
    }


def run_bare(folder: str, samples: int, seed: int) -> dict[str, Any]:
    """Peak memory of a bare networkx graph of the same ties: one float per edge."""
    import networkx as nx

    conn = sqlite3.connect(Path(folder) / "graph.sqlite")
    graph = nx.Graph()
    rows = conn.execute(
        "SELECT a.start, b.start FROM r_participated_in a "
        'JOIN r_participated_in b ON b."end" = a."end" AND a.start < b.start'
    )
    for p, q in rows:
        graph.add_edge(p, q, weight=1.0)
    conn.close()
    return {"ties": graph.number_of_edges(), "peak_mib": _peak_mib()}


def _child(kind: str, folder: Path, samples: int, seed: int) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.queries",
            f"--child-{kind}",
            str(folder),
            "--samples",
            str(samples),
            "--seed",
            str(seed),
        ],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"the {kind} run failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="reuse (or keep) the store in this folder")
    parser.add_argument("--child-service", type=str, help=argparse.SUPPRESS)
    parser.add_argument("--child-networkx", type=str, help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", type=str, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_service:
        print(json.dumps(run_service(args.child_service, args.samples, args.seed)))
        return
    if args.child_networkx:
        print(json.dumps(run_networkx(args.child_networkx, args.samples, args.seed)))
        return
    if args.child_bare:
        print(json.dumps(run_bare(args.child_bare, args.samples, args.seed)))
        return

    folder = args.store or Path(tempfile.mkdtemp(prefix="srm-bench-")) / "store"
    try:
        if not (folder / "graph.sqlite").exists():
            start = time.perf_counter()
            build(folder, args.people, args.ties, args.seed)
            print(f"built the store in {time.perf_counter() - start:.0f} s")
        ours = _child("service", folder, args.samples, args.seed)
        plain = _child("networkx", folder, args.samples, args.seed)
        bare = _child("bare", folder, args.samples, args.seed)
        print(
            f"graph: {args.people:,} people in 2,000 companies, {ours['ties']:,} person–person "
            f"ties (plain networkx keeps the {plain['ties']:,} edges with s >= 5 and jobs); "
            f"{args.samples} samples per operation, as of {AS_OF:%Y-%m-%d}"
        )
        print(f"load: service index {ours['load_s']:.1f} s, networkx graph {plain['load_s']:.1f} s")
        print(
            f"{'operation (ms)':<18}{'srm p50':>10}{'srm p99':>10}{'nx p50':>10}{'nx p99':>10}"
            f"{'p50 ratio':>11}"
        )
        for name, (p50, p99) in ours["latency"].items():
            n50, n99 = plain["latency"][name]
            print(f"{name:<18}{p50:>10.3f}{p99:>10.3f}{n50:>10.3f}{n99:>10.3f}{p50 / n50:>10.2f}x")
        ratio = ours["peak_mib"] / bare["peak_mib"]
        print(
            f"peak memory: service with the graph loaded {ours['peak_mib']:.0f} MiB, bare networkx "
            f"graph of the same {bare['ties']:,} ties {bare['peak_mib']:.0f} MiB: ratio {ratio:.2f} "
            f"(target <= 1.5); the networkx baseline above, with its attributes, "
            f"{plain['peak_mib']:.0f} MiB"
        )
    finally:
        if args.store is None:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
