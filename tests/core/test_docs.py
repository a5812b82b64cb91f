"""The generated reference pages match the code (regenerate: python -m pytest_prodguard._docs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_prodguard._docs import PAGES

DOCS = Path(__file__).parents[2] / "docs"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_generated_page_is_current(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == PAGES[name](), f"run: python -m pytest_prodguard._docs ({name})"


def test_every_option_and_hook_is_documented() -> None:
    options_page = (DOCS / "options.md").read_text(encoding="utf-8")
    for flag in ("--prodguard-suite-budget", "--prodguard-a11y-pages", "--prodguard-gates-fresh", "PRODGUARD_BASELINE"):
        assert f"`{flag}`" in options_page
    assert "pytest_prodguard_json_report" in (DOCS / "hooks.md").read_text(encoding="utf-8")
