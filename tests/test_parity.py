"""Both backends give the same answers to every question, on generated datasets.

For each of three ``srm generate`` seeds, the same export is ingested into an embedded
store and into Neo4j, and every question the README lists is asked of both with the same
arguments, drawn from the data: the answers must be equal, numbers to 1e-9 and lists in
the same order. Communities are the one place an algorithm may legitimately differ:
Louvain runs on each backend's person graph, so the test holds the invariant that matters,
that both person graphs are the same (the same ties at the same strengths), and then that
the groups (as sets of members, whatever their labels) are the same.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from graph_model.settings import Settings
from graph_model.store import GraphStore
from graph_model.stores import open_store
from ingest.generate import generate
from ingest.pipeline import IngestOptions, IngestResult, ingest
from ingest.runs import list_runs
from queries.at_risk import at_risk
from queries.common import home_company
from queries.coverage import account_coverage, portfolio_coverage
from queries.network import brokers, communities, ego_network
from queries.network.person_graph import person_graph
from queries.paths import paths
from queries.reciprocity import company_reciprocity, network_reciprocity
from queries.strength import strength
from queries.view import network_view
from tests.conftest import clear_neo4j

pytestmark = pytest.mark.slow
SEEDS = (11, 23, 37)
END = date(2026, 6, 30)
NOW = datetime(2026, 6, 30, 18, tzinfo=UTC)
EARLIER = datetime(2026, 2, 14, tzinfo=UTC)
SAMPLES = 12


class Stores:
    """The same export in both backends, and arguments drawn from it."""

    def __init__(self, embedded: GraphStore, neo4j: GraphStore, seed: int) -> None:
        self.both = (embedded, neo4j)
        self.rng = random.Random(seed)
        self.people = sorted(p["id"] for p in embedded.find_nodes("Person", "", 100_000))
        self.companies = sorted(c["id"] for c in embedded.find_nodes("Company", "", 100_000))
        self.home = home_company(embedded)
        self.ties = sorted((a, b) for a, b, _ in network_view(embedded, NOW).ties())

    def sample(self, items: list[Any], count: int = SAMPLES) -> list[Any]:
        return self.rng.sample(items, min(count, len(items)))

    def ask(self, question: Callable[[GraphStore], Any]) -> None:
        """``question`` asked of both backends gives the same answer."""
        embedded, neo4j = (_plain(question(store)) for store in self.both)
        assert_same(neo4j, embedded)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def assert_same(found: Any, expected: Any, where: str = "answer") -> None:
    """Equal, but floats to 1e-9 (relative, or absolute near 0)."""
    if isinstance(expected, float) and isinstance(found, float):
        assert math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-9), (where, found, expected)
    elif isinstance(expected, dict) and isinstance(found, dict):
        assert found.keys() == expected.keys(), (where, found.keys(), expected.keys())
        for key in expected:
            assert_same(found[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, list | tuple) and isinstance(found, list | tuple):
        assert len(found) == len(expected), (where, found, expected)
        for i, (f, e) in enumerate(zip(found, expected, strict=True)):
            assert_same(f, e, f"{where}[{i}]")
    else:
        assert found == expected, (where, found, expected)


@pytest.fixture(scope="module", params=SEEDS, ids=[f"seed{s}" for s in SEEDS])
def stores(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stores]:
    neo4j_settings: Settings = request.getfixturevalue("neo4j_settings")
    folder = tmp_path_factory.mktemp(f"seed{request.param}")
    generate(
        folder / "export", seed=request.param, companies=25, people=250, interactions=2500, end=END
    )
    clear_neo4j(neo4j_settings)
    embedded = open_store(Settings(backend="embedded", data_dir=folder / "embedded"))
    neo4j = open_store(neo4j_settings.model_copy(update={"data_dir": folder / "neo4j"}))
    for store in (embedded, neo4j):
        ingest(store, folder / "export")
    yield Stores(embedded, neo4j, request.param)
    embedded.close()
    neo4j.close()


def test_stats(stores: Stores) -> None:
    stores.ask(lambda s: vars(s.counts()))


@pytest.mark.parametrize("as_of", [NOW, EARLIER], ids=["now", "earlier"])
def test_strength_of_people_and_companies(stores: Stores, as_of: datetime) -> None:
    others = stores.sample([tuple(stores.sample(stores.people, 2)) for _ in range(SAMPLES)])
    for a, b in stores.sample(stores.ties) + others:
        stores.ask(lambda s, a=a, b=b: strength(s, a, b, as_of))
    for a, b in [tuple(stores.sample(stores.companies, 2)) for _ in range(SAMPLES)]:
        stores.ask(lambda s, a=a, b=b: strength(s, a, b, as_of))


@pytest.mark.parametrize("as_of", [NOW, EARLIER], ids=["now", "earlier"])
def test_coverage_and_the_portfolio(stores: Stores, as_of: datetime) -> None:
    for account in [c for c in stores.companies if c != stores.home]:
        stores.ask(lambda s, a=account: account_coverage(s, a, as_of))
    stores.ask(lambda s: portfolio_coverage(s, as_of))
    stores.ask(lambda s: portfolio_coverage(s, as_of, tier="key", relationship="customer"))
    stores.ask(lambda s: portfolio_coverage(s, as_of, relationship="supplier", limit=5))


@pytest.mark.parametrize("as_of", [NOW, EARLIER], ids=["now", "earlier"])
def test_reciprocity(stores: Stores, as_of: datetime) -> None:
    for company in [stores.home, *stores.sample(stores.companies)]:
        stores.ask(lambda s, c=company: company_reciprocity(s, c, as_of))
    stores.ask(lambda s: network_reciprocity(s, as_of))


@pytest.mark.parametrize(
    "mode, k, max_hops",
    [("strongest", 1, 6), ("strongest", 3, 6), ("shortest", 1, 6), ("shortest", 3, 4)],
)
@pytest.mark.parametrize("as_of", [NOW, EARLIER], ids=["now", "earlier"])
def test_paths(stores: Stores, mode: str, k: int, max_hops: int, as_of: datetime) -> None:
    targets = stores.sample(stores.people) + stores.sample(stores.companies, 4)
    for source, target in zip(stores.sample(stores.people, len(targets)), targets, strict=False):
        stores.ask(lambda s, a=source, b=target: paths(s, a, b, mode, k, max_hops, as_of=as_of))


@pytest.mark.parametrize("hops, limit", [(1, 500), (2, 500), (3, 60)])
def test_ego_networks(stores: Stores, hops: int, limit: int) -> None:
    for node in stores.sample(stores.people, 5) + stores.sample(stores.companies, 3):
        stores.ask(lambda s, n=node: ego_network(s, n, hops, limit, NOW))


def test_brokers_and_communities(stores: Stores) -> None:
    stores.ask(lambda s: brokers(s, NOW, limit=30))
    stores.ask(lambda s: sorted(person_graph(network_view(s, NOW), 5.0).edges(data="strength")))
    groups = [communities(s, NOW) for s in stores.both]
    embedded, neo4j = ({frozenset(c.members): c.companies for c in g.communities} for g in groups)
    assert neo4j == embedded


@pytest.mark.parametrize("as_of", [NOW, EARLIER], ids=["now", "earlier"])
def test_at_risk(stores: Stores, as_of: datetime) -> None:
    stores.ask(lambda s: at_risk(s, as_of, window_days=150, drop=0.3))
    stores.ask(lambda s: at_risk(s, as_of))


def _counts(result: IngestResult) -> dict[str, Any]:
    return {
        "files": {name: vars(c) for name, c in result.files.items()},
        "rejects": [(r.file, r.line, r.column, r.reason) for r in result.rejects],
        "merges": result.merges,
        "status": result.status,
    }


def test_ingest_runs_and_dry_runs(stores: Stores, tmp_path: Path) -> None:
    """A second export that changes titles and adds interactions: the dry run predicts, and
    the run does, the same on both; the runs listed are the same but for ids and times."""
    export = tmp_path / "export"
    generate(export, seed=99, companies=25, people=250, interactions=600, end=END)
    for options in (IngestOptions(dry_run=True), IngestOptions()):
        embedded, neo4j = (_counts(ingest(s, export, options)) for s in stores.both)
        assert_same(neo4j, embedded)
    runs = [
        [(r.source, r.format, r.status, r.files, r.file_hashes) for r in list_runs(s)]
        for s in stores.both
    ]
    assert runs[1] == runs[0]
