"""The relationship-strength model: how interactions add up to a tie's strength.

For people p and q, every interaction ``i`` both took part in (``n_i >= 2``
distinct participants, a kind of positive base weight) contributes::

    w_i = base(kind_i) * 0.5 ** (age_days_i / half_life_days) / sqrt(n_i - 1)

and ``s = 100 * (1 - exp(-sum(w_i) / scale)) * (0.5 + 0.5 * rho)``, ``rho``
being the balance of who started the interactions. Since the decay factor
splits into ``2 ** ((t_i - T0) / H) * 2 ** (-(as_of - T0) / H)``, a tie keeps
one number, ``weight = sum(base_i / sqrt(n_i - 1) * 2 ** ((t_i - T0) / H))``,
that is exact for every ``as_of`` after its last interaction; earlier instants
subtract the interactions after them. ``T0`` is a fixed reference instant.

>>> m = ScoringModel()
>>> t = datetime(2025, 3, 1, tzinfo=UTC).timestamp()
>>> w = m.contribution("meeting", t, 2)
>>> round(m.strength(w, 0, 0, 1, t), 6)  # one meeting today, mutual: 100*(1-e^-0.5)
39.346934
>>> round(m.strength(w, 0, 0, 1, t + 180 * 86400), 6)  # a half-life later: 100*(1-e^-0.25)
22.119922
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

from graph_model.settings import DEFAULT_KIND_WEIGHTS, Settings

T0 = datetime(2025, 1, 1, tzinfo=UTC).timestamp()
DAY = 86400.0


@dataclass(frozen=True)
class ScoringModel:
    half_life_days: float = Settings.model_fields["half_life_days"].default
    scale: float = Settings.model_fields["strength_scale"].default
    weights: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType(dict(DEFAULT_KIND_WEIGHTS))
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> ScoringModel:
        weights = dict(DEFAULT_KIND_WEIGHTS) | settings.kind_weights
        return cls(settings.half_life_days, settings.strength_scale, MappingProxyType(weights))

    _half_life: float = field(init=False, repr=False, compare=False)
    """The half-life in seconds."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_half_life", self.half_life_days * DAY)

    def contribution(self, kind: str, at: float, participants: int) -> float:
        """What one interaction adds to a tie's ``weight`` (0 when it does not count)."""
        base = self.weights.get(kind, 0.0)
        if base <= 0 or participants < 2:
            return 0.0
        return base / math.sqrt(participants - 1) * math.pow(2.0, (at - T0) / self._half_life)

    def decay(self, as_of: float) -> float:
        """What a tie's ``weight`` is multiplied by to give ``R`` at ``as_of``."""
        exponent = -(as_of - T0) / self._half_life
        return math.pow(2.0, min(exponent, 1000.0))

    def decayed(self, weight: float, as_of: float) -> float:
        """``R``: the sum of the decayed interaction weights at ``as_of``."""
        return weight * self.decay(as_of)

    @staticmethod
    def reciprocity(out_a: int, out_b: int, mutual: int) -> float:
        """``rho``: 1 when balanced or mutual, towards 0 when one side does all the reaching out."""
        high = max(out_a, out_b) + mutual
        return (min(out_a, out_b) + mutual) / high if high else 0.0

    def strength(self, weight: float, out_a: int, out_b: int, mutual: int, as_of: float) -> float:
        """``s`` in 0-100 from a tie's aggregates."""
        if weight <= 0:
            return 0.0
        return self.combine(self.decayed(weight, as_of), self.reciprocity(out_a, out_b, mutual))

    def combine(self, r: float, rho: float) -> float:
        """``s`` in 0-100 from ``R`` and ``rho``."""
        return self.balanced(r, 0.5 + 0.5 * rho)

    def balanced(self, r: float, balance: float) -> float:
        """``s`` in 0-100 from ``R`` and ``balance``, the factor ``0.5 + 0.5 * rho``."""
        return 100.0 * (1.0 - math.exp(-r / self.scale)) * balance

    @property
    def fingerprint(self) -> str:
        """Tells apart aggregates materialised under other weights or half-lives."""
        spec = {
            "half_life_days": self.half_life_days,
            "weights": dict(sorted(self.weights.items())),
        }
        return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:16]
