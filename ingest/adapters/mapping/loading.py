"""Reading a mapping file: YAML, checked against the published schema, then the models.

Every mistake is reported at once, each with its line and column in the YAML file and its
place in the document, as compilers do::

    my-crm.yaml:14:7: tables[2].columns.occurred_at.formats[0]: unknown date format '%Q' ...
    my-crm.yaml:9:5: tables[0].colums: unknown key (known: table, name, file, ...)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ingest.adapters.mapping.model import Loc, MappingFile
from ingest.adapters.mapping.schema import schema_mistakes
from ingest.adapters.mapping.values import text
from ingest.errors import ExportError
from ingest.mappings import EXAMPLES, SHIPPED


class _Loader(yaml.SafeLoader):
    """YAML 1.2 scalars: only true and false are booleans (labels such as Yes, No and On stay
    text), and dates stay text (the mapping says how to read them)."""


_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def resolve_mapping(path: Path) -> Path:
    """``path``, or the shipped mapping or example it names (``dynamics365``, ``enron``; a
    folder of that name, an export, does not hide it)."""
    if path.is_file() or path.suffix or path.name != str(path):
        return path
    for folder in (SHIPPED, EXAMPLES):
        if (shipped := folder / f"{path}.yaml").exists():
            return shipped
    return path


def load_mapping(path: Path) -> MappingFile:
    """The mapping file at ``path``, checked; ExportError naming each mistake's line."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the mapping file ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ExportError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    loader = _Loader(source)
    try:
        root = loader.get_single_node()
        document = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ExportError(f"{path}{where}: not YAML ({exc.problem or exc.context})") from exc
    finally:
        loader.dispose()
    if root is None or not isinstance(document, dict):
        raise ExportError(f"{path}: not a mapping file (a YAML object with name: and tables:)")
    document = _plain(document)
    mistakes = schema_mistakes(document)
    if not mistakes:
        try:
            mapping = MappingFile.model_validate(document)
        except ValidationError as exc:
            mistakes = [_mistake(error) for error in exc.errors()]
        else:
            mistakes = list(mapping.problems())
            if not mistakes:
                return mapping
    placed = sorted((*_place(root, document, loc), message) for loc, message in mistakes)
    raise ExportError(
        "\n".join(f"{path}:{line}:{column}: {_said(where, m)}" for line, column, where, m in placed)
    )


def _plain(value: Any) -> Any:
    """``value`` as JSON holds it: keys as text (YAML reads ``1:`` as a number)."""
    if isinstance(value, dict):
        return {str(text(key)): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _said(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _mistake(error: ErrorDetails) -> tuple[Loc, str]:
    if error["type"] == "extra_forbidden":
        reason = "unknown key"
    elif error["type"] == "missing":
        reason = "missing (required)"
    else:
        reason = error["msg"].removeprefix("Value error, ")
    return tuple(error["loc"]), reason


def _place(root: yaml.Node, document: Any, loc: Loc) -> tuple[int, int, str]:
    """The line and column of ``loc`` in the YAML file and its path in the document, without
    the steps only the models take (a value written alone where a list may stand)."""
    path, node, mark = "", root, root.start_mark
    for part in loc:
        if isinstance(document, list) and isinstance(part, int) and part < len(document):
            path, document = f"{path}[{part}]", document[part]
            if isinstance(node, yaml.SequenceNode) and part < len(node.value):
                node = node.value[part]
                mark = node.start_mark
        elif isinstance(document, dict) and isinstance(part, str):
            path, document = f"{path}.{part}" if path else part, document.get(part)
            found = _entry(node, part)
            if found is not None:
                mark, node = found[0].start_mark, found[1]
    return mark.line + 1, mark.column + 1, path


def _entry(node: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of ``key`` in a mapping node."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None
