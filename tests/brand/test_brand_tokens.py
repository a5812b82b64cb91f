"""Reading tokens: DTCG, Tokens Studio, Style Dictionary, CSS custom properties, and their errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from brand_helpers import TOKENS, write_tokens

from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.tokens import TokenError, load_palette


def colors(palette: Palette) -> dict[str, str]:
    return {
        t.name + (f"@{','.join(sorted(t.themes))}" if t.themes else ""): t.color.hex for t in palette.colors if t.color
    }


def test_dtcg_objects_aliases_types_and_modes(tmp_path: Path) -> None:
    palette = load_palette([write_tokens(tmp_path)], tmp_path)
    assert colors(palette) == {
        "color.brand.primary": "#0d6efd",
        "color.brand.accent": "#e92063",  # DTCG hsl saturation/lightness are 0-100
        "color.fg.default": "#1f2328",
        "color.fg.muted": "#59636e",
        "color.fg.legacy": "#1f2328",
        "color.bg.default": "#ffffff",
        "color.bg.default@dark": "#0d1117",
        "color.bg.subtle": "#f6f8fa",
        "color.border.default": "#d0d7de",
        "color.shadow.small": "#00000080",
    }
    legacy = palette.by_var["--color-fg-legacy"]
    assert legacy.deprecated
    assert palette.first_families == {"inter", "jetbrains mono"}
    assert {"helvetica neue", "sans-serif", "monospace"} <= palette.families
    assert palette.lengths("spacing") == {8.0, 16.0}
    assert palette.lengths("radius") == {6.0}


def test_themes_restrict_the_palette(tmp_path: Path) -> None:
    with pytest.raises(TokenError, match=r"no token belongs to theme 'light' \(themes found: dark\)"):
        load_palette([write_tokens(tmp_path)], tmp_path, themes=["light"])
    dark = load_palette([write_tokens(tmp_path)], tmp_path, themes=["dark"])
    assert "#0d1117" in dark.by_hex


def test_tokens_studio_single_file_with_themes_and_modifiers(tmp_path: Path) -> None:
    data: dict[str, Any] = {
        "core": {
            "blue": {"500": {"value": "#0969da", "type": "color"}},
            "black": {"value": "#000000", "type": "color"},
        },
        "light": {"bg": {"canvas": {"value": "#ffffff", "type": "color"}}},
        "dark": {"bg": {"canvas": {"value": "#010409", "type": "color"}}},
        "semantic": {
            "link": {"value": "{blue.500}", "type": "color"},
            "overlay": {"value": "rgba({black}, 0.4)", "type": "color"},
            "hover": {
                "value": "{blue.500}",
                "type": "color",
                "$extensions": {"studio.tokens": {"modify": {"type": "alpha", "value": "0.5", "space": "srgb"}}},
            },
            "pale": {
                "value": "#000000",
                "type": "color",
                "$extensions": {"studio.tokens": {"modify": {"type": "lighten", "value": 0.5, "space": "srgb"}}},
            },
        },
        "$themes": [
            {"name": "light", "selectedTokenSets": {"core": "source", "semantic": "enabled", "light": "enabled"}},
            {"name": "dark", "selectedTokenSets": {"core": "source", "semantic": "enabled", "dark": "enabled"}},
        ],
        "$metadata": {"tokenSetOrder": ["core", "light", "dark", "semantic"]},
    }
    palette = load_palette([write_tokens(tmp_path, data)], tmp_path)
    assert colors(palette) == {
        "blue.500": "#0969da",
        "black": "#000000",
        "bg.canvas@light": "#ffffff",
        "bg.canvas@dark": "#010409",
        "link": "#0969da",
        "overlay": "#00000066",
        "hover": "#0969da80",
        "pale": "#808080",
    }
    assert "#010409" not in load_palette([write_tokens(tmp_path, data)], tmp_path, themes=["light"]).by_hex


def test_style_dictionary_output_and_primer_alpha_quirk(tmp_path: Path) -> None:
    flat = [
        {"name": "color-accent-fg", "value": "#0969da", "path": ["color", "accent", "fg"], "type": "color"},
        {"name": "font-stack", "value": "Mona Sans, sans-serif", "path": ["font", "stack"], "type": "fontFamily"},
    ]
    primer = {"overlay": {"$type": "color", "$value": "#1f2328", "alpha": 0.5}}
    files = [write_tokens(tmp_path, flat, "sd.json"), write_tokens(tmp_path, primer, "primer.json")]
    palette = load_palette(files, tmp_path)
    assert colors(palette) == {"color.accent.fg": "#0969da", "overlay": "#1f232880"}
    assert palette.by_var["--color-accent-fg"].name == "color.accent.fg"
    assert palette.first_families == {"mona sans"}


def test_css_custom_properties_with_theme_selectors(tmp_path: Path) -> None:
    css = tmp_path / "vars.css"
    css.write_text(
        ":root { --brand-blue: #0969DA; --link: var(--brand-blue); --font-family-base: 'Inter', sans-serif; }\n"
        "[data-theme='dark'] { --surface: rgb(1 4 9); }\n"
        "@media (prefers-color-scheme: dark) { :root { --text: white; } }\n",
        encoding="utf-8",
    )
    palette = load_palette([css], tmp_path)
    assert colors(palette) == {
        "brand-blue": "#0969da",
        "link": "#0969da",
        "surface@dark": "#010409",
        "text@dark": "#ffffff",
    }
    assert palette.by_var["--link"].var == "--link"
    assert palette.first_families == {"inter"}


def test_dtcg_json_pointer_ref(tmp_path: Path) -> None:
    data = {
        "base": {"$type": "color", "blue": {"$value": {"colorSpace": "srgb", "components": [0, 0, 1]}}},
        "alias": {
            "$type": "color",
            "$value": {"colorSpace": "srgb", "components": [0, {"$ref": "#/base/blue/$value/components/2"}, 0]},
        },
    }
    palette = load_palette([write_tokens(tmp_path, data)], tmp_path)
    assert colors(palette) == {"base.blue": "#0000ff", "alias": "#00ff00"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": ', r"^tokens.json:1:7: not valid JSON: Expecting value$"),
        ("[1, 2]", r"^tokens.json: /0: expected a Style Dictionary token object with name and value$"),
        ('"x"', r"^tokens.json: /: expected a JSON object of token groups or a list of tokens$"),
        (
            json.dumps({"c": {"$type": "color", "x": {"$value": 12}}}),
            r"^tokens.json: /c/x: expected a CSS colour string or a colour object .*, got 12$",
        ),
        (
            json.dumps({"c": {"$type": "color", "x": {"$value": "#12"}}}),
            r"^tokens.json: /c/x: '#12' is not a CSS colour; expected",
        ),
        (
            json.dumps({"c": {"$type": "color", "x": {"$value": {"colorSpace": "cmyk", "components": [0, 0, 0]}}}}),
            r"^tokens.json: /c/x: unknown colorSpace 'cmyk' \(expected one of srgb, ",
        ),
        (
            json.dumps({"c": {"$type": "color", "x": {"$value": {"colorSpace": "srgb", "components": [0, 0]}}}}),
            r"^tokens.json: /c/x: components must be a list of 3 numbers or 'none'$",
        ),
        (
            json.dumps({"a": {"$value": "{b}"}, "b": {"$value": "{a}"}}),
            r"^tokens.json: /a: alias cycle a -> b -> a$",
        ),
        (json.dumps({"a": {"$value": "{nope.x}"}}), r"^tokens.json: /a: alias \{nope.x\} names no token$"),
        (
            json.dumps({"f": {"$type": "fontFamily", "$value": 3}}),
            r"^tokens.json: /f: expected a font family name or a list of names$",
        ),
        (json.dumps({"a": {"$value": "12px"}}), r"^tokens.json: no colour or font-family tokens found"),
        (json.dumps({"a": {"$type": 5, "$value": "#fff"}}), r"^tokens.json: /a/\$type: expected a type name string"),
    ],
)
def test_bad_token_files_name_file_path_and_expectation(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TokenError, match=message):
        load_palette([path], tmp_path)


def test_missing_token_file(tmp_path: Path) -> None:
    with pytest.raises(TokenError, match=r"^design/tokens.json: token file not found$"):
        load_palette([tmp_path / "design" / "tokens.json"], tmp_path)


def test_several_files_merge(tmp_path: Path) -> None:
    extra = {"color": {"$type": "color", "danger": {"$value": "oklch(0.577 0.245 27.3)"}}}
    palette = load_palette([write_tokens(tmp_path), write_tokens(tmp_path, extra, "extra.json")], tmp_path)
    assert palette.by_var["--color-danger"].color is not None
    assert len(palette.colors) == len(colors(load_palette([write_tokens(tmp_path)], tmp_path))) + 1
    assert TOKENS["color"]["$type"] == "color"


STYLE_DICTIONARY_JSON5 = """\
// Style Dictionary source: comments, unquoted keys, single quotes and trailing commas.
{
  color: {
    brand: {
      primary: { value: '#0d6efd', type: 'color' }, // links and buttons
      accent: { $value: "#e92063", $type: "color", },
    },
    /* dark surfaces */
    bg: { dark: { value: '{color.brand.primary}', type: 'color' } },
  },
  font: { family: { sans: { value: 'Inter, sans-serif', type: 'fontFamily' } } },
  space: { sm: { value: '8px', type: 'spacing' }, },
}
"""


def test_json5_token_files_read_like_json(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json5"
    path.write_text(STYLE_DICTIONARY_JSON5, encoding="utf-8")
    palette = load_palette([path], tmp_path)
    assert colors(palette) == {
        "color.brand.primary": "#0d6efd",
        "color.brand.accent": "#e92063",
        "color.bg.dark": "#0d6efd",
    }
    assert palette.first_families == {"inter"}
    assert palette.lengths("spacing") == {8.0}
    assert palette.by_var["--color-bg-dark"].source == "tokens.json5"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{\n  color: { x: 1 }\n  y: 2,\n}", r"^tokens.json5:3:3: not valid JSON5: Unexpected \"y\"$"),
        ("{a: 1,", r"^tokens.json5:1:7: not valid JSON5: Unexpected end of input$"),
        ("{c: {$type: 'color', x: {$value: '#12'}}}", r"^tokens.json5: /c/x: '#12' is not a CSS colour; expected"),
    ],
)
def test_bad_json5_files_name_file_and_position(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "tokens.json5"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TokenError, match=message):
        load_palette([path], tmp_path)


def test_json5_without_the_library_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "json5", None)
    path = tmp_path / "tokens.json5"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(TokenError, match=r"^tokens.json5: reading JSON5 token files needs the json5 package"):
        load_palette([path], tmp_path)
