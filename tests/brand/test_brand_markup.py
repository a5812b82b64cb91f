"""HTML and SVG: <style> blocks at their real line offset, style="" and colour attributes."""

from __future__ import annotations

from brand_helpers import brief

from pytest_prodguard.brand.engine import Issue, Scan
from pytest_prodguard.brand.engine.markup import scan_markup
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.palette import Palette

PAGE = """<!doctype html>
<html>
<head>
  <style>
    body { color: #1f2328; }
    h1 { color: tomato; }
  </style>
</head>
<body bgcolor="#fefefe">
  <p id="intro"
     style="color: #0d6efd; background: #eee">Hello</p>
  <font color=red>old</font>
  <svg viewBox="0 0 10 10"><rect fill="#e92063" stroke="lime"/></svg>
  <div style="color: red"></div><div style="color: blue"></div>
</body>
</html>
"""

LOGO = """<svg xmlns="http://www.w3.org/2000/svg">
  <style>.a { fill: #123456 }</style>
  <defs>
    <linearGradient id="g"><stop offset="0" stop-color="#0d6efd"/>
      <stop offset="1" style="stop-color: purple"/></linearGradient>
  </defs>
  <circle fill="url(#g)" stroke="#d0d7de"/>
  <path fill="#000" d="M0 0"/>
  <!-- prodguard: ignore[brand] logo mark uses print black --><path fill="#000"/>
</svg>
"""


def scan(palette: Palette, text: str, *, svg: bool) -> list[Issue]:
    found = Scan(Matcher(palette, Policy()), text)
    scan_markup(found, text, svg=svg)
    return found.issues


def position(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``needle``: the test's own ground truth."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_html_positions(palette: Palette) -> None:
    issues = scan(palette, PAGE, svg=False)
    assert brief(issues) == [
        (*position(PAGE, "tomato"), "off-palette", "tomato"),
        (*position(PAGE, "#fefefe"), "off-palette", "#fefefe"),
        (*position(PAGE, "#eee"), "off-palette", "#eee"),
        (*position(PAGE, "red>"), "off-palette", "red"),
        (*position(PAGE, "lime"), "off-palette", "lime"),
        (*position(PAGE, 'red"></div>'), "off-palette", "red"),
        (*position(PAGE, "blue"), "off-palette", "blue"),
    ]
    assert (issues[0].line, issues[0].col) == (6, 17)
    assert [i.target for i in issues] == ["h1", "body", "p#intro", "font", "rect", "div", "div"]
    assert [i.prop for i in issues] == ["color", "background-color", "background", "color", "stroke", "color", "color"]


def test_svg_positions_and_ignore(palette: Palette) -> None:
    issues = scan(palette, LOGO, svg=True)
    assert brief(issues) == [
        (*position(LOGO, "#123456"), "off-palette", "#123456"),
        (*position(LOGO, "purple"), "off-palette", "purple"),
        (*position(LOGO, "#000"), "off-palette", "#000"),
    ]
    assert issues[1].prop == "stop-color"


def test_broken_markup_does_not_crash(palette: Palette) -> None:
    assert scan(palette, "", svg=False) == []
    # A truncated SVG is checked as far as it goes, and says that the rest was not checked.
    truncated = scan(palette, "<svg><rect fill='red'", svg=True)
    assert brief(truncated[1:]) == [(1, 18, "off-palette", "red")]
    assert truncated[0].rule == "unreadable-svg"
    assert truncated[0].message.startswith("malformed SVG (line 1: ")
    assert scan(palette, "<p style='color:", svg=False) == []
    (unreadable,) = scan(palette, "", svg=True)
    assert (unreadable.rule, unreadable.line, unreadable.message) == (
        "unreadable-svg",
        1,
        "not an SVG document: Document is empty, line 1, column 1",
    )
