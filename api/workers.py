"""Several worker processes serving one socket, forked from a process that has the store ready.

``srm serve --workers N``: this process opens the store as a service does (the
index mapped, search prepared), makes the app, leaves all of it out of garbage
collection, binds a socket for each worker on the port, then forks ``N`` workers
that each serve theirs with uvicorn. What it built is shared with every worker
until one writes to a page (the tie file through the page cache, always): a
worker opens SQLite connections of its own
and catches up with every commit as a single process does. A worker that dies is
started again; SIGINT or SIGTERM stops them all, each after its requests in
flight.

With Neo4j there is no index to share: each worker opens its own driver.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("srm.workers")


def serve_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve the API on ``host:port`` with ``workers`` processes until told to stop."""
    import uvicorn  # noqa: F401  (imported before the fork: the workers share its pages)

    from api.app import create_app
    from graph_model.stores import open_for_serving
    from queries.search import prepare

    sockets = [_listen(host, port) for _ in range(workers)]
    store: EmbeddedStore | None = None
    if settings.backend == "embedded":
        opened = open_for_serving(settings)
        assert isinstance(opened, EmbeddedStore)
        prepare(opened)
        store = opened
    app = create_app(settings, store=store)  # made once: the workers share it
    gc.collect()
    gc.freeze()  # what is made so far stays out of the workers' collections, so stays shared
    children: dict[int, int] = {}
    stopping = False

    def start(slot: int) -> None:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _work(app, store, sockets[slot])
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
    for listening in sockets:
        listening.close()


def _work(app: FastAPI, store: EmbeddedStore | None, listening: socket.socket) -> None:
    """One worker: the app over the parent's store, served on the inherited socket."""
    import uvicorn

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if store is not None:
        store.after_fork()
    config = uvicorn.Config(app, lifespan="on")
    uvicorn.Server(config).run(sockets=[listening])
    sys.stdout.flush()


def _listen(host: str, port: int) -> socket.socket:
    """A TCP socket listening on ``host:port`` beside the workers' others (``SO_REUSEPORT``:
    the kernel spreads new connections evenly over them, where one shared socket let
    whichever worker woke first take most kept-alive connections), its protocol named:
    asyncio turns Nagle's algorithm off only on connections of a socket that says it is
    TCP (left on, every answer on a kept-alive connection waited 40 ms for the client's
    delayed ACK)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listening.bind((host, port))
    listening.listen(2048)
    return listening


def _signal(pid: int, signum: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signum)
