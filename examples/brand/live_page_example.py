"""Checking a rendered page in a test: copy into a test module (needs Playwright and a Chromium/Chrome)."""

import pytest


@pytest.mark.brand(literals="warn")
def test_home_page_is_on_brand(page, brand):  # `page` from pytest-playwright or your own fixture
    page.goto("http://127.0.0.1:8000/")
    assert brand.check_page(page) == []
