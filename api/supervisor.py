"""What ``srm serve --workers N`` becomes once its workers run: a small process that
watches them.

The process that prepared the store forks the workers and then replaces its own
program with this one (``exec``), so that it no longer holds the pages of the index and
the app: the workers share them among themselves, and the pages a worker's reads write
to are copied once, into that worker, not kept a second time in the parent. It keeps its
process id, so the workers stay its children and the listening sockets stay open.

It starts a worker again when one dies (the new one opens the store afresh and serves
the dead one's socket; it shares nothing with the others), and on SIGINT or SIGTERM stops
them all, each after its requests in flight.

    python -m api.supervisor FD:PID [FD:PID ...]
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from contextlib import suppress
from typing import Any

from api import logs

log = logging.getLogger("srm.workers")

STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
"""What stops the service. The process blocks them from its first fork until it watches
as the supervisor: one sent in between waits, pending, through the ``exec``."""


def supervise(workers: dict[int, int]) -> None:
    """Watch ``workers`` (process id to the socket it serves) until every one has stopped."""
    stopping = False

    def stop(signum: int, _: Any) -> None:
        nonlocal stopping
        stopping = True
        for pid in workers:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    while workers:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        socket_fd = workers.pop(pid, -1)
        if socket_fd >= 0 and not stopping:
            log.warning("worker %d stopped (status %d): starting another", pid, status)
            workers[start_worker(socket_fd)] = socket_fd


def start_worker(socket_fd: int) -> int:
    """A worker that opens the store itself and serves the listening socket ``socket_fd``
    (``python -m api.workers FD``: a program of its own, named so in the process list)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.execv(sys.executable, [sys.executable, "-m", "api.workers", str(socket_fd)])
        finally:
            os._exit(1)
    return pid


def main(argv: list[str]) -> None:
    """``FD:PID`` pairs: each worker's process id and the socket it serves."""
    logs.to_stderr()
    workers = {}
    for pair in argv:
        socket_fd, pid = pair.split(":")
        workers[int(pid)] = int(socket_fd)
    supervise(workers)


if __name__ == "__main__":
    main(sys.argv[1:])
