"""Kuzu as a peer baseline: an embedded graph database answering path and ego questions.

    python -m benchmarks.kuzu_peer [--people 10000] [--ties 100000] [--samples 50] [--seed 7]
        [--store DIR]

Builds (or reuses) the store of :mod:`benchmarks.graph` and exports the network a path
walks at ``AS_OF`` to CSV files: the person–person ties of strength >= ``PATH_MIN`` (cost
``-ln(s/100)``) and the jobs (person–company, the colleague cost), as in
:class:`benchmarks.networkx_answers.Prebuilt`. Then, each in its own process so peak memory is its own:

- srm: the service on the store, asked the fewest hops between two people (the strongest
  of the fewest-hop paths, at most 6), the cost of their strongest path (at most 6 hops)
  and their ego network (2 hops, 500 nodes with details and links: timed only, it answers
  more than a count);
- Kuzu: a fresh database bulk loaded with ``COPY``, asked the same with ``SHORTEST``
  (at most 6), ``WSHORTEST`` and how many nodes are within 2 hops of one;
- networkx: the same CSV files read into a graph, asked the same with a bidirectional BFS,
  ``bidirectional_dijkstra`` and breadth-first distances up to 2.

It prints the load times, p50 and p99 of each question on all three and the ratios of
Kuzu and networkx to srm, how many answers agree, and the peak memory of each. Kuzu's
weighted shortest path does not keep to its hop bound, so a cost compares only where
networkx's cheapest path has at most 6 hops.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.common import peak_mib, percentiles, run_child, same_answer
from benchmarks.graph import (
    AS_OF,
    COLLEAGUE,
    EGO_LIMIT,
    PATH_MIN,
    benchmark_store,
    graph_options,
    sample_cases,
)

if TYPE_CHECKING:
    import kuzu

MAX_HOPS = 6
QUESTIONS = ("fewest hops", "weighted path", "2-hop ego")
SCHEMA = (
    "CREATE NODE TABLE Node(id STRING PRIMARY KEY)",
    "CREATE REL TABLE LINK(FROM Node TO Node, cost DOUBLE)",
)
KUZU_QUERIES = {
    "fewest hops": (
        f"MATCH (a:Node {{id: $a}})-[e:LINK* SHORTEST 1..{MAX_HOPS}]-(b:Node {{id: $b}}) "
        "RETURN length(e)"
    ),
    "weighted path": (
        f"MATCH (a:Node {{id: $a}})-[e:LINK* WSHORTEST(cost) 1..{MAX_HOPS}]-"
        "(b:Node {id: $b}) RETURN size(rels(e)), cost(e)"
    ),
    "2-hop ego": (
        "MATCH (a:Node {id: $a})-[:LINK*1..2]-(b:Node) WHERE b <> a RETURN count(DISTINCT b)"
    ),
}
Timed = tuple[tuple[float, float], list[Any]]
Pair = tuple[str, str]


def csv_dir(folder: Path) -> Path:
    """Where the ties of the store in ``folder`` are exported."""
    return folder / "kuzu-csv"


def export_ties(folder: Path, csv_dir: Path) -> dict[str, int]:
    """Writes ``nodes.csv`` (every person and company) and ``links.csv`` (the ties a path may
    take at ``AS_OF`` and the jobs, with their cost); returns how many nodes, ties, usable
    ties and jobs."""
    from graph_model.embedded.store import EmbeddedStore

    csv_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(folder / "graph.sqlite")
    nodes = [r[0] for r in conn.execute("SELECT id FROM n_person UNION SELECT id FROM n_company")]
    jobs = conn.execute('SELECT start, "end" FROM r_works_at').fetchall()
    conn.close()
    with (csv_dir / "nodes.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id"])
        writer.writerows([n] for n in nodes)
    store = EmbeddedStore(folder)
    at, ties, usable = AS_OF.timestamp(), 0, 0
    colleague = -math.log(COLLEAGUE / 100) / 2
    with (csv_dir / "links.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["from", "to", "cost"])
        for (a, b), tie in store.index.all_ties():
            ties += 1
            s = store.model.strength(tie.weight, tie.out_a, tie.out_b, tie.mutual, at)
            if s >= PATH_MIN:
                usable += 1
                writer.writerow([a, b, -math.log(s / 100)])
        writer.writerows([person, company, colleague] for person, company in jobs)
    store.close()
    return {"nodes": len(nodes), "ties": ties, "usable": usable, "jobs": len(jobs)}


def _cases(folder: str, samples: int, seed: int) -> tuple[list[Pair], list[str]]:
    """The sampled pairs of two different people, and the sampled egos."""
    cases = sample_cases(Path(folder), samples, seed)
    return [(a, b) for a, b in cases["pairs"] if a != b], cases["egos"]


def _timed(operation: Callable[[Any], Any], cases: list[Any]) -> Timed:
    """p50 and p99 in ms of ``operation`` over ``cases``, and its answers."""
    durations, answers = [], []
    for case in cases:
        start = time.perf_counter()
        answers.append(operation(case))
        durations.append((time.perf_counter() - start) * 1000)
    return percentiles(durations), answers


def _report(load: float, people: int, ties: int, timed: dict[str, Timed]) -> dict[str, Any]:
    return {
        "load_s": load,
        "people": people,
        "ties": ties,
        "peak_mib": peak_mib(),
        "latency": {name: latency for name, (latency, _) in timed.items()},
        "answers": {name: answers for name, (_, answers) in timed.items()},
    }


def _weighted(hops: int, cost: float) -> list[Any]:
    """A cheapest path's answer: its hops and its cost to 9 decimals."""
    return [hops, round(cost, 9)]


class KuzuQuestions:
    """The questions asked of a Kuzu connection, prepared once."""

    def __init__(self, conn: kuzu.Connection) -> None:
        self.conn = conn
        self.prepared = {name: conn.prepare(query) for name, query in KUZU_QUERIES.items()}

    def first(self, query: str, **parameters: str) -> list[Any] | None:
        """The first row of a prepared question (or of a query), if any."""
        result = self.conn.execute(self.prepared.get(query, query), parameters)
        assert not isinstance(result, list)
        if not result.has_next():
            return None
        row = result.get_next()
        assert isinstance(row, list)
        return row

    def fewest_hops(self, pair: Pair) -> int | None:
        row = self.first("fewest hops", a=pair[0], b=pair[1])
        return None if row is None else int(row[0])

    def weighted_path(self, pair: Pair) -> list[Any] | None:
        row = self.first("weighted path", a=pair[0], b=pair[1])
        return None if row is None else _weighted(row[0], row[1])

    def ego(self, person: str) -> int:
        row = self.first("2-hop ego", a=person)
        return 0 if row is None else int(row[0])


def _load_kuzu(conn: kuzu.Connection, source: Path) -> float:
    """Seconds to create the tables and bulk load the CSV files in ``source``."""
    start = time.perf_counter()
    for statement in SCHEMA:
        conn.execute(statement)
    conn.execute(f"COPY Node FROM '{source / 'nodes.csv'}' (header=true)")
    conn.execute(f"COPY LINK FROM '{source / 'links.csv'}' (header=true)")
    return time.perf_counter() - start


def run_kuzu(folder: str, samples: int, seed: int) -> dict[str, Any]:
    """Kuzu's answers and latencies on the exported ties, bulk loaded into a fresh database."""
    import kuzu

    pairs, egos = _cases(folder, samples, seed)
    with tempfile.TemporaryDirectory(prefix="srm-kuzu-") as tmp:
        db = kuzu.Database(Path(tmp) / "db")
        conn = kuzu.Connection(db)
        load = _load_kuzu(conn, csv_dir(Path(folder)))
        ask = KuzuQuestions(conn)
        timed = {
            "fewest hops": _timed(ask.fewest_hops, pairs),
            "weighted path": _timed(ask.weighted_path, pairs),
            "2-hop ego": _timed(ask.ego, egos),
        }
        people = ask.first("MATCH (p:Node) RETURN count(p)")
        ties = ask.first("MATCH ()-[k:LINK]->() RETURN count(k)")
        assert people is not None and ties is not None
        conn.close()
        db.close()
    return _report(load, people[0], ties[0], timed)


def run_ours(folder: str, samples: int, seed: int) -> dict[str, Any]:
    """The service's answers and latencies on the store itself, opened as it starts."""
    from graph_model.settings import Settings
    from graph_model.stores import open_for_serving
    from queries.network.ego import ego_network
    from queries.paths import paths

    pairs, egos = _cases(folder, samples, seed)
    start = time.perf_counter()
    store = open_for_serving(Settings(data_dir=Path(folder)))
    load = time.perf_counter() - start

    def fewest_hops(pair: Pair) -> int | None:
        found = paths(store, *pair, mode="shortest", k=1, as_of=AS_OF).paths
        return found[0].hops if found else None

    def weighted_path(pair: Pair) -> list[Any] | None:
        found = paths(store, *pair, mode="strongest", k=1, as_of=AS_OF).paths
        return _weighted(found[0].hops, -math.log(found[0].score / 100)) if found else None

    def ego(person: str) -> None:
        ego_network(store, person, hops=2, limit=EGO_LIMIT, as_of=AS_OF)

    timed = {
        "fewest hops": _timed(fewest_hops, pairs),
        "weighted path": _timed(weighted_path, pairs),
        "2-hop ego": _timed(ego, egos),
    }
    return _report(load, 0, 0, timed)


def _rows(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV file after its header."""
    with path.open(newline="", encoding="utf-8") as source:
        rows = csv.reader(source)
        next(rows)
        yield from rows


def _read_graph(source: Path) -> Any:
    """A networkx graph of the CSV files in ``source``, each edge with its ``cost``."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(row[0] for row in _rows(source / "nodes.csv"))
    graph.add_edges_from((a, b, {"cost": float(c)}) for a, b, c in _rows(source / "links.csv"))
    return graph


def _nx_fewest_hops(graph: Any, pair: Pair) -> int | None:
    import networkx as nx

    try:
        hops = len(nx.bidirectional_shortest_path(graph, *pair)) - 1
    except nx.NetworkXNoPath:
        return None
    return hops if hops <= MAX_HOPS else None


def _nx_weighted_path(graph: Any, pair: Pair) -> list[Any] | None:
    import networkx as nx

    try:
        _, nodes = nx.bidirectional_dijkstra(graph, *pair, weight="cost")
    except nx.NetworkXNoPath:
        return None
    total = math.fsum(graph.edges[u, v]["cost"] for u, v in pairwise(nodes))
    return _weighted(len(nodes) - 1, total)


def _nx_ego(graph: Any, person: str) -> int:
    import networkx as nx

    return len(nx.single_source_shortest_path_length(graph, person, cutoff=2)) - 1


def run_reference(folder: str, samples: int, seed: int) -> dict[str, Any]:
    """networkx's answers and latencies on the same exported ties."""
    pairs, egos = _cases(folder, samples, seed)
    start = time.perf_counter()
    graph = _read_graph(csv_dir(Path(folder)))
    load = time.perf_counter() - start
    timed = {
        "fewest hops": _timed(partial(_nx_fewest_hops, graph), pairs),
        "weighted path": _timed(partial(_nx_weighted_path, graph), pairs),
        "2-hop ego": _timed(partial(_nx_ego, graph), egos),
    }
    return _report(load, graph.number_of_nodes(), graph.number_of_edges(), timed)


def _agree_on_cost(answers: list[tuple[Any, Any]]) -> dict[str, int]:
    """How many cheapest paths cost the same on both sides, of those networkx found in at most
    ``MAX_HOPS`` hops (or found none); the others are not comparable."""
    same = beyond = 0
    for k, r in answers:
        if r is not None and r[0] > MAX_HOPS:
            beyond += 1
        else:
            same += (k is None) == (r is None) and (r is None or same_answer(k[1], r[1]))
    return {"same": same, "not comparable": beyond, "of": len(answers)}


def compare(side: dict[str, Any], reference: dict[str, Any]) -> dict[str, dict[str, int]]:
    """How many of ``side``'s answers agree with networkx's on each question (the ego is left
    out of its 2-hop count on both sides; an ego answered ``None`` is not compared)."""
    found = {}
    for name in QUESTIONS:
        answers = list(zip(side["answers"][name], reference["answers"][name], strict=True))
        if name == "weighted path":
            found[name] = _agree_on_cost(answers)
        elif all(k is not None for k, _ in answers) or name != "2-hop ego":
            found[name] = {"same": sum(k == r for k, r in answers), "of": len(answers)}
    return found


def _child(kind: str, folder: Path, samples: int, seed: int) -> dict[str, Any]:
    args = (f"--child-{kind}", str(folder), "--samples", str(samples), "--seed", str(seed))
    result: dict[str, Any] = run_child("benchmarks.kuzu_peer", *args, what=f"the {kind} run")
    return result


def measure(folder: Path, samples: int, seed: int) -> dict[str, Any]:
    """The three sides on the store in ``folder``, each in its own process, and the export."""
    try:
        counts = export_ties(folder, csv_dir(folder))
        sides = {
            kind: _child(kind, folder, samples, seed) for kind in ("ours", "kuzu", "reference")
        }
    finally:
        shutil.rmtree(csv_dir(folder), ignore_errors=True)
    return {"counts": counts, **sides}


def peer_rows(folder: Path, samples: int, seed: int) -> list[tuple[str, float | None]]:
    """The measures of :func:`measure` as ``(name, value)`` rows for a table of sizes."""
    found = measure(folder, samples, seed)
    ours, kuzu, reference = found["ours"], found["kuzu"], found["reference"]
    rows: list[tuple[str, float | None]] = [
        ("bulk load (s)", kuzu["load_s"]),
        ("peak (MiB)", kuzu["peak_mib"]),
    ]
    for name in QUESTIONS:
        (k50, k99), (o50, o99) = kuzu["latency"][name], ours["latency"][name]
        rows += [(f"{name} p50 (ms)", k50), (f"{name} p99 (ms)", k99)]
        rows += [(f"{name} p50, x srm", k50 / o50), (f"{name} p99, x srm", k99 / o99)]
    for side, answers in (("kuzu", kuzu), ("srm", ours)):
        for name, agreed in compare(answers, reference).items():
            rows.append(
                (f"{name}: {side} agrees with networkx (of {agreed['of']})", agreed["same"])
            )
    return rows


def _print(found: dict[str, Any]) -> None:
    counts, ours = found["counts"], found["ours"]
    kuzu, reference = found["kuzu"], found["reference"]
    print(
        f"graph: {counts['nodes']:,} people and companies, {counts['ties']:,} ties of which "
        f"{counts['usable']:,} a path may take at {AS_OF:%Y-%m-%d}, {counts['jobs']:,} jobs "
        f"(Kuzu loaded {kuzu['people']:,} nodes and {kuzu['ties']:,} links, networkx "
        f"{reference['people']:,} and {reference['ties']:,})"
    )
    print(
        f"load: srm start {ours['load_s']:.2f} s, Kuzu COPY {kuzu['load_s']:.2f} s, networkx "
        f"from the CSV files {reference['load_s']:.2f} s"
    )
    print(
        f"{'question (ms)':<16}{'srm p50':>10}{'srm p99':>10}{'kuzu p50':>10}{'kuzu p99':>10}"
        f"{'nx p50':>10}{'nx p99':>10}{'kuzu/srm':>10}{'nx/srm':>9}"
    )
    for name in QUESTIONS:
        (o50, o99), (k50, k99) = ours["latency"][name], kuzu["latency"][name]
        n50, n99 = reference["latency"][name]
        print(
            f"{name:<16}{o50:>10.3f}{o99:>10.3f}{k50:>10.3f}{k99:>10.3f}{n50:>10.3f}{n99:>10.3f}"
            f"{k50 / o50:>9.2f}x{n50 / o50:>8.2f}x"
        )
    print("(ratios of p50; the srm ego network answers 500 nodes with details and links, the")
    print(" others count the nodes within 2 hops)")
    for side, answers in (("Kuzu", kuzu), ("srm", ours)):
        for name, agreed in compare(answers, reference).items():
            beyond = agreed.get("not comparable")
            note = (
                f"; {beyond} not comparable (networkx's path has more than 6 hops)"
                if beyond
                else ""
            )
            print(
                f"{side} agrees with networkx on {name}: {agreed['same']} of {agreed['of']}{note}"
            )
    print(
        f"peak memory: srm {ours['peak_mib']:.0f} MiB, Kuzu {kuzu['peak_mib']:.0f} MiB, "
        f"networkx {reference['peak_mib']:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    graph_options(parser, 10_000, 100_000)
    parser.add_argument("--samples", type=int, default=50)
    for kind in ("ours", "kuzu", "reference"):
        parser.add_argument(f"--child-{kind}", type=str, help=argparse.SUPPRESS)
    args = parser.parse_args()
    runs = {"ours": run_ours, "kuzu": run_kuzu, "reference": run_reference}
    for kind, run in runs.items():
        if folder := getattr(args, f"child_{kind}"):
            print(json.dumps(run(folder, args.samples, args.seed)))
            return

    with benchmark_store(args.store, args.people, args.ties, args.seed) as folder:
        _print(measure(folder, args.samples, args.seed))


if __name__ == "__main__":
    main()
