"""Fixtures shared by the test modules, and how hypothesis runs."""

import os

import pytest
from chromium import ARGS, CHROMIUM
from hypothesis import settings

# In CI hypothesis draws the same examples every run: a red build is reproducible, never a coin
# toss. Locally it keeps exploring; what it finds is pinned with @example (see test_clean.py).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through playwright (modules that use it call ``require_chromium`` first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
