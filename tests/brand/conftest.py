"""Fixtures for the brand tests: the sample palette and one Chromium for the whole session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from brand_helpers import write_tokens

from pytest_prodguard import settings
from pytest_prodguard.brand.palette import Palette
from pytest_prodguard.brand.tokens import load_palette
from pytest_prodguard.options import BROWSER_PATH


@pytest.fixture
def palette(tmp_path: Path) -> Palette:
    return load_palette([write_tokens(tmp_path)], tmp_path)


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Iterator[Any]:
    configured = settings(pytestconfig).get(BROWSER_PATH)
    names = ("chromium", "chromium-browser", "google-chrome", "chrome")
    executable = str(configured) if configured else next(filter(None, map(shutil.which, names)), None)
    if executable is None or not Path(executable).exists():
        pytest.skip("no Chromium/Chrome found (set prodguard_browser_path)")
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    args += ["--disable-sync", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=args, headless=True)
        try:
            yield browser
        finally:
            browser.close()
