"""Tokens Studio math in dimension values: computed after aliases, feeding the scales, errors named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from brand_helpers import brief, scan_css, write_tokens

from pytest_prodguard.brand.engine.matching import Policy
from pytest_prodguard.brand.engine.mathexpr import MathError, evaluate
from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.tokens import TokenError, load_palette

STUDIO: dict[str, Any] = {
    "spacing": {
        "base": {"value": "8", "type": "spacing"},
        "xs": {"value": "{spacing.base} / 2", "type": "spacing"},
        "md": {"value": "{spacing.base}px * 2", "type": "spacing"},
        "lg": {"value": "({spacing.md} + 8) * 1.5", "type": "spacing"},
        "gutter": {"value": "-{spacing.xs}", "type": "spacing"},
    },
    "sizing": {"icon": {"value": "1.5rem - 0.25rem", "type": "sizing"}},
    "fontSizes": {
        "body": {"value": "16", "type": "fontSizes"},
        "h1": {"value": "{fontSizes.body} * 2", "type": "fontSizes"},
    },
    # Computed too (125%), though line heights are not part of the palette.
    "lineHeights": {"tight": {"value": "100% + 25%", "type": "lineHeights"}},
    "colors": {"blue": {"value": "#0969da", "type": "color"}, "link": {"value": "{colors.blue}", "type": "color"}},
    # Never evaluated: only dimension-like types are arithmetic.
    "fontFamilies": {"odd": {"value": "Volume 8 / 0", "type": "fontFamilies"}},
}


def lengths(palette: Palette) -> dict[str, float | None]:
    return {t.name: t.length_px for t in palette.tokens if t.color is None and not t.families}


def test_studio_math_is_computed_after_aliases(tmp_path: Path) -> None:
    palette = load_palette([write_tokens(tmp_path, STUDIO)], tmp_path)
    assert lengths(palette) == {
        "spacing.base": 8.0,
        "spacing.xs": 4.0,
        "spacing.md": 16.0,
        "spacing.lg": 36.0,  # the alias brings the computed 16px, not the text of its sum
        "spacing.gutter": -4.0,
        "sizing.icon": 20.0,
        "fontSizes.body": 16.0,
        "fontSizes.h1": 32.0,
    }
    assert {t.name: t.color.hex for t in palette.colors if t.color} == {
        "colors.blue": "#0969da",
        "colors.link": "#0969da",
    }
    assert palette.by_var["--font-families-odd"].families == ("Volume 8 / 0",)
    assert palette.lengths("spacing") == {8.0, 4.0, 16.0, 36.0, -4.0}


def test_dtcg_dimensions_precedence_and_values_left_alone(tmp_path: Path) -> None:
    data = {
        "color": {"$type": "color", "fg": {"$value": "#1f2328"}},
        "space": {
            "$type": "dimension",
            "sm": {"$value": {"value": 4, "unit": "px"}},
            "md": {"$value": "{space.sm} * 2"},  # a {value, unit} object is used as 4px
            "sum": {"$value": "4 + 2"},
            "double": {"$value": "{space.sum} * 2"},  # (4 + 2) * 2, not 4 + 2 * 2
            "pair": {"$value": "8px 16px"},
            "offset": {"$value": "0 -8px"},
            "calc": {"$value": "calc(100% - 8px)"},
        },
    }
    palette = load_palette([write_tokens(tmp_path, data)], tmp_path)
    assert lengths(palette) == {
        "space.sm": 4.0,
        "space.md": 8.0,
        "space.sum": 6.0,
        "space.double": 12.0,
        "space.pair": None,
        "space.offset": None,
        "space.calc": None,
    }


def test_computed_lengths_feed_the_scales(tmp_path: Path) -> None:
    palette = load_palette([write_tokens(tmp_path, STUDIO)], tmp_path)
    css = ".card { padding: 16px 36px; margin: 1rem; gap: 30px; }"
    issues = scan_css(palette, css, Policy(scales=("spacing",)))
    assert brief(issues) == [(1, 48, "off-scale", "30px")]
    assert issues[0].message == "gap: 30px is not on the spacing scale; nearest spacing.lg (36px)"


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("16 * 1.5", "24"),
        ("8px * 2", "16px"),
        ("(8px + 4) / 2", "6px"),
        ("0.5rem * 3", "1.5rem"),
        ("1 / 3", "0.3333"),
        ("-(4px + 2px)", "-6px"),
        ("16px / 8px", "2"),
        ("8px-4px", "4px"),
        ("-8px", "-8px"),
        ("8px", None),
        ("8px 16px", None),
        ("0 -8px", None),
        ("calc(8px * 2)", None),
        ("var(--x) * 2", None),
        ("auto", None),
    ],
)
def test_evaluate(text: str, result: str | None) -> None:
    assert evaluate(text) == result


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "{space.base} * / 2",
            r"/space/bad: cannot compute '\{space.base\} \* / 2' \(= '8px \* / 2'\): unexpected '/' where a number "
            r"should be; expected numbers with an optional px, rem, em or % unit joined by \+ - \* / and parentheses$",
        ),
        ("(8px + 2", r"/space/bad: cannot compute '\(8px \+ 2': a '\(' is not closed; expected numbers"),
        ("8px *", r"/space/bad: cannot compute '8px \*': it ends where a number should follow; expected numbers"),
        (
            "{space.base} / (4 - 4)",
            r"/space/bad: cannot compute .*: division by zero; expected a divisor other than 0$",
        ),
        ("0.5rem + 2px", r"/space/bad: cannot compute '0.5rem \+ 2px': cannot add 0.5rem and 2px; expected one unit, "),
        (
            "2px * {space.base}",
            r"/space/bad: cannot compute .*: cannot multiply 2px by 8px; expected no unit on one side$",
        ),
        ("100vh - 8px", r"/space/bad: cannot compute '100vh - 8px': unit 'vh' is not supported; expected px, rem, em,"),
    ],
)
def test_bad_math_names_file_pointer_and_expression(tmp_path: Path, value: str, message: str) -> None:
    data = {
        "color": {"$type": "color", "fg": {"$value": "#1f2328"}},
        "space": {"$type": "dimension", "base": {"$value": "8px"}, "bad": {"$value": value}},
    }
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TokenError, match="^tokens.json: " + message):
        load_palette([path], tmp_path)


def test_evaluator_limits() -> None:
    with pytest.raises(MathError, match=r"^parentheses nested more than 32 deep"):
        evaluate("(" * 40 + "1" + ")" * 40)
    with pytest.raises(MathError, match=r"^the result is too large"):
        evaluate("9" * 400 + " * 2")
