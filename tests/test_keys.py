"""API keys with scopes: stored as digests, asked for on every route, refused per scope."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import auth
from api.app import create_app
from api.cli import app as cli_app
from api.keys import create_key, list_keys, revoke_key, verify
from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store
from tests.conftest import assert_problem, environment, loaded_settings
from tests.test_network import seed

OPEN = {"/healthz", "/readyz"}


@pytest.fixture(autouse=True)
def no_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys count at once (the service remembers the store's answer for 2 s)."""
    monkeypatch.setattr(auth, "REMEMBER", 0.0)


@pytest.fixture
def settings(blank_settings: Settings) -> Settings:
    return loaded_settings(blank_settings, seed)  # the network with its trade


@pytest.fixture
def store(settings: Settings) -> Iterator[GraphStore]:
    opened = open_store(settings)
    yield opened
    opened.close()


def _scope_of(path: str) -> str:
    if path.startswith("/v1/audit"):
        return "admin"
    if path.startswith("/v1/ingest"):
        return "ingest"
    if "reciprocity" in path:
        return "reciprocity"
    return "read"


def _requests(client: TestClient) -> list[tuple[str, str, str]]:
    """``(method, url, scope)`` of every documented route but the open ones."""
    paths = client.get("/openapi.json").json()["paths"]
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "x", path), _scope_of(path))
        for path, methods in sorted(paths.items())
        if path not in OPEN
        for method in sorted(methods)
    ]


def test_a_token_is_stored_as_a_salted_digest_only(store: GraphStore) -> None:
    token = create_key(store, "etl", ["read", "ingest"])
    secret = token.split(".", 1)[1]
    [stored] = store.find_by("ApiKey", "name", ["etl"])
    assert secret not in str(stored) and token not in str(stored)
    assert len(stored["salt"]) == 32 and len(stored["digest"]) == 64
    assert verify(store, token).scopes == ["read", "ingest"]  # type: ignore[union-attr]
    assert verify(store, token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    with pytest.raises(ValueError, match="already"):
        create_key(store, "etl", ["read"])
    with pytest.raises(ValueError, match="unknown scope"):
        create_key(store, "bi", ["write"])
    assert revoke_key(store, "etl") and not revoke_key(store, "etl")
    assert verify(store, token) is None
    assert [(k.name, k.revoked_at is not None) for k in list_keys(store)] == [("etl", True)]
    expired = create_key(store, "old", ["read"], datetime.now(UTC) - timedelta(seconds=1))
    assert verify(store, expired) is None


def test_without_keys_the_service_is_open(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/strength?a=h1&b=x1").status_code == 200
        assert client.get("/v1/companies/x/reciprocity").status_code == 200


def test_every_route_asks_for_a_key_and_its_scope(settings: Settings, store: GraphStore) -> None:
    tokens = {scope: create_key(store, f"only-{scope}", [scope]) for scope in auth.SCOPES}
    with TestClient(create_app(settings)) as client:
        requests = _requests(client)
        assert {scope for _, _, scope in requests} == set(auth.SCOPES)
        for method, url, scope in requests:
            assert_problem(client.request(method, url), 401)
            for other in set(auth.SCOPES) - {scope}:
                bearer = {"Authorization": f"Bearer {tokens[other]}"}
                assert_problem(client.request(method, url, headers=bearer), 403)
            allowed = client.request(
                method, url, headers={"Authorization": f"Bearer {tokens[scope]}"}
            )
            assert allowed.status_code not in (401, 403), (method, url)
        for url in OPEN:
            assert client.get(url).status_code == 200


def test_missing_unknown_revoked_and_expired_tokens_are_401(
    settings: Settings, store: GraphStore
) -> None:
    token = create_key(store, "bi", ["read"])
    old = create_key(store, "old", ["read"], datetime.now(UTC) + timedelta(days=1))
    with TestClient(create_app(settings)) as client:
        url = "/v1/strength?a=h1&b=x1"
        missing = client.get(url)
        assert_problem(missing, 401)
        assert missing.headers["www-authenticate"] == "Bearer"
        assert_problem(client.get(url, headers={"Authorization": "Bearer srm_nope"}), 401)
        assert client.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        revoke_key(store, "bi")
        assert_problem(client.get(url, headers={"Authorization": f"Bearer {token}"}), 401)
        assert client.get(url, headers={"Authorization": f"Bearer {old}"}).status_code == 200
        for body in (
            missing.json(),
            client.get(url, headers={"Authorization": f"Bearer {token}"}).json(),
        ):
            assert token not in str(body)


def test_who_supplies_whom_needs_the_reciprocity_scope(
    settings: Settings, store: GraphStore
) -> None:
    read = {"Authorization": f"Bearer {create_key(store, 'bi', ['read'])}"}
    both = {"Authorization": f"Bearer {create_key(store, 'sr', ['read', 'reciprocity'])}"}
    with TestClient(create_app(settings)) as client:

        def supplies(headers: dict[str, str]) -> int:
            body = client.get("/v1/network/ego/h?hops=1", headers=headers).json()
            return sum(e["type"] == "SUPPLIES" for e in body["edges"])

        assert supplies(both) > 0
        assert supplies(read) == 0
        assert_problem(client.get("/v1/coverage?relationship=supplier", headers=read), 403)
        assert client.get("/v1/coverage?relationship=supplier", headers=both).status_code == 200


def test_the_openapi_document_declares_bearer_keys(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/strength"]["get"]["security"] == [{"HTTPBearer": []}]
    assert "security" not in spec["paths"]["/healthz"]["get"]


def test_cli_creates_lists_and_revokes_keys(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environment(settings).items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    created = runner.invoke(cli_app, ["keys", "create", "etl", "--scopes", "ingest,read"])
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"srm_[0-9a-f]{12}\.[A-Za-z0-9_-]{43}", token)
    listed = runner.invoke(cli_app, ["keys", "list", "--json"])
    [key] = __import__("json").loads(listed.stdout)
    assert (key["name"], key["scopes"], key["state"]) == ("etl", ["read", "ingest"], "usable")
    assert token.split(".")[1] not in listed.stdout
    assert runner.invoke(cli_app, ["keys", "create", "x", "--scopes", "write"]).exit_code == 2
    assert runner.invoke(cli_app, ["keys", "revoke", "etl"]).exit_code == 0
    assert runner.invoke(cli_app, ["keys", "revoke", "etl"]).exit_code == 1


def test_serve_refuses_other_machines_without_a_key(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in environment(settings).items():
        monkeypatch.setenv(name, value)
    refused = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "1"])
    assert refused.exit_code == 2
    assert "--insecure" in refused.output and "srm keys create" in refused.output
