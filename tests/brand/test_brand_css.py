"""Checking stylesheets: every colour syntax, shorthands, var(), fonts, literals, tolerance, scales."""

from __future__ import annotations

import pytest
from brand_helpers import brief, scan_css

from pytest_prodguard.brand.engine.matching import Policy
from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.tolerance import Tolerance, parse_tolerance
from pytest_prodguard.findings import Severity


@pytest.mark.parametrize(
    "value",
    [
        "#0d6efd",
        "#0D6EFD",
        "rgb(13, 110, 253)",
        "rgb(13 110 253)",
        "rgba(13,110,253,1)",
        "rgb(5.1% 43.1% 99.2%)",
        "hsl(215.75 98.36% 52.16%)",
        "hwb(215.75 5.1% 0.78%)",
        "color(srgb 0.051 0.431 0.992)",
        "#e92063",
        "hsla(340, 82%, 52%, 1)",
        "white",
        "#FFFF",
        "transparent",
        "rgba(255 0 0 / 0)",
        "currentColor",
        "inherit",
        "var(--color-brand-primary)",
        "var(--color-fg-default, #1f2328)",
        "#00000080",
        "rgb(0 0 0 / 50%)",
        "Canvas",
        "color-mix(in srgb, var(--color-fg-default) 40%, var(--color-bg-default))",
    ],
)
def test_brand_colours_in_any_syntax_pass(palette: Palette, value: str) -> None:
    assert scan_css(palette, f"a {{ color: {value} }}") == []


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("#0d6efe", "#0d6efe"),
        ("red", "#ff0000"),
        ("rgb(0 0 0 / 40%)", "#00000066"),
        ("lab(50% 20 30)", "#a16945"),
        ("lch(50% 30 60)", "#996d4b"),
        ("oklab(0.6 0.1 0.1)", "#c3602e"),
        ("oklch(0.6 0.1 200)", "#0d9298"),
        ("color(display-p3 1 0 0)", "#ff0000"),
        ("#abcd", "#aabbccdd"),
    ],
)
def test_off_palette_colours_are_normalised(palette: Palette, value: str, normalised: str) -> None:
    (issue,) = scan_css(palette, f"a {{ color: {value} }}")
    assert (issue.rule, issue.written, issue.details["normalised"]) == ("off-palette", value, normalised)


def test_positions_suggestions_and_roles(palette: Palette) -> None:
    css = "body {\n  color: #1f2329;\n\tbackground: #f6f8fb url(bg.png) no-repeat;\n  border: 1px solid #d0d7df;\n}\n"
    issues = scan_css(palette, css)
    assert brief(issues) == [
        (2, 10, "off-palette", "#1f2329"),
        (3, 14, "off-palette", "#f6f8fb"),
        (4, 21, "off-palette", "#d0d7df"),
    ]
    assert [i.fix for i in issues] == [
        "var(--color-fg-default)",
        "var(--color-bg-subtle)",
        "var(--color-border-default)",
    ]
    assert issues[0].message == (
        "color: #1f2329 is not a brand colour (normalised #1f2329); nearest text token color.fg.default #1f2328, "
        "ΔE2000 0.70, 2 tokens share this value"
    )
    assert issues[0].key == "off-palette|color|#1f2329"
    assert issues[0].target == "body"


def test_shorthands_without_false_positives(palette: Palette) -> None:
    css = """
    a { border: 2px dashed var(--color-border-default); outline: thin dotted currentColor; }
    b { box-shadow: 0 1px 2px rgb(0 0 0 / 0.5), inset 0 0 0 1px #d0d7de; text-decoration: underline wavy #0d6efd; }
    c { background: linear-gradient(to right, #0d6efd 0%, #e92063 100%) center / cover no-repeat fixed; }
    d { transition: color 1s ease, background-color 2s; animation: tan 1s; grid-area: red; content: "#fff"; }
    e { fill: url(#gradient); stroke: none; mask: url(#m) luminance; border-image: url(b.png) 30 round; }
    f { background: url(data:image/png;base64,AAAA) #fff; }
    """
    assert scan_css(palette, css) == []
    issues = scan_css(palette, "a { box-shadow: 0 0 0 4px rgba(13, 110, 253, .25), 0 1px red }")
    assert [(i.written, i.col) for i in issues] == [("rgba(13, 110, 253, .25)", 27), ("red", 58)]


def test_var_references_and_fallbacks(palette: Palette) -> None:
    css = (
        ":root { --local-accent: #e92063; }\n"
        "a { color: var(--local-accent); background: var(--color-bg-defualt); }\n"
        "b { color: var(--nope, tomato); border-color: var(--color-fg-legacy); }\n"
    )
    issues = scan_css(palette, css)
    assert brief(issues) == [
        (2, 45, "unknown-token", "var(--color-bg-defualt)"),
        (3, 12, "unknown-token", "var(--nope)"),
        (3, 24, "off-palette", "tomato"),
        (3, 47, "deprecated-token", "var(--color-fg-legacy)"),
    ]
    assert issues[0].fix == "var(--color-bg-default)"
    assert issues[1].fix is None
    assert [i.severity for i in issues] == [Severity.ERROR, Severity.WARNING, Severity.ERROR, Severity.WARNING]


def test_custom_property_definitions_count(palette: Palette) -> None:
    issues = scan_css(palette, ":root { --brand-ish: #0d6efe; --ok: #0d6efd; }")
    assert brief(issues) == [(1, 22, "off-palette", "#0d6efe")]


def test_nesting_media_supports_and_layers(palette: Palette) -> None:
    css = (
        "@layer base { @media (min-width: 1px) { @supports (color: red) { .x { color: #111; } } } }\n"
        ".card { & .title { color: #222; } }\n"
        "@keyframes pulse { from { color: #333 } }\n"
        "@font-face { font-family: Whatever; src: url(x.woff2); }\n"
    )
    assert [i.written for i in scan_css(palette, css)] == ["#111", "#222", "#333"]


def test_literal_policy(palette: Palette) -> None:
    css = "a { color: #1F2328; --x: #1f2328; }"
    assert scan_css(palette, css, Policy(literals="allow")) == []
    (warned,) = scan_css(palette, css, Policy(literals="warn"))
    assert (warned.rule, warned.severity, warned.fix) == ("raw-literal", Severity.WARNING, "var(--color-fg-default)")
    (error,) = scan_css(palette, css, Policy(literals="error"))
    assert error.severity is Severity.ERROR


def test_tolerance(palette: Palette) -> None:
    css = "a { color: #1f2329; background: #f0f0f0 }"
    assert len(scan_css(palette, css)) == 2
    assert brief(scan_css(palette, css, Policy(tolerance=parse_tolerance("1")))) == [(1, 33, "off-palette", "#f0f0f0")]
    assert scan_css(palette, css, Policy(tolerance=Tolerance("ok", 0.05))) == []
    # A translucent colour never matches an opaque token, however close.
    assert len(scan_css(palette, "a { color: #1f232880 }", Policy(tolerance=Tolerance("2000", 5)))) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("exact", Tolerance()),
        ("2", Tolerance("2000", 2)),
        ("ok:0.02", Tolerance("ok", 0.02)),
        ("deok=0.1", Tolerance("ok", 0.1)),
    ],
)
def test_tolerance_spellings(text: str, expected: Tolerance) -> None:
    assert parse_tolerance(text) == expected


def test_fonts(palette: Palette) -> None:
    css = (
        "a { font-family: Inter, 'Helvetica Neue', sans-serif; }\n"
        "b { font-family: Arial, sans-serif; }\n"
        "c { font-family: 'JetBrains Mono', Menlo, monospace; }\n"
        'd { font: italic 600 14px/1.4 "Comic Sans MS", cursive; }\n'
        "e { font: menu; font-family: inherit; }\n"
        "f { font: bold 1rem var(--font-family-sans); font-family: var(--font-family-sanz); }\n"
    )
    issues = scan_css(palette, css)
    assert brief(issues) == [
        (2, 18, "off-brand-font", "Arial"),
        (3, 36, "off-brand-font", "Menlo"),
        (4, 31, "off-brand-font", "Comic Sans MS"),
        (6, 59, "unknown-token", "var(--font-family-sanz)"),
    ]
    assert issues[0].fix == "var(--font-family-sans)"
    assert issues[0].message == "font-family: font family 'Arial' is not a brand family (brand: Inter, JetBrains Mono)"


def test_inline_ignore_comment(palette: Palette) -> None:
    css = "a { color: red; } /* prodguard: ignore[brand] campaign page */\nb { color: red; }\n"
    assert brief(scan_css(palette, css)) == [(2, 12, "off-palette", "red")]


def test_occurrences_make_distinct_stable_keys(palette: Palette) -> None:
    issues = scan_css(palette, "a { color: red }\nb { color: red }\nc { background: red }")
    assert [i.key for i in issues] == ["off-palette|color|red", "off-palette|color|red#1", "off-palette|background|red"]


def test_scales(palette: Palette) -> None:
    css = "a { margin: 0 8px 1rem 7px; border-radius: 6px; padding: 10px; font-size: 13px; gap: 0.5rem }"
    issues = scan_css(palette, css, Policy(scales=("spacing", "radius")))
    assert brief(issues) == [(1, 24, "off-scale", "7px"), (1, 58, "off-scale", "10px")]
    assert issues[0].fix == "var(--space-sm)"
    assert scan_css(palette, css) == []
