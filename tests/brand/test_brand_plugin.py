"""The plugin as users meet it: collected items, settings, errors, baseline, fixture and marker.

Each pytester run costs a whole pytest session, so one run covers several behaviours.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from brand_helpers import write_tokens

from pytest_prodguard.brand.engine import BrandError, Engine, Profile
from pytest_prodguard.brand.engine.tolerance import Tolerance

COMPLIANT = (
    ":root { --card-gap: 8px; }\n"
    "body { color: var(--color-fg-default); background: #fff; font-family: Inter, sans-serif; }\n"
)
OFF_BRAND = "body {\n  color: #1f2329;\n  border: 1px solid var(--color-border-defualt);\n}\n"
USES = "a { gap: var(--card-gap); color: var(--card-gap-x); }\n"
TESTS = """
from pathlib import Path
import pytest

def test_compliant(brand):
    assert brand.check_css("a { color: var(--color-brand-primary) }") == []
    assert brand.check_svg("<svg><rect fill='#0d6efd'/></svg>") == []

def test_off_brand_html(brand):
    found = brand.check_html("<p style='color: #ff0000'>x</p>")
    assert [f.rule for f in found] == ["off-palette"]

def test_file(brand):
    assert len(brand.check_css(Path("css/site.css"))) == 2

@pytest.mark.brand(tolerance="ok:0.1")
def test_marker_tolerance(brand):
    assert brand.check_css("a { color: #1f2329 }") == []

@pytest.mark.brand(literals="sometimes")
def test_bad_marker(brand):
    pass

@pytest.mark.brand(colour="red")
def test_unknown_marker_argument(brand):
    pass

@pytest.mark.brand
def test_marked_but_unchecked():
    pass
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "design").mkdir()
    write_tokens(pytester.path / "design")
    (pytester.path / "css").mkdir()
    (pytester.path / "css" / "ok.css").write_text(COMPLIANT, encoding="utf-8")
    (pytester.path / "css" / "site.css").write_text(OFF_BRAND, encoding="utf-8")
    (pytester.path / "css" / "uses.css").write_text(USES, encoding="utf-8")
    (pytester.path / "page.html").write_text("<p style='color: red'>x</p>\n", encoding="utf-8")
    pytester.makeini(
        "[pytest]\nprodguard_brand_tokens = design/tokens.json\nprodguard_brand_paths =\n    css/**/*.css\n    *.html\n"
    )
    return pytester


def test_items_fixture_marker_and_json_report(project: pytest.Pytester) -> None:
    project.makepyfile(test_pages=TESTS)
    result = project.runpytest("-v", "-p", "no:cacheprovider", "--strict-markers", "--prodguard-json=report.json")
    result.assert_outcomes(passed=3, failed=6, errors=2)
    result.stdout.fnmatch_lines(
        [
            "test_pages.py::test_compliant PASSED*",
            "css/ok.css::brand PASSED*",
            "css/site.css::brand FAILED*",
            "css/uses.css::brand FAILED*",
            "page.html::brand FAILED*",
            "*prodguard: bad @pytest.mark.brand on *: literals='sometimes': expected one of allow, warn, error",
            "*prodguard: bad @pytest.mark.brand on *: got an unexpected keyword argument 'colour'",
            "_* test_off_brand_html _*",
            # A lone finding: the title says the message, the line where it is and the fix.
            "prodguard brand: color: #ff0000 is not a brand colour*",
            "  [[]brand:off-palette[]] <html>:1:18 p (fix: var(--color-brand-accent))",
            "_* test_file _*",
            "prodguard brand: 2 new findings",
            "*marked @pytest.mark.brand but no brand check ran (call the brand fixture's check_* methods)",
            "_* brand check of css/site.css _*",
            "prodguard brand: 2 new findings",
            "  [[]brand:off-palette[]] css/site.css:2:10 body: color: #1f2329 is not a brand colour (normalised"
            " #1f2329); nearest text token color.fg.default #1f2328, ΔE2000 0.70, 2 tokens share this value"
            " (fix: var(--color-fg-default))",
            "  [[]brand:unknown-token[]] css/site.css:3:21 body: border: var(--color-border-defualt) names no token"
            " or custom property; did you mean --color-border-default? (fix: var(--color-border-default))",
            "prodguard brand: color: var(--card-gap-x) names no token*did you mean --card-gap?*",
            "*css/uses.css:1:34 a (fix: *",
            "*brand*checked*9*passed*3*failed*6*",
        ]
    )
    result.stdout.no_fnmatch_line("*INTERNALERROR*")
    result.stdout.no_fnmatch_line("*During handling*")
    report = json.loads((project.path / "report.json").read_text(encoding="utf-8"))
    findings = [f for f in report["findings"] if f["gate"] == "brand" and f["path"] and not f["path"].startswith("<")]
    assert [(f["path"], f["line"], f["col"], f["rule"], f["fix"]) for f in findings] == [
        ("css/site.css", 2, 10, "off-palette", "var(--color-fg-default)"),
        ("css/site.css", 3, 21, "unknown-token", "var(--color-border-default)"),
        ("css/site.css", 2, 10, "off-palette", "var(--color-fg-default)"),
        ("css/site.css", 3, 21, "unknown-token", "var(--color-border-default)"),
        ("css/uses.css", 1, 34, "unknown-token", "var(--card-gap)"),
        ("page.html", 1, 18, "off-palette", "var(--color-brand-accent)"),
    ]
    assert findings[0]["details"]["normalised"] == "#1f2329"
    assert findings[0]["fingerprint"] == "brand|off-palette|css/site.css|off-palette|color|#1f2329"


def test_baseline_arguments_keywords_and_cache(project: pytest.Pytester) -> None:
    project.runpytest("--prodguard-update-baseline").assert_outcomes(passed=4)
    entries = project.path / ".pytest_cache" / "v" / "prodguard" / "brand"
    assert len(list(entries.iterdir())) == 4  # one result per file
    (project.path / "css" / "site.css").write_text(OFF_BRAND + "a { color: red }\n", encoding="utf-8")
    # A file argument is collected once even when its directory is named too; -k matches file names.
    result = project.runpytest("-v", "css/site.css", "css", "page.html", "-k", "site or ok or page")
    result.assert_outcomes(passed=2, failed=1, deselected=1)
    result.stdout.fnmatch_lines(
        [
            "css/site.css::brand FAILED*",
            "page.html::brand PASSED*",
            "css/ok.css::brand PASSED*",
            "prodguard brand: color: red is not a brand colour*",
            "  [[]brand:off-palette[]] css/site.css:5:12 a*",
            "*brand*checked*3*passed*1*failed*1*known*1*",
        ]
    )
    assert result.stdout.str().count("css/site.css::brand FAILED") == 1
    assert len(list(entries.iterdir())) == 5  # the changed file got a new entry
    # Results are cached per file; changing the tokens must invalidate them.
    tokens = json.loads((project.path / "design" / "tokens.json").read_text(encoding="utf-8"))
    tokens["color"]["brand"]["red"] = {"$value": "red"}
    (project.path / "design" / "tokens.json").write_text(json.dumps(tokens), encoding="utf-8")
    project.runpytest("-k", "site").assert_outcomes(passed=1, deselected=3)


def test_without_tokens_every_check_fails_clearly(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nprodguard_brand_paths = css/ok.css\n")
    project.makepyfile("def test_x(brand):\n    brand.check_css('a { color: red }')\n")
    result = project.runpytest()
    result.assert_outcomes(failed=2)
    message = "prodguard: no design tokens to check against: set prodguard_brand_tokens (ini), PRODGUARD_BRAND_TOKENS*"
    result.stdout.fnmatch_lines(["*_ test_x _*", message, "*_ brand check of css/ok.css _*", message])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_bad_token_file_fails_items_with_one_line(project: pytest.Pytester) -> None:
    (project.path / "design" / "bad.json").write_text('{"c": {"$type": "color", "x": {"$value": true}}}', "utf-8")
    project.makeini("[pytest]\nprodguard_brand_tokens = design/bad.json\nprodguard_brand_paths = css/ok.css\n")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*_ brand check of css/ok.css _*", "design/bad.json: /c/x: expected a CSS colour string or a colour object *"]
    )
    result.stdout.no_fnmatch_line("*INTERNALERROR*")


def test_paths_matching_nothing_cannot_pass(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nprodguard_brand_tokens = design/tokens.json\nprodguard_brand_paths = dist/*.css\n")
    result = project.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*prodguard_brand_paths (dist/*.css) matched no file under the rootdir*"])


def test_bad_setting_is_a_usage_error(project: pytest.Pytester) -> None:
    result = project.runpytest("-p", "no:cacheprovider", "--prodguard-brand-literals=maybe")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--prodguard-brand-literals (from command line): 'maybe': expected one of allow, warn, error*"]
    )
    result.stderr.no_fnmatch_line("*INTERNALERROR*")


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ({"tokens": ("design/*.yaml",)}, "prodguard_brand_tokens: 'design/*.yaml' matches no file under the rootdir"),
        ({"tokens": ("design/missing.json",)}, "design/missing.json: token file not found"),
        (
            {"scales": ("radius", "font-size")},
            "prodguard_brand_scales: font-size is on, but the tokens hold no font-size",
        ),
    ],
)
def test_engine_mistakes(tmp_path: Path, profile: dict[str, Any], message: str) -> None:
    (tmp_path / "design").mkdir()
    write_tokens(tmp_path / "design")
    base = Profile(("design/tokens.json",), Tolerance(), "allow", (), (), ())
    engine = Engine(tmp_path)
    with pytest.raises(BrandError, match="^" + re.escape(message)):
        engine.palette(replace(base, **profile))
    assert engine.palette(base).by_var  # one bad profile does not spoil another


TOKENS_JSON5 = """\
// A dark theme that extends the light one, and a spacing scale computed with Tokens Studio math.
{
  color: {
    light: { $type: 'color', fg: { $value: '#1f2328' }, bg: { $value: '#ffffff' } },
    dark: { $extends: '{color.light}', bg: { $value: '#0d1117' }, },
  },
  spacing: {
    $type: 'dimension',
    base: { $value: '8px' },
    lg: { $value: '{spacing.base} * 3' }, // 24px
  },
}
"""


def test_json5_tokens_with_extends_and_math_end_to_end(pytester: pytest.Pytester) -> None:
    (pytester.path / "design").mkdir()
    (pytester.path / "design" / "tokens.json5").write_text(TOKENS_JSON5, encoding="utf-8")
    css = "body { color: var(--color-dark-fg); background: #0d1117; padding: 24px; margin: 20px; }\n"
    (pytester.path / "site.css").write_text(css, encoding="utf-8")
    pytester.makeini(
        "[pytest]\nprodguard_brand_tokens = design/tokens.json5\nprodguard_brand_paths = site.css\n"
        "prodguard_brand_scales = spacing\n"
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)  # var(--color-dark-fg) is inherited, 24px is computed: one finding
    result.stdout.fnmatch_lines(
        [
            "_* brand check of site.css _*",
            "prodguard brand: margin: 20px is not on the spacing scale; nearest spacing.lg (24px)",
            "  [[]brand:off-scale[]] site.css:1:81 body (fix: var(--spacing-lg))",
        ]
    )


def test_reports_count_the_declarations_checked_also_from_the_cache(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nprodguard_brand_tokens = design/tokens.json\nprodguard_brand_paths = css/*.css\n")
    for _ in range(2):  # the second run takes every file's result from pytest's cache
        project.runpytest("--prodguard-json=report.json").assert_outcomes(passed=1, failed=2)
        brand = json.loads((project.path / "report.json").read_text())["values"]["brand"]
        # ok.css 4 (the custom property too), site.css 2, uses.css 2
        assert (brand["files"], brand["declarations"]) == (3, 8)
