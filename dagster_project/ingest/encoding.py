"""Content hash, UTF-8 detection and GB18030 transcoding, each a streaming pass over bytes."""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    sha256: str
    size_bytes: int
    # An odd number of quote characters means a quote is never closed: the file was cut
    # off inside its last record. (Escaped quotes are doubled and GBK trail bytes are
    # never 0x22, so the parity holds for every accepted encoding.)
    unclosed_quote: bool = False
    modified_ns: int | None = None  # the file's mtime when it was read


def digest(path: Path) -> Digest:
    sha = hashlib.sha256()
    size = quotes = 0
    # O_NOFOLLOW: a file swapped for a link after the inbox was scanned is not followed.
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as fh:
        modified_ns = os.fstat(fh.fileno()).st_mtime_ns
        while chunk := fh.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            quotes += chunk.count(b'"')
    return Digest(sha.hexdigest(), size, quotes % 2 == 1, modified_ns)


def is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


class DecodeError(ValueError):
    """Neither UTF-8 nor GB18030."""


def transcode_gb18030(source: Path, target: Path) -> None:
    """Write a UTF-8 copy of a GBK/GB18030 file (GB18030 is a superset of GBK)."""
    decoder = codecs.getincrementaldecoder("gb18030")("strict")
    offset = 0
    with source.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            try:
                dst.write(decoder.decode(chunk))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"not UTF-8 and not GBK/GB18030 (bad byte at offset {offset + exc.start})"
                ) from None
            offset += len(chunk)
        try:
            dst.write(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            raise DecodeError("not UTF-8 and not GBK/GB18030 (text cut off at the end)") from None
