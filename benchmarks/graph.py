"""The benchmarks' graph: people in 2,000 companies, their jobs and account managers, and
two-person interactions between random people (about as many person–person ties), written
to an embedded store; and the questions drawn from it.

The same seed gives the same people, ties and questions, so :mod:`benchmarks.queries`,
:mod:`benchmarks.scale`, :mod:`benchmarks.http`, :mod:`benchmarks.workers` and
:mod:`benchmarks.kuzu_peer` can reuse one store (``--store``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks import search as search_bench

if TYPE_CHECKING:
    from graph_model.store import Upsert

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
EGO_LIMIT = 500
DRAWS = 20
"""Random interactions drawn, at most, for each pair of people who share one."""
# The service's defaults (checked against it in :func:`benchmarks.queries.run_service`;
# importing them here would weigh on the bare graph's memory): paths take ties of s >= 5,
# colleagues count as a tie of 30, fewest-hops search adds HOP per edge; coverage asks for
# s >= 10 to executives and VPs.
PATH_MIN, COLLEAGUE, HOP = 5.0, 30.0, 1e4
COVERAGE_MIN, LEVELS_ASKED = 10.0, ("executive", "vp")
OPERATIONS = (
    "strongest path",
    "shortest path",
    "k = 3 paths",
    "strength",
    "account coverage",
    "ego network",
)
"""The questions both sides of :mod:`benchmarks.queries` answer, in the order they are timed."""


def dataset(people: int, ties: int, seed: int) -> Iterator[list[Upsert]]:
    """The writes of the benchmark's graph: ``people`` in 2,000 companies with their jobs and
    account managers, then ``ties`` two-person interactions, 20,000 a write."""
    from graph_model.store import NodeUpsert, RelRow, RelUpsert

    rng = random.Random(seed)
    companies: list[dict[str, Any]] = [
        {"id": f"c{i:04d}", "name": f"Company {i}", "tier": "key" if i % 10 == 1 else "standard"}
        for i in range(2000)
    ]
    companies[0] |= {"is_home": True, "tier": None}
    levels = [level for level, weight in LEVELS for _ in range(weight)]
    persons = [
        {"id": f"p{i:06d}", "name": name, "email": email, "seniority": rng.choice(levels)}
        # names from a generator of their own: the ties stay those of a seed without names
        for i, (name, email) in enumerate(
            search_bench.person_names(people, random.Random(seed + 5))
        )
    ]
    internal = people // 20
    jobs = [
        RelRow(p["id"], HOME if i < internal else f"c{1 + i % 1999:04d}", {})
        for i, p in enumerate(persons)
    ]
    managed = [RelRow(f"p{rng.randrange(internal):06d}", c["id"], {}) for c in companies[1::10]]
    yield [
        NodeUpsert("Company", companies),
        NodeUpsert("Person", persons),
        RelUpsert("WORKS_AT", jobs),
        RelUpsert("MANAGES_ACCOUNT", managed),
    ]
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
                {
                    "id": i,
                    "kind": rng.choice(kinds),
                    "occurred_at": datetime.fromtimestamp(t, UTC),
                    "initiator_id": s,
                }
                for i, _, _, t, s in batch
            ]
            links = [RelRow(p, i) for i, a_, b_, _, _ in batch for p in (a_, b_)]
            yield [NodeUpsert("Interaction", nodes), RelUpsert("PARTICIPATED_IN", links)]
            batch = []


def graph_options(parser: argparse.ArgumentParser, people: int, ties: int) -> None:
    """The options that name the benchmark's graph: ``--people``, ``--ties``, ``--seed`` and
    ``--store`` (a folder to reuse or keep it in)."""
    parser.add_argument("--people", type=int, default=people)
    parser.add_argument("--ties", type=int, default=ties)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="reuse (or keep) the store in this folder")


@contextmanager
def benchmark_store(store: Path | None, people: int, ties: int, seed: int) -> Iterator[Path]:
    """The folder of the benchmark's store: ``store``, built there unless it holds one (and
    kept), or a temporary folder removed at the end."""
    folder = store or Path(tempfile.mkdtemp(prefix="srm-bench-")) / "store"
    try:
        if not (folder / "graph.sqlite").exists():
            start = time.perf_counter()
            build(folder, people, ties, seed)
            print(f"built the store in {time.perf_counter() - start:.0f} s")
        yield folder
    finally:
        if store is None:
            shutil.rmtree(folder.parent, ignore_errors=True)


def build(folder: Path, people: int, ties: int, seed: int) -> None:
    """An embedded store of ``people`` in 2,000 companies and ``ties`` interactions."""
    from graph_model.settings import Settings
    from graph_model.stores import open_store

    store = open_store(Settings(data_dir=folder))
    for upserts in dataset(people, ties, seed):
        store.write(upserts)
    store.close()


def sample_cases(folder: Path, samples: int, seed: int) -> dict[str, list[Any]]:
    """The questions of a run, drawn with ``seed`` from the store in ``folder``: ``samples``
    pairs of random people, pairs who share an interaction, key accounts and egos."""
    conn = sqlite3.connect(folder / "graph.sqlite")
    people = [r[0] for r in conn.execute("SELECT id FROM n_person ORDER BY id")]
    accounts = [
        r[0] for r in conn.execute("SELECT id FROM n_company WHERE tier = 'key' ORDER BY id")
    ]
    tied = _tied_pairs(conn, samples, random.Random(seed + 1))
    conn.close()
    rng = random.Random(seed)
    pairs = [(rng.choice(people), rng.choice(people)) for _ in range(samples)]
    return {
        "pairs": pairs,
        "tied pairs": tied,
        "accounts": [rng.choice(accounts) for _ in range(samples)],
        "egos": [rng.choice(people) for _ in range(samples)],
    }


def _tied_pairs(conn: sqlite3.Connection, samples: int, rng: random.Random) -> list[Any]:
    """``samples`` pairs of people who took part in one interaction together (a strength is
    asked of people who know each other): two of the participants of random interactions,
    fewer when ``DRAWS`` interactions a pair drawn do not give them (few have two people)."""
    (last,) = conn.execute("SELECT max(rowid) FROM r_participated_in").fetchone()
    pairs: list[Any] = []
    for _ in range(DRAWS * samples if last else 0):
        if len(pairs) == samples:
            break
        found = conn.execute(
            'SELECT "end" FROM r_participated_in WHERE rowid = ?', (rng.randint(1, last),)
        ).fetchone()
        if found is None:
            continue
        people = sorted(
            r[0] for r in conn.execute('SELECT start FROM r_participated_in WHERE "end" = ?', found)
        )
        if len(people) >= 2:
            pairs.append(tuple(rng.sample(people, 2)))
    return pairs
