"""Strength on every backend, against answers worked out by hand (see tests/network_data.py)."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from graph_model.store import GraphStore
from queries.common import UnknownId
from queries.strength import strength
from queries.view import network_view
from tests.network_data import AS_OF, load

E = math.exp


@pytest.fixture
def network(store: GraphStore) -> GraphStore:
    load(store)
    return store


def test_mutual_meetings(network: GraphStore) -> None:
    result = strength(network, "h1", "x1", AS_OF)
    # m1: 3 * 0.5**(180/180) = 1.5; m2 (3 people): 3 / sqrt(2) * 0.5**(90/180) = 1.5
    # R = 3.0, rho = (0 + 2) / (0 + 2) = 1 -> s = 100 * (1 - e^(-3/6)) * 1
    assert result.strength == pytest.approx(100 * (1 - E(-0.5)), abs=1e-6)
    c = result.components
    assert c.interactions == 2  # the note (base 0) and the later meeting f1 do not count
    assert c.by_kind == {"meeting": 2}
    assert c.decayed_weight == pytest.approx(3.0, abs=1e-9)
    assert c.reciprocity == 1.0
    assert c.first_at == AS_OF - timedelta(days=180)
    assert c.last_at == AS_OF - timedelta(days=90)
    assert c.top_interactions == ["m1", "m2"]  # equal weights: by id


def test_one_sided_emails_halve_the_strength(network: GraphStore) -> None:
    result = strength(network, "x2", "h1", AS_OF)
    # e1: 1 * 0.5**0 = 1; e2: 1 * 0.5**(360/180) = 0.25; R = 1.25
    # both sent by h1: rho = (min(2, 0) + 0) / (max(2, 0) + 0) = 0 -> factor 0.5
    assert result.strength == pytest.approx(100 * (1 - E(-1.25 / 6)) * 0.5, abs=1e-6)
    assert result.components.reciprocity == 0.0
    assert result.components.top_interactions == ["e1", "e2"]


def test_balanced_calls(network: GraphStore) -> None:
    result = strength(network, "h3", "y1", AS_OF)
    # c1, c2: 1.5 * 0.5**(45/180) each; one started by each side: rho = (1 + 0) / (1 + 0) = 1
    r = 2 * 1.5 * 0.5**0.25
    assert result.strength == pytest.approx(100 * (1 - E(-r / 6)), abs=1e-6)


def test_view_and_explanation_agree(network: GraphStore) -> None:
    view = network_view(network, AS_OF)
    for a, b in [
        ("h1", "x1"),
        ("h1", "x2"),
        ("h1", "h2"),
        ("h2", "x1"),
        ("h3", "y1"),
        ("h2", "x4"),
    ]:
        assert view.strength(a, b) == pytest.approx(
            strength(network, a, b, AS_OF).strength, abs=1e-6
        )
    assert view.strength("x3", "h1") == 0.0
    assert view.strength("h1", "h1") == 0.0


def test_as_of_is_exact_before_and_after_later_interactions(network: GraphStore) -> None:
    later = AS_OF + timedelta(days=40)
    # at AS_OF + 40: f1 (10 days old) counts: 3 * 0.5**(10/180); m1, m2 age 40 days more
    r = (1.5 + 1.5) * 0.5 ** (40 / 180) + 3 * 0.5 ** (10 / 180)
    assert strength(network, "h1", "x1", later).strength == pytest.approx(
        100 * (1 - E(-r / 6)), abs=1e-6
    )
    earlier = AS_OF - timedelta(days=100)
    # only m1 (80 days old then): R = 3 * 0.5**(80/180); m2 had not happened
    r = 3 * 0.5 ** (80 / 180)
    assert network_view(network, earlier).strength("h1", "x1") == pytest.approx(
        100 * (1 - E(-r / 6)), abs=1e-6
    )
    assert network_view(network, AS_OF - timedelta(days=1000)).strength("h1", "x1") == 0.0


def test_company_strength_combines_current_people(network: GraphStore) -> None:
    result = strength(network, "h", "x", AS_OF)
    view = network_view(network, AS_OF)
    s_x1 = view.strength("h1", "x1")
    s_x2 = view.strength("h1", "x2")
    s_h2 = view.strength("h2", "x1")
    # x4 left in 2024: the h2-x4 tie does not count for the companies
    expected = 100 * (1 - (1 - s_x1 / 100) * (1 - s_x2 / 100) * (1 - s_h2 / 100))
    assert result.level == "company"
    assert result.strength == pytest.approx(expected, abs=1e-6)
    assert [(p.a, p.b) for p in result.pairs or []] == [("h1", "x1"), ("h2", "x1"), ("h1", "x2")]
    assert result.components.interactions == 4  # m1, m2, e1, e2, each once
    assert result.components.by_kind == {"email": 2, "meeting": 2}


def test_unknown_and_mixed_ids(network: GraphStore) -> None:
    with pytest.raises(UnknownId, match="no person or company with id 'zz'"):
        strength(network, "h1", "zz", AS_OF)
    with pytest.raises(ValueError, match="compare like with like"):
        strength(network, "h1", "x", AS_OF)
