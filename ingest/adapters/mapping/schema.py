"""The published JSON Schema of mapping files, and a mapping file's mistakes against it.

The schema (``ingest/mappings/mapping.schema.json``) is built here from the canonical
tables, so it names their columns as they are; editors that read JSON Schema (VS Code's
YAML extension, JetBrains IDEs) complete and check a mapping file with it, and the ingest
checks every mapping file against it before anything else. After a change to the format or
to the canonical tables, write it again::

    python -m ingest.mappings

>>> for where, why in schema_mistakes({"name": "x", "tables": [{"table": "people", "fiel": 1}]}):
...     print(where, why[:40])
('tables', 0, 'columns') missing (required)
('tables', 0, 'fiel') unknown key (known: table, name, file, h
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import jsonschema_rs

from ingest.adapters.mapping.model import FIELD_NAME, NAME, PROPERTY, SPECS, Loc
from ingest.mappings import SCHEMA_FILE

_TEMPLATE = {"$ref": "#/$defs/template"}
_TEXT = {"$ref": "#/$defs/text"}
_NAMES = {"type": "array", "items": {"type": "string"}}
_SELECTION = {
    "file": {
        "type": "string",
        "description": "A glob matched against file names, with or without extension, "
        "ignoring case: organizations*",
    },
    "headers": {**_NAMES, "description": "Columns a file must have to be read."},
}


def _obj(properties: dict[str, Any], required: tuple[str, ...] = (), **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        **({"required": list(required)} if required else {}),
        **more,
    }


def _one_of(*keys: str, message: str) -> dict[str, Any]:
    return {"oneOf": [{"required": [key]} for key in keys], "errorMessage": message}


def build_schema() -> dict[str, Any]:
    """The JSON Schema of mapping files (draft 2020-12)."""
    tables = list(SPECS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "srm-graph mapping file",
        "description": "Which export file holds which canonical table, and how each canonical "
        "column is made from the file's columns. See ingest/mappings/README.md.",
        **_obj(
            {
                "version": {
                    "enum": [1, 2],
                    "description": "The format the file is written for (1 when left out); "
                    "version 2 only adds keys to version 1.",
                },
                "name": {
                    "type": "string",
                    "pattern": r"^[\w.-]+$",
                    "patternErrorMessage": "use only letters, digits, '.', '-' and '_'",
                    "description": "Starts the origin of every row: <name>:<table name>:<source id>.",
                },
                "day_first": {
                    "type": "boolean",
                    "description": "Read 03/04/2025 as 3 April in dates without formats.",
                },
                "lookups": {
                    "type": "object",
                    "description": "Files whose rows tables look up by a key (join:).",
                    "propertyNames": {"pattern": NAME},
                    "patternErrorMessage": "a lookup's name is letters, digits, '_' and '-'",
                    "additionalProperties": {"$ref": "#/$defs/lookup"},
                },
                "tables": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/table"}},
            },
            ("name", "tables"),
        ),
        "$defs": _definitions(tables),
    }


def _definitions(tables: list[str]) -> dict[str, Any]:
    values = {
        "anyOf": [_TEMPLATE, {"$ref": "#/$defs/value_object"}],
        "errorMessage": "expected a template, or an object with value: or first_of:",
    }
    return {
        "text": {"type": ["string", "number", "boolean"]},
        "template": {
            "type": "string",
            "description": "Text in which {Name} stands for a column, computed field, for_each "
            "item or joined column ({alias.column}); {home}, {@row}, {@file}; {{ and }} are braces.",
        },
        "value_object": {
            **_obj(
                {
                    "value": _TEMPLATE,
                    "first_of": {"type": "array", "minItems": 1, "items": _TEMPLATE},
                    "default": _TEMPLATE,
                    "split": {"type": "string", "minLength": 1},
                    "extract": {"type": "string", "description": "A regular expression."},
                    "collapse": {"type": "boolean"},
                    "case": {"enum": ["lower", "upper", "title"]},
                    "map": {"type": "object", "additionalProperties": _TEXT},
                    "unmapped": {"enum": ["keep", "blank", "reject"]},
                    "formats": {"type": "array", "items": {"type": "string"}},
                }
            ),
            **_one_of("value", "first_of", message="give either value: or first_of:"),
        },
        "value": values,
        "values": {
            "anyOf": [
                *values["anyOf"],
                {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/value"}},
            ],
            "errorMessage": "expected a template, an object with value: or first_of:, or a list",
        },
        "named_values": {
            "type": "object",
            "propertyNames": {"pattern": FIELD_NAME},
            "patternErrorMessage": "a field's name has no braces or dots and no leading @",
            "additionalProperties": {"$ref": "#/$defs/values"},
        },
        "condition": {
            **_obj(
                {
                    "column": {"type": "string"},
                    "in": {"type": "array", "items": _TEXT},
                    "not_in": {"type": "array", "items": _TEXT},
                    "matches": {"type": "string"},
                    "blank": {"type": "boolean"},
                },
                ("column",),
            ),
            **_one_of(
                "in",
                "not_in",
                "matches",
                "blank",
                message="give exactly one of in:, not_in:, matches:, blank:",
            ),
        },
        "conditions": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
        "direction": _obj(
            {
                "column": {"type": "string"},
                "company": _TEMPLATE,
                "supplier": {"type": "array", "items": _TEXT},
                "customer": {"type": "array", "items": _TEXT},
            },
            ("column", "company"),
        ),
        "join": {
            "anyOf": [
                _TEMPLATE,
                _obj(
                    {
                        "lookup": {"type": "string"},
                        "key": _TEMPLATE,
                        "required": {"type": "boolean"},
                    },
                    ("lookup", "key"),
                ),
            ],
            "errorMessage": "expected the key as a template, or an object with lookup: and key:",
        },
        "duplicates": {
            "anyOf": [
                {"enum": ["first", "last", "error", "sum"]},
                _obj(
                    {
                        "keep": {"enum": ["first", "last", "error"]},
                        "sum": _NAMES,
                        "earliest": _NAMES,
                        "latest": _NAMES,
                    }
                ),
            ],
            "errorMessage": "expected first, last, error, sum, or an object with keep:, sum:, "
            "earliest:, latest:",
        },
        "lookup": _obj(
            {
                **_SELECTION,
                "key": _TEMPLATE,
                "ignore_case": {"type": "boolean"},
                "duplicates": {"enum": ["first", "last", "error"]},
            },
            ("key",),
        ),
        "table": _table(tables),
    }


def _table(tables: list[str]) -> dict[str, Any]:
    columns_of = [
        {
            "if": {"properties": {"table": {"const": name}}, "required": ["table"]},
            "then": {
                "properties": {
                    "columns": {
                        "propertyNames": {
                            "enum": list(SPECS[name].required + SPECS[name].optional)
                        },
                        "errorMessage": f"not a column of {name} "
                        f"({', '.join(SPECS[name].required + SPECS[name].optional)})",
                    }
                }
            },
        }
        for name in tables
    ]
    return _obj(
        {
            "table": {"enum": tables, "description": "The canonical table the rows go to."},
            "name": {"type": "string", "description": "The source object, in each row's origin."},
            **_SELECTION,
            "source_id": _TEMPLATE,
            "computed": {"$ref": "#/$defs/named_values"},
            "join": {
                "type": "object",
                "propertyNames": {"pattern": NAME},
                "patternErrorMessage": "a join's name is letters, digits, '_' and '-'",
                "additionalProperties": {"$ref": "#/$defs/join"},
            },
            "for_each": {
                "$ref": "#/$defs/named_values",
                "maxProperties": 1,
                "errorMessage": "one name only: each row is made once for each of its items",
            },
            "skip_if": {"$ref": "#/$defs/conditions"},
            "keep_if": {"$ref": "#/$defs/conditions"},
            "direction": {"$ref": "#/$defs/direction"},
            "columns": {"type": "object", "additionalProperties": {"$ref": "#/$defs/values"}},
            "properties": {
                "type": "object",
                "propertyNames": {"pattern": PROPERTY},
                "patternErrorMessage": "a property name is letters, digits and '_'",
                "additionalProperties": {"$ref": "#/$defs/values"},
            },
            "duplicates": {"$ref": "#/$defs/duplicates"},
        },
        ("table", "columns"),
        allOf=columns_of,
    )


@cache
def _validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


@cache
def _published() -> dict[str, Any]:
    found: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return found


def schema_mistakes(document: Any) -> list[tuple[Loc, str]]:
    """Where ``document`` breaks the published schema, and how, in the words of a person."""
    found: dict[tuple[Loc, str], None] = {}
    for error in _validator().iter_errors(document):
        found.update(dict.fromkeys(_explain(error)))
    return list(found)


def _explain(error: jsonschema_rs.ValidationError) -> Iterator[tuple[Loc, str]]:
    kind, where = error.kind, tuple(error.instance_path)
    owner = _schema_at(error.schema_path[:-1])
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.AdditionalProperties):
        known = ", ".join(owner.get("properties", {}))
        for key in kind.unexpected:
            yield (*where, key), f"unknown key (known: {known})" if known else "unknown key"
    elif isinstance(kind, jsonschema_rs.ValidationErrorKind.Required):
        yield (*where, kind.property), "missing (required)"
    elif isinstance(kind, jsonschema_rs.ValidationErrorKind.PropertyNames):
        path = error.schema_path
        names_of = _schema_at(path[: len(path) - path[::-1].index("propertyNames") - 1])
        message = names_of.get("errorMessage") or names_of.get("patternErrorMessage")
        yield (*where, str(kind.error.instance)), message or _message(kind.error)
    elif isinstance(
        kind,
        jsonschema_rs.ValidationErrorKind.AnyOf | jsonschema_rs.ValidationErrorKind.OneOfNotValid,
    ):
        fitting = [b for b in kind.context if not _wrong_type(b, error.instance_path)]
        if len(fitting) == 1:
            for inner in fitting[0]:
                yield from _explain(inner)
        else:
            yield where, owner.get("errorMessage") or _message(error)
    elif isinstance(kind, jsonschema_rs.ValidationErrorKind.OneOfMultipleValid):
        yield where, owner.get("errorMessage") or _message(error)
    elif isinstance(kind, jsonschema_rs.ValidationErrorKind.Pattern):
        message = owner.get("patternErrorMessage")
        yield where, f"{_shown(error.instance)}: {message}" if message else _message(error)
    else:
        yield where, owner.get("errorMessage") or _message(error)


def _wrong_type(branch: list[jsonschema_rs.ValidationError], path: list[str | int]) -> bool:
    return any(
        isinstance(
            e.kind, jsonschema_rs.ValidationErrorKind.Type | jsonschema_rs.ValidationErrorKind.Enum
        )
        and e.instance_path == path
        for e in branch
    )


def _message(error: jsonschema_rs.ValidationError) -> str:
    kind = error.kind
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Enum):
        return f"{_shown(error.instance)} is not one of: {', '.join(map(str, kind.options))}"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.Type):
        return (
            f"expected {' or '.join(map(_type_word, kind.types))}, not {_type_of(error.instance)}"
        )
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.MinItems):
        return f"needs at least {kind.limit} item(s)"
    if isinstance(kind, jsonschema_rs.ValidationErrorKind.MaxProperties):
        return f"give at most {kind.limit}"
    return error.message


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else json.dumps(value)


_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "nothing",
}


def _type_word(name: str) -> str:
    return _WORDS.get(name, name)


def _type_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _schema_at(path: list[str | int]) -> dict[str, Any]:
    """The part of the published schema at ``path`` ({} if it is not an object)."""
    node: Any = _published()
    for step in path:
        if isinstance(node, dict):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def write_schema() -> None:
    """Write the published schema from :func:`build_schema`."""
    text = json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
    SCHEMA_FILE.write_text(text, encoding="utf-8")
