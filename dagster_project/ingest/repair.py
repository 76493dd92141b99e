"""A clean copy of the rare file DuckDB's reader would misread: stray quotes, mixed encodings.

DuckDB reads a quote opening a field to the next quote, wherever that is: one stray quote
(`"6.5 screen`) swallows the records after it, and a closing quote followed by more text
(`"6.5" screen`) loses a character. Python's `csv` module in strict mode stops at such a
record instead; that record alone is replaced by a marker and the reading resumes on the
next physical line. A line that is not UTF-8 in an otherwise UTF-8 file becomes a marker
too. Markers are one-field records the typed SQL turns into quarantine rows (reason, field
count, hash of the line, no raw text), so every record keeps its ordinal.

Only files flagged while hashing (an odd number of quotes, a quote between two ordinary
characters, undecodable lines) come here; every other file goes to DuckDB untouched.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MARKER = "\x01asw-unreadable\x01"
SEP = "\x02"  # between the marker's parts: reason, field count, line hash

# A marker's parts, for the typed SQL.
MARKER_REASON = 2
MARKER_FIELDS = 3
MARKER_HASH = 4


@dataclass
class _Undecodable:
    raw: bytes


class _Lines:
    """Physical lines for csv.reader, with push-back, ending early at an undecodable line."""

    def __init__(self, items: Iterator[str | _Undecodable]) -> None:
        self.items = items
        self.back: deque[str | _Undecodable] = deque()
        self.taken: list[str] = []  # lines consumed by the record being read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        item = self.back.popleft() if self.back else next(self.items)
        if isinstance(item, _Undecodable):
            self.back.appendleft(item)  # the caller takes it once the reader has stopped
            raise StopIteration
        self.taken.append(item)
        return item

    def undecodable(self) -> _Undecodable | None:
        if self.back and isinstance(self.back[0], _Undecodable):
            return self.back.popleft()  # type: ignore[return-value]
        return None


def _decoded(path: Path) -> Iterator[str | _Undecodable]:
    with path.open("rb") as fh:
        for n, raw in enumerate(fh):
            if n == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                yield _Undecodable(raw)


def _marker(reason: str, fields: int | None, text: bytes) -> list[str]:
    count = "" if fields is None else str(fields)
    return [SEP.join([MARKER, reason, count, hashlib.sha256(text).hexdigest()])]


def _field_count(line: str, delimiter: str) -> int:
    """Fields of one physical line read leniently: what the record would have had."""
    return len(next(csv.reader([line], delimiter=delimiter, strict=False), []))


def repair(source: Path, target: Path, delimiter: str) -> None:
    """Write the clean UTF-8 copy of `source` (UTF-8, possibly with undecodable lines)."""
    csv.field_size_limit(sys.maxsize)  # a giant field is the typed SQL's business, not csv's
    lines = _Lines(_decoded(source))
    with target.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter=delimiter, lineterminator="\n")
        first = True
        while True:
            reader = csv.reader(lines, delimiter=delimiter, quotechar='"', strict=True)
            while True:
                lines.taken = []
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if not lines.taken:
                        break
                    bad, rest = lines.taken[0], lines.taken[1:]
                    lines.back.extendleft(reversed(rest))
                    # A quote never closed is a truncated record (exports.md); any other
                    # broken quote is its own fault.
                    reason = "field_count_mismatch" if "unexpected end" in str(exc) else "bad_quote"
                    if first:
                        out.writerow(next(csv.reader([bad], delimiter=delimiter), []))
                        first = False
                    else:
                        text = bad.rstrip("\r\n")
                        count = _field_count(text, delimiter)
                        out.writerow(_marker(reason, count, text.encode("utf-8")))
                    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', strict=True)
                    continue
                if fields == []:
                    continue  # a blank line, skipped as DuckDB skips it
                out.writerow(fields)
                first = False
            undecodable = lines.undecodable()
            if undecodable is None:
                return
            if first:
                # The header itself: written as far as it decodes; its columns are judged.
                out.writerow(next(csv.reader([undecodable.raw.decode("utf-8", "replace")]), []))
                first = False
            else:
                out.writerow(_marker("bad_encoding", None, undecodable.raw.rstrip(b"\r\n")))


def marker_sql(column: str) -> str:
    """SQL: the marker text of a staging column, NULL for an ordinary field."""
    return f"case when starts_with({column}, {_sql_text(MARKER)}) then {column} end"


def marker_part(marker: str, part: int) -> str:
    return f"nullif(split_part({marker}, {_sql_text(SEP)}, {part}), '')"


def _sql_text(text: str) -> str:
    """A literal of text with control characters, as SQL: `(chr(1) || 'asw' || …)`."""
    parts = re.findall(r"[\x00-\x1f]|[^\x00-\x1f]+", text)
    return (
        "("
        + " || ".join(f"chr({ord(p)})" if len(p) == 1 and ord(p) < 32 else f"'{p}'" for p in parts)
        + ")"
    )


# Every byte but the delimiters, line breaks and the quote becomes `a`: then one substring
# search finds a quote between two ordinary characters, at the speed of the hash (a regex
# with character classes is ten times slower, and every file with a quote pays for it).
_SPECIAL = b',;\t|\r\n"'
_ORDINARY = bytes(b if b in _SPECIAL else ord("a") for b in range(256))


def stray_quote(chunk: bytes) -> bool:
    """A quote between two ordinary characters: inside an unquoted field (`6.5" screen`) or
    a closing quote followed by more text (`"6.5" screen`); well-formed CSV has neither."""
    return b'"' in chunk and b'a"a' in chunk.translate(_ORDINARY)
