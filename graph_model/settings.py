"""Configuration from the environment (``SRM_*`` and ``NEO4J_*``), read on demand.

>>> Settings(backend="embedded", data_dir="/tmp/srm").backend
'embedded'
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting of the service; each field is one environment variable."""

    model_config = SettingsConfigDict(env_prefix="SRM_", extra="ignore")

    backend: Literal["embedded", "neo4j"] = "embedded"
    data_dir: Path = Path("srm-data")
    home_company: str | None = None

    neo4j_uri: str = Field("bolt://localhost:7687", validation_alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", validation_alias="NEO4J_USER")
    neo4j_password: SecretStr = Field(SecretStr("neo4j"), validation_alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", validation_alias="NEO4J_DATABASE")

    batch_size: int = Field(5000, ge=1, le=100_000)
    reject_threshold: float = Field(0.10, ge=0.0, le=1.0)
