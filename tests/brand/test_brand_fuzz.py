"""No input crashes the brand part: arbitrary CSS, markup and token JSON give findings or a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from brand_helpers import TEXT_ALPHABET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_prodguard.brand.engine.markup import scan_markup
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.palette import Palette
from pytest_prodguard.brand.engine.scan import Scan
from pytest_prodguard.brand.engine.tokens import TokenError, load_palette

FUZZ = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _split(text: str, sep: str = "|") -> list[str]:
    return text.split(sep)


PIECES = st.sampled_from(
    _split(
        "a|{|}|;|:| |\n|color|background|font|font-family|border|box-shadow|--x|var(|var(--color-fg-default|)|,|#|#fff"
        "|#12345|rgb(|hsl(|oklch(|lab(|color(|display-p3|/|50%|1e999|none|red|Inter|'|\"|@media|@layer|(|&|url(|calc("
        "|color-mix(in srgb,|from|-|.5|0|\\|/*|*/|prodguard: ignore[brand]"
    )
)
CSS = st.one_of(st.text(TEXT_ALPHABET, max_size=80), st.lists(PIECES, max_size=40).map("".join))
KEYS = st.sampled_from(
    _split(
        "$value $type value type color colorSpace components alpha hex $extensions modes dark $deprecated name"
        " path $ref $extends $themes fontFamily a b",
        " ",
    )
)
MARKUP = st.sampled_from(
    _split("<p style='|<svg>|<rect fill=|'|\"|>|</p>|<style>|</style>|red|color: red|\n|<!--|-->|bgcolor=")
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["#fff", "{a}", "{b}", "{a.b}", "color", "srgb", "hsl", "none", "red", "12px", "#0/0", "#/a"]),
    st.sampled_from(["dimension", "spacing", "{a} * 2", "({b} + 1) / 0", "8px - 1rem", "-(2", "{a}px * 1.5"]),
    st.text(TEXT_ALPHABET, max_size=8),
)
JSON_VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25
)


def _scan(palette: Palette) -> Scan:
    return Scan(Matcher(palette, Policy(scales=("spacing",))), "")


@FUZZ
@given(css=CSS)
def test_any_css_gives_findings_not_crashes(palette: Palette, css: str) -> None:
    scan = _scan(palette)
    scan.stylesheet(css)
    scan.declarations(css, 3, 5)
    assert all(issue.rule for issue in scan.issues)


@FUZZ
@given(markup=st.lists(st.sampled_from(["<p style='", "<svg>", "<rect fill=", "'", '"', ">", "</p>", "<style>",
                                         "</style>", "red", "color: red", "\n", "<!--", "-->", "bgcolor="]),
                       max_size=20).map("".join))  # fmt: skip
def test_any_markup_gives_findings_not_crashes(palette: Palette, markup: str) -> None:
    for svg in (False, True):
        scan = _scan(palette)
        scan_markup(scan, markup, svg=svg)


@FUZZ
@given(data=JSON_VALUES)
def test_any_token_json_gives_a_palette_or_a_clear_error(tmp_path: Path, data: Any) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    problem = ""
    try:
        palette = load_palette([path], tmp_path)
    except TokenError as exc:
        problem = str(exc)
    if problem:
        assert problem.startswith(("tokens.json", "prodguard_brand_themes")), problem
        assert "\n" not in problem
    else:
        assert palette.colors or palette.families


@FUZZ
@given(css=CSS)
def test_any_css_token_file_gives_a_palette_or_a_clear_error(tmp_path: Path, css: str) -> None:
    path = tmp_path / "tokens.css"
    path.write_text(":root { --brand: #0d6efd; }\n" + css, encoding="utf-8")
    problem = ""
    try:
        palette = load_palette([path], tmp_path)
    except TokenError as exc:
        problem = str(exc)
    if problem:
        assert problem.startswith("tokens.css"), problem
    else:
        assert palette.colors or palette.families
