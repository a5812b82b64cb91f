"""Statistics, limits and presets: what a budget may say, and the one-line errors when it says it wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_prodguard.budgets.marker import budget
from pytest_prodguard.budgets.options import BUDGETS, OPTIONS, parse_presets
from pytest_prodguard.budgets.spec import BudgetSpec, SpecError, build_spec, canonical_stat, limit_from_value
from pytest_prodguard.units import UnitError

PRESETS = parse_presets("")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("p50", "median"), ("p95", "p95"), ("p95.0", "p95"), ("p99.9", "p99.9"), ("max_queries", "queries")],
)
def test_canonical_stat(written: str, canonical: str) -> None:
    assert canonical_stat(written) == canonical


@pytest.mark.parametrize(
    ("stat", "message"), [("p100", "exclusive"), ("p0", "exclusive"), ("p95x", "unknown statistic")]
)
def test_bad_stat(stat: str, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        canonical_stat(stat)


@pytest.mark.parametrize(
    ("stat", "value", "op", "limit"),
    [
        ("p95", "500ms", "<=", 0.5),
        ("max", 2, "<=", 2.0),
        ("error_rate", "5%", "<=", 0.05),
        ("error_rate", 0.01, "<=", 0.01),
        ("hit_rate", "90%", ">=", 0.9),
        ("max_queries", 20, "<=", 20.0),
    ],
)
def test_limit_from_value(stat: str, value: Any, op: str, limit: float) -> None:
    threshold = limit_from_value(stat, value)
    assert threshold.op == op
    assert threshold.limit.value == pytest.approx(limit)


@pytest.mark.parametrize(
    ("stat", "value", "message"),
    [
        ("p95", "fast", "p95='fast': expected a duration"),
        ("p95", "-5ms", "negative"),
        ("p95", "5%", "expected a duration"),
        ("hit_rate", "2s", "expected a percentage"),
        ("hit_rate", 5, "expected a percentage"),
        ("max_queries", "1s", "expected a whole number"),
        ("max", True, "expected a string"),
        ("max", [1], "expected a string"),
    ],
)
def test_bad_limit(stat: str, value: Any, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        limit_from_value(stat, value)


def test_builtin_presets() -> None:
    assert {name: [str(t) for t in ts] for name, ts in PRESETS.items()} == {
        "default": ["error_rate < 5%"],
        "api": ["p95 < 500ms"],
        "db": ["p95 < 100ms", "queries <= 20"],
        "page": ["p95 < 2s"],
        "cache": ["hit_rate >= 90%"],
    }


def test_user_presets_merge_over_builtins() -> None:
    presets = parse_presets("api: p(99) < 1s\nsearch: p95 < 50, max < 200ms")
    assert [str(t) for t in presets["api"]] == ["p99 < 1s"]
    assert [str(t) for t in presets["search"]] == ["p95 < 50s", "max < 200ms"]
    assert "db" in presets


@pytest.mark.parametrize(
    ("text", "message"),
    [("api: p95 < fast", "in 'api'"), ("api: p97x < 1s", "unknown statistic"), ("api: hit_rate > 2s", "percentage")],
)
def test_bad_presets(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_presets(text)


def _built(markers: list[tuple[tuple[Any, ...], dict[str, Any]]], presets: Any = PRESETS) -> BudgetSpec:
    """The spec of markers written as ``(args, kwargs)``, called through the marker's signature."""
    return build_spec([budget(*args, **kwargs) for args, kwargs in markers], presets)


def _spec(*markers: tuple[tuple[Any, ...], dict[str, Any]]) -> dict[str, tuple[str, str]]:
    spec = _built(list(markers))
    return {rule.stat: (str(rule.threshold), rule.origin) for rule in spec.rules}


def test_keywords_override_preset_and_none_drops() -> None:
    assert _spec((("api",), {"p95": "1s", "max": "2s"})) == {
        "error_rate": ("error_rate < 5%", "default"),
        "p95": ("p95 <= 1s", "marker"),
        "max": ("max <= 2s", "marker"),
    }
    assert _spec((("db",), {"p95": None})) == {
        "error_rate": ("error_rate < 5%", "default"),
        "queries": ("queries <= 20", "preset db"),
    }


def test_closest_marker_wins() -> None:
    spec = _built([(("api",), {}), ((), {"p95": "1s", "level": "warn"})])
    assert spec.level == "warn"
    assert spec.preset == "api"
    assert {r.stat: str(r.threshold) for r in spec.rules}["p95"] == "p95 <= 1s"
    # A closer marker that does not state a level keeps the outer one's.
    assert _built([((), {"level": "warn"}), (("db",), {})]).level == "warn"
    assert _built([((), {"level": "warn"}), ((), {"level": "error", "max": 1})]).level == "error"


def test_default_preset_limits_skip_what_nothing_measured() -> None:
    presets = parse_presets("default: error_rate < 1%, max_queries <= 50, hit_rate >= 50%")
    rules = _built([((), {"max": "1s"})], presets).rules
    assert [rule.implicit for rule in rules] == [True, True, True, False]


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        (("nope",), {}, "unknown preset 'nope'; known presets: api, cache, db, page"),
        ((5,), {}, "unknown preset 5"),
        ((), {"level": "loud"}, "level='loud'"),
        ((), {"p95": "fast"}, "p95='fast'"),
        ((), {"p42x": "1s"}, "unknown statistic 'p42x'"),
        ((), {"max": "-1s"}, "negative"),
        ((), {}, "states no limit"),
        ((), {"level": "warn"}, "states no limit"),
    ],
)
def test_bad_markers(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message.replace("(", r"\(")):
        _built([(args, kwargs)])


def test_marker_signature_refuses_a_second_preset() -> None:
    with pytest.raises(TypeError, match="positional"):
        _built([(("api", "db"), {})])


def test_docs_options_table_matches_the_declared_options() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "budgets.md").read_text()
    table = [line for line in docs.splitlines() if line.startswith("| `prodguard_budgets")]
    assert len(table) == len(OPTIONS)
    for option, row in zip(OPTIONS, table, strict=True):
        assert row.startswith(f"| `{option.ini_name}` | `{option.env_name}` | `{option.cli_flag}` |")
        if option is not BUDGETS:
            assert f"| `{option.default}` |" in row
