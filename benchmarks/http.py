"""Requests per second and latency of the service over HTTP, against a bare FastAPI app.

    python -m benchmarks.http [--people 100000] [--ties 1000000] [--seed 7] [--store DIR]
        [--clients 16,64,256] [--routes strength,paths,coverage] [--workers 1,2]
        [--seconds 10] [--warmup 2] [--timeout 30] [--skip-ingest-phase]

Needs the ``bench`` extra (``pip install -e ".[bench]"``): the load client is aiohttp's.

Builds the graph of :mod:`benchmarks.graph` (``--ties`` two-person interactions between
``--people`` people in 2,000 companies, so about as many person–person ties), or reuses
``--store``, draws real ids from it, and starts the servers, each on a free port of
127.0.0.1 in a process group of its own:

- the service as a user starts it, once for each number of ``--workers`` in turn:
  ``srm serve --workers N --port P`` with ``SRM_DATA_DIR`` naming the store, ready once
  ``/readyz`` answers;
- the bare app of :mod:`benchmarks.bare_app`: the same paths answering a constant body from
  sync routes, served by the same ``uvicorn.run(app, host=host, port=port)`` call as
  ``srm serve`` makes, so with the same uvicorn settings.

For each route (``GET /v1/strength`` of two people, ``GET /v1/paths`` between two people with
the default k, ``GET /v1/companies/{id}/coverage`` of a key account, all ``as_of`` the graph's
date) and each number of clients, the load client of :mod:`benchmarks.http_load` runs, in a
process of its own, against the service and then the bare app: that many keep-alive
connections sending requests back to back, ``--warmup`` seconds, then ``--seconds``
measured. It prints the answers per second, p50 and p99 latency and errors of each, the
ratio ours/bare of the answers per second, and how many times the answers per second of one
worker each larger number of workers gives. A request unanswered after ``--timeout`` seconds is
an error (a hang); a server that had one is restarted before the next measurement.

Then readers during an ingest: a copy of the store, a service started on it, the p99 of
strength at 16 clients with the service alone, then while ``srm ingest`` (another process)
writes a generated export into the same store folder (measured from its first commit on);
both p99s and their ratio (goal: within 2x). On a 2-core machine the ingest, the service and
the load client share the cores: that is part of what it measures.

Every server and the ingest are ended at the end, also on errors, SIGTERM and Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn
from urllib.parse import urlencode

from benchmarks.common import run_child
from benchmarks.graph import AS_OF, build, graph_options, sample_cases
from benchmarks.http_servers import SRM, Server, get_json, start_group, stop_group, tail

ROUTES = ("strength", "paths", "coverage")
SAMPLES = 1000  # ids drawn per route; each client walks them from its own offset
INGEST_CLIENTS = 16
GOAL_CLIENTS = 256  # the goal: 0 errors and no hang at this many clients
# The export ingested during the readers phase: ~40,000 interactions per second of warm-up and
# measurement (an ingest writes ~15,000 a second here, so it outlasts them); its ids (5-digit
# companies and people, 7-digit interactions) are apart from the benchmark graph's.
INGEST_PER_SECOND, INGEST_PEOPLE, INGEST_COMPANIES = 40_000, 30_000, 10_000
FIRST_COMMIT_TIMEOUT = 300.0  # seconds for the ingest to commit its first batch


def request_paths(folder: Path, seed: int) -> dict[str, list[str]]:
    """The requests of each route, on ids drawn from the store."""
    cases = sample_cases(folder, SAMPLES, seed)
    as_of = AS_OF.isoformat()
    return {
        "strength": [
            f"/v1/strength?{urlencode({'a': a, 'b': b, 'as_of': as_of})}" for a, b in cases["pairs"]
        ],
        "paths": [
            f"/v1/paths?{urlencode({'from': a, 'to': b, 'as_of': as_of})}"
            for a, b in cases["pairs"]
        ],
        "coverage": [
            f"/v1/companies/{c}/coverage?{urlencode({'as_of': as_of})}" for c in cases["accounts"]
        ],
    }


def service_env(folder: Path) -> dict[str, str]:
    """The environment of ``srm`` commands on the embedded store in ``folder``."""
    return os.environ | {"SRM_BACKEND": "embedded", "SRM_DATA_DIR": str(folder)}


def measure(server: Server, paths: Path, clients: int, args: argparse.Namespace) -> dict[str, Any]:
    """One run of the load client against ``server`` (restarted when a request timed out)."""
    result: dict[str, Any] = run_child(
        "benchmarks.http_load",
        server.url,
        str(paths),
        *("--clients", str(clients), "--seconds", str(args.seconds)),
        *("--warmup", str(args.warmup), "--timeout", str(args.timeout)),
        what=f"the load client ({server.name}, {clients} clients)",
        timeout=args.warmup + args.seconds + args.timeout + 60,
    )
    errors = sum(result["errors"].values())
    _progress(
        f"{server.name}, {clients} clients: {result['rps']:.0f}/s over {result['span_s']:.1f} s, "
        f"{errors} errors, "
        f"load client at {result['client_cpu']:.0%} of a core"
    )
    result["restarted"] = bool(result["errors"]["timeout"])
    if result["restarted"]:
        _progress(f"{server.name} let requests time out: restarting it")
        server.restart()
    return result


def server_settings() -> str:
    """The uvicorn settings both servers run with: ``uvicorn.run(app, host, port)`` leaves all
    but host and port at their defaults."""
    from importlib.util import find_spec

    import anyio
    import uvicorn
    from anyio import to_thread

    async def threads() -> float:
        return to_thread.current_default_thread_limiter().total_tokens

    config = uvicorn.Config(app="unused")
    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    http = "httptools" if find_spec("httptools") else "h11"
    return (
        f"uvicorn {uvicorn.__version__} as `srm serve` runs it, uvicorn.run(app, host, port): "
        f"{config.workers} worker process, loop {config.loop} ({loop}), http {config.http} "
        f"({http}), keep-alive {config.timeout_keep_alive} s, backlog {config.backlog}, "
        f"limit_concurrency {config.limit_concurrency}, access log "
        f"{'on' if config.access_log else 'off'}; sync routes in anyio's thread pool of "
        f"{anyio.run(threads):.0f}; 127.0.0.1, a free port each"
    )


Row = tuple[str, int, int, dict[str, Any], dict[str, Any]]
"""A route, a number of clients, of service workers, the service's run and the bare app's."""


def http_phase(
    folder: Path, work: Path, files: dict[str, Path], args: argparse.Namespace
) -> list[Row]:
    """Starts the bare app and, one after the other, the service with each number of
    workers; prints what is measured, measures each route and number of clients on each
    (the bare app once); the rows of the table."""
    bare_cmd = [sys.executable, "-m", "benchmarks.bare_app"]
    env = service_env(folder)
    bare_runs: dict[tuple[str, int], dict[str, Any]] = {}
    rows: list[Row] = []
    with Server("the bare app", bare_cmd, env, work / "bare.log") as bare:
        for workers in args.workers:
            name = f"the service ({workers} worker{'s' if workers > 1 else ''})"
            command = [SRM, "serve", "--workers", str(workers)]
            with Server(name, command, env, work / f"service-{workers}.log") as ours:
                if not rows:
                    _describe(ours, bare, args)
                print(f"ready after: {name} {ours.ready_s:.1f} s", flush=True)
                for route in args.routes:
                    for n in args.clients:
                        if (route, n) not in bare_runs:
                            bare_runs[route, n] = measure(bare, files[route], n, args)
                        ours_run = measure(ours, files[route], n, args)
                        rows.append((route, n, workers, ours_run, bare_runs[route, n]))
    return rows


def _describe(ours: Server, bare: Server, args: argparse.Namespace) -> None:
    labels = get_json(f"{ours.url}/v1/stats", timeout=60)["labels"]
    print(
        f"graph: {labels['Person']:,} people in {labels['Company']:,} companies, "
        f"{labels['Interaction']:,} person–person ties (one two-person interaction each)"
    )
    print(f"machine: {os.cpu_count()} cores; server, load client and ingest share them")
    print(f"servers: {server_settings()}")
    print(f"ready after: the bare app {bare.ready_s:.1f} s")
    print(
        f"load: {args.seconds:g} s measured after {args.warmup:g} s of warm-up, timeout "
        f"{args.timeout:g} s, {SAMPLES} drawn ids per route",
        flush=True,
    )


def _ms(result: dict[str, Any]) -> str:
    if result["p50_ms"] is None:
        return "-"
    return f"{result['p50_ms']:.1f} / {result['p99_ms']:.1f}"


def _errors(result: dict[str, Any]) -> str:
    """The errors of a run: their number, by kind when there are any, and a restart with the
    requests answered in the whole run (none: hung; some: overloaded)."""
    found = {kind: n for kind, n in result["errors"].items() if n}
    text = f"{sum(found.values())}" + (
        f" ({', '.join(f'{n} {kind}' for kind, n in found.items())})" if found else ""
    )
    if result["restarted"]:
        text += f", restarted (it answered {result['answered']} in the run)"
    return text


def print_table(rows: list[Row]) -> None:
    print(
        f"\n{'route':<10}{'clients':>8}{'workers':>8}{'ours rps':>10}{'bare rps':>10}{'ratio':>8}"
        f"{'ours p50/p99 ms':>20}{'bare p50/p99 ms':>20}   errors ours; bare"
    )
    for route, clients, workers, ours, bare in rows:
        ratio = f"{ours['rps'] / bare['rps']:.2f}x" if bare["rps"] else "-"
        print(
            f"{route:<10}{clients:>8}{workers:>8}{ours['rps']:>10.1f}{bare['rps']:>10.1f}"
            f"{ratio:>8}{_ms(ours):>20}{_ms(bare):>20}   {_errors(ours)}; {_errors(bare)}"
        )
    busiest = max(max(ours["client_cpu"], bare["client_cpu"]) for *_, ours, bare in rows)
    print(
        "(ratio: ours rps / bare rps, the bare app with one process; latency over every "
        f"request that ended after the warm-up; the load client used at most {busiest:.0%} "
        "of a core)"
    )
    single = {(route, n): ours["rps"] for route, n, w, ours, _ in rows if w == 1}
    for route, n, workers, ours, _ in rows:
        if workers > 1 and single.get((route, n)):
            print(
                f"{route}, {n} clients: {workers} workers answer "
                f"{ours['rps'] / single[route, n]:.2f}x the requests/s of one"
            )


def _seq(folder: Path) -> int:
    """The number of the store's latest write transaction."""
    from graph_model.embedded.follow import last_seq

    conn = sqlite3.connect(f"file:{folder / 'graph.sqlite'}?mode=ro", uri=True, timeout=10)
    try:
        return last_seq(conn)
    finally:
        conn.close()


def _wait_for_commit(folder: Path, before: int, ingest: subprocess.Popen[bytes], log: Path) -> int:
    """Waits until the ingest has committed a batch to the store in ``folder``; its number."""
    start = time.perf_counter()
    while (seq := _seq(folder)) == before:
        if ingest.poll() is not None:
            raise SystemExit(f"the ingest ended ({ingest.returncode}) before writing:\n{tail(log)}")
        if time.perf_counter() - start > FIRST_COMMIT_TIMEOUT:
            raise SystemExit(f"the ingest wrote nothing in {FIRST_COMMIT_TIMEOUT:.0f} s")
        time.sleep(0.1)
    return seq


def readers_phase(
    folder: Path, work: Path, paths: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """Strength at 16 clients on a copy of the store, without and then during an ingest."""
    copy, export, log = work / "ingest-store", work / "export", work / "ingest.log"
    shutil.copytree(folder, copy)
    interactions = int(INGEST_PER_SECOND * (args.warmup + args.seconds))
    generate = [SRM, "generate", str(export), "--interactions", str(interactions)]
    generate += ["--people", str(INGEST_PEOPLE), "--companies", str(INGEST_COMPANIES)]
    subprocess.run(
        [*generate, "--end", f"{AS_OF:%Y-%m-%d}"], capture_output=True, check=True, timeout=600
    )
    print(
        f"\nreaders during an ingest: strength at {INGEST_CLIENTS} clients on a copy of the "
        f"store, alone, then while `srm ingest` writes {interactions:,} generated interactions "
        f"({INGEST_PEOPLE:,} people, {INGEST_COMPANIES:,} companies) into it",
        flush=True,
    )
    with Server(
        "the service on the copy", [SRM, "serve"], service_env(copy), work / "copy.log"
    ) as ours:
        alone = measure(ours, paths, INGEST_CLIENTS, args)
        before = _seq(copy)
        ingest = start_group([SRM, "ingest", str(export), "--no-progress"], service_env(copy), log)
        try:
            first = _wait_for_commit(copy, before, ingest, log)
            during = measure(ours, paths, INGEST_CLIENTS, args)
            running, commits = ingest.poll() is None, _seq(copy) - first
        finally:
            stop_group(ingest)
    print(f"{'':<16}{'rps':>10}{'p50/p99 ms':>20}   errors")
    for name, result in (("alone", alone), ("during ingest", during)):
        print(f"{name:<16}{result['rps']:>10.1f}{_ms(result):>20}   {_errors(result)}")
    print(
        f"ingest commits during the warm-up and measurement: {commits}; the ingest was "
        f"{'still' if running else 'no longer'} running at their end"
    )
    return {"alone": alone, "during": during}


def print_goals(
    rows: list[Row],
    readers: dict[str, Any] | None,
    clients: int,
) -> None:
    at_most = [ours for _, n, _, ours, _ in rows if n == clients]
    if at_most:
        errors = sum(sum(r["errors"].values()) for r in at_most)
        hangs = sum(r["errors"]["timeout"] for r in at_most)
        busy = sum(r["errors"]["busy"] for r in at_most)
        verdict = "met" if errors == 0 else "missed"
        found = f"{errors} errors: {hangs} timeouts, {busy} turned away busy (503)"
    else:
        verdict, found = "not measured", f"--clients has no {clients}"
    print(f"\ngoal: 0 errors and no hang at {clients} clients: {verdict} ({found})")
    if readers is None:
        print("goal: readers during an ingest within 2x: not measured (--skip-ingest-phase)")
        return
    alone, during = readers["alone"]["p99_ms"], readers["during"]["p99_ms"]
    if alone is None or during is None:
        print("goal: readers during an ingest within 2x: missed (no answer to measure)")
        return
    ratio = during / alone
    print(
        f"goal: readers during an ingest, p99 of strength at {INGEST_CLIENTS} clients within 2x "
        f"of alone: {during:.1f} ms vs {alone:.1f} ms, {ratio:.2f}x: "
        f"{'met' if ratio <= 2 else 'missed'}"
    )


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


def _terminate(signum: int, frame: FrameType | None) -> NoReturn:
    raise SystemExit(128 + signum)  # unwinds through every `finally`: the servers are ended


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    graph_options(parser, 100_000, 1_000_000)
    parser.add_argument(
        "--clients",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[16, 64, 256],
        help="comma-separated numbers of concurrent connections",
    )
    parser.add_argument(
        "--routes", type=lambda s: s.split(","), default=list(ROUTES), help="comma-separated"
    )
    parser.add_argument(
        "--workers",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[1, 2],
        help="comma-separated numbers of service workers (srm serve --workers N)",
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="measured per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before each run")
    parser.add_argument("--timeout", type=float, default=30.0, help="a request's, in seconds")
    parser.add_argument("--skip-ingest-phase", action="store_true")
    args = parser.parse_args()
    if unknown := set(args.routes) - set(ROUTES):
        parser.error(f"unknown routes {sorted(unknown)}; choose among {', '.join(ROUTES)}")
    return args


def main() -> None:
    args = _parse()
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started ignoring it
    work = Path(tempfile.mkdtemp(prefix="srm-http-"))
    folder = args.store or work / "store"
    try:
        if not (folder / "graph.sqlite").exists():
            start = time.perf_counter()
            build(folder, args.people, args.ties, args.seed)
            print(f"built the store in {time.perf_counter() - start:.0f} s")
        files = {}
        for route, paths in request_paths(folder, args.seed).items():
            files[route] = work / f"{route}.json"
            files[route].write_text(json.dumps(paths))
        rows = http_phase(folder, work, files, args)
        print_table(rows)
        readers = (
            None if args.skip_ingest_phase else readers_phase(folder, work, files["strength"], args)
        )
        print_goals(rows, readers, GOAL_CLIENTS)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
