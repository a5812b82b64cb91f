"""Accessibility checks inside ordinary tests, next to the collected pages of pytest.ini."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pytest_prodguard.a11y import A11y
from pytest_prodguard.browser import PageServer


@pytest.mark.a11y(impact="serious")
def test_home_page_renders(prodguard_page: Page, prodguard_server: PageServer) -> None:
    # The marker scans this page when the test ends.
    prodguard_page.goto(prodguard_server.url_for("site/index.html"))
    assert prodguard_page.title() == "Example shop"


def test_contact_form_after_sending(prodguard_page: Page, prodguard_server: PageServer, a11y: A11y) -> None:
    prodguard_page.goto(prodguard_server.url_for("site/contact.html"))
    prodguard_page.fill("#email", "someone@example.com")
    prodguard_page.click("#send")
    # Scan only the form, in the state the user now sees.
    result = a11y.check(prodguard_page, include="#contact")
    assert result.violations == ()
