"""Live pages in real Chromium: computed styles of visible elements, one evaluate round trip."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_prodguard.brand.engine.live import scan_page
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.scan import Scan

PAGE = """<!doctype html>
<html><head><style>
  body { margin: 0; color: #1f2328; background: #ffffff; font-family: Inter, sans-serif; }
  .ok { color: var(--x, #0d6efd); border: 1px solid #d0d7de; }
  .wide { color: oklch(0.6 0.1 200); }
  .lab { background-color: lab(50% 20 30); }
  .hidden { display: none; color: red; }
  .shadow { box-shadow: 0 1px 2px rgb(0 0 0 / 0.5), 0 0 0 1px #ff00ff; }
  .font { font-family: "Comic Sans MS", cursive; }
</style></head>
<body>
  <p class="ok">ok</p>
  <p id="promo" class="wide">wide gamut</p>
  <div class="lab"><span>lab</span></div>
  <p class="hidden">hidden</p>
  <div class="shadow">shadow</div>
  <ul><li>one</li><li class="font">two</li></ul>
  <svg width="10" height="10"><rect width="10" height="10" fill="#e92063" stroke="lime"/></svg>
</body></html>
"""


@pytest.fixture
def page(chromium: Any) -> Any:
    context = chromium.new_context()
    page = context.new_page()
    page.set_content(PAGE)
    yield page
    context.close()


def test_computed_styles_of_visible_elements(page: Any, palette: Palette) -> None:
    scan = Scan(Matcher(palette, Policy()))
    count = scan_page(scan, page)
    assert count == 11  # body, 2 p, div, span, div, ul, 2 li, svg, rect: the hidden p is left out
    found = sorted((i.target, i.prop, i.details["normalised"]) for i in scan.issues if i.rule == "off-palette")
    assert found == [
        ("#promo", "color", "#0d9298"),
        ("body > div:nth-of-type(1)", "background-color", "#a16945"),
        ("body > div:nth-of-type(2)", "box-shadow", "#ff00ff"),
        ("body > svg > rect", "stroke", "#00ff00"),
    ]
    fonts = [(i.target, i.written) for i in scan.issues if i.rule == "off-brand-font"]
    assert fonts == [("body > ul > li:nth-of-type(2)", "Comic Sans MS")]
    assert all(i.line is None and i.fix for i in scan.issues)
