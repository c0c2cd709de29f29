"""The plain networkx side of :mod:`benchmarks.queries`: graphs prebuilt with what each
question needs at ``AS_OF`` (:class:`Prebuilt`), the same questions answered on them
(:func:`networkx_side`), and a bare graph of the same ties for memory (:func:`run_bare`).
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

from benchmarks import search as search_bench
from benchmarks.common import case_timer, peak_mib, time_cases
from benchmarks.graph import (
    AS_OF,
    COLLEAGUE,
    COVERAGE_MIN,
    EGO_LIMIT,
    HOME,
    HOP,
    LEVELS_ASKED,
    OPERATIONS,
    PATH_MIN,
    sample_cases,
)
from benchmarks.paired import Loaded


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


def networkx_side(folder: str, samples: int, seed: int) -> Loaded:
    """Plain networkx on graphs prebuilt from the store in ``folder``, and a timer per
    question (people search: a scan of every folded key); at the end, its peak memory before
    the search's keys were made, and a bidirectional BFS timed for reference."""
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
    timers = {
        name: case_timer(op, cases_, answers[name], comparable)
        for name, (op, cases_) in operations.items()
    }
    texts = search_bench.cases(Path(folder), samples, seed)
    peak: list[float] = []

    def people_search() -> list[float]:
        peak[:] = peak or [peak_mib()]  # before the search baseline's keys
        return search_bench.time_baseline(Path(folder), texts)

    timers["people search"] = people_search

    def finish() -> dict[str, Any]:
        bfs = time_cases(lambda c: _bfs(g.paths, c), cases["pairs"], [], bool)
        return {"peak_mib": peak[0] if peak else peak_mib(), "bfs": bfs, "answers": answers}

    return Loaded({"load_s": load, "ties": g.links.number_of_edges()}, timers, finish)


def comparable(answer: Any) -> Any:
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
