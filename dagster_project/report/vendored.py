"""Where the vendored charting library lives, apart from the code that fetches it.

The report's writer needs only these names; keeping them out of `assets.py` lets set-up run
`python -m dagster_project.report.assets` without the package having imported it first.
"""

from __future__ import annotations

from pathlib import Path

VENDOR_DIR = Path(__file__).with_name("vendor")
ECHARTS_VERSION = "6.1.0"
# file in the npm package → name in the vendored folder
FILES = {"dist/echarts.min.js": "echarts.min.js", "LICENSE": "ECHARTS-LICENSE.txt"}


def missing_files(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    return [name for name in FILES.values() if not (vendor_dir / name).is_file()]
