"""Several worker processes serving one socket, forked from a process that has the store ready.

``srm serve --workers N``: this process opens the store as a service does (the
index mapped, search prepared), makes the app, leaves all of it out of garbage
collection, binds a socket for each worker on the port, then forks ``N`` workers
that each serve theirs with uvicorn. What it built is shared with every worker
until one writes to a page (the tie file through the page cache, always): a
worker opens SQLite connections of its own and catches up with every commit as a
single process does. Then this process becomes :mod:`api.supervisor` (the same
process, another program), which holds none of those pages, starts a worker again
when one dies and stops them all on SIGINT or SIGTERM.

With Neo4j there is no index to share: each worker opens its own driver.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import socket
import sys
from typing import TYPE_CHECKING

from api.supervisor import STOP_SIGNALS, supervise
from graph_model.embedded.store import EmbeddedStore
from graph_model.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI

log = logging.getLogger("srm.workers")


def serve_workers(settings: Settings, host: str, port: int, workers: int) -> None:
    """Serve the API on ``host:port`` with ``workers`` processes until told to stop."""
    import uvicorn  # noqa: F401  (imported before the fork: the workers share its pages)

    sockets = [_listen(host, port) for _ in range(workers)]
    app, store = _prepared(settings)
    gc.collect()
    gc.freeze()  # what is made so far stays out of the workers' collections, so stays shared
    started = {}
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    for listening in sockets:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                _work(app, store, listening, forked=True)
                code = 0
            finally:
                os._exit(code)
        started[pid] = listening.fileno()
    log.info("serving http://%s:%d with %d workers: %s", host, port, workers, sorted(started))
    for listening in sockets:
        listening.set_inheritable(True)
    sys.stdout.flush()
    sys.stderr.flush()
    pairs = [f"{fd}:{pid}" for pid, fd in started.items()]
    try:
        os.execv(sys.executable, [sys.executable, "-m", "api.supervisor", *pairs])
    except OSError as exc:
        log.warning("cannot become the supervisor (%s): watching the workers from here", exc)
        supervise(started)


def serve_alone(socket_fd: int) -> None:
    """One worker on its own, started again in place of one that died: it opens the store
    (from the environment's settings, as ``srm serve`` did) and serves ``socket_fd``."""
    app, store = _prepared(Settings())
    _work(app, store, socket.socket(fileno=socket_fd), forked=False)


def _prepared(settings: Settings) -> tuple[FastAPI, EmbeddedStore | None]:
    """The app, over the store opened as a service opens it (embedded: with search ready)."""
    from api.app import create_app
    from graph_model.stores import open_for_serving
    from queries.search import prepare

    store: EmbeddedStore | None = None
    if settings.backend == "embedded":
        opened = open_for_serving(settings)
        assert isinstance(opened, EmbeddedStore)
        prepare(opened)
        store = opened
    return create_app(settings, store=store), store


def _work(
    app: FastAPI, store: EmbeddedStore | None, listening: socket.socket, *, forked: bool
) -> None:
    """One worker: the app over ``store`` (the parent's, when ``forked`` from the process
    that opened it), served on the inherited socket."""
    import uvicorn

    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if store is not None and forked:
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


if __name__ == "__main__":
    serve_alone(int(sys.argv[1]))
