"""Debian's chromium for the browser tests, launched by playwright without ``playwright install``.

Under CI (``CI=true``) a missing chromium fails the run (``.ci/run`` installs it
with apt); elsewhere the browser tests skip.
"""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without the background-networking flags chromium reaches for Google's hosts at start.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Call at module level in a browser test module."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI needs chromium for the browser tests: .ci/run installs it with apt")
        pytest.skip("chromium is not installed", allow_module_level=True)
