"""The report's charting library, shipped with the package: no CDN, nothing fetched at run time.

`scripts/setup.sh` runs `python -m dagster_project.report.assets`, which takes the pinned
ECharts release from the npm registry (`npm pack`, no dependencies, no install scripts) and
keeps its minified build and licence in `dagster_project/report/vendor/` (not in git; part
of the wheel), as `expectations/docs_assets.py` does for the Data Docs. Every report then
copies the file into its own `assets/` folder, so the pages open from disk with no network.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from dagster_project.report.vendored import ECHARTS_VERSION, FILES, VENDOR_DIR, missing_files


def vendor(vendor_dir: Path = VENDOR_DIR, npm: str = "npm") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [npm, "pack", "--silent", "--pack-destination", tmp, f"echarts@{ECHARTS_VERSION}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        vendor_dir.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for inner, name in FILES.items():
                with archive.extractfile(f"package/{inner}") as source:
                    (vendor_dir / name).write_bytes(source.read())


def main(argv: list[str]) -> int:
    """`python -m dagster_project.report.assets [--force]`: vendor unless already there."""
    if "--force" in argv or missing_files():
        vendor()
        print(f"report assets: echarts {ECHARTS_VERSION} unpacked into {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
