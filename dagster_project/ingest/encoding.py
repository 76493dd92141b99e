"""Content hash, UTF-8 detection and GB18030 transcoding, each a streaming pass over bytes."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dagster_project.ingest.repair import stray_quote

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
    # A quote between two ordinary characters (`6.5" screen`, `"6.5" screen`): the file
    # goes through the careful reader (repair.py), as does one with an unclosed quote.
    stray_quote: bool = False
    # Whether the bytes are UTF-8 throughout, judged in the same pass; None when not read.
    utf8: bool | None = None
    quoted: bool = True  # any quote character at all (True when not read)

    @property
    def irregular_quotes(self) -> bool:
        return self.unclosed_quote or self.stray_quote


def digest(path: Path) -> Digest:
    sha = hashlib.sha256()
    size = quotes = 0
    stray, tail = False, b""
    # The UTF-8 check rides on the same pass: a small file costs one open and one read.
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    utf8 = True
    # O_NOFOLLOW: a file swapped for a link after the inbox was scanned is not followed.
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as fh:
        modified_ns = os.fstat(fh.fileno()).st_mtime_ns
        while chunk := fh.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
            quotes += chunk.count(b'"')
            stray = stray or stray_quote(tail + chunk)
            tail = chunk[-2:]
            utf8 = utf8 and _utf8_chunk(decoder, chunk)
    utf8 = utf8 and _utf8_chunk(decoder, b"", final=True)
    return Digest(sha.hexdigest(), size, quotes % 2 == 1, modified_ns, stray, utf8, quotes > 0)


def _utf8_chunk(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    # ASCII with no sequence left open by the last chunk needs no decoding.
    if not final and chunk.isascii() and not decoder.getstate()[0]:
        return True
    try:
        decoder.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


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


# A line without a replacement character yet with a character beyond ASCII: a line that
# is valid, non-ASCII UTF-8 (searched in the text decoded with errors="replace").
_UTF8_LINE = re.compile(r"(?m)^[^\ufffd\n]*[^\x00-\x7f\ufffd][^\ufffd\n]*$")


def has_utf8_text(path: Path) -> bool:
    """Whether a file that is not UTF-8 as a whole still has UTF-8 lines beyond ASCII.

    Such a file mixes encodings: it is read as UTF-8 and its other lines are quarantined
    (`bad_encoding`); transcoding it whole as GBK would turn its UTF-8 text into mojibake.
    A GBK file's lines are practically never valid UTF-8 beyond ASCII.
    """
    carry = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            # Whole lines only: the text after the last line break waits for the next chunk.
            chunk = carry + chunk
            cut = chunk.rfind(b"\n") + 1
            carry, chunk = chunk[cut:], chunk[:cut]
            if chunk and _UTF8_LINE.search(chunk.decode("utf-8", "replace")):
                return True
    return _UTF8_LINE.search(carry.decode("utf-8", "replace")) is not None


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
