"""Content hashes of every inbox file, cached by (size, mtime) so a sensor can poll often."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from dagster_project.ingest.encoding import digest
from dagster_project.ingest.layout import scan_inbox


def default_cache_file(inbox: Path) -> Path:
    key = hashlib.sha256(str(inbox.resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"asw-fingerprints-{key}.json"


def inbox_fingerprints(inbox: Path, cache_file: Path | None = None) -> dict[str, str]:
    """Relative path → sha256 of every loadable inbox file (layout problems left out).

    A file whose size and modification time are unchanged since the last call is not
    read again; the cache is a small JSON file (by default in the system temp folder).
    """
    cache_file = cache_file or default_cache_file(inbox)
    try:
        cache = json.loads(cache_file.read_text())
    except (OSError, ValueError):
        cache = {}
    fresh: dict[str, list] = {}
    result: dict[str, str] = {}
    for file in scan_inbox(inbox).all_files():
        stat = file.path.stat()
        known = cache.get(file.rel)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            sha = known[2]
        else:
            sha = digest(file.path).sha256
        fresh[file.rel] = [stat.st_size, stat.st_mtime_ns, sha]
        result[file.rel] = sha
    if fresh != cache:
        try:
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(fresh))
            tmp.replace(cache_file)
        except OSError:
            pass  # a cache that cannot be written only costs speed
    return result
