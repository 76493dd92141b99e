"""Header matching: aliases in either language, personal-data columns, required columns."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dagster_project.ingest.specs import PERSONAL_DATA, SPECS, Column


def normalize(header: str) -> str:
    return header.replace("\ufeff", "").strip().casefold()


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Any occurrence, whatever separates the words (`Buyer_Email`, `ZipCode`, `Telephone`).

    Matching inside words drops a harmless column now and then ("Microphone"); matching
    whole words only would let buyer data through, which is the worse mistake.
    """
    words = [re.escape(w) for w in normalize(phrase).split()]
    return re.compile(r"[\s_.\-]*".join(words))


_PERSONAL = [_phrase_pattern(p) for p in PERSONAL_DATA]


def is_personal(header: str) -> bool:
    """Whether a header names buyer data (`match_header` asks only of unrecognised ones)."""
    text = normalize(header)
    return any(p.search(text) for p in _PERSONAL)


@dataclass(frozen=True)
class Layout:
    """Where each known column sits in a file's header, and which fields are personal."""

    width: int  # number of header fields
    positions: tuple[tuple[str, int], ...]  # (column name, field index), spec order
    personal: tuple[int, ...]  # field indexes of personal-data columns (never read)

    def index(self, column: str) -> int | None:
        return dict(self.positions).get(column)

    @property
    def kept(self) -> frozenset[int]:
        """Field indexes kept in quarantine raw lines: the recognised columns only."""
        return frozenset(i for _, i in self.positions)


class HeaderError(ValueError):
    """The header row cannot serve: required columns are missing."""


def _alias_table(kind: str) -> dict[str, Column]:
    return {normalize(alias): col for col in SPECS[kind] for alias in col.aliases}


def match_header(kind: str, fields: list[str]) -> Layout:
    # Exports of one kind share a handful of headers: judged once each, not once per file.
    return _match_header(kind, tuple(fields))


@lru_cache(maxsize=4096)
def _match_header(kind: str, fields: tuple[str, ...]) -> Layout:
    aliases = _alias_table(kind)
    found: dict[str, int] = {}
    personal = []
    for i, raw in enumerate(fields):
        # A header of the kind's own columns is what it says (`Store Name` is the store's
        # name, not a buyer's); any other header is judged against the personal phrases.
        col = aliases.get(normalize(raw))
        if col is None:
            if is_personal(raw):
                personal.append(i)
            continue
        # The first of two columns under the same name wins; the other is ignored.
        if col.name not in found:
            found[col.name] = i
    missing = [c for c in SPECS[kind] if c.required and c.name not in found]
    if missing:
        names = "; ".join(f"{c.name} ({' / '.join(c.aliases[:-1])})" for c in missing)
        raise HeaderError(f"no required header for {names}")
    positions = tuple((c.name, found[c.name]) for c in SPECS[kind] if c.name in found)
    return Layout(len(fields), positions, tuple(personal))


_DELIMITERS = (",", ";", "\t", "|")


def read_header(path: Path) -> tuple[str, list[str]] | None:
    """Delimiter and fields of the first record of a UTF-8 file; None when it has no text."""
    # errors="replace": a header line that is not UTF-8 in a file of mixed encodings is
    # judged as far as it decodes (its columns are then unknown, and the file an error).
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        first_line = fh.readline()
        if not first_line.strip():
            return None  # empty, or a blank first line: the header must be the first record
        # Exports use commas; a header without any but with another separator tells that one.
        counts = {d: first_line.count(d) for d in _DELIMITERS}
        delimiter = "," if counts[","] else max(_DELIMITERS, key=lambda d: counts[d])
        fh.seek(0)  # the utf-8-sig decoder drops the BOM again after the seek
        record = next(csv.reader(fh, delimiter=delimiter, quotechar='"', doublequote=True))
    return delimiter, record
