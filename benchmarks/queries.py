"""Query latency and memory of the embedded service against plain networkx.

    python -m benchmarks.queries [--backend embedded|neo4j] [--people 100000] [--ties 1000000]
        [--samples 100] [--passes 1] [--store DIR]
        [--neo4j-data DIR] [--whole-samples 3] [--whole-network-ties 200000] [--warmup 20]
        [--profile]

Builds an embedded store with ``--ties`` two-person interactions between random
people (so about as many person–person ties) and their employment, then loads two
sides, each in its own process so peak memory (max RSS) is its own, and times them in
turns, question by question (:mod:`benchmarks.paired`), so that a machine whose speed
drifts during the run weighs on both alike:

- the service: opens the store as the service does (index built, then left out
  of garbage collection) and times strongest path, shortest path, the k = 3
  strongest paths, strength, account coverage and ego network through the
  capability functions the API calls;
- plain networkx: reads the same ties, jobs and account managers into prebuilt
  graphs whose edges carry what each question needs at ``AS_OF`` (see
  :class:`~benchmarks.networkx_answers.Prebuilt`), and answers the same questions on them:
  ``bidirectional_dijkstra`` on the cost for the strongest path and on
  ``HOP + cost`` for the strongest of the fewest-hop paths, ``shortest_simple_paths``
  (Yen's algorithm) for the first three, the strength formula on an edge's aggregates
  (of two people who took part in one interaction together), an account's executives
  with their threads, best contacts and account managers, and the ego network (breadth-first distances,
  the first 500 nodes by distance and id, the links among them, node details).

Each case is asked once, or ``--passes`` times over (every case, then all again, the
sides taking turns), the fastest call of each counting: one pass reads what a first
question finds in memory, several read warm caches on both sides and leave out the stalls
of a busy machine. People search is timed once a text, the same way. It prints p50 and p99 of each, their ratios, how many answers agree (a strongest
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
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import search as search_bench
from benchmarks.common import (
    case_timer,
    peak_mib,
    percentiles,
    resident_mib,
    run_child,
    same_answer,
)
from benchmarks.graph import (
    AS_OF,
    COLLEAGUE,
    COVERAGE_MIN,
    EGO_LIMIT,
    HOP,
    LEVELS_ASKED,
    OPERATIONS,
    PATH_MIN,
    benchmark_store,
    graph_options,
    sample_cases,
)
from benchmarks.networkx_answers import comparable, networkx_side, run_bare
from benchmarks.paired import Loaded, Side, alone, in_turns, serve


def run_service(folder: str, samples: int, seed: int, passes: int = 1) -> dict[str, Any]:
    """Every question of the service timed alone (see :func:`benchmarks.paired.alone`)."""
    return alone(service_side(folder, samples, seed), passes)


def service_side(folder: str, samples: int, seed: int) -> Loaded:
    """The service with the store in ``folder`` opened as it starts, and a timer per question
    through the capability functions the API calls."""
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
    timers = {
        name: case_timer(
            op,
            cases_,
            answers[name],
            _scores if name == "k = 3 paths" else _service_answer,
        )
        for name, (op, cases_) in operations.items()
    }
    texts = search_bench.cases(Path(folder), samples, seed)
    timers["people search"] = lambda: search_bench.time_service(store, texts)
    return Loaded(
        {"load_s": load, "ties": ties},
        timers,
        lambda: {"peak_mib": peak_mib(), "resident_mib": resident_mib(), "answers": answers},
    )


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
    return comparable(answer)


def _side(kind: str, folder: Path, args: argparse.Namespace) -> Side:
    """The ``kind`` side ("service", "networkx") in a process of its own, loaded."""
    options = ("--samples", str(args.samples), "--seed", str(args.seed))
    return Side(f"the {kind} run", "benchmarks.queries", f"--side-{kind}", str(folder), *options)


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
    parser.add_argument(
        "--passes", type=int, default=1, help="calls of each case, the fastest counting"
    )
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
    parser.add_argument("--side-service", type=str, help=argparse.SUPPRESS)
    parser.add_argument("--side-networkx", type=str, help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", type=str, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_service:
        print(json.dumps(run_service(args.child_service, args.samples, args.seed, args.passes)))
        return
    if args.side_service:
        serve(service_side(args.side_service, args.samples, args.seed))
        return
    if args.side_networkx:
        serve(networkx_side(args.side_networkx, args.samples, args.seed))
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
        sides = [_side("service", folder, args), _side("networkx", folder, args)]
        timed = in_turns(sides, [*OPERATIONS, "people search"], args.passes)
        ours, plain = ({**s.ready, **s.finish()} for s in sides)
        bare = run_child("benchmarks.queries", "--child-bare", str(folder), what="the bare run")
        print(
            f"graph: {args.people:,} people in 2,000 companies, {ours['ties']:,} person–person "
            f"ties, {plain['ties']:,} links in the prebuilt networkx graph; "
            f"{args.samples} samples per operation"
            + (f", the fastest of {args.passes} calls of each" if args.passes > 1 else "")
            + f", as of {AS_OF:%Y-%m-%d}"
        )
        print(f"load: service index {ours['load_s']:.1f} s, networkx graph {plain['load_s']:.1f} s")
        print(
            f"{'operation (ms)':<18}{'srm p50':>10}{'srm p99':>10}{'nx p50':>10}{'nx p99':>10}"
            f"{'p50 ratio':>11}{'p99 ratio':>11}"
        )
        for name in timed[0]:
            (p50, p99), (n50, n99) = (percentiles(side[name]) for side in timed)
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
