"""Token formats and false positives found on real design systems, reproduced by small excerpts written here.

Each excerpt has the shape of what Shopify Polaris, Adobe Spectrum, IBM Carbon, GitHub Primer or
Salesforce Lightning publish on the npm registry (benchmarks/brand_design_systems.py runs the real
packages), cut down to the few tokens a behaviour needs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from brand_helpers import brief, scan_css

from pytest_prodguard.brand.engine import Engine, Issue, Palette, Policy, Profile, TokenError, Tolerance, load_palette
from pytest_prodguard.brand.engine import scan_file as engine_scan_file

# Polaris' CSS build: themes as classes, colours as rgba(), shadows as composite custom properties.
POLARIS_LIKE = """\
:root,.p-theme-light{--p-color-bg:rgba(241, 241, 241, 1);--p-color-text:rgba(48, 48, 48, 1);\
--p-color-bg-surface-transparent:rgba(0, 0, 0, 0);--p-font-family-sans:'Inter', -apple-system, sans-serif;\
--p-shadow-600:0rem 0.25rem 0.5rem -0.125rem rgba(26, 26, 26, 0.2), 0rem 0rem 0rem 0.0625rem rgba(0, 0, 0, 0.07);\
--p-shadow-bevel-100:0.0625rem 0rem 0rem 0rem rgba(0, 0, 0, 0.13) inset;\
--p-motion-ease:cubic-bezier(0.25, 0.1, 0.25, 1)}
.p-theme-dark{--p-color-bg:rgba(26, 26, 26, 1);\
--p-shadow-bevel-100:0.0625rem 0rem 0rem 0rem rgba(204, 204, 204, 0.08) inset}
"""


def palette_of(tmp_path: Path, name: str, text: str, **options: object) -> Palette:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_palette([path], tmp_path, **options)  # type: ignore[arg-type]


def rules(issues: list[Issue]) -> list[str]:
    return [issue.rule for issue in issues]


# -- composite colours and a token file checked against itself ---------------------------------


def test_a_css_token_file_checked_against_itself_has_no_finding(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    assert scan_css(palette, POLARIS_LIKE, Policy(literals="error")) == []


def test_colours_inside_shadow_tokens_are_brand_colours(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    css = ".card { box-shadow: 0 1px 2px rgba(26, 26, 26, 0.2); }\n.x { box-shadow: 0 1px rgba(26, 26, 26, 0.3); }\n"
    assert brief(scan_css(palette, css)) == [(2, 24, "off-palette", "rgba(26, 26, 26, 0.3)")]


def test_a_stylesheet_repeating_a_token_definition_is_clean_but_a_changed_value_is_not(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    repeated = ".p-theme-dark { --p-shadow-bevel-100: 0.0625rem 0 0 0 rgba(204, 204, 204, 0.08) inset; }\n"
    assert scan_css(palette, repeated) == []
    changed = ":root { --p-color-bg: rgba(241, 241, 240, 1); }\n"
    assert rules(scan_css(palette, changed)) == ["off-palette"]


def test_dtcg_composite_shadow_border_and_gradient_colours_count(tmp_path: Path) -> None:
    tokens = {
        "shadow": {
            "$type": "shadow",
            "raised": {
                "$value": [
                    {"color": "#00000033", "offsetX": "0px", "offsetY": "1px", "blur": "2px", "spread": "0px"},
                    {"color": "#0000001a", "offsetX": "0px", "offsetY": "4px", "blur": "8px", "spread": "0px"},
                ]
            },
        },
        "border": {"$type": "border", "focus": {"$value": {"color": "#0969da", "width": "2px", "style": "solid"}}},
        "gradient": {
            "$type": "gradient",
            "hero": {"$value": [{"color": "#ff0000", "position": 0}, {"color": "#0000ff", "position": 1}]},
        },
    }
    palette = palette_of(tmp_path, "tokens.json", json.dumps(tokens))
    css = (
        ".a { box-shadow: 0 4px 8px #0000001a; border: 2px solid #0969da; }\n"
        ".b { background: linear-gradient(#ff0000, #0000ff); }\n"
    )
    assert scan_css(palette, css) == []


# -- suggestions: alpha and role ---------------------------------------------------------------


def test_a_suggestion_of_another_alpha_says_so_and_offers_no_fix(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    [issue] = scan_css(palette, ".backdrop { background-color: rgba(0, 0, 0, 0.5); }\n")
    assert "at alpha 0 where this is 0.5" in issue.message
    assert issue.fix is None
    assert issue.details["alpha_differs"] is True


def test_alpha_weighs_in_the_distance_so_a_near_colour_at_the_same_alpha_wins(tmp_path: Path) -> None:
    tokens = ":root { --overlay-clear: rgba(0, 0, 0, 0); --overlay-dim: rgba(20, 20, 20, 0.5); }\n"
    palette = palette_of(tmp_path, "tokens.css", tokens)
    [issue] = scan_css(palette, ".x { fill: rgba(0, 0, 0, 0.5); }\n")
    assert "nearest token overlay-dim #14141480" in issue.message
    assert issue.fix == "var(--overlay-dim)"


def test_a_text_property_is_offered_a_text_token_and_told_of_a_nearer_one(tmp_path: Path) -> None:
    tokens = ":root { --fgColor-default: #1f2328; --bgColor-inset: #1f2329; }\n"
    palette = palette_of(tmp_path, "tokens.css", tokens)
    [issue] = scan_css(palette, "p { color: #1f232a; }\n")
    assert issue.fix == "var(--fgColor-default)"
    assert "nearest text token fgColor-default #1f2328" in issue.message
    assert "nearer, of another role: bgColor-inset #1f2329" in issue.message
    [definition] = scan_css(palette, ":root { --fgColor-muted: #1f232a; }\n")  # a text token's definition
    assert definition.fix == "var(--fgColor-default)"


# -- font stacks from typeless CSS tokens ------------------------------------------------------


def test_a_font_stack_is_read_from_its_shape(tmp_path: Path) -> None:
    tokens = ':root { --fontStack-system: -apple-system, BlinkMacSystemFont, "Segoe UI", sans-serif; }\n'
    palette = palette_of(tmp_path, "tokens.css", tokens)
    assert [t.families[0] for t in palette.font_tokens] == ["-apple-system"]
    assert rules(scan_css(palette, "body { font-family: Roboto, sans-serif; }\n")) == ["off-brand-font"]
    assert scan_css(palette, "body { font-family: -apple-system, sans-serif; }\n") == []


def test_a_single_family_token_is_a_font_stack_where_the_stylesheets_use_it_as_one(tmp_path: Path) -> None:
    (tmp_path / "tokens.css").write_text(":root { --brand-body: Inter; --brand-ink: #111111; }\n", encoding="utf-8")
    site = tmp_path / "site.css"
    site.write_text("body { font-family: var(--brand-body); }\nh1 { font-family: Georgia; }\n", encoding="utf-8")
    profile = Profile(("tokens.css",), Tolerance(), "allow", (), (), ())
    without = Engine(tmp_path)
    assert rules(engine_scan_file(without, profile, site).issues) == []  # nothing says --brand-body is a font
    engine = Engine(tmp_path)
    engine.learn([site])
    assert brief(engine_scan_file(engine, profile, site).issues) == [(2, 19, "off-brand-font", "Georgia")]


def test_a_value_that_merely_has_commas_is_no_font_stack(tmp_path: Path) -> None:
    tokens = ":root { --grid-areas: a, b; --ease: cubic-bezier(0.2, 0, 0, 1); --ink: #111111; }\n"
    assert palette_of(tmp_path, "tokens.css", tokens).font_tokens == []


# -- token formats -----------------------------------------------------------------------------

SPECTRUM_LIKE = {
    "gray-900": {
        "$schema": "https://opensource.adobe.com/spectrum-design-data/schemas/token-types/color-set.json",
        "sets": {
            "light": {"$schema": ".../token-types/color.json", "value": "rgb(41, 41, 41)"},
            "dark": {"$schema": ".../token-types/color.json", "value": "rgb(219, 219, 219)"},
        },
    },
    "neutral-content-color-default": {"$schema": ".../token-types/alias.json", "value": "{gray-900}"},
    "field-width": {
        "$schema": ".../token-types/dimension-set.json",
        "sets": {"desktop": {"value": "192px"}, "mobile": {"value": "240px"}},
    },
    "old-accent": {
        "$schema": ".../token-types/color-set.json",
        "deprecated": True,
        "sets": {"light": {"value": "rgb(0, 0, 255)"}, "dark": {"value": "rgb(0, 0, 200)"}},
    },
}


def test_spectrum_sets_are_per_theme_values_and_an_alias_of_one_is_per_theme_too(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "color.json", json.dumps(SPECTRUM_LIKE))
    aliased = sorted(
        (t.color.hex, tuple(t.themes)) for t in palette.tokens if t.name == "neutral-content-color-default" and t.color
    )
    assert aliased == [("#292929", ("light",)), ("#dbdbdb", ("dark",))]
    assert {t.length_px for t in palette.tokens if t.name == "field-width"} == {192.0, 240.0}
    assert all(t.deprecated for t in palette.tokens if t.name == "old-accent")
    dark = palette_of(tmp_path, "color.json", json.dumps(SPECTRUM_LIKE), themes=("dark",))
    assert {t.color.hex for t in dark.colors if t.color} == {"#dbdbdb", "#0000c8"}


def test_a_format_we_do_not_read_is_named_not_reported_as_a_missing_alias(tmp_path: Path) -> None:
    unknown = {
        "blue-900": {"variants": {"light": {"value": "#123456"}, "dark": {"value": "#654321"}}},
        "accent": {"value": "{blue-900}"},
    }
    with pytest.raises(TokenError) as caught:
        palette_of(tmp_path, "odd.json", json.dumps(unknown))
    message = str(caught.value)
    assert message.startswith("odd.json: /accent: alias {blue-900} names no token; odd.json holds it as a group")
    assert "(blue-900.variants.dark, blue-900.variants.light), a token format we do not read" in message
    assert "\n" not in message


def test_carbon_alpha_modifiers_give_the_alias_its_opacity(tmp_path: Path) -> None:
    tokens = {
        "gray": {"50": {"$type": "color", "$value": "#8d8d8d"}},
        "background-hover": {
            "$type": "color",
            "$value": "{gray.50}",
            "$extensions": {"org.carbon": {"alphaModifier": 0.12}},
        },
    }
    palette = palette_of(tmp_path, "white.json", json.dumps(tokens))
    assert scan_css(palette, ".row:hover { background-color: rgba(141, 141, 141, 0.12); }\n") == []


def test_css_tokens_built_from_other_custom_properties(tmp_path: Path) -> None:
    tokens = (
        ".spectrum--light { --spectrum-gray-100-rgb: 233, 233, 233;"
        " --spectrum-gray-100: rgb(var(--spectrum-gray-100-rgb)); }\n"
    )
    palette = palette_of(tmp_path, "index.css", tokens)
    assert [t.color.hex for t in palette.colors if t.color] == ["#e9e9e9"]


# -- unknown custom properties -----------------------------------------------------------------


def test_a_custom_property_a_token_file_defines_is_known_whatever_its_value(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    assert scan_css(palette, ".a { transition-timing-function: var(--p-motion-ease); color: var(--p-nope); }\n") != []
    assert scan_css(palette, ".a { border-color: var(--p-motion-ease); }\n") == []


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (Policy(), [("unknown-token", "error"), ("unknown-token", "warning")]),
        (Policy(unknown="warn"), [("unknown-token", "warning"), ("unknown-token", "warning")]),
        (Policy(unknown="off"), []),
        (Policy(runtime_vars=("--pc-range-*",)), [("unknown-token", "warning")]),
    ],
)
def test_the_unknown_level_and_run_time_properties(
    tmp_path: Path, policy: Policy, expected: list[tuple[str, str]]
) -> None:
    palette = palette_of(tmp_path, "tokens.css", POLARIS_LIKE)
    css = ".a { color: var(--pc-range-slider-progress); background: var(--pc-hook, rgba(241, 241, 241, 1)); }\n"
    assert [(i.rule, i.severity.value) for i in scan_css(palette, css, policy)] == expected


def test_the_settings_reach_a_pytest_run_and_a_bad_level_is_a_usage_error(pytester: pytest.Pytester) -> None:
    (pytester.path / "tokens.css").write_text(POLARIS_LIKE, encoding="utf-8")
    (pytester.path / "slider.css").write_text(
        ".s { background: var(--pc-range-slider-progress); color: var(--p-colour-text); }\n", encoding="utf-8"
    )
    ini = "[pytest]\nprodguard_brand_tokens = tokens.css\nprodguard_brand_paths = slider.css\n"
    pytester.makeini(ini + "prodguard_brand_runtime_vars = --pc-range-*\nprodguard_brand_unknown = warn\n")
    passed = pytester.runpytest("-p", "no:cacheprovider")
    passed.assert_outcomes(passed=1)
    # One warning: the misspelled token; the property set at run time is no finding at all.
    passed.stdout.fnmatch_lines(["brand *checked *1 *passed *0 *failed *0 *known *0 *warned *1"])
    pytester.makeini(ini)
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(failed=1)
    bad = pytester.runpytest("-p", "no:cacheprovider", "--prodguard-brand-unknown=loud")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(
        ["*--prodguard-brand-unknown (from command line): 'loud': expected one of error, warn, off*"]
    )


def test_a_typo_fix_keeps_the_token_names_case(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "tokens.css", ":root { --fgColor-default: #1f2328; }\n")
    [issue] = scan_css(palette, "p { color: var(--color-fg-default); }\n")
    assert issue.fix == "var(--fgColor-default)"  # not the lower-cased alias --fgcolor-default


def test_carbon_tokens_that_are_also_groups_and_per_theme_component_tokens(tmp_path: Path) -> None:
    g90 = {
        "gray": {"50": {"$type": "color", "$value": "#8d8d8d"}, "90": {"$type": "color", "$value": "#262626"}},
        "background": {
            "$type": "color",
            "$value": "{gray.90}",
            "hover": {"$type": "color", "$value": "{gray.50}", "$extensions": {"org.carbon": {"alphaModifier": 0.16}}},
        },
        "button": {
            "disabled": {
                "$type": "color",
                "$extensions": {
                    "carbon.themes": {"white": "{gray.90}", "g90": "{gray.50}"},
                    "org.carbon": {"alphaModifiers": {"g90": 0.3}},
                },
            }
        },
    }
    palette = palette_of(tmp_path, "g90.json", json.dumps(g90))
    found = {(t.name, t.color.hex, tuple(t.themes)) for t in palette.colors if t.color and "." in t.name}
    assert ("background.hover", "#8d8d8d29", ()) in found
    assert {("button.disabled", "#262626", ("white",)), ("button.disabled", "#8d8d8d4d", ("g90",))} <= found


def test_a_colour_named_like_a_font_stays_a_colour(tmp_path: Path) -> None:
    palette = palette_of(tmp_path, "bg-standard.json", json.dumps({"JOB_FAMILY": "rgb(27, 150, 255)"}))
    assert palette.font_tokens == []
    assert [t.color.hex for t in palette.colors if t.color] == ["#1b96ff"]
