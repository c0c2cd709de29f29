"""The wiring of docker-compose.yml and the image it builds (no Docker engine needed)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from api.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMPOSE: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]


def test_neo4j_is_the_version_of_env_with_healthcheck_and_volume() -> None:
    neo4j = SERVICES["neo4j"]
    assert neo4j["image"] == "neo4j:${NEO4J_VERSION}-community"
    version = (ROOT / ".env").read_text().split("NEO4J_VERSION=")[1].split()[0]
    assert re.fullmatch(r"5\.26\.\d+", version)  # the LTS line that runs on Java 17
    assert "NEO4J_PLUGINS" not in neo4j["environment"]  # nothing uses APOC
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/")
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "ports" not in neo4j  # only the API is published


def test_no_default_password() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${NEO4J_PASSWORD:?" in text
    assert "NEO4J_PASSWORD:-" not in text


@pytest.mark.parametrize("name", ["api", "ingest"])
def test_services_use_neo4j_once_it_is_healthy(name: str) -> None:
    service = SERVICES[name]
    assert service["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = service["environment"]
    assert env["SRM_BACKEND"] == "neo4j"
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    password = SERVICES["neo4j"]["environment"]["NEO4J_AUTH"].removeprefix("neo4j/")
    assert env["NEO4J_PASSWORD"] == password
    assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()


def test_api_serves_on_the_published_port() -> None:
    api = SERVICES["api"]
    assert api["command"][:2] == ["srm", "serve"]
    port = api["command"][api["command"].index("--port") + 1]
    assert f"{port}:{port}" in api["ports"]


def test_ingest_worker_watches_the_drop_folder() -> None:
    ingest = SERVICES["ingest"]
    assert "./drop:/drop" in ingest["volumes"]
    assert "srm ingest --watch /drop" in " ".join(ingest["command"])


def test_commands_exist_in_the_cli() -> None:
    runner = CliRunner()
    for service in ("api", "ingest"):
        words = shlex.split(" ".join(SERVICES[service]["command"]).replace("$$", "$"))
        for i, word in enumerate(words[:-1]):
            if word == "srm":
                result = runner.invoke(app, [words[i + 1], "--help"])
                assert result.exit_code == 0, result.output


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (ROOT / "api" / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY (\S+) ", dockerfile, re.MULTILINE))
    for package in ("graph_model", "ingest", "queries", "api", "pyproject.toml"):
        assert any(c.startswith(package) for c in copied), package
        assert (ROOT / package).exists()
    assert 'CMD ["srm", "serve", "--host", "0.0.0.0"' in dockerfile
