from __future__ import annotations

import pytest

from pytest_prodguard.units import (
    Quantity,
    Threshold,
    UnitError,
    format_duration,
    parse_duration,
    parse_named_thresholds,
    parse_quantity,
    parse_ratio,
    parse_size,
    parse_thresholds,
    split_entries,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("250us", 250e-6), ("250µs", 250e-6), ("500ms", 0.5), ("2s", 2.0), ("1m", 60.0), ("1.5h", 5400.0), ("3", 3.0)],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("text", "size"), [("170KB", 170_000), ("1.5MiB", 1_572_864), ("512B", 512), ("2gb", 2e9), ("10", 10)]
)
def test_sizes(text: str, size: float) -> None:
    assert parse_size(text) == pytest.approx(size)


@pytest.mark.parametrize(("text", "ratio"), [("90%", 0.9), ("0.5", 0.5), ("100%", 1.0)])
def test_ratios(text: str, ratio: float) -> None:
    assert parse_ratio(text) == pytest.approx(ratio)


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        (parse_duration, "fast", "expected a duration such as 250us"),
        (parse_duration, "10KB", "(a size)"),
        (parse_duration, "-1s", "negative"),
        (parse_duration, "5 parsecs", "expected a duration"),
        (parse_size, "1s", "(a duration)"),
        (parse_ratio, "90", "write 90% for a percentage"),
        (parse_ratio, "ms", "expected a percentage"),
    ],
)
def test_bad_values_say_what_is_accepted(parse: object, text: str, expected: str) -> None:
    with pytest.raises(UnitError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        parse(text)  # type: ignore[operator]


def test_quantity_keeps_kind_and_text() -> None:
    assert parse_quantity(" 500ms ") == Quantity(0.5, "duration", "500ms")
    assert parse_quantity("90%").kind == "ratio"
    assert parse_quantity("20").kind == "number"
    with pytest.raises(UnitError, match="unknown unit 'parsecs'"):
        parse_quantity("5parsecs")


def test_thresholds_k6_style() -> None:
    parsed = parse_thresholds("p95 < 500ms, p(99) <= 1s, hit_rate >= 90%")
    assert [str(t) for t in parsed] == ["p95 < 500ms", "p99 <= 1s", "hit_rate >= 90%"]
    assert parsed[0].holds(0.499)
    assert not parsed[0].holds(0.5)
    assert parsed[2].holds(0.9)
    assert Threshold("max_queries", "<=", Quantity(20, "number")).holds(20)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("p95 500ms", "expected a comparison"),
        ("p95 < fast", "not a number"),
        ("p95 = 5ms", "expected a comparison"),
    ],
)
def test_bad_thresholds(text: str, message: str) -> None:
    with pytest.raises(UnitError, match=message):
        parse_thresholds(text)


def test_named_thresholds_multiline_and_semicolons() -> None:
    named = parse_named_thresholds(
        "\n  api: p95 < 500ms\n  # comment\n  db: p95 < 100ms, max_queries <= 20; cache: hit_rate >= 90%"
    )
    assert list(named) == ["api", "db", "cache"]
    assert str(named["db"][1]) == "max_queries <= 20"
    with pytest.raises(UnitError, match="in 'db': expected a comparison"):
        parse_named_thresholds("db: p95 100ms")
    with pytest.raises(UnitError, match="expected 'name: "):
        parse_named_thresholds("p95 < 1s")


def test_split_entries() -> None:
    assert split_entries("a: 1\n\n b: 2 ; c: 3\n#x") == ["a: 1", "b: 2", "c: 3"]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (0.5, "500ms"),
        (12.3e-6, "12.3us"),
        (2.5, "2.5s"),
        (75, "1m15s"),
        (120, "2m"),
        (3600, "1h"),
        (5400, "1h30m"),
        (3e-9, "3ns"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
