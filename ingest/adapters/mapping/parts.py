"""The small parts of a mapping file's table entries: which files are read, conditions on
rows, the direction of a supplies row, lookups and joins, and how rows that share a key
combine."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import Field, model_validator

from ingest.adapters.mapping.templates import Getter, render
from ingest.adapters.mapping.values import Label, Model, Regex, Template
from ingest.sources import ExportFile


def selects(pattern: str | None, headers: tuple[str, ...], export_file: ExportFile) -> bool:
    """Whether a file is read: its name matches the glob ``pattern`` (with or without its
    extension, ignoring case) and its header has all of ``headers``."""
    file_names = (export_file.name, PurePosixPath(export_file.path).name.lower())
    named = pattern is None or any(fnmatchcase(n, pattern.lower()) for n in file_names)
    return named and (not headers or set(export_file.header).issuperset(headers))


class Condition(Model):
    """A test of one value of the row: ``in`` or ``not_in`` a list (ignoring case), ``matches``
    a regular expression, or ``blank``."""

    column: str
    in_: tuple[Label, ...] | None = Field(default=None, alias="in")
    not_in: tuple[Label, ...] | None = None
    matches: Regex | None = None
    blank: bool | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        given = [self.in_, self.not_in, self.matches, self.blank]
        if sum(test is not None for test in given) != 1:
            raise ValueError("give exactly one of in:, not_in:, matches:, blank:")
        return self

    def holds(self, get: Getter) -> bool:
        value = get(self.column).strip()
        if self.in_ is not None:
            return value.casefold() in self.in_
        if self.not_in is not None:
            return value.casefold() not in self.not_in
        if self.matches is not None:
            return re.search(self.matches, value) is not None
        return (not value) == self.blank


class Direction(Model):
    """Which way a supplies row goes between ``company`` and the home company, by a column."""

    column: str
    company: Template
    supplier: tuple[Label, ...] = ()
    """Values saying the company supplies the home company."""
    customer: tuple[Label, ...] = ()
    """Values saying the home company supplies the company."""

    @model_validator(mode="after")
    def _values(self) -> Direction:
        if not self.supplier and not self.customer:
            raise ValueError("list the values of the column in supplier:, customer: or both")
        if both := sorted(set(self.supplier) & set(self.customer)):
            raise ValueError(f"{', '.join(both)} cannot be both supplier and customer")
        return self

    def sides(self, get: Getter, home: str) -> dict[str, str] | None:
        """``supplier_id`` and ``customer_id`` of the row; None when the value names neither."""
        company = render(self.company, get)
        value = get(self.column).strip().casefold()
        if company is None:
            return None
        if value in self.supplier:
            return {"supplier_id": company, "customer_id": home}
        if value in self.customer:
            return {"supplier_id": home, "customer_id": company}
        return None


class Lookup(Model):
    """A file whose rows other tables look up by a key (a join)."""

    file: str | None = None
    headers: tuple[str, ...] = ()
    key: Template
    """The key of each of its rows: a template over its own columns."""
    ignore_case: bool = False
    duplicates: Literal["first", "last", "error"] = "error"
    """Which of several rows with one key is looked up; ``error`` takes the first and rejects
    the others."""

    @model_validator(mode="after")
    def _files(self) -> Lookup:
        if self.file is None and not self.headers:
            raise ValueError("say which files hold this lookup: file:, headers: or both")
        return self


class Join(Model):
    """A row of a lookup found by a key made from the row being read."""

    lookup: str
    key: Template
    """The key to find: a template over the row being read."""
    required: bool = False
    """Reject a row whose key finds no row (else the lookup's columns are blank)."""


class Duplicates(Model):
    """How rows that share a key combine: their columns ``keep`` the ``first`` non-blank
    value, the ``last``, or must agree (``error``: the row that disagrees is rejected); the
    columns in ``sum`` are added up, those in ``earliest`` and ``latest`` take that date."""

    keep: Literal["first", "last", "error"] = "error"
    sum: tuple[str, ...] = ()
    earliest: tuple[str, ...] = ()
    latest: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_word(cls, data: Any) -> Any:
        if data == "sum":
            raise ValueError(
                "sum adds up annual_value of supplies; for other tables name the columns: "
                "{sum: [column, ...]}"
            )
        return {"keep": data} if isinstance(data, str) else data

    @property
    def streams(self) -> bool:
        """Rows can be passed on as they come (only agreeing repeats are allowed)."""
        return self.keep == "error" and not (self.sum or self.earliest or self.latest)

    @property
    def combined(self) -> list[str]:
        return [*self.sum, *self.earliest, *self.latest]


def supplies_sum(columns: Any) -> dict[str, Any]:
    """``duplicates: sum`` of a supplies table that maps ``columns``: several deals make one
    supply value (since the earliest, until the latest)."""
    given = set(columns) if isinstance(columns, dict) else set()
    return {
        "keep": "first",
        "sum": ["annual_value"],
        "earliest": ["since"] if "since" in given else [],
        "latest": ["until"] if "until" in given else [],
    }
