"""Query latency and memory of the embedded service against plain networkx.

    python -m benchmarks.queries [--backend embedded|neo4j] [--people 100000] [--ties 1000000]
        [--samples 100] [--store DIR]
        [--neo4j-data DIR] [--whole-samples 3] [--whole-network-ties 200000] [--warmup 20]
        [--profile]

Builds an embedded store with ``--ties`` two-person interactions between random
people (so about as many person–person ties) and their employment, then, each
in its own process so peak memory (max RSS) is its own:

- the service: opens the store as the service does (index built, then left out
  of garbage collection) and times strongest path, shortest path, the k = 3
  strongest paths, strength, account coverage and ego network through the
  capability functions the API calls;
- plain networkx: reads the same ties, jobs and account managers into prebuilt
  graphs whose edges carry what each question needs at ``AS_OF`` (see
  :class:`Prebuilt`), and answers the same questions on them:
  ``bidirectional_dijkstra`` on the cost for the strongest path and on
  ``HOP + cost`` for the strongest of the fewest-hop paths, ``shortest_simple_paths``
  (Yen's algorithm) for the first three, the strength formula on an edge's aggregates
  (of two people who took part in one interaction together), an account's executives
  with their threads, best contacts and account managers, and the ego network (breadth-first distances,
  the first 500 nodes by distance and id, the links among them, node details).

It prints p50 and p99 of each, their ratios, how many answers agree (a strongest
path by its score; networkx has no hop limit, so pairs whose best path needs
more than the service's 6 hops are set apart), the networkx BFS as a reference,
and the peak memory of the service next to a bare graph of the same ties.

With ``--backend neo4j`` it compares the service on Neo4j with the service on the embedded
store instead (see :mod:`benchmarks.neo4j_queries`; the ``--neo4j-data``, ``--whole-*`` and
``--profile`` options are its own).
"""

from __future__ import annotations

import argparse
import json
import math
import sqlite3
import time
from collections.abc import Callable
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

from benchmarks import search as search_bench
from benchmarks.common import peak_mib, percentiles, resident_mib, run_child, same_answer
from benchmarks.graph import (
    AS_OF,
    COLLEAGUE,
    COVERAGE_MIN,
    EGO_LIMIT,
    HOME,
    HOP,
    LEVELS_ASKED,
    PATH_MIN,
    benchmark_store,
    graph_options,
    sample_cases,
)

OPERATIONS = (
    "strongest path",
    "shortest path",
    "k = 3 paths",
    "strength",
    "account coverage",
    "ego network",
)


def _time(
    operation: Callable[[Any], Any],
    cases: list[Any],
    answers: list[Any],
    comparable: Callable[[Any], Any],
) -> tuple[float, float]:
    """p50 and p99 in ms of ``operation`` over ``cases``; the ``comparable`` part of each
    answer goes to ``answers`` (whole answers would weigh on peak memory)."""
    durations = []
    for case in cases:
        start = time.perf_counter()
        answer = operation(case)
        durations.append((time.perf_counter() - start) * 1000)
        answers.append(comparable(answer))
    return percentiles(durations)


def run_service(folder: str, samples: int, seed: int) -> dict[str, Any]:
    from graph_model.settings import Settings
    from graph_model.stores import open_for_serving
    from queries.coverage import CoverageParams, account_coverage
    from queries.network.ego import ego_network
    from queries.paths import COLLEAGUE_STRENGTH, MIN_STRENGTH, paths
    from queries.paths.costs import HOP as SEARCH_HOP
    from queries.view import network_view

    defaults = (MIN_STRENGTH, COLLEAGUE_STRENGTH, SEARCH_HOP)
    assert defaults == (PATH_MIN, COLLEAGUE, HOP), defaults
    coverage_defaults = (CoverageParams().min_strength, CoverageParams().levels)
    assert coverage_defaults == (COVERAGE_MIN, LEVELS_ASKED), coverage_defaults

    cases = sample_cases(Path(folder), samples, seed)
    start = time.perf_counter()
    store = open_for_serving(Settings(data_dir=Path(folder)))  # as the service starts
    load = time.perf_counter() - start
    view = network_view(store, AS_OF)
    ties = sum(1 for _ in view.reads.ties())
    answers: dict[str, list[Any]] = {name: [] for name in OPERATIONS}
    operations: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "strongest path": (
            lambda c: paths(store, c[0], c[1], mode="strongest", k=1, as_of=AS_OF),
            cases["pairs"],
        ),
        "shortest path": (
            lambda c: paths(store, c[0], c[1], mode="shortest", k=1, as_of=AS_OF),
            cases["pairs"],
        ),
        "k = 3 paths": (
            lambda c: paths(store, c[0], c[1], mode="strongest", k=3, as_of=AS_OF),
            cases["pairs"],
        ),
        "strength": (lambda c: network_view(store, AS_OF).strength(*c), cases["tied pairs"]),
        "account coverage": (lambda a: account_coverage(store, a, AS_OF), cases["accounts"]),
        "ego network": (
            lambda p: ego_network(store, p, hops=2, limit=EGO_LIMIT, as_of=AS_OF),
            cases["egos"],
        ),
    }
    results = {
        name: _time(
            op, cases_, answers[name], _scores if name == "k = 3 paths" else _service_answer
        )
        for name, (op, cases_) in operations.items()
    }
    texts = search_bench.cases(Path(folder), samples, seed)
    results["people search"] = percentiles(search_bench.time_service(store, texts))
    return {
        "load_s": load,
        "ties": ties,
        "peak_mib": peak_mib(),
        "resident_mib": resident_mib(),
        "latency": results,
        "answers": answers,
    }


def _scores(answer: Any) -> list[list[float]]:
    """The hops and score of every path of an answer, best first."""
    return [[p.hops, p.score] for p in answer.paths]


def _service_answer(answer: Any) -> Any:
    """The comparable part of a service answer: the first path's hops and score, or the
    model as JSON data (see :func:`_comparable`)."""
    from pydantic import BaseModel

    from queries.paths import PathsResult

    if isinstance(answer, PathsResult):
        answer = (answer.paths[0].hops, answer.paths[0].score) if answer.paths else None
    elif isinstance(answer, BaseModel):
        answer = answer.model_dump(mode="json")
    return _comparable(answer)


class Prebuilt:
    """Plain networkx graphs of the network at ``AS_OF``, built once, each edge carrying what the
    questions need: ``paths`` holds the ties a path may take (``s >= 5``, with their cost, and
    ``hop_cost`` for fewest hops first) and the jobs (the colleague cost); ``links`` holds every
    tie with ``s > 0`` (its aggregates and strength), the jobs and the account managers, and the
    people's and companies' properties."""

    def __init__(self, folder: Path) -> None:
        import networkx as nx

        from graph_model.scoring import ScoringModel

        model = ScoringModel()
        at = AS_OF.timestamp()
        conn = sqlite3.connect(folder / "graph.sqlite")
        self.paths, self.links = nx.Graph(), nx.Graph()
        for pid, name, title, level in conn.execute(
            "SELECT id, name, title, seniority FROM n_person"
        ):
            self.links.add_node(pid, label="Person", name=name, title=title, seniority=level)
        for cid, name, tier in conn.execute("SELECT id, name, tier FROM n_company"):
            self.links.add_node(cid, label="Company", name=name, tier=tier)
        rows = conn.execute(
            "SELECT a.start, b.start, i.kind, i.occurred_at, "
            "coalesce(i.initiator_id = a.start, 0), coalesce(i.initiator_id = b.start, 0) "
            'FROM r_participated_in a JOIN r_participated_in b ON b."end" = a."end" '
            'AND a.start < b.start JOIN n_interaction i ON i.id = a."end"'
        )
        for p, q, kind, occurred, p_started, q_started in rows:
            weight = model.contribution(kind, occurred, 2)
            out = (int(p_started), int(q_started), int(not (p_started or q_started)))
            s = model.strength(weight, *out, at)
            if s > 0:
                self.links.add_edge(p, q, type="KNOWS", strength=s, weight_sum=weight, out=out)
            if s >= PATH_MIN:
                cost = -math.log(s / 100)
                self.paths.add_edge(p, q, cost=cost, hop_cost=HOP + cost, strength=s)
        colleague = -math.log(COLLEAGUE / 100) / 2
        self.internal: set[str] = set()
        for person, company in conn.execute('SELECT start, "end" FROM r_works_at'):
            self.paths.add_edge(person, company, cost=colleague, hop_cost=HOP + colleague)
            self.links.add_edge(person, company, type="WORKS_AT")
            if company == HOME:
                self.internal.add(person)
        self.managers: dict[str, set[str]] = {}
        for person, company in conn.execute('SELECT start, "end" FROM r_manages_account'):
            self.links.add_edge(person, company, type="MANAGES_ACCOUNT")
            if person in self.internal:
                self.managers.setdefault(company, set()).add(person)
        conn.close()


def run_networkx(folder: str, samples: int, seed: int) -> dict[str, Any]:
    import networkx as nx

    from graph_model.scoring import ScoringModel
    from queries.common import seniority_rank

    cases = sample_cases(Path(folder), samples, seed)
    start = time.perf_counter()
    g = Prebuilt(Path(folder))
    load = time.perf_counter() - start
    model, at = ScoringModel(), AS_OF.timestamp()
    answers: dict[str, list[Any]] = {name: [] for name in OPERATIONS}

    def path(case: tuple[str, str], weight: str) -> tuple[int, float] | None:
        try:
            _, nodes = nx.bidirectional_dijkstra(g.paths, case[0], case[1], weight=weight)
        except nx.NetworkXNoPath:
            return None
        total = math.fsum(g.paths.edges[u, v]["cost"] for u, v in pairwise(nodes))
        return len(nodes) - 1, 100 * math.exp(-total)

    def best_three(case: tuple[str, str]) -> list[list[float]]:
        """networkx's Yen (``shortest_simple_paths``, no hop limit): the first three."""
        found = []
        try:
            for nodes in islice(nx.shortest_simple_paths(g.paths, *case, weight="cost"), 3):
                total = math.fsum(g.paths.edges[u, v]["cost"] for u, v in pairwise(nodes))
                found.append([len(nodes) - 1, 100 * math.exp(-total)])
        except nx.NetworkXNoPath:
            pass
        return found

    def strength(case: tuple[str, str]) -> float:
        data = g.links.get_edge_data(*case)
        if not data or "weight_sum" not in data:
            return 0.0
        out_a, out_b, mutual = data["out"]
        return model.strength(data["weight_sum"], out_a, out_b, mutual, at)

    def coverage(account: str) -> dict[str, Any]:
        nodes, adj = g.links.nodes, g.links.adj
        executives = []
        for p, link in adj[account].items():
            level = nodes[p].get("seniority")
            if link["type"] != "WORKS_AT" or level not in LEVELS_ASKED:
                continue
            ties = {
                q: d["strength"] for q, d in adj[p].items() if q in g.internal and "strength" in d
            }
            covering = sorted(q for q, s in ties.items() if s >= COVERAGE_MIN)
            best = min(ties.items(), key=lambda c: (-c[1], c[0]), default=None)
            executives.append(
                {
                    "person_id": p,
                    "name": nodes[p]["name"],
                    "title": nodes[p]["title"],
                    "seniority": level,
                    "covered": bool(covering),
                    "threads": len(covering),
                    "best_contact": best
                    and {"person_id": best[0], "name": nodes[best[0]]["name"], "strength": best[1]},
                    "by": covering,
                }
            )
        executives.sort(key=lambda e: (seniority_rank(e["seniority"]), e["person_id"]))
        managers = g.managers.get(account, set())
        uncovered = sorted(e["person_id"] for e in executives if not e["covered"])
        home = {"id": HOME, "name": nodes[HOME]["name"]}  # account managers are ours
        return {
            "account_id": account,
            "name": nodes[account]["name"],
            "coverage": (len(executives) - len(uncovered)) / len(executives)
            if executives
            else None,
            "executives": executives,
            "uncovered": uncovered,
            "single_threaded": len({q for e in executives for q in e["by"]}) == 1,
            "account_managers": sorted(managers),
            "named_account_managers": [
                {"id": m, "name": nodes[m]["name"], "kind": "person", "company": home}
                for m in sorted(managers)
            ],
            "account_manager_covers": sorted(
                e["person_id"] for e in executives if managers & set(e["by"])
            ),
        }

    def ego(person: str) -> dict[str, Any]:
        distance = nx.single_source_shortest_path_length(g.links, person, cutoff=2)
        order = sorted(distance, key=lambda n: (distance[n], n))
        kept = order[:EGO_LIMIT]
        nodes = [{"id": n, "distance": distance[n], **g.links.nodes[n]} for n in kept]
        edges = sorted(
            (min(u, v), max(u, v), d["type"], d.get("strength"))
            if d["type"] == "KNOWS"
            else ((u, v, d["type"], None) if u.startswith("p") else (v, u, d["type"], None))
            for u, v, d in g.links.subgraph(kept).edges(data=True)
        )
        return {"nodes": nodes, "edges": edges, "truncated": len(order) > EGO_LIMIT}

    operations: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
        "strongest path": (lambda c: path(c, "cost"), cases["pairs"]),
        "shortest path": (lambda c: path(c, "hop_cost"), cases["pairs"]),
        "k = 3 paths": (best_three, cases["pairs"]),
        "strength": (strength, cases["tied pairs"]),
        "account coverage": (coverage, cases["accounts"]),
        "ego network": (ego, cases["egos"]),
    }
    results = {
        name: _time(op, cases_, answers[name], _comparable)
        for name, (op, cases_) in operations.items()
    }
    bfs = _time(lambda c: _bfs(g.paths, c), cases["pairs"], [], bool)
    peak = peak_mib()  # before the search baseline's keys
    texts = search_bench.cases(Path(folder), samples, seed)
    results["people search"] = percentiles(search_bench.time_baseline(Path(folder), texts))
    return {
        "load_s": load,
        "ties": g.links.number_of_edges(),
        "peak_mib": peak,
        "latency": results,
        "bfs": bfs,
        "answers": answers,
    }


def _comparable(answer: Any) -> Any:
    """What both sides' answers are compared on: a path's hops and score, a strength, an
    account's coverage, an ego network's nodes in order and its number of edges."""
    if isinstance(answer, tuple):
        return list(answer)
    if isinstance(answer, dict) and "executives" in answer:
        found = dict(answer)
        found["executives"] = [
            [e["person_id"], e["threads"], e["best_contact"]] for e in found["executives"]
        ]
        return found
    if isinstance(answer, dict):
        nodes = [n["id"] for n in answer["nodes"]]
        return {"nodes": nodes, "edges": len(answer["edges"]), "truncated": answer["truncated"]}
    return answer


def _bfs(graph: Any, case: tuple[str, str]) -> object:
    import networkx as nx

    try:
        return nx.bidirectional_shortest_path(graph, case[0], case[1])
    except nx.NetworkXNoPath:
        return None


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
    return {"ties": graph.number_of_edges(), "peak_mib": peak_mib()}


def _child(kind: str, folder: Path, samples: int, seed: int) -> dict[str, Any]:
    args = (f"--child-{kind}", str(folder), "--samples", str(samples), "--seed", str(seed))
    result: dict[str, Any] = run_child("benchmarks.queries", *args, what=f"the {kind} run")
    return result


def _agreement(name: str, ours: list[Any], plain: list[Any]) -> tuple[int, int]:
    """How many answers agree, and how many networkx paths exceed the service's 6 hops (a
    strongest path compares by score: several paths may share the best one)."""
    same = beyond = 0
    for a, b in zip(ours, plain, strict=True):
        if name == "k = 3 paths":
            if any(hops > 6 for hops, _ in b):
                beyond += 1
            else:
                same += same_answer([s for _, s in a], [s for _, s in b])
        elif name.endswith("path") and b is not None and b[0] > 6:
            beyond += 1
        elif name == "strongest path":
            same += (a is None) == (b is None) and (a is None or same_answer(a[1], b[1]))
        else:
            same += same_answer(a, b)
    return same, beyond


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    graph_options(parser, 100_000, 1_000_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--backend", choices=("embedded", "neo4j"), default="embedded")
    parser.add_argument("--neo4j-data", type=Path, help="reuse (or keep) the Neo4j data folder")
    parser.add_argument("--whole-samples", type=int, default=3, help="runs of whole-network ones")
    parser.add_argument(
        "--warmup", type=int, default=20, help="with --backend neo4j: calls per question first"
    )
    parser.add_argument(
        "--whole-network-ties", type=int, default=200_000, help="above, no brokers, communities"
    )
    parser.add_argument("--profile", action="store_true", help="PROFILE one answer of each")
    parser.add_argument("--child-neo4j", nargs=3, help=argparse.SUPPRESS)
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
    if args.child_neo4j or args.backend == "neo4j":
        from benchmarks import neo4j_queries

        if args.child_neo4j:
            kind, folder, uri = args.child_neo4j
            print(json.dumps(neo4j_queries.run_child_kind(kind, folder, uri, args)))
        else:
            neo4j_queries.compare(args)
        return

    with benchmark_store(args.store, args.people, args.ties, args.seed) as folder:
        ours = _child("service", folder, args.samples, args.seed)
        plain = _child("networkx", folder, args.samples, args.seed)
        bare = _child("bare", folder, args.samples, args.seed)
        print(
            f"graph: {args.people:,} people in 2,000 companies, {ours['ties']:,} person–person "
            f"ties, {plain['ties']:,} links in the prebuilt networkx graph; "
            f"{args.samples} samples per operation, as of {AS_OF:%Y-%m-%d}"
        )
        print(f"load: service index {ours['load_s']:.1f} s, networkx graph {plain['load_s']:.1f} s")
        print(
            f"{'operation (ms)':<18}{'srm p50':>10}{'srm p99':>10}{'nx p50':>10}{'nx p99':>10}"
            f"{'p50 ratio':>11}{'p99 ratio':>11}"
        )
        for name, (p50, p99) in ours["latency"].items():
            n50, n99 = plain["latency"][name]
            print(
                f"{name:<18}{p50:>10.3f}{p99:>10.3f}{n50:>10.3f}{n99:>10.3f}"
                f"{p50 / n50:>10.2f}x{p99 / n99:>10.2f}x"
            )
        print(
            "(people search: 'nx' is a scan that tests every folded key and sorts the hits; "
            f"{search_bench.LIMIT} hits a search, over people and companies)"
        )
        b50, b99 = plain["bfs"]
        print(
            f"(networkx bidirectional BFS, which returns any fewest-hop path rather than the "
            f"strongest of them: p50 {b50:.3f}, p99 {b99:.3f})"
        )
        for name in OPERATIONS:
            same, beyond = _agreement(name, ours["answers"][name], plain["answers"][name])
            note = f"; {beyond} where networkx's paths need more than 6 hops" if beyond else ""
            print(f"answers agree on {name}: {same} of {args.samples}{note}")
        ratio = ours["peak_mib"] / bare["peak_mib"]
        print(
            f"peak memory: service with the graph loaded {ours['peak_mib']:.0f} MiB, bare networkx "
            f"graph of the same {bare['ties']:,} ties {bare['peak_mib']:.0f} MiB: ratio {ratio:.2f} "
            f"(target <= 1.5); the networkx baseline above, with its attributes, "
            f"{plain['peak_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    main()
