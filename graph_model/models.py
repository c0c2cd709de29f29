"""Pydantic models derived from the schema: one per node label.

Undeclared properties (unknown export columns) are kept as extra fields.

>>> Company.model_validate({"id": "c1", "name": "Acme", "region": "EMEA"}).model_dump(exclude_none=True)
{'id': 'c1', 'name': 'Acme', 'region': 'EMEA'}
>>> Company.model_validate({"id": "c1"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Company
name
  Field required [type=missing, input_value={'id': 'c1'}, input_type=dict]
    For further information visit https://errors.pydantic.dev/.../v/missing
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from graph_model.schema import NODE_TYPES, Prop, PropType

_PY_TYPES: dict[PropType, Any] = {
    PropType.STRING: str,
    PropType.FLOAT: float,
    PropType.BOOL: bool,
    PropType.DATETIME: datetime,
    PropType.STRING_LIST: list[str],
}


class NodeModel(BaseModel):
    """Base of the node models: extra properties allowed."""

    model_config = ConfigDict(extra="allow")


def _field(prop: Prop) -> tuple[Any, Any]:
    py_type = Literal[prop.choices] if prop.choices else _PY_TYPES[prop.type]
    return (py_type, ...) if prop.required else (py_type | None, None)


def _model(label: str) -> type[NodeModel]:
    fields: dict[str, Any] = {p.name: _field(p) for p in NODE_TYPES[label].properties}
    model: type[NodeModel] = create_model(label, __base__=NodeModel, __module__=__name__, **fields)
    return model


Company = _model("Company")
Person = _model("Person")
Product = _model("Product")
Interaction = _model("Interaction")
IngestRun = _model("IngestRun")
