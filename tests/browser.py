"""Headless Debian Chromium for the page tests, with every request off this machine refused.

`offline_chromium()` yields a Playwright browser context and the list of refused addresses:
a page that needed the network shows up there (the tests assert it stays empty), and the
refusal makes the page look as it would on a closed network.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("file", "data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@contextmanager
def offline_chromium(width: int = 1600, height: int = 1000) -> Iterator[tuple[object, list[str]]]:
    from playwright.sync_api import sync_playwright

    refused: list[str] = []

    def route(r) -> None:
        if is_local(r.request.url):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort("internetdisconnected")

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            viewport={"width": width, "height": height},
            args=ARGS,
        )
        context.route("**/*", route)
        try:
            yield context, refused
        finally:
            context.close()
