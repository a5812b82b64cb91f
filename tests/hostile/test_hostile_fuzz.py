"""Fuzzing the inputs a user writes: settings, budget marker arguments, token files and CSS.

Every input gives a value or the part's one documented error (never another exception, never
a hang). The suite runs a bounded number of cases (HOSTILE_FUZZ_EXAMPLES per property, 50 by
default: 200 in all); ``benchmarks/hostile_fuzz.py`` runs 10,000.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_prodguard.brand.engine.tokens import TokenError, load_palette
from pytest_prodguard.budgets.options import parse_presets
from pytest_prodguard.budgets.spec import BudgetSpec, SpecError, build_spec
from pytest_prodguard.config import Option, resolve_from
from pytest_prodguard.parts import all_options

EXAMPLES = int(os.environ.get("HOSTILE_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=EXAMPLES <= 50,  # the suite's run is the same every time; the long run explores
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ALPHABET = "".join(chr(c) for c in range(32, 127)) + "\t\n\x00\x1b\u00a0µ€\U0001f600"


def _pieces(text: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(text.split("|")), max_size=12).map("".join)


NUMBERS = "0|1|-1|.5|1e999|-1e999|1e308|nan|inf|-0|10|150|0.0|1e-400|99999999999999999999"
UNITS = "|ms|s|us|ns|m|h|%|KB|MiB|B|x|µs"
WORDS = "p95|p(99.9)|max|min|median|error_rate|hit_rate|max_queries|queries|off|none|all|true|false|exact|ok:"
VALUES = st.one_of(
    st.text(ALPHABET, max_size=30),
    _pieces(f"{NUMBERS}|{UNITS}|{WORDS}| |,|;|\n|:|<|<=|>=|==|!=|a|api|default|*.html|**/|./|.|/"),
)
OPTIONS: dict[str, Option[Any]] = {option.knob: option for option in all_options()}


class Rejected(Exception):
    pass


@FUZZ
@given(knob=st.sampled_from(sorted(OPTIONS)), raw=VALUES, where=st.sampled_from(["ini", "env", "cli"]))
def test_any_setting_value_parses_or_is_one_usage_error(knob: str, raw: str, where: str) -> None:
    option = OPTIONS[knob]
    ini = {option.ini_name: raw} if where == "ini" else {}
    cli = {option.ini_name: raw} if where == "cli" else {}
    environ = {option.env_name: raw} if where == "env" else {}

    def error(message: str) -> Exception:
        assert message.startswith("prodguard: ")
        assert "\n" not in message.strip()
        return Rejected(message)

    try:
        resolved = resolve_from([option], ini=ini.get, ini_source="ini", cli=cli.get, environ=environ, error=error)
    except Rejected:
        return
    value = resolved.get(option)
    if isinstance(value, float):
        assert math.isfinite(value)


MARKER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    VALUES,
    st.lists(st.integers(), max_size=2),
)
STATS = st.sampled_from(
    ["p95", "p50", "p99.9", "p0", "p100", "max", "min", "mean", "median", "error_rate", "hit_rate", "max_queries",
     "queries", "bogus", "level", "p(95)"]
)  # fmt: skip
PRESETS = parse_presets("")


@FUZZ
@given(
    markers=st.lists(
        st.tuples(
            st.one_of(st.none(), st.sampled_from(["api", "db", "page", "cache", "default", "nope"]), MARKER_VALUES),
            st.one_of(st.none(), st.sampled_from(["error", "warn", "fatal"]), MARKER_VALUES),
            st.dictionaries(STATS, MARKER_VALUES, max_size=4),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_budget_marker_builds_a_budget_or_is_one_spec_error(markers: list[tuple[Any, Any, dict[str, Any]]]) -> None:
    try:
        spec = build_spec(markers, PRESETS)
    except SpecError as exc:
        problem = str(exc)
    else:
        problem = ""
    if problem:
        assert "\n" not in problem
        return
    assert isinstance(spec, BudgetSpec)
    for rule in spec.rules:
        limit = rule.threshold.limit.value
        assert math.isfinite(limit)
        assert limit >= 0
        # A limit that cannot fail was refused: some measurable value breaks it.
        assert not (rule.threshold.holds(0.0) and rule.threshold.holds(1.0 if "rate" in rule.stat else 1e30))


TOKEN_LEAF = st.one_of(
    st.none(), st.booleans(), st.floats(allow_nan=True), st.integers(), VALUES,
    _pieces("#fff|#0d6efd|{color.a}|{color.b}|{x}|rgb(1,2,3)|Inter|, |16px|1rem|oklch(0.5 0.1 20)"),
)  # fmt: skip
TOKEN_TYPES = st.sampled_from(["color", "colour", "Color", "dimension", "fontFamily", "fontFamilly", "shadow", "x", 5])


def _token() -> st.SearchStrategy[Any]:
    ref = st.sampled_from(["#/color/a", "#/color", "#/", "#/color/b/$value", "x"]).map(lambda r: {"$ref": r})
    return st.fixed_dictionaries({"$value": st.one_of(TOKEN_LEAF, ref)}, optional={"$type": TOKEN_TYPES})


TOKENS = st.recursive(
    st.dictionaries(st.sampled_from(["a", "b", "c", "$type", "x"]), _token(), max_size=3),
    lambda inner: st.dictionaries(
        st.sampled_from(["color", "font", "a", "b", "$type", "$extensions"]), inner, max_size=3
    ),
    max_leaves=8,
)


@FUZZ
@given(document=st.one_of(TOKENS, st.lists(TOKEN_LEAF, max_size=3), st.text(ALPHABET, max_size=40)))
def test_any_token_file_loads_or_is_one_token_error(tmp_path_factory: Any, document: Any) -> None:
    folder: Path = tmp_path_factory.mktemp("tokens")
    path = folder / "tokens.json"
    path.write_text(document if isinstance(document, str) else json.dumps({"color": document}), encoding="utf-8")
    problem = "loaded"
    try:
        load_palette([path], folder)
    except TokenError as exc:
        problem = str(exc).strip()
    assert problem


CSS = st.one_of(
    st.text(ALPHABET, max_size=80),
    _pieces("a{|}|color:|#fff|#12|rgb(|var(--x|)|;|@media (x){|@supports (a){|&|/*|*/|1e999px|calc(|\\|'|\""),
    st.integers(min_value=1, max_value=4000).map(lambda depth: "a{" * depth + "color:red" + "}" * depth),
)


@FUZZ
@given(css=CSS)
def test_any_stylesheet_is_scanned_or_is_one_brand_error(tmp_path_factory: Any, css: str) -> None:
    from pytest_prodguard.brand.engine.checking import BrandError, Engine, Profile, scan_text
    from pytest_prodguard.brand.engine.tolerance import parse_tolerance

    folder: Path = tmp_path_factory.mktemp("css")
    tokens = folder / "tokens.json"
    tokens.write_text(json.dumps({"color": {"$type": "color", "red": {"$value": "#ff0000"}}}), encoding="utf-8")
    profile = Profile(("tokens.json",), parse_tolerance("exact"), "allow", (), (), ())
    problem = "site.css: scanned"
    try:
        scan_text(Engine(folder), profile, folder / "site.css", css)
    except BrandError as exc:
        problem = str(exc)
    assert problem.startswith("site.css: ")
