"""How one value is made from a row: a template and what is done to its text.

A value is a template, or an object with the template (``value:``) or a list of them of
which the first that gives a value counts (``first_of:``), and options applied to each
piece of text in this order: ``split`` into items, ``extract`` a part by a regular
expression, ``collapse`` whitespace, change the ``case``, ``map`` to other values, read
as a date in one of ``formats``. ``default`` is taken, as it is, when nothing is left.

>>> spec = ValueSpec.model_validate({"value": "{To}", "split": ",", "case": "lower"})
>>> spec.evaluate({"To": "Ann@X.com, bo@y.com"}.__getitem__)
(['ann@x.com', 'bo@y.com'], [])
>>> ValueSpec.model_validate({"value": "{D}", "formats": ["%d.%m.%Y"]}).evaluate(lambda n: "3.4.2025")
(['2025-04-03T00:00:00'], [])
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from ingest.adapters.mapping.templates import Getter, check, names, render

_STRPTIME_DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
_WHITESPACE = re.compile(r"\s+")
LIST_SEPARATOR = ";"
"""Several values of one column are joined with this (the canonical list separator)."""


def _check_format(date_format: str) -> str:
    directives = re.findall(r"%(.?)", date_format)
    unknown = [d for d in directives if d not in _STRPTIME_DIRECTIVES]
    if unknown or not directives:
        found = f"%{unknown[0]} is not a strptime directive" if unknown else "no % directives"
        raise ValueError(f"unknown date format {date_format!r} ({found}; e.g. '%d.%m.%Y %H:%M')")
    return date_format


def _check_regex(pattern: str) -> str:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from None
    if compiled.groups > 1:
        raise ValueError(
            f"{pattern!r} has {compiled.groups} groups; give at most one, (?:...) groups others"
        )
    return pattern


def text(value: Any) -> Any:
    """Numbers and booleans YAML read where text was meant, as text."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return value


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


Template = Annotated[str, AfterValidator(check)]
DateFormat = Annotated[str, AfterValidator(_check_format)]
Regex = Annotated[str, AfterValidator(_check_regex)]
Text = Annotated[str, BeforeValidator(text)]
Label = Annotated[str, BeforeValidator(text), AfterValidator(str.casefold)]
"""A value of an export column, compared ignoring case."""


class Model(BaseModel):
    """The base of the mapping file's parts: unknown keys are mistakes, parts never change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ValueSpec(Model):
    """How one value is made: a template, or a template with options."""

    value: Template | None = None
    first_of: list[Template] | None = Field(default=None, min_length=1)
    """Templates tried in order: the first that gives a value (once cleaned) counts."""
    default: Template | None = None
    """Taken as it is when the value is blank."""
    split: str | None = Field(default=None, min_length=1)
    """The one name the template reads holds a list separated by this; each item is a value."""
    extract: Regex | None = None
    """The part of the text this regular expression finds (its group, if it has one)."""
    collapse: bool = False
    """Every run of whitespace, line breaks included, becomes one space."""
    case: Literal["lower", "upper", "title"] | None = None
    map: dict[Label, Text] = {}
    """Values replaced (ignoring case); ``unmapped`` says what becomes of the others."""
    unmapped: Literal["keep", "blank", "reject"] = "keep"
    formats: list[DateFormat] = []
    """A date in one of these ``strptime`` formats (the first that fits), written as ISO-8601."""

    @model_validator(mode="before")
    @classmethod
    def _from_template(cls, data: Any) -> Any:
        return {"value": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _consistent(self) -> ValueSpec:
        if (self.value is None) == (self.first_of is None):
            raise ValueError("give either value: or first_of:")
        if self.split is not None:
            for template in self.templates:
                if len(names(template)) != 1:
                    raise ValueError(
                        f"split: needs a value reading exactly one column, not {template!r}"
                    )
        if self.unmapped != "keep" and not self.map:
            raise ValueError(f"unmapped: {self.unmapped} needs a map:")
        return self

    @property
    def templates(self) -> list[str]:
        """The templates tried, in order."""
        return [self.value] if self.value is not None else list(self.first_of or ())

    @property
    def reads(self) -> frozenset[str]:
        """The names of the row the value reads."""
        found = [names(t) for t in self.templates]
        if self.default is not None:
            found.append(names(self.default))
        return frozenset().union(*found)

    @property
    def source(self) -> str:
        """The names the value comes from, as a reject names them."""
        return ", ".join(sorted(self.reads))

    def evaluate(self, get: Getter) -> tuple[list[str], list[tuple[str, str]]]:
        """The value's texts (several when split), and the (text, reason) of those rejected."""
        pieces: list[str] = []
        for template in self.templates:
            pieces = [t for raw in self._rendered(template, get) if (t := self.clean(raw))]
            if pieces:
                break
        if not pieces:
            fallback = render(self.default, get) if self.default is not None else None
            return ([fallback] if fallback else []), []
        values: list[str] = []
        failed: list[tuple[str, str]] = []
        for piece in pieces:
            try:
                if (converted := self.convert(piece)) is not None:
                    values.append(converted)
            except ValueError as exc:
                failed.append((piece, str(exc)))
        return values, failed

    def _rendered(self, template: str, get: Getter) -> list[str]:
        if self.split is None:
            rendered = render(template, get)
            return [] if rendered is None else [rendered]
        [name] = names(template)
        items = get(name).split(self.split)
        out = [render(template, bound(get, name, item)) for item in items]
        return [t for t in out if t is not None]

    def clean(self, raw: str) -> str:
        """``raw`` extracted, collapsed and cased, stripped ('' when nothing is left).

        >>> ValueSpec(value="{X}", extract=r"<(.+)>", case="lower").clean("Ann <ANN@X.COM>")
        'ann@x.com'
        """
        found = raw
        if self.extract is not None:
            match = re.search(self.extract, raw)
            if match is None:
                return ""
            found = match[1] if match.re.groups else match[0]
            found = found or ""
        if self.collapse:
            found = _WHITESPACE.sub(" ", found)
        if self.case == "lower":
            found = found.lower()
        elif self.case == "upper":
            found = found.upper()
        elif self.case == "title":
            found = found.title()
        return found.strip()

    def convert(self, piece: str) -> str | None:
        """``piece`` mapped, and with ``formats`` as an ISO-8601 date (ValueError if none fits)."""
        if self.map:
            mapped = self.map.get(piece.casefold())
            if mapped is not None:
                piece = mapped
            elif self.unmapped == "blank":
                return None
            elif self.unmapped == "reject":
                raise ValueError(f"{piece!r} is not one of the values map: lists")
        if not self.formats:
            return piece
        for date_format in self.formats:
            try:
                return datetime.strptime(piece, date_format).isoformat()
            except ValueError:
                continue
        tried = ", ".join(repr(f) for f in self.formats)
        raise ValueError(f"{piece!r} matches none of the date formats {tried}")


def bound(get: Getter, name: str, value: str) -> Getter:
    """``get``, but with ``value`` for ``name``."""
    return lambda n: value if n == name else get(n)


FieldSpec = Annotated[list[ValueSpec], BeforeValidator(_as_list), Field(min_length=1)]
"""A column's values: one, or several joined into a ``;`` list."""


def field_values(
    specs: list[ValueSpec], get: Getter
) -> tuple[str | None, list[tuple[ValueSpec, str, str]]]:
    """The ``;``-joined values of a column (None when blank), without repeats, and the
    (spec, text, reason) of each rejected text."""
    values: list[str] = []
    failed: list[tuple[ValueSpec, str, str]] = []
    for spec in specs:
        found, rejected = spec.evaluate(get)
        values.extend(found)
        failed.extend((spec, piece, reason) for piece, reason in rejected)
    return LIST_SEPARATOR.join(dict.fromkeys(values)) or None, failed
