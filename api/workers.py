"""Several worker processes serving one socket, forked from a process that has the store ready.

``srm serve --workers N``: this process opens the store as a service does (the
index mapped, search prepared, all of it left out of garbage collection), binds
the socket, then forks ``N`` workers that each serve it with uvicorn. What it
built is shared with every worker until one writes to a page (the tie file
through the page cache, always): a worker opens SQLite connections of its own
and catches up with every commit as a single process does. A worker that dies is
started again; SIGINT or SIGTERM stops them all, each after its requests in
flight.

With Neo4j there is no index to share: each worker opens its own driver.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from contextlib import suppress
from typing import Any

from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings

log = logging.getLogger("srm.workers")


def serve_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve the API on ``host:port`` with ``workers`` processes until told to stop."""
    from graph_model.stores import open_for_serving
    from queries.search import prepare

    listening = socket.create_server(
        (host, port), family=_family(host), backlog=2048, reuse_port=False
    )
    store: EmbeddedStore | None = None
    if settings.backend == "embedded":
        opened = open_for_serving(settings)
        assert isinstance(opened, EmbeddedStore)
        prepare(opened)
        store = opened
    children: dict[int, int] = {}
    stopping = False

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _work(settings, store, listening)
                code = 0
            finally:
                os._exit(code)
        children[pid] = slot

    def stop(signum: int, _: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            _signal(pid, signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for slot in range(workers):
        start(slot)
    log.info("serving http://%s:%d with %d workers: %s", host, port, workers, sorted(children))
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        slot = children.pop(pid, -1)
        if slot >= 0 and not stopping:
            log.warning("worker %d stopped (status %d): starting another", pid, status)
            start(slot)
    listening.close()


def _work(settings: Settings, store: EmbeddedStore | None, listening: socket.socket) -> None:
    """One worker: the app over the parent's store, served on the inherited socket."""
    import uvicorn

    from api.app import create_app

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if store is not None:
        store.after_fork()
    config = uvicorn.Config(create_app(settings, store=store), lifespan="on")
    uvicorn.Server(config).run(sockets=[listening])
    sys.stdout.flush()


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _signal(pid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signum)
