"""pytest's collection counts include the items prodguard adds (pages, brand files)."""

from __future__ import annotations

import pytest

PAGE = '<!doctype html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1></main></body></html>'
TOKENS = '{"color": {"brand": {"$type": "color", "$value": "#0055ff"}}}'


def test_counts_include_pages_and_brand_files(pytester: pytest.Pytester) -> None:
    pytester.makefile(".html", **{"site/a": PAGE, "site/b": PAGE})
    pytester.makefile(".json", tokens=TOKENS)
    pytester.makefile(".css", site="a { color: #0055ff; }")
    pytester.makeini(
        "[pytest]\nprodguard_a11y_pages = site/*.html\nprodguard_brand_tokens = tokens.json\n"
        "prodguard_brand_paths = *.css\n"
    )
    pytester.makepyfile(test_plain="def test_one():\n    pass\n")

    listed = pytester.runpytest("--collect-only", "-q")
    listed.stdout.fnmatch_lines(["test_plain.py::test_one", "site/a.html::a11y", "site/b.html::a11y", "*::brand"])
    listed.stdout.fnmatch_lines(["4 tests collected in *"])

    chosen = pytester.runpytest("--collect-only", "-k", "a.html")
    chosen.stdout.fnmatch_lines(["collected 4 items / 3 deselected / 1 selected"])
