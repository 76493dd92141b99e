"""Data Docs that render with no network: the CDN files GE's pages name, shipped with the package.

Great Expectations writes its Data Docs pages with `<script>` and `<link>` tags that load
Bootstrap, jQuery, Font Awesome, bootstrap-table and friends from public CDNs, and its logo
from a public bucket. On a closed network the pages then show unstyled, and the indexes stay
empty (bootstrap-table draws them). So:

- `scripts/setup.sh` runs `python -m expectations.docs_assets`, which takes the very versions
  GE names from the npm registry (`npm pack`, no dependencies) and unpacks only the files the
  pages use into `expectations/docs_assets/` (not in git; part of the wheel);
- after every Data Docs build, `localize(site_dir)` copies those files to
  `<site>/static/vendor/` and points every page at them with a path relative to the page, so
  `index.html` opens from disk (file://) or from any web server, with nothing loaded from
  outside. Nothing is downloaded at run time.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from os.path import relpath
from pathlib import Path

ASSETS_DIR = Path(__file__).with_name("docs_assets")
SITE_VENDOR = Path("static") / "vendor"

# npm package → the exact version GE's templates name (vega's "@5" etc. pinned to what the
# tag resolved to when this was written, so every install gets the same files).
PACKAGES = {
    "bootstrap": "4.3.1",
    "jquery": "3.7.1",
    "popper.js": "1.12.9",
    "@fortawesome/fontawesome-free": "6.6.0",
    "bootstrap-table": "1.19.1",
    "bootstrap-datepicker": "1.9.0",
    "@forevolve/bootstrap-dark": "1.1.0",
    "vega": "5.33.1",
    "vega-lite": "5.23.0",
    "vega-embed": "6.29.0",
}

# Address in GE's pages → file under <package>/ in the vendored folder.
LOCAL = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        "bootstrap/dist/css/bootstrap.min.css"
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        "bootstrap/dist/js/bootstrap.min.js"
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        "popper.js/dist/umd/popper.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "@fortawesome/fontawesome-free/css/all.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css": (
        "bootstrap-table/dist/bootstrap-table.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js": (
        "bootstrap-table/dist/bootstrap-table.min.js"
    ),
    # GE's pages ask for the 1.19.0 stylesheet of the extension beside the 1.19.1 table; the
    # 1.19.1 one matches the script they load.
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.css"
    ),
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js": (
        "bootstrap-table/dist/extensions/filter-control/bootstrap-table-filter-control.min.js"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css": "bootstrap-datepicker/dist/css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker/dist/js/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "@forevolve/bootstrap-dark/dist/css/bootstrap-prefers-dark.css",
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/build/vega-embed.min.js",
}
# Folders a vendored file loads by a relative path (Font Awesome's css → ../webfonts/).
FOLDERS = ("@fortawesome/fontawesome-free/webfonts",)

# GE's logo lives in a public bucket; the site's own static/images has the same picture.
_LOGO_BUCKET = re.compile(
    r"https://great-expectations-web-assets\.s3[^\"')\s]*?/[\w.-]+?\.png(?:\?[^\"')\s]*)?"
)
_TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
_URL_ATTR = re.compile(r'\b(src|href)="(https?://[^"]+)"')
_SRI = re.compile(r'\s(?:integrity|crossorigin)="[^"]*"')


def missing_files(assets_dir: Path = ASSETS_DIR) -> list[str]:
    """Vendored files the pages need but the folder lacks (empty once setup has run)."""
    needed = [*LOCAL.values(), *FOLDERS]
    return [name for name in needed if not (assets_dir / name).exists()]


def localize(site_dir: Path, assets_dir: Path = ASSETS_DIR) -> list[str]:
    """Copy the vendored files into the site and point every page at them.

    Returns the external addresses still named by a script, stylesheet or image tag after the
    rewrite (empty unless a GE upgrade added one this module does not know).
    """
    site_dir = Path(site_dir)
    if assets_dir.is_dir():
        shutil.copytree(assets_dir, site_dir / SITE_VENDOR, dirs_exist_ok=True)
    remaining: set[str] = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        prefix = relpath(site_dir, page.parent).replace("\\", "/") + "/"
        prefix = "" if prefix == "./" else prefix
        local = _rewrite(html, prefix)
        remaining |= external_resources(local)
        if local != html:
            page.write_text(local, encoding="utf-8")
    return sorted(remaining)


def external_resources(html: str) -> set[str]:
    """Addresses outside the machine that a page would load by itself (not mere links)."""
    found = set()
    for tag in _TAG.findall(html):
        lower = tag.lower()
        # <link rel="canonical"> and the like are names, not loads.
        if lower.startswith("<link") and not re.search(r'rel="(stylesheet|[^"]*icon)"', lower):
            continue
        found |= {url for _, url in _URL_ATTR.findall(tag)}
    found |= set(re.findall(r"url\(['\"]?(https?://[^'\")]+)", html))
    return found


def _rewrite(html: str, prefix: str) -> str:
    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        urls = [url for _, url in _URL_ATTR.findall(text)]
        if not any(url in LOCAL for url in urls):
            return text
        # The local copies are read from disk: a cross-origin request (crossorigin=) would
        # be refused under file://, and the CDN's integrity hash says nothing about them.
        text = _SRI.sub("", text)
        return _URL_ATTR.sub(
            lambda m: (
                f'{m.group(1)}="{prefix}{SITE_VENDOR.as_posix()}/{LOCAL[m.group(2)]}"'
                if m.group(2) in LOCAL
                else m.group(0)
            ),
            text,
        )

    html = _TAG.sub(tag, html)
    return _LOGO_BUCKET.sub(lambda _: f"{prefix}static/images/logo-long.png", html)


def vendor(assets_dir: Path = ASSETS_DIR, npm: str = "npm") -> None:
    """Fetch the pinned packages with `npm pack` (no dependencies, no lock file, no scripts)
    and keep only the files the pages load, the folders those load from, and the licences."""
    wanted = [*LOCAL.values(), *FOLDERS]
    with tempfile.TemporaryDirectory() as tmp:
        specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
        subprocess.run(
            [npm, "pack", "--silent", "--pack-destination", tmp, *specs],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        staged = Path(tmp) / "assets"
        for tarball in sorted(Path(tmp).glob("*.tgz")):
            with tarfile.open(tarball) as archive:
                name = _package_name(archive)
                for member in archive.getmembers():
                    inner = member.name.removeprefix("package/")
                    path = f"{name}/{inner}"
                    licence = "/" not in inner and inner.lower().startswith("licen")
                    if member.isfile() and (
                        licence or any(path == w or path.startswith(w + "/") for w in wanted)
                    ):
                        target = staged / path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with archive.extractfile(member) as source:
                            target.write_bytes(source.read())
        missing = missing_files(staged)
        if missing:
            raise RuntimeError(f"npm packages lack files the Data Docs need: {missing}")
        shutil.rmtree(assets_dir, ignore_errors=True)
        shutil.copytree(staged, assets_dir)


def _package_name(archive: tarfile.TarFile) -> str:
    import json

    with archive.extractfile("package/package.json") as handle:
        return json.load(handle)["name"]


def main(argv: list[str]) -> int:
    """`python -m expectations.docs_assets [--force] [DIR]`: vendor unless already there."""
    force = "--force" in argv
    paths = [a for a in argv if a != "--force"]
    target = Path(paths[0]) if paths else ASSETS_DIR
    if force or missing_files(target):
        vendor(target)
        print(f"Data Docs assets: {len(PACKAGES)} npm packages unpacked into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
