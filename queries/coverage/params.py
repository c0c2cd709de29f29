"""The parameters of executive coverage (threshold, levels, home company) and of its portfolio.

>>> parse_levels(" VP, executive,vp")
('executive', 'vp')
>>> parse_levels("ceo")
Traceback (most recent call last):
...
ValueError: 'ceo' is not a seniority level (executive, vp, director, manager, staff)
>>> import re
>>> [bool(re.fullmatch(LEVELS_PATTERN, t)) for t in (" VP, executive,vp", ",vp,", "", "ceo", "vp executive")]
[True, True, False, False, False]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from graph_model.seniority import SENIORITY_ORDER
from graph_model.settings import Settings
from queries.common import SENIORITY_VALUES, seniority_rank

Tier = Literal["strategic", "key", "standard"]
Trade = Literal["customer", "supplier"]
"""An account is a customer when the home company supplies it, a supplier when it supplies home."""


def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in word)


_LEVEL = "(?:" + "|".join(_any_case(level) for level in SENIORITY_ORDER) + ")"
LEVELS_PATTERN = rf"^[ ,]*{_LEVEL} *(?:,[ ,]*{_LEVEL} *)*[ ,]*$"
"""The text :func:`parse_levels` takes, as a regular expression (for the OpenAPI document)."""


def parse_levels(text: str) -> tuple[str, ...]:
    """Comma-separated seniority levels in any case, spaces around them allowed, highest
    first (``ValueError`` for unknown or none)."""
    parts = (part.strip(" ").lower() for part in text.split(","))
    return checked_levels(part for part in parts if part)


def checked_levels(levels: Iterable[str]) -> tuple[str, ...]:
    """Distinct known levels, highest first (``ValueError`` for unknown or none)."""
    found: set[str] = set()
    for level in levels:
        if level not in SENIORITY_VALUES:
            known = ", ".join(SENIORITY_ORDER)
            shown = level if len(level) <= 40 else f"{level[:40]}…"
            raise ValueError(f"{shown!r} is not a seniority level ({known})")
        found.add(level)
    if not found:
        raise ValueError("name at least one seniority level")
    return tuple(sorted(found, key=seniority_rank))


@dataclass(frozen=True)
class CoverageParams:
    """An executive is covered by an internal person whose tie has ``s >= min_strength``
    (and ``s > 0``: a threshold of 0 still asks for a tie); ``levels`` name the executives."""

    min_strength: float = 10.0
    levels: tuple[str, ...] = ("executive", "vp")
    home_company: str | None = None
    """The home company's id when no company is marked ``is_home``."""

    def __post_init__(self) -> None:
        if not 0 <= self.min_strength <= 100:
            raise ValueError(f"min_strength must be within 0-100, not {self.min_strength}")
        object.__setattr__(self, "levels", checked_levels(self.levels))

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        min_strength: float | None = None,
        levels: tuple[str, ...] | None = None,
    ) -> CoverageParams:
        """The configured defaults, with any of them overridden."""
        return cls(
            settings.coverage_min_strength if min_strength is None else min_strength,
            settings.coverage_levels if levels is None else levels,
            settings.home_company,
        )
