"""Query latency of the service on Neo4j against the embedded store, on the same data.

Run as ``python -m benchmarks.queries --backend neo4j``. Writes the graph of
:func:`benchmarks.graph.dataset` (same seed, so the same people and ties) through
``GraphStore.write`` into an embedded store and into a Neo4j server started for the run,
plus supply links, products and offers for reciprocity (a seed of their own, so the ties
stay those of the embedded benchmark). Then each backend, in its own process and opened as
the service opens it, answers every README question through the capability function its
API route calls, on the same sampled arguments, after ``--warmup`` calls per question on
arguments of their own (Neo4j's JIT compiler and page cache warm up as in a running service):

- per argument (``--samples`` each): strongest, shortest and k = 3 paths between two people,
  strength of two people and of two companies, account coverage of a key account,
  reciprocity of a company, ego network of a person (2 hops, 500 nodes), a people and
  company search (:mod:`benchmarks.search`);
- of the whole network (``--whole-samples`` each): portfolio coverage, at-risk, and brokers
  and communities unless the graph has more than ``--whole-network-ties`` ties.

It prints p50 and p99 of each on both backends, their ratio, the Neo4j round trips per
answer (every read of the Neo4j store is one) and the share of its time spent in them,
and how many answers agree (the whole answer, floats to 1e-9). With ``--profile`` it
also runs ``PROFILE`` on each query the first answer of every question made, and prints
their database hits.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import percentiles, run_child, same_answer
from benchmarks.graph import AS_OF, dataset, sample_cases
from benchmarks.neo4j_server import (
    driver,
    graph_counts,
    neo4j_server,
    neo4j_settings,
    quiet_driver,
)
from benchmarks.search import cases as search_cases

COMPANIES = 2000
CATEGORIES = ("electronics", "machinery", "logistics", "packaging", "chemicals", "it services")
WHOLE = "whole network"
"""The cases key of the questions about the whole network (they take no argument)."""


@dataclass(frozen=True)
class Question:
    """A README question: the cases it is asked on, and how the API asks it of a store."""

    name: str
    cases: str
    ask: Callable[[Any, Any], Any]


def questions() -> list[Question]:
    """Every question, with the capability function its API route calls."""
    from queries.at_risk import at_risk
    from queries.coverage import account_coverage, portfolio_coverage
    from queries.network import brokers, communities, ego_network
    from queries.paths import paths
    from queries.reciprocity import company_reciprocity
    from queries.search import search
    from queries.strength import strength

    def path(mode: str, k: int) -> Callable[[Any, Any], Any]:
        return lambda store, c: paths(store, c[0], c[1], mode=mode, k=k, as_of=AS_OF)

    def pair_strength(store: Any, case: tuple[str, str]) -> Any:
        return strength(store, case[0], case[1], AS_OF)

    return [
        Question("strongest path", "pairs", path("strongest", 1)),
        Question("shortest path", "pairs", path("shortest", 1)),
        Question("k=3 paths", "pairs", path("strongest", 3)),
        Question("strength people", "pairs", pair_strength),
        Question("strength companies", "company pairs", pair_strength),
        Question("account coverage", "accounts", lambda s, a: account_coverage(s, a, AS_OF)),
        Question("reciprocity", "companies", lambda s, c: company_reciprocity(s, c, AS_OF)),
        Question(
            "ego network",
            "egos",
            lambda s, p: ego_network(s, p, hops=2, limit=500, as_of=AS_OF),
        ),
        Question("people search", "search texts", lambda s, t: search(s, t, as_of=AS_OF)),
        Question("portfolio coverage", WHOLE, lambda s, _: portfolio_coverage(s, AS_OF)),
        Question("at-risk", WHOLE, lambda s, _: at_risk(s, AS_OF)),
        Question("brokers", WHOLE, lambda s, _: brokers(s, AS_OF)),
        Question("communities", WHOLE, lambda s, _: communities(s, AS_OF)),
    ]


# -- the data -------------------------------------------------------------------------


def trade(seed: int) -> list[Any]:
    """Products, what each company offers, and three suppliers of each company among its
    neighbours by id (so some pairs supply each other); a fifth of the supplies ended."""
    from graph_model.store import NodeUpsert, RelRow, RelUpsert

    rng = random.Random(seed + 1)
    products = [
        {"id": f"prod{i:03d}", "name": f"Product {i}", "category": CATEGORIES[i % len(CATEGORIES)]}
        for i in range(60)
    ]
    offers, supplies = [], []
    for c in range(COMPANIES):
        company = f"c{c:04d}"
        for product in rng.sample(products, 3):
            offers.append(RelRow(company, product["id"], {}))
        for step in rng.sample([s for s in range(-10, 11) if s], 3):
            product = rng.choice(products)
            since = AS_OF - timedelta(days=rng.randrange(30, 1800))
            ended = rng.random() < 0.2
            props = {
                "product_id": product["id"],
                "category": product["category"],
                "annual_value": round(rng.uniform(1e3, 1e6), 2),
                "currency": "EUR",
                "since": since,
                "until": since + timedelta(days=rng.randrange(1, 30)) if ended else None,
            }
            supplies.append(RelRow(f"c{(c + step) % COMPANIES:04d}", company, props))
    return [
        NodeUpsert("Product", products),
        RelUpsert("OFFERS", offers),
        RelUpsert("SUPPLIES", supplies),
    ]


def build(folder: Path, uri: str, people: int, ties: int, seed: int) -> tuple[float, float]:
    """Write the data into the embedded store in ``folder`` and into Neo4j at ``uri``, a
    batch to each in turn; the seconds each took."""
    from graph_model.settings import Settings
    from graph_model.stores import open_store

    stores = [open_store(Settings(data_dir=folder)), open_store(neo4j_settings(uri))]
    seconds = [0.0, 0.0]
    for done, upserts in enumerate([*dataset(people, ties, seed), trade(seed)]):
        for side, store in enumerate(stores):
            start = time.perf_counter()
            store.write(upserts)
            seconds[side] += time.perf_counter() - start
        if done % 10 == 0:
            print(
                f"  {done} of {ties // 20000 + 2} writes: embedded {seconds[0]:.0f} s, "
                f"neo4j {seconds[1]:.0f} s",
                flush=True,
            )
    for store in stores:
        store.close()
    return seconds[0], seconds[1]


def cases(folder: Path, samples: int, whole: int, seed: int) -> dict[str, list[Any]]:
    """The arguments of :func:`benchmarks.graph.sample_cases` (the same draws), companies and
    pairs of companies other than home, and ``whole`` runs of the whole-network questions."""
    found = sample_cases(folder, samples, seed)
    rng = random.Random(seed + 2)
    others = [f"c{i:04d}" for i in range(1, COMPANIES)]
    found["companies"] = [rng.choice(others) for _ in range(samples)]
    found["company pairs"] = [(rng.choice(others), rng.choice(others)) for _ in range(samples)]
    found["search texts"] = search_cases(folder, samples, seed)
    found[WHOLE] = [None] * whole
    return found


# -- one backend ----------------------------------------------------------------------


class ReadLog:
    """The round trips of a Neo4j store (each ``store.read`` is one) and their seconds; the
    queries themselves while ``kept`` is a list."""

    def __init__(self, store: Any) -> None:
        self.calls = 0
        self.seconds = 0.0
        self.kept: list[tuple[str, dict[str, Any]]] | None = None
        read = store.read

        def counted(query: str, **params: Any) -> list[Any]:
            start = time.perf_counter()
            try:
                return list(read(query, **params))
            finally:
                self.calls += 1
                self.seconds += time.perf_counter() - start
                if self.kept is not None:
                    self.kept.append((query, params))

        store.read = counted


@dataclass
class Timing:
    """One question on one backend: milliseconds, round trips and read seconds per answer."""

    ms: list[float]
    trips: list[int]
    read_s: list[float]
    answers: list[Any]


def _answer(answer: Any) -> Any:
    from pydantic import BaseModel

    return answer.model_dump(mode="json") if isinstance(answer, BaseModel) else answer


def _time(store: Any, log: ReadLog | None, question: Question, args: list[Any]) -> Timing:
    timing = Timing([], [], [], [])
    for arg in args:
        calls, read_s = (log.calls, log.seconds) if log else (0, 0.0)
        start = time.perf_counter()
        answer = question.ask(store, arg)
        timing.ms.append((time.perf_counter() - start) * 1000)
        timing.trips.append(log.calls - calls if log else 0)
        timing.read_s.append(log.seconds - read_s if log else 0.0)
        timing.answers.append(_answer(answer))
    return timing


def _profiled(
    store: Any, log: ReadLog, uri: str, question: Question, arg: Any
) -> list[dict[str, Any]]:
    """The queries one answer makes, each with its rows, database hits and server time under
    ``PROFILE`` (the records are read before the summary: Neo4j wants that)."""
    log.kept = []
    question.ask(store, arg)
    kept, log.kept = log.kept, None
    found: dict[str, dict[str, Any]] = {}
    with driver(uri) as plain, plain.session() as session:
        for query, params in kept:
            result = session.run("PROFILE " + query, params)
            rows = len(list(result))
            summary = result.consume()
            row = found.setdefault(
                query, {"query": _headline(query), "calls": 0, "hits": 0, "rows": 0, "ms": 0}
            )
            row["calls"] += 1
            row["rows"] += rows
            row["hits"] += _hits(summary.profile)
            row["ms"] += (summary.result_available_after or 0) + (
                summary.result_consumed_after or 0
            )
    return sorted(found.values(), key=lambda r: -r["hits"])


def _hits(plan: dict[str, Any] | None) -> int:
    if not plan:
        return 0
    return int(plan.get("dbHits", 0)) + sum(_hits(c) for c in plan.get("children", []))


def _headline(query: str) -> str:
    return " ".join(query.split())[:110]


def open_backend(backend: str, folder: str, uri: str) -> Any:
    """The store as the service opens it (``open_for_serving``)."""
    from graph_model.settings import Settings
    from graph_model.stores import open_for_serving

    if backend == "embedded":
        return open_for_serving(Settings(data_dir=Path(folder)))
    return open_for_serving(neo4j_settings(uri))


@dataclass(frozen=True)
class Counts:
    """Calls per question: timed, timed of the whole-network ones, and warm-up calls first
    (on arguments of their own; the server's JIT compiler and page cache warm up)."""

    samples: int
    whole: int
    warmup: int


def run_backend(
    backend: str, folder: str, uri: str, counts: Counts, seed: int, skip: list[str]
) -> dict[str, Any]:
    """Every question on one backend: timings, answers and, on Neo4j, profiles."""
    args = cases(Path(folder), counts.samples, counts.whole, seed)
    warm = cases(Path(folder), counts.warmup, 0, seed + 1)
    start = time.perf_counter()
    store = open_backend(backend, folder, uri)
    load = time.perf_counter() - start
    log = ReadLog(store) if backend == "neo4j" else None
    found: dict[str, Any] = {}
    for question in questions():
        if question.name in skip:
            continue
        for case in warm[question.cases] if question.cases != WHOLE else ():
            question.ask(store, case)
        found[question.name] = vars(_time(store, log, question, args[question.cases]))
    return {"load_s": load, "questions": found, "trip_ms": _round_trip(store, backend)}


def _round_trip(store: Any, backend: str, times: int = 200) -> float | None:
    """p50 of the least read there is on Neo4j (``RETURN 1`` as the store reads), in ms."""
    if backend != "neo4j":
        return None
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        store.read("RETURN 1 AS one")
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)[0]


def run_profiles(folder: str, uri: str, samples: int, seed: int, skip: list[str]) -> Any:
    """The queries of the first answer of each question on Neo4j, profiled."""
    args = cases(Path(folder), samples, 1, seed)
    store = open_backend("neo4j", folder, uri)
    log = ReadLog(store)
    return {
        q.name: _profiled(store, log, uri, q, args[q.cases][0])
        for q in questions()
        if q.name not in skip
    }


# -- the comparison -------------------------------------------------------------------


def _agreement(ours: list[Any], theirs: list[Any]) -> tuple[int, list[int]]:
    """How many answers are equal (floats to 1e-9), and the indexes of those that are not."""
    pairs = enumerate(zip(ours, theirs, strict=True))
    differ = [i for i, (a, b) in pairs if not same_answer(a, b)]
    return len(ours) - len(differ), differ


def _row(name: str, emb: dict[str, Any], neo: dict[str, Any]) -> tuple[str, float, float]:
    e50, e99 = percentiles(emb["ms"])
    n50, n99 = percentiles(neo["ms"])
    trips = sum(neo["trips"]) / len(neo["trips"])
    share = sum(neo["read_s"]) * 1000 / sum(neo["ms"])
    same, differ = _agreement(emb["answers"], neo["answers"])
    line = (
        f"{name:<20}{e50:>10.2f}{e99:>10.2f}{n50:>10.2f}{n99:>10.2f}{n50 / e50:>9.1f}x"
        f"{n99 / e99:>9.1f}x{trips:>8.1f}{share:>7.0%}{same:>6}/{len(emb['answers'])}"
    )
    if differ:
        line += f"  (differ: samples {differ[:5]})"
    return line, n50, n50 / e50


def report(sizes: dict[str, dict[str, int]], emb: dict[str, Any], neo: dict[str, Any]) -> None:
    """Print the graph, the table of latencies and agreements, and the goals."""
    print(
        "graph (both backends): "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(sizes["labels"].items()))
        + "; relationships: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(sizes["types"].items()))
    )
    print(f"open for serving: embedded {emb['load_s']:.1f} s, neo4j {neo['load_s']:.1f} s")
    print(
        f"{'question (ms)':<20}{'emb p50':>10}{'emb p99':>10}{'neo p50':>10}{'neo p99':>10}"
        f"{'p50 x':>10}{'p99 x':>10}{'trips':>8}{'reads':>7}{'agree':>10}"
    )
    slow = []
    strongest = None
    for name, timing in neo["questions"].items():
        line, n50, ratio = _row(name, emb["questions"][name], timing)
        print(line)
        strongest = n50 if name == "strongest path" else strongest
        if ratio > 5:
            slow.append(f"{name} {ratio:.1f}x")
    print(
        "trips: Neo4j round trips per answer; reads: share of the Neo4j time spent in them; "
        "agree: answers equal on both backends"
    )
    print(f"one round trip (RETURN 1 as the store reads) p50: {neo['trip_ms']:.2f} ms")
    if strongest is not None:
        verdict = "met" if strongest <= 100 else "missed"
        print(f"goal strongest path p50 <= 100 ms on Neo4j: {strongest:.1f} ms ({verdict})")
    print(
        "goal no question more than 5x the embedded p50: "
        + (("missed by " + ", ".join(slow)) if slow else "met")
    )


def print_profiles(profiles: dict[str, list[dict[str, Any]]]) -> None:
    """Per question, the queries of one answer by database hits (PROFILE)."""
    for name, rows in profiles.items():
        calls = sum(r["calls"] for r in rows)
        hits = sum(r["hits"] for r in rows)
        print(f"PROFILE {name}: {calls} queries, {hits:,} db hits")
        for r in rows[:4]:
            print(
                f"  {r['calls']:>5} x, {r['hits']:>11,} hits, {r['rows']:>9,} rows, "
                f"{r['ms']:>7,} ms on the server: {r['query']}"
            )


def skipped(ties: int, limit: int) -> dict[str, str]:
    """The whole-network questions left out at this size, with the reason."""
    if ties <= limit:
        return {}
    why = (
        f"more than --whole-network-ties {limit:,} ties: networkx betweenness (500 pivots) "
        "and Louvain over the whole person graph take minutes per answer on either backend"
    )
    return {"brokers": why, "communities": why}


# -- the run --------------------------------------------------------------------------


def _child(kind: str, folder: Path, uri: str, args: argparse.Namespace) -> Any:
    """What ``--child-<kind>`` prints, run in a process of its own."""
    flags = (
        *("--samples", str(args.samples), "--whole-samples", str(args.whole_samples)),
        *("--seed", str(args.seed), "--ties", str(args.ties)),
        *("--whole-network-ties", str(args.whole_network_ties), "--warmup", str(args.warmup)),
    )
    return run_child(
        "benchmarks.queries",
        "--child-neo4j",
        kind,
        str(folder),
        uri,
        *flags,
        what=f"the {kind} run",
    )


def _prepare(folder: Path, uri: str, args: argparse.Namespace) -> None:
    """Build the data into both stores, unless both hold it already (``--store`` and
    ``--neo4j-data`` of an earlier run)."""
    empty = not graph_counts(uri)["labels"].get("Person")
    if not empty and (folder / "graph.sqlite").exists():
        return
    if not empty or (folder / "graph.sqlite").exists():
        raise SystemExit("reuse --store and --neo4j-data of the same earlier run, or neither")
    start = time.perf_counter()
    emb, neo = build(folder, uri, args.people, args.ties, args.seed)
    print(
        f"built both stores in {time.perf_counter() - start:.0f} s: GraphStore.write took "
        f"{emb:.0f} s on the embedded store, {neo:.0f} s on Neo4j "
        f"({args.ties / neo:,.0f} interactions/s, KNOWS ties kept in step)"
    )


def run_child_kind(kind: str, folder: str, uri: str, args: argparse.Namespace) -> Any:
    """What the child ``kind`` (``embedded``, ``neo4j`` or ``profile``) reports."""
    quiet_driver()
    skip = list(skipped(args.ties, args.whole_network_ties))
    if kind == "profile":
        return run_profiles(folder, uri, args.samples, args.seed, skip)
    counts = Counts(args.samples, args.whole_samples, args.warmup)
    return run_backend(kind, folder, uri, counts, args.seed, skip)


def compare(args: argparse.Namespace) -> None:
    """Build, time both backends, print the comparison (and the profiles)."""
    quiet_driver()
    folder = args.store or Path(tempfile.mkdtemp(prefix="srm-bench-")) / "store"
    skip = skipped(args.ties, args.whole_network_ties)
    try:
        with neo4j_server(data=args.neo4j_data) as server:
            _prepare(folder, server.uri, args)
            sizes = graph_counts(server.uri)
            emb = _child("embedded", folder, server.uri, args)
            neo = _child("neo4j", folder, server.uri, args)
            print(
                f"{args.samples} samples per question, {args.whole_samples} per whole-network "
                f"question, as of {AS_OF:%Y-%m-%d}, after {args.warmup} warm-up calls of each "
                "(not of the whole-network ones) on other arguments"
            )
            report(sizes, emb, neo)
            for name, why in skip.items():
                print(f"{name}: skipped, {why}")
            if args.profile:
                print_profiles(_child("profile", folder, server.uri, args))
    finally:
        if args.store is None:
            shutil.rmtree(folder.parent, ignore_errors=True)
