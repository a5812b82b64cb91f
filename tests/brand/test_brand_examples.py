"""The shipped examples behave as documented, and the fixture checks a live page end to end."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from pytest_prodguard.record import take_recorded

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "brand"

ON_BRAND_PAGE = """<!doctype html>
<style>
  body { color: #1f2328; background: #ffffff; font-family: Inter, sans-serif; }
  .card { border: 1px solid #d0d7de; box-shadow: 0 1px 3px rgb(31 35 40 / 0.15); }
  a { color: #0d6efd; }
  .badge { background: hsl(340 82% 52%); color: white; }
</style>
<div class="card"><a href="#">link</a> <span class="badge">new</span></div>
<p style="display: none; color: red">hidden text is not checked</p>
"""


def test_examples(pytester: pytest.Pytester) -> None:
    for name in ("tokens.json", "compliant.css", "off-brand.css", "page.html", "pytest.ini"):
        shutil.copy(EXAMPLES / name, pytester.path / name)
    result = pytester.runpytest("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "compliant.css::brand PASSED*",
            "off-brand.css::brand FAILED*",
            "page.html::brand FAILED*",
            "prodguard brand: 7 new findings",
            "  [[]brand:off-palette[]] off-brand.css:2:10 body: color: #1f2329 * (fix: var(--color-fg-default))",
            "  [[]brand:unknown-token[]] off-brand.css:3:15 body: background: var(--color-bg-defualt) *"
            " (fix: var(--color-bg-default))",
            "  [[]brand:off-brand-font[]] off-brand.css:4:16 body: font-family: font family 'Roboto' is not a brand"
            " family (brand: Inter, JetBrains Mono) (fix: var(--font-family-sans))",
            "  [[]brand:off-palette[]] off-brand.css:8:21 .button: background-color: rgb(13 110 250) is not a brand"
            " colour (normalised #0d6efa); nearest token color.base.blue-600 #0d6efd, ΔE2000 0.40, 2 tokens share"
            " this value (fix: var(--color-base-blue-600))",
            "  [[]brand:off-palette[]] off-brand.css:9:21 .button: border: #ccc *nearest border token"
            " color.border.default*",
            "  [[]brand:off-palette[]] off-brand.css:17:44 .alert: box-shadow: red *",
            "  [[]brand:off-scale[]] off-brand.css:18:11 .alert: margin: 12px is not on the spacing scale*",
            "prodguard brand: 2 new findings",
            "  [[]brand:off-palette[]] page.html:9:23 .hero h1: color: #ff6600 *",
            "  [[]brand:off-palette[]] page.html:17:102 circle: stroke: #333 *",
        ]
    )


@pytest.mark.brand(tokens="examples/brand/tokens.json")
def test_brand_fixture_checks_a_live_page(brand: Any, chromium: Any, request: pytest.FixtureRequest) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content(ON_BRAND_PAGE)
        assert brand.check_page(page) == []
        page.set_content('<p id="promo" style="color: #ff6600; font-family: Papyrus">sale</p>')
        found = brand.check_page(page)
    finally:
        context.close()
    assert [(f.rule, f.target, f.path, f.line, f.fix) for f in found] == [
        ("off-brand-font", "#promo", None, None, "var(--font-family-sans)"),
        ("off-palette", "#promo", None, None, "var(--color-base-pink-500)"),
    ]
    assert found[1].key == f"{request.node.nodeid}|#promo|off-palette|color|rgb(255, 102, 0)"
    assert found[1].details["normalised"] == "#ff6600"
    # The findings were recorded on this test; drop them so that the deliberate breach does not fail it.
    pending = take_recorded(request.node)
    assert pending is not None
    assert [f.rule for f in pending.findings] == ["off-brand-font", "off-palette"]
