"""Fixtures shared by the test modules."""

import pytest
from chromium import ARGS, CHROMIUM


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through playwright (modules that use it call ``require_chromium`` first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()
