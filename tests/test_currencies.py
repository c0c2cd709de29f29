"""Money in its currency: amounts keep their currency from ingest to reciprocity, which adds
them up per currency, or converts them with the rates table the user supplies."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert, RelRow, RelUpsert
from ingest.pipeline import IngestOptions, ingest
from queries.reciprocity import Rates, RatesError, company_reciprocity, network_reciprocity
from tests.conftest import assert_problem, loaded_settings
from tests.test_ingest_canonical import write_export

AS_OF = datetime(2025, 6, 1, tzinfo=UTC)
RATES = "currency,rate,date\nEUR,1,2025-05-30\nUSD,0.9,2025-05-30\nGBP,1.2,2025-05-29\n"


def seed(store: GraphStore) -> None:
    store.write(
        [
            NodeUpsert("Company", [{"id": i, "name": i.upper()} for i in ("x", "a", "b", "c")]),
            RelUpsert(
                "SUPPLIES",
                [
                    RelRow(
                        "x", "a", {"category": "desks", "annual_value": 100.0, "currency": "EUR"}
                    ),
                    RelRow(
                        "x", "a", {"category": "chairs", "annual_value": 50.0, "currency": "USD"}
                    ),
                    RelRow(
                        "a", "x", {"category": "laptops", "annual_value": 60.0, "currency": "EUR"}
                    ),
                    RelRow(
                        "x", "b", {"category": "desks", "annual_value": 10.0, "currency": "GBP"}
                    ),
                    RelRow("b", "x", {"category": "mops", "annual_value": 30.0, "currency": "GBP"}),
                    RelRow("x", "c", {"category": "desks", "annual_value": 5.0, "currency": "JPY"}),
                    RelRow("c", "x", {"category": "paper", "annual_value": 7.0, "currency": "EUR"}),
                ],
            ),
        ]
    )


def _links(result: Any) -> list[tuple[Any, ...]]:
    return [
        (
            m.company_id,
            m.value_out,
            m.value_in,
            [(c.currency, c.amount) for c in m.out_by_currency],
            [(c.currency, c.amount) for c in m.in_by_currency],
        )
        for m in result.mutual
    ]


def test_amounts_in_several_currencies_are_not_added_up(store: GraphStore) -> None:
    seed(store)
    result = company_reciprocity(store, "x", AS_OF)
    assert result.valuation.model_dump() == {
        "currency": None,
        "comparable": False,
        "rates_date": None,
        "rates": None,
    }
    assert _links(result) == [  # no single numbers: by company id
        ("a", None, None, [("EUR", 100.0), ("USD", 50.0)], [("EUR", 60.0)]),
        ("b", None, None, [("GBP", 10.0)], [("GBP", 30.0)]),
        ("c", None, None, [("JPY", 5.0)], [("EUR", 7.0)]),
    ]
    assert all(m.balance is None for m in result.mutual)


def test_a_rates_table_converts_every_amount_into_one_currency(
    store: GraphStore, tmp_path: Path
) -> None:
    seed(store)
    (tmp_path / "rates.csv").write_text(RATES)
    rates = Rates.read(tmp_path / "rates.csv")
    result = company_reciprocity(store, "x", AS_OF, rates)
    assert result.valuation.model_dump() == {
        "currency": "EUR",
        "comparable": True,
        "rates_date": date(2025, 5, 29),  # the oldest rate of the table
        "rates": "rates.csv",
    }
    by_id = {m.company_id: m for m in result.mutual}
    assert by_id["a"].value_out == pytest.approx(100 + 50 * 0.9)
    assert by_id["a"].balance == pytest.approx(60 / 145)
    assert (by_id["b"].value_out, by_id["b"].value_in) == pytest.approx((12.0, 36.0))
    assert by_id["c"].value_out is None  # no rate for JPY
    assert [m.company_id for m in result.mutual] == ["a", "b", "c"]
    pairs = network_reciprocity(store, AS_OF, rates=rates)
    assert [(p.a, p.b, p.value_ab, p.value_ba) for p in pairs.pairs] == [
        ("a", "x", 60.0, pytest.approx(145.0)),
        ("b", "x", pytest.approx(36.0), pytest.approx(12.0)),
        ("c", "x", 7.0, None),  # no rate for JPY
    ]
    assert pairs.valuation.currency == "EUR"


def test_one_currency_throughout_is_named(store: GraphStore) -> None:
    store.write(
        [
            NodeUpsert("Company", [{"id": "x", "name": "X"}, {"id": "y", "name": "Y"}]),
            RelUpsert(
                "SUPPLIES",
                [
                    RelRow("x", "y", {"category": "a", "annual_value": 1.0, "currency": "CHF"}),
                    RelRow("y", "x", {"category": "b", "annual_value": 2.0, "currency": "CHF"}),
                ],
            ),
        ]
    )
    assert network_reciprocity(store, AS_OF).valuation.currency == "CHF"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("currency,rate\nEUR,1\n", "rates.csv, line 1: no column date"),
        ("currency,rate,date\nEURO,1,2025-01-01\n", "rates.csv, line 2, currency: 'EURO' is not"),
        ("currency,rate,date\nEUR,1,2025-01-01\nUSD,-2,2025-01-01\n", "line 3, rate: -2.0 is not"),
        ("currency,rate,date\nEUR,1,yesterday\n", "rates.csv, line 2: Invalid isoformat"),
        ("currency,rate,date\nEUR,0.5,2025-01-01\n", "one currency must have the rate 1"),
    ],
)
def test_a_rates_table_that_cannot_be_used_says_where(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "rates.csv").write_text(text)
    with pytest.raises(RatesError) as raised:
        Rates.read(tmp_path / "rates.csv")
    assert message in str(raised.value)


def test_ingest_keeps_each_amount_s_currency_and_a_default_for_those_without(
    store: GraphStore, tmp_path: Path
) -> None:
    supplies = (
        "supplier_id,customer_id,category,annual_value,currency\n"
        "x,a,desks,100,eur\n"
        "x,a,chairs,50,\n"
        "a,x,laptops,60,Euro\n"
    )
    export = write_export(tmp_path / "e", companies="id,name\nx,X\na,A\n", supplies=supplies)
    result = ingest(store, export, IngestOptions(default_currency="USD"))
    assert [(r.line, r.column, r.value) for r in result.rejects] == [(4, "currency", "Euro")]
    stored = {r.props["category"]: r.props.get("currency") for r in store.relationships("SUPPLIES")}
    assert stored == {"desks": "EUR", "chairs": "USD"}


@pytest.fixture
def settings(blank_settings: Settings, tmp_path: Path) -> Settings:
    (tmp_path / "rates.csv").write_text(RATES)
    loaded = loaded_settings(blank_settings, seed)
    return loaded.model_copy(update={"fx_rates": tmp_path / "rates.csv"})


def test_the_api_converts_with_the_configured_rates(client: TestClient, tmp_path: Path) -> None:
    body = client.get("/v1/companies/x/reciprocity", params={"as_of": "2025-06-01"}).json()
    assert body["valuation"] == {
        "currency": "EUR",
        "comparable": True,
        "rates_date": "2025-05-29",
        "rates": "rates.csv",
    }
    assert body["mutual"][0]["out_by_currency"] == [
        {"currency": "EUR", "amount": 100.0},
        {"currency": "USD", "amount": 50.0},
    ]
    (tmp_path / "rates.csv").write_text("currency,rate,date\nEUR,2,2025-01-01\n")
    broken = client.get("/v1/reciprocity")
    assert_problem(broken, 503)
    assert "SRM_FX_RATES" in broken.json()["detail"]
