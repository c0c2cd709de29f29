"""Any CRM's export as rows of the canonical tables, as a YAML mapping file describes it.

The mapping file (``--format mapping --mapping FILE``; the format is never
detected) lists tables: which export files hold one canonical table, how each
canonical column is made from the file's columns, which rows to skip. Its
format is documented, with examples, in ``ingest/mappings/README.md``; the
mappings shipped there can be named without their folder and extension
(``--mapping dynamics365``).

The file is validated when it is loaded; each mistake is reported with its
place in the YAML (``tables[2].columns.occurred_at.formats[0]: unknown date
format '%Q' ...``).

>>> _render("d365:account:{Account Name}", {"Account Name": " Contoso "}, "home")
'd365:account:Contoso'
>>> _render("{First Name} {Last Name}", {"Last Name": "Berg"}, "home"), _render("x:{A}", {}, "h")
('Berg', None)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, ClassVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from ingest.adapters.base import (
    AdapterContext,
    AdapterReport,
    CanonicalTables,
    home_company_row,
)
from ingest.canonical import CANONICAL_FILES, COMPANIES, FileSpec
from ingest.records import Reject, SourceRow
from ingest.sources import ExportError, ExportFile

SHIPPED = Path(__file__).resolve().parent.parent / "mappings"
"""The mappings that come with srm-graph (``dynamics365.yaml``, ``pipedrive.yaml``)."""
HOME = "home"
"""The template name that stands for the home company's id: ``{home}``."""
_SPECS: dict[str, FileSpec] = {spec.name: spec for spec in CANONICAL_FILES}
_STRPTIME_DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_LIST_SEPARATOR = ";"


# Templates: text with {Column} (a column's value) and {home} (the home company's id).


@cache
def _parse(template: str) -> tuple[tuple[str, str | None], ...]:
    """``template`` as (text, column) pairs: text, then the column read after it (or None)."""
    parts: list[tuple[str, str | None]] = []
    text, start = "", 0
    for match in _TOKEN.finditer(template):
        text += template[start : match.start()]
        start = match.end()
        if match[0] in ("{{", "}}"):
            text += match[0][0]
        elif match[1] is None:
            raise ValueError(f"unmatched {match[0]!r} in {template!r} (write {match[0] * 2})")
        elif not match[1].strip():
            raise ValueError(f"empty {{}} in {template!r}: name a column, as in {{Account Name}}")
        else:
            parts.append((text, match[1].strip()))
            text = ""
    parts.append((text + template[start:], None))
    return tuple(parts)


def _columns(template: str) -> frozenset[str]:
    """The export columns ``template`` reads."""
    return frozenset(c for _, c in _parse(template) if c is not None and c != HOME)


def _cell(data: Mapping[str, str | None], column: str) -> str:
    return (data.get(column) or "").strip()


def _render(template: str, data: Mapping[str, str | None], home: str) -> str | None:
    """``template`` filled from ``data``; None when every column it reads is blank."""
    out: list[str] = []
    read = filled = 0
    for text, column in _parse(template):
        out.append(text)
        if column == HOME:
            out.append(home)
        elif column is not None:
            value = _cell(data, column)
            read, filled = read + 1, filled + bool(value)
            out.append(value)
    if read and not filled:
        return None
    return "".join(out).strip() or None


def _check_template(template: str) -> str:
    _parse(template)
    return template


def _check_format(date_format: str) -> str:
    directives = re.findall(r"%(.?)", date_format)
    unknown = [d for d in directives if d not in _STRPTIME_DIRECTIVES]
    if unknown or not directives:
        found = f"%{unknown[0]} is not a strptime directive" if unknown else "no % directives"
        raise ValueError(f"unknown date format {date_format!r} ({found}; e.g. '%d.%m.%Y %H:%M')")
    return date_format


def _text(value: Any) -> Any:
    """Numbers and booleans YAML read where text was meant, as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return value


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


Template = Annotated[str, AfterValidator(_check_template)]
DateFormat = Annotated[str, AfterValidator(_check_format)]
Text = Annotated[str, BeforeValidator(_text)]
Label = Annotated[str, BeforeValidator(_text), AfterValidator(str.casefold)]
"""A value of an export column, compared ignoring case."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ValueSpec(_Model):
    """How one value of a canonical column is made: a template, or a template with options."""

    value: Template
    split: str | None = None
    """The one column the template reads holds a list separated by this; each item is a value."""
    map: dict[Label, Text] = {}
    """Values replaced (ignoring case); others are kept as they are."""
    formats: list[DateFormat] = []
    """A date in one of these ``strptime`` formats (the first that fits), written as ISO-8601."""

    @model_validator(mode="before")
    @classmethod
    def _from_template(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _split_one_column(self) -> ValueSpec:
        if self.split is not None and len(_columns(self.value)) != 1:
            raise ValueError(f"split: needs a value reading exactly one column, not {self.value!r}")
        return self

    @property
    def source(self) -> str:
        """The export columns the value comes from, as a reject names them."""
        return ", ".join(sorted(_columns(self.value)))

    def items(self, data: Mapping[str, str | None], home: str) -> list[str]:
        """The value's text (several when split), before ``map`` and ``formats``."""
        if self.split is None:
            text = _render(self.value, data, home)
            return [] if text is None else [text]
        [column] = _columns(self.value)
        pieces = _cell(data, column).split(self.split)
        return [text for piece in pieces if (text := _render(self.value, {column: piece}, home))]

    def convert(self, text: str) -> str:
        """``text`` mapped, and with ``formats`` as an ISO-8601 date (ValueError if none fits)."""
        text = self.map.get(text.casefold(), text)
        if not self.formats:
            return text
        for date_format in self.formats:
            try:
                return datetime.strptime(text, date_format).isoformat()
            except ValueError:
                continue
        tried = ", ".join(repr(f) for f in self.formats)
        raise ValueError(f"{text!r} matches none of the date formats {tried}")


FieldSpec = Annotated[list[ValueSpec], BeforeValidator(_as_list), Field(min_length=1)]
"""A canonical column's values: one, or several joined into a ``;`` list."""


class Condition(_Model):
    """Skip a row when ``column`` (ignoring case) is ``in`` the list, or ``not_in`` it."""

    column: str
    in_: list[Label] | None = Field(default=None, alias="in")
    not_in: list[Label] | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if (self.in_ is None) == (self.not_in is None):
            raise ValueError("give either in: or not_in:")
        return self

    def holds(self, data: Mapping[str, str | None]) -> bool:
        value = _cell(data, self.column).casefold()
        return value in self.in_ if self.in_ is not None else value not in (self.not_in or [])


class Direction(_Model):
    """Which way a supplies row goes between ``company`` and the home company, by a column."""

    column: str
    company: Template
    supplier: list[Label] = []
    """Values saying the company supplies the home company."""
    customer: list[Label] = []
    """Values saying the home company supplies the company."""

    @model_validator(mode="after")
    def _values(self) -> Direction:
        if not self.supplier and not self.customer:
            raise ValueError("list the values of the column in supplier:, customer: or both")
        if both := sorted(set(self.supplier) & set(self.customer)):
            raise ValueError(f"{', '.join(both)} cannot be both supplier and customer")
        return self

    def sides(self, data: Mapping[str, str | None], home: str) -> dict[str, str] | None:
        """``supplier_id`` and ``customer_id`` of the row; None when the value names neither."""
        company = _render(self.company, data, home)
        value = _cell(data, self.column).casefold()
        if company is None:
            return None
        if value in self.supplier:
            return {"supplier_id": company, "customer_id": home}
        if value in self.customer:
            return {"supplier_id": home, "customer_id": company}
        return None


class TableMap(_Model):
    """One canonical table read from the export files this entry selects."""

    table: str
    name: str | None = None
    """The source object, in each row's origin (``<mapping>:<name>:<source id>``); the table's
    name when left out."""
    file: str | None = None
    """A glob matched against file names, with or without extension, ignoring case."""
    headers: list[str] = []
    """Columns a file must have to be read."""
    source_id: Template | None = None
    """The source record's id, in each row's origin; file and line when left out."""
    skip_if: list[Condition] = []
    direction: Direction | None = None
    columns: dict[str, FieldSpec]

    @field_validator("table")
    @classmethod
    def _known_table(cls, table: str) -> str:
        if table not in _SPECS:
            raise ValueError(f"{table!r} is not a canonical table; one of: {', '.join(_SPECS)}")
        return table

    @field_validator("columns")
    @classmethod
    def _known_columns(
        cls, columns: dict[str, list[ValueSpec]], info: ValidationInfo
    ) -> dict[str, list[ValueSpec]]:
        spec = _SPECS.get(info.data.get("table", ""))
        if spec is not None and (unknown := [c for c in columns if c not in spec.columns]):
            known = ", ".join(spec.required + spec.optional)
            raise ValueError(f"{', '.join(unknown)}: not a column of {spec.name} ({known})")
        return columns

    @model_validator(mode="after")
    def _complete(self) -> TableMap:
        if self.file is None and not self.headers:
            raise ValueError("say which files hold this table: file:, headers: or both")
        sides = {"supplier_id", "customer_id"}
        if self.direction is not None:
            if self.table != "supplies":
                raise ValueError("direction: is for supplies tables only")
            if sides & set(self.columns):
                raise ValueError("direction: gives supplier_id and customer_id; not columns: too")
        given = set(self.columns) | (sides if self.direction else set())
        if missing := [c for c in _SPECS[self.table].required if c not in given]:
            raise ValueError(f"columns: needs {', '.join(missing)} (required in {self.table})")
        return self

    def selects(self, export_file: ExportFile, header: frozenset[str]) -> bool:
        names = (export_file.name, PurePosixPath(export_file.path).name.lower())
        named = self.file is None or any(fnmatchcase(n, self.file.lower()) for n in names)
        return named and header.issuperset(self.headers)

    def columns_read(self) -> frozenset[str]:
        templates = [v.value for values in self.columns.values() for v in values]
        read = {c.column for c in self.skip_if}
        if self.source_id is not None:
            templates.append(self.source_id)
        if self.direction is not None:
            read.add(self.direction.column)
            templates.append(self.direction.company)
        return frozenset(read.union(*map(_columns, templates)))


class MappingFile(_Model):
    """A mapping file: a name (the first part of each row's origin) and its tables."""

    name: str
    day_first: bool | None = None
    """Read 03/04/2025 as 3 April in dates without ``formats``; the ingest option when left out."""
    tables: list[TableMap] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _short_name(cls, name: str) -> str:
        if not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"{name!r}: use only letters, digits, '.', '-' and '_'")
        return name


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true and false, so labels such as Yes, No and On stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def resolve_mapping(path: Path) -> Path:
    """``path``, or the shipped mapping it names (``dynamics365``, ``pipedrive``)."""
    shipped = SHIPPED / f"{path}.yaml"
    if not path.exists() and not path.suffix and path.name == str(path) and shipped.exists():
        return shipped
    return path


def load_mapping(path: Path) -> MappingFile:
    """The mapping file at ``path``, validated; ExportError naming each mistake's YAML path."""
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the mapping file ({exc.strerror})") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ExportError(f"{path}: not YAML ({where}{exc.problem})") from exc
    if not isinstance(document, dict):
        raise ExportError(f"{path}: not a mapping file (a YAML object with name: and tables:)")
    try:
        return MappingFile.model_validate(document)
    except ValidationError as exc:
        mistakes = (_mistake(error, document) for error in exc.errors())
        raise ExportError("\n".join(f"{path}: {m}" for m in mistakes)) from None


def _mistake(error: ErrorDetails, document: Any) -> str:
    where = _yaml_path(error["loc"], document)
    if error["type"] == "extra_forbidden":
        reason = "unknown key"
    elif error["type"] == "missing":
        reason = "missing (required)"
    else:
        reason = error["msg"].removeprefix("Value error, ")
    return f"{where}: {reason}" if where else reason


def _yaml_path(loc: tuple[int | str, ...], document: Any) -> str:
    """``loc`` as a path in ``document``, without the steps only the models take (a value
    written alone where a list may stand, a template where an object may)."""
    path, node = "", document
    for part in loc:
        if isinstance(node, list) and isinstance(part, int):
            path, node = f"{path}[{part}]", node[part]
        elif isinstance(node, dict) and (isinstance(part, str) or part in node):
            path, node = f"{path}.{part}" if path else str(part), node.get(part)
    return path


@dataclass
class _Reader:
    """Rows of the files one entry of the mapping selects, as rows of its canonical table."""

    mapping: MappingFile
    entry: TableMap
    context: AdapterContext
    report: AdapterReport
    derived: set[frozenset[tuple[str, str | None]]] = field(default_factory=set)
    """The values of the derived rows given so far."""

    def rows(self, export_file: ExportFile, counted: bool) -> Iterator[SourceRow]:
        """The file's rows; derived rows (not ``counted``) only once for the same values."""
        for line, data in export_file.rows():
            row = self._row(export_file.path, line, data, counted)
            if row is None:
                continue
            if not counted:
                values = frozenset(row.data.items())
                if values in self.derived:
                    continue
                self.derived.add(values)
            yield row

    def _row(
        self, path: str, line: int, data: Mapping[str, str | None], counted: bool
    ) -> SourceRow | None:
        entry, home = self.entry, self.context.home_company_id
        if any(condition.holds(data) for condition in entry.skip_if):
            return None
        values: dict[str, str] = {}
        if entry.direction is not None:
            if (sides := entry.direction.sides(data, home)) is None:
                return None
            values.update(sides)
        required = _SPECS[entry.table].required
        for name, specs in entry.columns.items():
            value, failed = self._value(name, specs, data, path, line)
            if failed and name in required:
                if counted:
                    self.report.skipped[path] = self.report.skipped.get(path, 0) + 1
                return None
            if value is not None:
                values[name] = value
        source_id = _render(entry.source_id, data, home) if entry.source_id else None
        origin = f"{self.mapping.name}:{entry.name or entry.table}:{source_id or f'{path}:{line}'}"
        return SourceRow(
            path, line, values, origin=origin, counted=counted, day_first=self.day_first
        )

    @property
    def day_first(self) -> bool:
        """The mapping's ``day_first``, else the ingest option's."""
        if self.mapping.day_first is None:
            return self.context.day_first
        return self.mapping.day_first

    def _value(
        self,
        name: str,
        specs: list[ValueSpec],
        data: Mapping[str, str | None],
        path: str,
        line: int,
    ) -> tuple[str | None, bool]:
        """The canonical column's text, and whether a value was rejected."""
        items: list[str] = []
        failed = False
        for spec in specs:
            for text in spec.items(data, self.context.home_company_id):
                try:
                    items.append(spec.convert(text))
                except ValueError as exc:
                    failed = True
                    column = spec.source or name
                    self.report.rejects.append(Reject(path, line, column, text, f"{name}: {exc}"))
        return _LIST_SEPARATOR.join(items) or None, failed


class MappingAdapter:
    """Reads an export as the mapping file of ``context.mapping`` describes it."""

    format: ClassVar[str] = "mapping"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> bool:
        return False

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        if context.mapping is None:
            raise ExportError("the mapping format needs a mapping file (--mapping FILE)")
        path = resolve_mapping(context.mapping)
        mapping = load_mapping(path)
        ordered = sorted(files.values(), key=lambda f: f.path)
        headers = {f.path: frozenset(f.header) for f in ordered}
        selected = [[f for f in ordered if e.selects(f, headers[f.path])] for e in mapping.tables]
        report.warnings.extend(_warnings(mapping, ordered, selected, headers))
        counting: dict[str, int] = {}
        for index, chosen in enumerate(selected):
            for export_file in chosen:
                counting.setdefault(export_file.path, index)

        def rows(table: str) -> Iterator[SourceRow]:
            for index, entry in enumerate(mapping.tables):
                if entry.table == table:
                    reader = _Reader(mapping, entry, context, report)
                    for export_file in selected[index]:
                        yield from reader.rows(export_file, counting[export_file.path] == index)

        tables: CanonicalTables = {
            spec.name: rows(spec.name)
            for spec in CANONICAL_FILES
            if any(entry.table == spec.name for entry in mapping.tables)
        }
        if not context.home_company_known:
            home_file = _home_file(mapping, selected) or path.name
            tables[COMPANIES.name] = _with_home(tables.get(COMPANIES.name), home_file, context)
        return tables


def _home_file(mapping: MappingFile, selected: list[list[ExportFile]]) -> str | None:
    """The file the home company's row is counted under: the first a companies table reads,
    else the first read at all."""
    pairs = list(zip(mapping.tables, selected, strict=True))
    pairs.sort(key=lambda pair: pair[0].table != COMPANIES.name)
    return next((f.path for _, chosen in pairs for f in chosen), None)


def _with_home(
    rows: Iterable[SourceRow] | None, file: str, context: AdapterContext
) -> Iterator[SourceRow]:
    """The home company's row (the store has none yet), then ``rows``."""
    yield home_company_row(context, file)
    if rows is not None:
        yield from rows


def _warnings(
    mapping: MappingFile,
    files: list[ExportFile],
    selected: list[list[ExportFile]],
    headers: dict[str, frozenset[str]],
) -> Iterator[str]:
    """Files no entry reads, and columns an entry reads that a file it selects lacks."""
    read = {f.path for chosen in selected for f in chosen}
    for export_file in files:
        if export_file.path not in read:
            yield f"{export_file.path}: no table of mapping {mapping.name!r} reads it; ignored"
    for index, (entry, chosen) in enumerate(zip(mapping.tables, selected, strict=True)):
        for export_file in chosen:
            if missing := sorted(entry.columns_read() - headers[export_file.path]):
                yield (
                    f"{export_file.path}: no column {', '.join(missing)} for tables[{index}] "
                    f"({entry.name or entry.table}); left blank"
                )
