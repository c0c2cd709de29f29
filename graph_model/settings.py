"""Configuration from the environment (``SRM_*`` and ``NEO4J_*``), read on demand.

>>> Settings(backend="embedded", data_dir="/tmp/srm").backend
'embedded'
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_KIND_WEIGHTS = {
    "meeting": 3.0,
    "event": 2.5,
    "video_call": 2.0,
    "call": 1.5,
    "negotiation": 1.5,
    "rfp": 1.0,
    "email": 1.0,
    "gift": 1.0,
    "message": 0.5,
    "ticket": 0.5,
    "note": 0.0,
}


class Settings(BaseSettings):
    """Every setting of the service; each field is one environment variable."""

    model_config = SettingsConfigDict(env_prefix="SRM_", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("srm-data")
    home_company: str | None = None
    home_company_name: str = "Home company"

    neo4j_uri: str = Field("bolt://localhost:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(SecretStr("neo4j"), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")

    batch_size: int | None = Field(
        None,
        ge=1,
        le=500_000,
        description="records per write transaction; default 200,000 embedded, 20,000 on Neo4j",
    )
    reject_threshold: float = Field(0.10, ge=0.0, le=1.0)
    upload_limit_mib: int = Field(512, ge=1, description="largest upload, MiB (the request body)")
    sqlite_cache_mib: int = Field(64, ge=2, le=65536)

    half_life_days: float = Field(180.0, gt=0)
    strength_scale: float = Field(6.0, gt=0)
    kind_weights: dict[str, float] = Field(
        default_factory=lambda: dict(DEFAULT_KIND_WEIGHTS),
        description="base weight of each interaction kind (JSON in SRM_KIND_WEIGHTS)",
    )
    path_min_strength: float = Field(5.0, ge=0, le=100)
    colleague_strength: float = Field(30.0, gt=0, le=100)
    coverage_min_strength: float = Field(10.0, ge=0, le=100)
    coverage_levels: tuple[str, ...] = ("executive", "vp")
    at_risk_window_days: float = Field(90.0, gt=0)
    at_risk_drop: float = Field(0.3, gt=0, le=1)
    heavy_slots: int = Field(
        2, ge=1, le=256, description="paths, networks, portfolio and at-risk answered at once"
    )
    busy_wait_seconds: float = Field(
        10.0, gt=0, le=300, description="how long a heavy question waits for a slot (then 503)"
    )
    default_currency: str | None = Field(
        None,
        pattern=r"^[A-Z]{3}$",
        description="the currency of amounts an export gives without one (ISO 4217 code)",
    )
    fx_rates: Path | None = Field(
        None, description="CSV of currency,rate,date: reciprocity values in one currency"
    )
