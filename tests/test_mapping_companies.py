"""Companies through a mapping, on every backend: exactly one home company, chosen by the
store, SRM_HOME_COMPANY or the data (a conflict stops the run before anything is written);
parents and subsidiaries kept as SUBSIDIARY_OF, from a mapping or the canonical format; and
``srm ingest --mapping FILE``, which implies the mapping format."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app as cli_app
from graph_model.settings import Settings
from graph_model.store import GraphStore, NodeUpsert
from ingest.errors import ExportError
from ingest.pipeline import IngestOptions, ingest
from tests.conftest import environment

FIRMS = """\
Id,Name,Own,Parent
1,Acme Holding,yes,
2,Acme Tools,,1
3,Beta Supplies,,
"""
MAPPING = """\
version: 2
name: crm
tables:
  - table: companies
    file: firms
    columns:
      id: "f:{Id}"
      name: "{Name}"
      is_home: {value: "{Own}", map: {yes: "true"}, unmapped: blank}
      parent_id: "f:{Parent}"
  - table: supplies
    file: firms
    keep_if: [{column: Own, blank: true}]
    columns:
      supplier_id: "f:{Id}"
      customer_id: "{home}"
"""


@pytest.fixture
def export(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "firms.csv").write_text(FIRMS, encoding="utf-8")
    mapping = tmp_path / "crm.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return folder, mapping


def homes(store: GraphStore) -> list[str]:
    return sorted(str(c["id"]) for c in store.find_by("Company", "is_home", [True]))


def test_the_data_chooses_the_home_company(store: GraphStore, export: tuple[Path, Path]) -> None:
    folder, mapping = export
    result = ingest(store, folder, IngestOptions(format="mapping", mapping=mapping))
    assert result.status == "succeeded"
    assert homes(store) == ["f:1"]
    assert store.get_node("Company", "home") is None
    supplies = store.relationships("SUPPLIES")
    assert sorted((r.start, r.end) for r in supplies) == [("f:2", "f:1"), ("f:3", "f:1")]
    again = ingest(store, folder, IngestOptions(format="mapping", mapping=mapping))
    assert not again.changed and homes(store) == ["f:1"]


def test_srm_home_company_naming_the_same_company_agrees(
    store: GraphStore, export: tuple[Path, Path]
) -> None:
    folder, mapping = export
    options = IngestOptions(format="mapping", mapping=mapping, home_company="f:1")
    ingest(store, folder, options)
    assert homes(store) == ["f:1"]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (
            "store",
            r"^the mapping marks 'f:1' \(firms\.csv, line 2\) as the home company, but the home "
            r"company is 'ours' \(marked is_home in the store, or named by SRM_HOME_COMPANY\)",
        ),
        (
            "setting",
            r"^the mapping marks 'f:1' \(firms\.csv, line 2\) as the home company, but the home "
            r"company is 'ours' \(named by SRM_HOME_COMPANY\)",
        ),
        (
            "two",
            r"^the mapping marks several home companies: 'f:1' \(firms\.csv, line 2\), 'f:3' "
            r"\(firms\.csv, line 4\); exactly one company is the home company",
        ),
    ],
)
def test_a_second_home_company_stops_the_run_before_anything_is_written(
    store: GraphStore, export: tuple[Path, Path], setup: str, message: str
) -> None:
    folder, mapping = export
    options = IngestOptions(format="mapping", mapping=mapping)
    if setup == "store":
        store.write([NodeUpsert("Company", [{"id": "ours", "name": "Ours", "is_home": True}])])
    elif setup == "setting":
        options = IngestOptions(format="mapping", mapping=mapping, home_company="ours")
    else:
        (folder / "firms.csv").write_text(
            FIRMS.replace("3,Beta Supplies,,", "3,Beta Supplies,yes,")
        )
    with pytest.raises(ExportError, match=message):
        ingest(store, folder, options)
    assert store.get_node("Company", "f:2") is None
    assert homes(store) == (["ours"] if setup == "store" else [])


def test_subsidiaries_from_a_mapping_are_kept(store: GraphStore, export: tuple[Path, Path]) -> None:
    folder, mapping = export
    ingest(store, folder, IngestOptions(format="mapping", mapping=mapping))
    [link] = store.relationships("SUBSIDIARY_OF")
    assert (link.start, link.end, link.props) == (
        "f:2",
        "f:1",
        {"sources": ["crm:companies:firms.csv:3"]},
    )


def test_subsidiaries_in_the_canonical_format(store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "companies.csv").write_text(
        "id,name,parent_id,is_home\n"
        "c2,Acme Tools,c1,\n"  # the parent comes later in the file
        "c1,Acme Holding,c1,\n"  # a top company named as its own parent: no link
        "c3,Beta,nowhere,\n"
        "h,Us,,true\n",
        encoding="utf-8",
    )
    result = ingest(store, tmp_path)
    links = store.relationships("SUBSIDIARY_OF")
    assert [(r.start, r.end, r.props) for r in links] == [
        ("c2", "c1", {"sources": ["canonical:companies:c2"]})
    ]
    assert [(r.line, r.column, r.value) for r in result.rejects] == [(4, "parent_id", "nowhere")]
    assert store.get_node("Company", "c3") is not None  # only the link is lost


def test_mapping_alone_implies_the_mapping_format(
    tmp_path: Path, export: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, mapping = export
    settings = Settings(backend="embedded", data_dir=tmp_path / "data")
    for name, value in environment(settings).items():
        monkeypatch.setenv(name, value)
    ran = CliRunner().invoke(cli_app, ["ingest", str(folder), "--mapping", str(mapping), "--json"])
    assert ran.exit_code == 0, ran.output
    assert '"format": "mapping"' in ran.output
    refused = ["ingest", str(folder), "--mapping", str(mapping), "--format", "canonical"]
    ran = CliRunner().invoke(cli_app, refused)
    assert ran.exit_code == 2
    assert "--mapping reads the mapping format, not --format canonical" in ran.output
