"""DTCG group inheritance: ``$extends`` merges another group's tokens in, and its mistakes are named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from brand_helpers import write_tokens

from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.tokens import TokenError, load_palette

THEMES: dict[str, Any] = {
    "palette": {
        "$type": "color",
        "gray": {"0": {"$value": "#ffffff"}, "9": {"$value": "#1f2328"}, "10": {"$value": "#0d1117"}},
        "blue": {"4": {"$value": "#4493f8"}, "5": {"$value": "#0969da"}},
    },
    "theme": {
        "light": {
            "$type": "color",
            "bg": {"default": {"$value": "{palette.gray.0}"}, "inset": {"$value": "#f6f8fa"}},
            "fg": {"default": {"$value": "{palette.gray.9}"}},
            "accent": {"$value": "{palette.blue.5}"},
        },
        "dark": {
            "$extends": "{theme.light}",
            "bg": {"default": {"$value": "{palette.gray.10}"}},
            "accent": {"$value": "{palette.blue.4}"},
        },
    },
    "link": {"$type": "color", "$value": "{theme.dark.bg.inset}"},
}


def summary(palette: Palette) -> dict[str, tuple[str | None, str | float | None]]:
    """name -> (type, colour hex or length in px)."""
    return {t.name: (t.type, t.color.hex if t.color else t.length_px) for t in palette.tokens}


def load(tmp_path: Path, data: Any) -> Palette:
    return load_palette([write_tokens(tmp_path, data)], tmp_path)


def test_an_extending_group_inherits_overrides_and_deep_merges(tmp_path: Path) -> None:
    palette = load(tmp_path, THEMES)
    colors = {name: value for name, (_, value) in summary(palette).items() if name.startswith(("theme", "link"))}
    assert colors == {
        "theme.light.bg.default": "#ffffff",
        "theme.light.bg.inset": "#f6f8fa",
        "theme.light.fg.default": "#1f2328",
        "theme.light.accent": "#0969da",
        "theme.dark.bg.default": "#0d1117",  # overridden inside a subgroup: the rest of bg is kept
        "theme.dark.bg.inset": "#f6f8fa",
        "theme.dark.fg.default": "#1f2328",
        "theme.dark.accent": "#4493f8",
        "link": "#f6f8fa",  # an alias can name an inherited token
    }
    inherited = palette.by_var["--theme-dark-fg-default"]
    assert (inherited.name, inherited.pointer) == ("theme.dark.fg.default", "/theme/light/fg/default")
    assert palette.by_var["--theme-dark-bg-default"].pointer == "/theme/dark/bg/default"


def test_types_come_from_where_a_token_is_written(tmp_path: Path) -> None:
    data = {
        "size": {
            "$type": "dimension",
            "space": {"sm": {"$value": {"value": 4, "unit": "px"}}, "md": {"$value": "8px"}},
        },
        # Untyped where written: takes the type of the group it extends.
        "density": {"compact": {"$extends": "{size.space}", "md": {"$value": {"value": 6, "unit": "px"}}}},
        "brand": {"$type": "color", "primary": {"$value": "#0969da"}},
        # The extending group's $type types its own tokens, never the inherited ones.
        "button": {"$extends": "{brand}", "$type": "dimension", "radius": {"$value": "6px"}},
    }
    assert summary(load(tmp_path, data)) == {
        "size.space.sm": ("dimension", 4.0),
        "size.space.md": ("dimension", 8.0),
        "density.compact.sm": ("dimension", 4.0),
        "density.compact.md": ("dimension", 6.0),
        "brand.primary": ("color", "#0969da"),
        "button.primary": ("color", "#0969da"),
        "button.radius": ("dimension", 6.0),
    }


def test_reference_forms_chains_and_shared_targets(tmp_path: Path) -> None:
    data = {
        "base": {"$type": "color", "fg": {"$value": "#1f2328"}, "bg": {"$value": "#ffffff"}},
        "pointer": {"$extends": "#/base", "fg": {"$value": "#000000"}},
        "ref-object": {"$extends": {"$ref": "#/pointer"}, "bg": {"$value": "#eeeeee"}},
        # A subgroup may extend the group its own parent extends: shared, not circular.
        "card": {"$extends": "{base}", "header": {"$extends": "{base}", "bg": {"$value": "#f6f8fa"}}},
    }
    colors = {name: value for name, (_, value) in summary(load(tmp_path, data)).items()}
    assert colors == {
        "base.fg": "#1f2328",
        "base.bg": "#ffffff",
        "pointer.fg": "#000000",
        "pointer.bg": "#ffffff",
        "ref-object.fg": "#000000",
        "ref-object.bg": "#eeeeee",
        "card.fg": "#1f2328",
        "card.bg": "#ffffff",
        "card.header.fg": "#1f2328",
        "card.header.bg": "#f6f8fa",
    }


def test_tokens_studio_sets_extend_within_their_set_or_by_pointer(tmp_path: Path) -> None:
    data = {
        "core": {"button": {"bg": {"value": "#0969da", "type": "color"}, "fg": {"value": "#ffffff", "type": "color"}}},
        "danger": {"button-danger": {"$extends": "#/core/button", "bg": {"value": "#cf222e", "type": "color"}}},
        "link": {"default": {"fg": {"value": "#0969da", "type": "color"}}, "visited": {"$extends": "{default}"}},
        "$metadata": {"tokenSetOrder": ["core", "danger", "link"]},
    }
    assert {name: value for name, (_, value) in summary(load(tmp_path, data)).items()} == {
        "button.bg": "#0969da",
        "button.fg": "#ffffff",
        "button-danger.bg": "#cf222e",
        "button-danger.fg": "#ffffff",
        "default.fg": "#0969da",
        "visited.fg": "#0969da",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"theme": {"dark": {"$extends": "{theme.base}"}}},
            r"/theme/dark/\$extends: \{theme.base\} names no group in this file; "
            r'expected a reference to a group, such as "\{color.base\}" or "#/color/base"$',
        ),
        (
            {"theme": {"dark": {"$extends": "#/theme/light"}}},
            r"/theme/dark/\$extends: #/theme/light names no group in this file; expected a reference to a group",
        ),
        (
            {"theme": {"light": {"bg": {"$value": "#fff"}}, "dark": {"$extends": "{theme.light.bg}"}}},
            r"/theme/dark/\$extends: \{theme.light.bg\} names a token, not a group; expected a reference to a group",
        ),
        (
            {"theme": {"dark": {"$extends": "theme.light"}}},
            r'/theme/dark/\$extends: expected a reference to a group, such as .*, got "theme.light"$',
        ),
        (
            {"a": {"$extends": "{b}"}, "b": {"$extends": "{a}"}},
            r"/b/\$extends: \$extends cycle a -> b -> a; expected a group that neither contains nor extends this one$",
        ),
        (
            {"a": {"$extends": "{b}"}, "b": {"$extends": "{c}"}, "c": {"$extends": "{a}"}},
            r"/c/\$extends: \$extends cycle a -> b -> c -> a; ",
        ),
        (
            {"button": {"c": {"$type": "color", "$value": "#fff"}, "secondary": {"$extends": "{button}"}}},
            r"/button/secondary/\$extends: \$extends cycle button -> button.secondary -> button; ",
        ),
    ],
)
def test_extends_mistakes_name_file_pointer_and_expectation(tmp_path: Path, data: Any, message: str) -> None:
    (tmp_path / "design").mkdir()
    path = tmp_path / "design" / "tokens.json"
    path.write_text(json.dumps({"brand": {"$type": "color", "blue": {"$value": "#0969da"}}, **data}), "utf-8")
    with pytest.raises(TokenError, match="^design/tokens.json: " + message):
        load_palette([path], tmp_path)
