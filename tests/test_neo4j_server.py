"""``scripts/neo4j-server``: what it says without Java or Maven, and that it builds once.

(Starting, stopping, restarting on the same data and being killed are what every Neo4j
test and tests/test_neo4j_faults.py do with it.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.neo4j_server import SCRIPT, missing_tools

TOOLS = ("bash", "dirname", "sed", "cat", "find", "sort", "xargs", "sha256sum", "cut")
TOOLS += ("mkdir", "flock", "rm", "realpath", "tail", "java")


def path_with(folder: Path, tools: tuple[str, ...]) -> str:
    """A PATH of ``folder`` holding only ``tools`` (those the machine has)."""
    folder.mkdir()
    for tool in tools:
        if found := shutil.which(tool):
            (folder / tool).symlink_to(found)
    return str(folder)


def run(path: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        capture_output=True,
        text=True,
        env={"PATH": path, "NEO4J_PASSWORD": "not-used-here", "HOME": os.environ["HOME"], **env},
        timeout=120,
    )


def test_without_java_it_says_so(tmp_path: Path) -> None:
    path = path_with(tmp_path / "bin", tuple(t for t in TOOLS if t != "java"))
    done = run(path, "--data", str(tmp_path / "data"), "--port", "7687")
    assert done.returncode == 2
    assert "Java is missing" in done.stderr and "Java 17" in done.stderr


def test_without_maven_and_no_build_it_says_so(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        pytest.skip("needs Java, to get past the Java check")
    path = path_with(tmp_path / "bin", TOOLS)  # no mvn
    done = run(
        path,
        "--data",
        str(tmp_path / "data"),
        "--port",
        "7687",
        SRM_NEO4J_BUILD=str(tmp_path / "build"),
    )
    assert done.returncode == 2
    assert "Maven is missing" in done.stderr


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    path = path_with(tmp_path / "bin", TOOLS)
    assert "--data DIR is required" in run(path, "--port", "1").stderr
    assert "--port PORT is required" in run(path, "--data", "x").stderr
    assert "unknown argument" in run(path, "--data", "x", "--port", "1", "--fast").stderr
    no_password = run(path, "--data", "x", "--port", "1", NEO4J_PASSWORD="")
    assert no_password.returncode == 2 and "NEO4J_PASSWORD" in no_password.stderr


def test_a_second_start_does_not_build_again(tmp_path: Path, neo4j_settings: object) -> None:
    """Once the session's server has started, the launcher is built: a start only runs Java
    (here on a data folder that cannot be made, so Neo4j stops at once)."""
    if missing := missing_tools():
        pytest.skip(f"needs {missing}")
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = run(os.environ["PATH"], "--data", str(blocker / "data"), "--port", "7687")
    assert done.returncode != 0
    assert "building the launcher" not in done.stderr
