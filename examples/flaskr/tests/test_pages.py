"""Accessibility of the rendered pages: the app served on 127.0.0.1, scanned in the session's Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser
from werkzeug.serving import make_server

from pytest_prodguard.a11y import A11y


@pytest.fixture
def live_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}"
    server.shutdown()
    thread.join()


@pytest.mark.parametrize("path", ["/", "/1"])
def test_page_is_accessible(live_url: str, prodguard_browser: Browser, a11y: A11y, path: str) -> None:
    # prodguard_page only reaches prodguard's own page server; the live app needs a context of its own.
    context = prodguard_browser.new_context()
    try:
        page = context.new_page()
        page.goto(live_url + path)
        assert page.title().endswith("Flaskr")
        a11y.check(page, impact="serious")
    finally:
        context.close()
