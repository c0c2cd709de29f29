"""The processes of the HTTP benchmark: servers and the ingest, each in a process group of its
own, so that ending the group ends everything it started."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

HOST = "127.0.0.1"
SRM = str(Path(sys.executable).with_name("srm"))  # the command a user runs, from this venv
START_TIMEOUT = 600.0  # seconds for a server to be ready (the service on 1M ties takes ~25 s)
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL
# Straight to the server, whatever proxy the environment names.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str, timeout: float = 5.0) -> Any:
    """The JSON answer of ``GET url``."""
    with _OPENER.open(url, timeout=timeout) as response:
        return json.load(response)


def _answers(url: str) -> bool:
    """Whether ``GET url`` answers 2xx within 2 seconds."""
    try:
        with _OPENER.open(url, timeout=2.0):
            return True
    except (OSError, http.client.HTTPException):  # refused, reset, 503 (HTTPError), ...
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_group(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """``argv`` in a session (and process group) of its own, its output appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Ends the process group of ``process``: SIGTERM, then SIGKILL if it is still there
    after ``STOP_TIMEOUT`` seconds."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


class Server:
    """A server started by ``argv --port P`` on a free port of ``HOST``, ready once
    ``/readyz`` answers 2xx; stopped on leaving a ``with`` block, whatever happened."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.argv, self.env, self.log = name, argv, env, log
        self.url = ""
        self.ready_s = 0.0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Starts it on a free port and waits until it is ready (exits when it dies or is
        not ready after ``START_TIMEOUT`` seconds)."""
        port = _free_port()
        self.url = f"http://{HOST}:{port}"
        start = time.perf_counter()
        self.process = process = start_group([*self.argv, "--port", str(port)], self.env, self.log)
        try:
            while not _answers(f"{self.url}/readyz"):
                if process.poll() is not None:
                    raise SystemExit(
                        f"{self.name} exited ({process.returncode}):\n{tail(self.log)}"
                    )
                if time.perf_counter() - start > START_TIMEOUT:
                    raise SystemExit(f"{self.name} was not ready after {START_TIMEOUT:.0f} s")
                time.sleep(0.2)
        except BaseException:
            self.stop()
            raise
        self.ready_s = time.perf_counter() - start

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
