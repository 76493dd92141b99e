"""Content hashes for the sensor, cached by size and mtime so polling stays cheap."""

import hashlib
import json
import os
from pathlib import Path

from inbox_files import put

from dagster_project.ingest import inbox_fingerprints


def test_hashes_and_cache(inbox: Path, tmp_path: Path) -> None:
    put(inbox, "s1/orders/a.csv", "abc")
    put(inbox, "bad store/orders/b.csv", "x")
    cache = tmp_path / "cache.json"
    first = inbox_fingerprints(inbox, cache_file=cache)
    assert first == {"s1/orders/a.csv": hashlib.sha256(b"abc").hexdigest()}
    # A cached entry whose size and mtime still match is trusted without reading the file.
    entry = json.loads(cache.read_text())
    entry["s1/orders/a.csv"][2] = "cached"
    cache.write_text(json.dumps(entry))
    assert inbox_fingerprints(inbox, cache_file=cache) == {"s1/orders/a.csv": "cached"}
    path = put(inbox, "s1/orders/a.csv", "abcd")
    os.utime(path, ns=(1, 1))
    assert inbox_fingerprints(inbox, cache_file=cache) == {
        "s1/orders/a.csv": hashlib.sha256(b"abcd").hexdigest()
    }


def test_default_cache(inbox: Path) -> None:
    put(inbox, "s1/dsr/a.csv", "abc")
    assert inbox_fingerprints(inbox) == inbox_fingerprints(inbox)
