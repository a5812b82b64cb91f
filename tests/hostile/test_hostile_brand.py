"""Hostile brand inputs: a misspelt token type, a $ref cycle, a truncated SVG, CSS nested 3,000 deep.

Each is one clear line naming the file (and the token), never a silent drop or a bare RecursionError.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hostile_helpers import run

from pytest_prodguard.brand.engine.tokens import TokenError, load_palette

TOKEN_CASES = [
    (
        {"color": {"brand": {"$type": "colour", "$value": "#0d6efd"}, "fg": {"$type": "color", "$value": "#111"}}},
        "tokens.json: /color/brand: token 'color.brand' has $type 'colour', which is not a token type "
        "(did you mean 'color'?)",
    ),
    (
        {"font": {"$type": "fontFamilly", "body": {"$value": "Inter"}}, "c": {"$type": "color", "$value": "#111"}},
        "tokens.json: /font/body: token 'font.body' has $type 'fontFamilly', which is not a token type "
        "(did you mean 'fontfamily'?)",
    ),
    (
        {
            "color": {
                "$type": "color",
                "a": {"$value": {"$ref": "#/color/b/$value"}},
                "b": {"$value": {"$ref": "#/color/a/$value"}},
            }
        },
        "tokens.json: /color/a: $ref cycle $ref #/color/b/$value -> $ref #/color/a/$value -> $ref #/color/b/$value",
    ),
]


@pytest.mark.parametrize(("document", "message"), TOKEN_CASES, ids=["colour", "fontFamilly", "ref-cycle"])
def test_bad_token_file_is_one_error_naming_file_and_token(tmp_path: Path, document: Any, message: str) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps(document))
    with pytest.raises(TokenError) as info:
        load_palette([path], tmp_path)
    assert str(info.value).startswith(message)


def test_a_vendor_type_that_is_no_misspelling_is_kept_quiet(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(
        json.dumps({"c": {"$type": "color", "$value": "#111"}, "m": {"$type": "motionPath", "$value": "x"}})
    )
    assert load_palette([path], tmp_path).colors


def test_truncated_svg_and_deep_css_fail_with_one_line_naming_the_file(pytester: pytest.Pytester) -> None:
    pytester.path.joinpath("tokens.json").write_text(json.dumps({"c": {"$type": "color", "$value": "#111111"}}))
    pytester.path.joinpath("cut.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g><rect fill="#111111"/>')
    pytester.path.joinpath("deep.css").write_text("a{" * 3000 + "color:#111111" + "}" * 3000)
    pytester.path.joinpath("fine.css").write_text("a { color: #111111 }")
    pytester.makeini("[pytest]\nprodguard_brand_tokens = tokens.json\nprodguard_brand_paths = *.css, *.svg\n")
    result = run(pytester, "-rA", "--prodguard-json=r.json")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        ["prodguard brand: malformed SVG (line 1: Premature end of data*); only the part before it*"]
    )
    result.stdout.fnmatch_lines(["deep.css: rules or elements nested too deeply to check*"])
    assert "RecursionError" not in result.stdout.str()
    report = json.loads(pytester.path.joinpath("r.json").read_text())
    assert [f["rule"] for f in report["findings"] if f["path"] == "cut.svg"] == ["unreadable-svg"]
