"""A Neo4j server for a benchmark, and what the Neo4j benchmarks share.

The server is ``scripts/neo4j-server`` in a fresh data folder (the tests' :class:`Neo4jProcess`
with a heap and a page cache sized for a million interactions), on a free port, stopped and
deleted on exit.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph_model.settings import Settings
from tests.neo4j_server import PASSWORD, Neo4jProcess

CYPHER = Path(__file__).parent / "cypher"
HEAP = "4g"
PAGE_CACHE = "4g"


@contextmanager
def neo4j_server(
    data: Path | None = None, heap: str = HEAP, page_cache: str = PAGE_CACHE
) -> Iterator[Neo4jProcess]:
    """A started server on the data folder ``data`` (kept), or on a new one (deleted on exit)."""
    folder = Path(tempfile.mkdtemp(prefix="srm-bench-neo4j-"))
    server = Neo4jProcess(data or folder / "data", heap=heap, page_cache=page_cache)
    start = time.perf_counter()
    server.start()
    print(
        f"Neo4j started on {server.uri} in {time.perf_counter() - start:.0f} s "
        f"(heap {heap}, page cache {page_cache})",
        flush=True,
    )
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def neo4j_settings(uri: str) -> Settings:
    """Settings of the ``neo4j`` backend on a benchmark server."""
    return Settings(backend="neo4j", neo4j_uri=uri, neo4j_password=PASSWORD)


def quiet_driver() -> None:
    """Keep the driver from logging the server's notifications (a property key the data does
    not use yet, say) to stderr."""
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)


def driver(uri: str) -> Any:
    """A plain driver on a benchmark server (without the server's notifications)."""
    from neo4j import GraphDatabase

    return GraphDatabase.driver(uri, auth=("neo4j", PASSWORD), notifications_min_severity="OFF")


def cypher(name: str) -> str:
    """The statement in ``benchmarks/cypher/<name>.cypher``."""
    return (CYPHER / f"{name}.cypher").read_text(encoding="utf-8")


def clear(uri: str) -> None:
    """Delete every node and relationship; constraints and indexes stay."""
    with driver(uri) as plain, plain.session() as session:
        for step in ("relationships", "nodes"):
            session.run(cypher(f"clear_{step}")).consume()


def graph_counts(uri: str) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type in the database."""
    with driver(uri) as plain, plain.session() as session:
        return {
            name: {r[0]: r[1] for r in session.run(cypher(f"count_{name}")).values()}
            for name in ("labels", "types")
        }
