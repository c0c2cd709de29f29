"""A real Neo4j for the tests: ``scripts/neo4j-server`` run as a child process.

>>> missing_tools({"PATH": "/nonexistent"})
'Java and Maven (needed to start Neo4j with scripts/neo4j-server)'
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections import deque
from pathlib import Path

from graph_model.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "neo4j-server"
PASSWORD = "srm-graph-tests"
START_TIMEOUT = 900.0
"""Seconds a first start may take: Maven resolves Neo4j's jars once."""


def missing_tools(env: dict[str, str] | None = None) -> str | None:
    """What the machine lacks to start Neo4j, or ``None``."""
    path = (env or os.environ).get("PATH")
    missing = [
        name
        for name, cmd in (("Java", "java"), ("Maven", "mvn"))
        if not shutil.which(cmd, path=path)
    ]
    if not missing:
        return None
    return f"{' and '.join(missing)} (needed to start Neo4j with scripts/neo4j-server)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Neo4jProcess:
    """One ``scripts/neo4j-server`` process with its data folder and port."""

    def __init__(
        self,
        data: Path,
        port: int | None = None,
        heap: str = "1g",
        page_cache: str = "512m",
        **config: str,
    ) -> None:
        """``config``: Neo4j settings (``dbms.security.auth_max_failed_attempts="0"``…)."""
        self.data = data
        self.port = port or free_port()
        self.heap = heap
        self.page_cache = page_cache
        self.config = config
        self.process: subprocess.Popen[str] | None = None
        self.output: deque[str] = deque(maxlen=200)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def settings(self, **overrides: object) -> Settings:
        """Settings of the ``neo4j`` backend on this server."""
        return Settings(
            backend="neo4j",
            neo4j_uri=self.uri,
            neo4j_user="neo4j",
            neo4j_password=PASSWORD,
            neo4j_database="neo4j",
            **overrides,  # type: ignore[arg-type]
        )

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the server and return once it says ``ready`` (``RuntimeError`` if it stops)."""
        env = os.environ | {
            "NEO4J_PASSWORD": PASSWORD,
            "SRM_NEO4J_HEAP": self.heap,
            "SRM_NEO4J_PAGE_CACHE": self.page_cache,
        }
        command = [str(SCRIPT), "--data", str(self.data), "--port", str(self.port)]
        if self.config:
            conf = self.data.parent / f"{self.data.name}.conf"
            conf.write_text("".join(f"{k}={v}\n" for k, v in self.config.items()))
            command += ["--conf", str(conf)]
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        ready = threading.Event()
        threading.Thread(target=self._read, args=(ready,), daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Neo4j did not start:\n" + "\n".join(self.output))

    def _read(self, ready: threading.Event) -> None:
        assert self.process is not None and self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip())
            if "ready" in line:
                ready.set()

    def kill(self) -> None:
        """SIGKILL the JVM, as a crash would."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        """SIGTERM, and wait for a clean shutdown."""
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
