"""What a CSV file's bytes are written in: its encoding and its separator.

>>> detect_encoding([b"id,name\\nc1,Caf\\xc3\\xa9\\n"]), sniff_delimiter("id;name")
(('utf-8', None), ';')
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from itertools import chain

from ingest.errors import ExportError

_UNDEFINED_IN_CP1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_DELIMITERS = ",;\t|"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def detect_encoding(chunks: Iterable[bytes]) -> tuple[str, str | None]:
    """The encoding of bytes read in chunks and, when it is not UTF-8, a warning saying so.

    A byte order mark decides (UTF-8, UTF-16); otherwise all the bytes are tried
    as UTF-8, and text that is not UTF-8 is read as Windows-1252 (or Latin-1 when
    it holds bytes Windows-1252 leaves undefined). Bytes that are not text raise an
    ExportError that names their line: a NUL byte in the first chunk (a binary file,
    or UTF-16 without a byte order mark), or bytes that the encoding of the byte
    order mark cannot decode.

    >>> detect_encoding([b"id,name\\n", b"c1,Caf\\xe9\\n"])
    ('cp1252', 'not UTF-8; read as Windows-1252')
    >>> detect_encoding([codecs.BOM_UTF8 + b"id,name\\nc1,Caf\\xe9\\n"])
    Traceback (most recent call last):
    ingest.errors.ExportError: line 2: not UTF-8 (invalid continuation byte), though it starts with a UTF-8 byte order mark
    """
    chunks = iter(chunks)
    first = next(chunks, b"")
    everything = chain([first], chunks)
    for bom, encoding, name in _BOMS:
        if first.startswith(bom):
            _check_decodes(everything, encoding, name)
            return encoding, None
    if b"\0" in first:
        line = first.count(b"\n", 0, first.index(b"\0")) + 1
        raise ExportError(
            f"line {line}: a NUL byte, which text does not hold "
            "(a binary file, or UTF-16 without a byte order mark?)"
        )
    decoder = codecs.getincrementaldecoder("utf-8")()
    undefined = False
    utf8 = True
    for chunk in everything:
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        undefined = undefined or any(b in chunk for b in _UNDEFINED_IN_CP1252)
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8", None
        except UnicodeDecodeError:
            pass
    if undefined:
        return "latin-1", "not UTF-8; read as Latin-1 (ISO-8859-1)"
    return "cp1252", "not UTF-8; read as Windows-1252"


def _check_decodes(chunks: Iterable[bytes], encoding: str, name: str) -> None:
    """Raise an ExportError naming the line unless all of ``chunks`` decode as ``encoding``."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    try:
        for chunk in chunks:
            line += decoder.decode(chunk).count("\n")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        line += exc.object[: exc.start].decode(exc.encoding, "replace").count("\n")
        raise ExportError(
            f"line {line}: not {name} ({exc.reason}), though it starts with a {name} byte order mark"
        ) from None


def sniff_delimiter(header_line: str) -> str:
    """The separator of a CSV header: the most frequent of , ; tab | outside quotes.

    >>> sniff_delimiter('Name;Vorname;"Firma, Ort"'), sniff_delimiter("id")
    (';', ',')
    """
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
