"""The fast stylesheet outline reports exactly what tinycss2's full parse reports, and is really used."""

from __future__ import annotations

import os

import pytest
from brand_helpers import TEXT_ALPHABET
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_prodguard.brand.engine import Issue, Scan
from pytest_prodguard.brand.engine.matching import Matcher, Policy
from pytest_prodguard.brand.engine.outline import Declaration, Unmodelled, normalise, outline
from pytest_prodguard.brand.engine.palette import Palette

FUZZ = settings(
    max_examples=int(os.environ.get("OUTLINE_EXAMPLES", "150")),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Each is a stylesheet whose outline has a trap: the two paths must still agree on every issue.
TRICKY = {
    "plain": ".a { color: #ff0000; background: var(--color-bg-default) }",
    "comments": "/* a; { */ .a /* } */ , .b { /* x */ color /* y */ : /* z */ #ff0000 /* ; */ ; }",
    "strings": '.a[title="a;b{c}"] { content: "}; color: red"; color: #ff0000 }',
    "single quotes": ".a { font-family: 'Comic Sans MS', serif; color: 'x;' }",
    "url unquoted": ".a { background: url(data:image/png;base64,iVBO{R}) #ff0000; color: red }",
    "url quoted": ".a { background: url('a;b.png') #ff0000 }",
    "other url function": ".a { background: myurl(a;b) red; color: red }",
    "important": ".a { color: #ff0000 !important; border-color: red ! IMPORTANT; outline-color: #00f !important x }",
    "semicolon in function": ".a { color: rgb(1 2 3; 4); border-color: red }",
    "media": "@media (min-width: 1px) { .a { color: #ff0000 } @supports (x: y) { .b { fill: lime } } }",
    "layers": "@layer base, theme; @layer base { .a { color: #ff0000 } } @import url(x.css) screen;",
    "skipped at-rules": "@font-face { font-family: Comic Sans; color: red } @property --x { initial-value: red }",
    "keyframes": ".a { color: red } @keyframes k { from { color: #ff0000 } to { color: blue } } .b { color: lime }",
    "page": "@page :first { color: red; @top-left { color: blue } } .a { color: lime }",
    "nesting": ".a { color: red; &:hover { color: #ff0000 } .b & { fill: blue } } .c { color: lime }",
    "escapes": ".a\\:hover { color: red } .b { color: #ff0000 }",
    "crlf and form feed": ".a {\r\n  color: #ff0000;\r\n}\f.b {\r color: red }\n.c { color: \x00 }",
    "unclosed block": ".a { color: red } .b { color: #ff0000",
    "unclosed comment": ".a { color: red } /* .b { color: #ff0000 }",
    "unclosed string": '.a { color: red } .b { content: "x; color: #ff0000 }\n.c { color: blue }',
    "stray close": ".a { color: red } } .b { color: #ff0000 }",
    "top-level semicolon": ".a { color: red } ; .b { color: #ff0000 }",
    "custom properties": ":root { --brand: #ff0000; --x: { a: b }; --y:; --z: var(--nope) } .a { color: var(--brand) }",
    "not a declaration": ".a { *zoom: 1; color red; 12: x; color: #ff0000 }",
    "at-rule in a block": ".a { @apply --mixin; color: #ff0000 }",
    "unknown at-rule": "@foo { color: red; } @bar x { .a { color: #ff0000 } }",
    "cdo cdc": "<!-- .a { color: red } --> .b { color: #ff0000 }",
    "unicode": ".é { cölor: red; color: #ff0000; --ß: red } .\u00a0 { color: red }",
    "fonts": ".a { font: italic 12px/1.5 Comic Sans, sans-serif; font-family: Inter, Arial }",
    "uppercase": ".A { COLOR: #FF0000; Background-Color: RED }",
    "lone var()": ".a { --x: red; color: var(--x); background: var(--color-fg-legacy); border-color: var(--nope);"
    " outline-color:  var( --color-fg-default ) ; fill: VAR(--color-fg-default); stroke: var(--x) !important }",
    "empty": "",
    "whitespace only": "  \n\t ",
    "brackets": ".a[x] { grid-template-areas: [a] 'b'; color: #ff0000 } .b { color: ([) }",
}


def _both(palette: Palette, css: str, line0: int = 1, col0: int = 1) -> tuple[Scan, Scan]:
    policy = Policy(scales=("spacing", "radius", "font-size"))
    fast, full = Scan(Matcher(palette, policy), css), Scan(Matcher(palette, policy), css)
    fast.stylesheet(css, line0, col0)
    full.full_parse(css, line0, col0)
    return fast, full


def _view(issues: list[Issue]) -> list[tuple[object, ...]]:
    return [(i.rule, i.line, i.col, i.prop, i.written, i.key, i.severity, i.fix, i.target) for i in issues]


@pytest.mark.parametrize("css", TRICKY.values(), ids=TRICKY.keys())
def test_outline_agrees_with_the_full_parse(palette: Palette, css: str) -> None:
    for origin in ((1, 1), (4, 9)):  # a stylesheet at the top of a file, and a <style> block further down
        fast, full = _both(palette, css, *origin)
        assert _view(fast.issues) == _view(full.issues)
        assert fast.issues == full.issues
        assert fast.checked == full.checked


SEP = "|"
PIECES = st.sampled_from(
    "a|.b|{|}|;|:| |\n|\r\n|\f|color|background|border|font|font-family|margin|--x|--color-fg-default|var(|)|(|[|]|,"
    "|#fff|#ff0000|red|transparent|rgb(1 2 3)|Inter|'|\"|'a;{'|/*|*/|/* ; } */|url(|url(a;b)|url('x')|myurl("
    "|@media x|@layer|@font-face|@keyframes k|@page|@|&|!important|! important|\\|<!--|-->|é|12px|1rem"
    "|var(--x)|var(--color-fg-legacy)|var(--nope)".split(SEP)
)


@FUZZ
@given(css=st.one_of(st.lists(PIECES, max_size=50).map("".join), st.text(TEXT_ALPHABET, max_size=60)))
def test_outline_agrees_with_the_full_parse_on_generated_css(palette: Palette, css: str) -> None:
    fast, full = _both(palette, css, 3, 5)
    assert fast.issues == full.issues
    assert fast.checked == full.checked


def test_plain_css_is_outlined_without_the_full_parser() -> None:
    # Agreement alone would also hold if every stylesheet fell back to the full parse: prove it does not.
    css = "@charset 'x';\n/* c */\n.a, .b > c { color: red; --x: 1px }\n@media (x) { .d { fill: #fff } }\n"
    items = outline(css)
    assert all(isinstance(item, Declaration) for item in items)
    assert [(item.name, css[item.start : item.end]) for item in items if isinstance(item, Declaration)] == [
        ("color", " red"),
        ("--x", " 1px "),
        ("fill", " #fff "),
    ]
    first = items[0]
    assert isinstance(first, Declaration)
    assert css[first.selector[0] : first.selector[1]] == ".a, .b > c "


def test_only_the_unmodelled_construct_goes_to_the_full_parser() -> None:
    css = ".a { color: red }\n@keyframes k { from { color: blue } }\n.b { color: lime }"
    items = outline(css)
    start = css.index("}\n@keyframes") + 1  # from the end of the rule before it
    end = css.index("}\n.b") + 1
    assert items[1] == Unmodelled(start, end)
    assert isinstance(items[0], Declaration)
    assert isinstance(items[2], Declaration)
    escaped = outline(".a { color: red } .b\\:c { color: blue }")
    assert escaped[1:] == [Unmodelled(17)]  # an escape: everything after the last complete rule


def test_positions_of_outlined_values_inside_a_document(palette: Palette) -> None:
    css = "/* head */\n@media (x) {\n  .a { border: 1px solid #ff0000 }\n}\n.b{color:red}"
    scan = Scan(Matcher(palette, Policy()), css)
    scan.stylesheet(css, 10, 8)  # as a <style> block starting at line 10, column 8
    assert [(i.line, i.col, i.written, i.target) for i in scan.issues] == [
        (12, 26, "#ff0000", ".a"),
        (14, 10, "red", ".b"),
    ]


def test_normalise_counts_lines_like_tinycss2() -> None:
    assert normalise("a\r\nb\rc\fd\0") == "a\nb\nc\nd\ufffd"
    assert normalise("plain") == "plain"
