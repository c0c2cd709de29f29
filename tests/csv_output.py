"""Reading what a command wrote with ``--csv``."""

from __future__ import annotations

import csv
import io
from typing import Any


def csv_rows(result: Any) -> list[dict[str, str]]:
    """The rows of a command's CSV output (it exited 0), by column name."""
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def number(text: str) -> float | None:
    """A CSV number field as the JSON answer has it (empty: ``None``)."""
    return float(text) if text else None


def company_of(named: dict[str, Any]) -> tuple[str, str]:
    """``(company_id, company_name)`` of a named person of a JSON answer, empty when none."""
    company = named.get("company")
    return (company["id"], company["name"]) if company else ("", "")
