"""Units and the small budget expression language shared by every part.

Values are normalised to one base unit per kind so that comparisons never mix units:

* ``duration``: seconds (``250us``, ``500ms``, ``2s``, ``1m``, ``1h``; a bare number is seconds)
* ``size``: bytes (``170KB`` is 170 000 bytes, ``1.5MiB`` is 1 572 864: SI and IEC both accepted)
* ``ratio``: a fraction (``90%`` is 0.9)
* ``number``: a plain count (``20``)

Expressions look like k6 thresholds: ``p95 < 500ms, p99 < 1s`` or ``hit_rate >= 90%``;
``p(95)`` is accepted as a spelling of ``p95``.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable
from functools import cache
from typing import Literal

Kind = Literal["duration", "size", "ratio", "number"]

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"


@cache
def _quantity_re() -> re.Pattern[str]:
    # Compiled on first use: most runs parse a handful of values, and start-up time is shared.
    return re.compile(rf"^\s*({_NUMBER})\s*([A-Za-zµ%]*)\s*$")


_DURATION_UNITS: dict[str, float] = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1.0,
    "sec": 1.0,
    "m": 60.0,
    "min": 60.0,
    "h": 3600.0,
}
_SIZE_UNITS: dict[str, float] = {
    "b": 1,
    "kb": 1e3,
    "mb": 1e6,
    "gb": 1e9,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}

DURATION_HELP = "a duration such as 250us, 500ms, 2s or 1m (a bare number is seconds)"
SIZE_HELP = "a size such as 512B, 170KB, 1.5MiB (KB = 1000 bytes, KiB = 1024)"
RATIO_HELP = "a percentage such as 90% (or a fraction between 0 and 1)"
EXPRESSION_HELP = "comparisons such as 'p95 < 500ms, p99 < 1s' or 'hit_rate >= 90%'"


class UnitError(ValueError):
    """A value that does not parse; the message says what was expected."""


class NotFinite(UnitError):
    """A number that is infinite or NaN once read (``1e999``, ``nan``)."""


#: Largest value of each kind that still means something (beyond it a limit can never be reached,
#: and timers overflow): a year of seconds, a petabyte.
LARGEST: dict[str, float] = {"duration": 365 * 24 * 3600.0, "size": 1e15, "ratio": 1e6, "number": 1e15}


def check_number(value: object, what: str, kind: Kind = "number") -> float:
    """The one validation of a number from a setting, a marker or a fixture.

    ``value`` must be a real number (not a bool), finite, not negative and at most
    ``LARGEST[kind]``; the error names ``what`` and the value.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UnitError(f"{what}: expected a number, got {value!r}")
    try:
        number = float(value)
    except OverflowError:
        raise UnitError(f"{what}: {_shorten(value)} is too large (at most {_largest(kind)})") from None
    if not math.isfinite(number):
        raise UnitError(f"{what}: {_shorten(value)} is not a finite number")
    if number < 0:
        raise UnitError(f"{what}: {_shorten(value)} is negative")
    if number > LARGEST[kind]:
        raise UnitError(f"{what}: {_shorten(value)} is too large (at most {_largest(kind)})")
    return number


def _shorten(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}...({len(text)} digits)"


def _largest(kind: Kind) -> str:
    return format_quantity(LARGEST[kind], kind) if kind != "ratio" else "1000000%"


class Quantity:
    """A number in its kind's base unit, remembering how the user wrote it.

    Quantity and Threshold are plain value classes: this module loads in every run, and a
    NamedTuple class alone costs about 0.2 ms to create.
    """

    __slots__ = ("kind", "text", "value")

    def __init__(self, value: float, kind: Kind, text: str = "") -> None:
        self.value = value
        self.kind: Kind = kind
        self.text = text

    def _key(self) -> tuple[float, str, str]:
        return (self.value, self.kind, self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quantity) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Quantity({self.value!r}, {self.kind!r}, {self.text!r})"

    def __str__(self) -> str:
        return format_quantity(self.value, self.kind)


def parse_quantity(text: str) -> Quantity:
    """Parse ``500ms``, ``1.5MiB``, ``90%`` or ``20`` into a :class:`Quantity`."""
    match = _quantity_re().match(text)
    if match is None:
        raise UnitError(f"{text!r} is not a number with an optional unit")
    number = float(match.group(1))
    unit = match.group(2)
    kind: Kind
    if not unit:
        kind, value = "number", number
    elif unit == "%":
        kind, value = "ratio", number / 100.0
    elif unit in _DURATION_UNITS:
        kind, value = "duration", number * _DURATION_UNITS[unit]
    elif unit.lower() in _SIZE_UNITS:
        kind, value = "size", number * _SIZE_UNITS[unit.lower()]
    else:
        raise UnitError(f"{text!r} has an unknown unit {unit!r}")
    if not math.isfinite(value):
        # float() turns "1e999" into infinity: a limit that could never be reached.
        raise NotFinite(f"{text.strip()!r} is not a finite number")
    return Quantity(value, kind, text.strip())


def _parse_kind(text: str, kind: Kind, help_text: str, *, bare: Kind | None) -> float:
    try:
        quantity = parse_quantity(text)
    except NotFinite:
        raise UnitError(f"expected {help_text}, got {text.strip()!r}, which is not a finite number") from None
    except UnitError:
        raise UnitError(f"expected {help_text}, got {text!r}") from None
    if quantity.kind == "number" and bare is not None:
        quantity = Quantity(quantity.value, kind)
    if quantity.kind != kind:
        raise UnitError(f"expected {help_text}, got {text!r} (a {quantity.kind})")
    if quantity.value < 0:
        raise UnitError(f"expected {help_text}, got a negative value {text!r}")
    if quantity.value > LARGEST[kind]:
        raise UnitError(f"expected {help_text}, got {text.strip()!r}, which is too large (at most {_largest(kind)})")
    return quantity.value


def parse_duration(text: str) -> float:
    """Seconds from ``250us``/``500ms``/``2s``/``1m``; a bare number is seconds."""
    return _parse_kind(text, "duration", DURATION_HELP, bare="duration")


def parse_size(text: str) -> float:
    """Bytes from ``170KB``/``1.5MiB``; a bare number is bytes."""
    return _parse_kind(text, "size", SIZE_HELP, bare="size")


def parse_positive_duration(text: str) -> float:
    """A duration above zero (timeouts, budgets): zero would fail or divide by nothing."""
    seconds = parse_duration(text)
    if seconds <= 0:
        raise UnitError(f"expected a duration above zero, got {text.strip()!r}")
    return seconds


def parse_share(text: str) -> float:
    """A ratio between 0 and 100 % (a share of something: above 100 % it could never be reached)."""
    value = parse_ratio(text)
    if value > 1.0:
        raise UnitError(f"expected a percentage of at most 100%, got {text.strip()!r}")
    return value


def parse_ratio(text: str) -> float:
    """A fraction from ``90%``; a bare number between 0 and 1 is taken as a fraction."""
    value = _parse_kind(text, "ratio", RATIO_HELP, bare="ratio")
    if value > 1.0 and not text.strip().endswith("%"):
        raise UnitError(f"expected {RATIO_HELP}, got {text!r} (write {text.strip()}% for a percentage)")
    return value


def _trim(number: float) -> str:
    return f"{number:.3g}" if abs(number) < 1000 else f"{number:.0f}"


def format_duration(seconds: float) -> str:
    """Render seconds with a unit a human reads at a glance: ``500ms``, ``12.3us``, ``2.5s``."""
    if not math.isfinite(seconds):
        return f"{seconds}s"  # never reached through validated values; a report must not crash
    magnitude = abs(seconds)
    if magnitude == 0:
        return "0s"
    if magnitude < 1e-6:
        return f"{_trim(seconds * 1e9)}ns"
    if magnitude < 1e-3:
        return f"{_trim(seconds * 1e6)}us"
    if magnitude < 1:
        return f"{_trim(seconds * 1e3)}ms"
    if magnitude < 60:
        return f"{_trim(seconds)}s"
    if magnitude < 3600:
        minutes, rest = divmod(seconds, 60)
        return f"{int(minutes)}m" + (f"{_trim(rest)}s" if rest >= 0.5 else "")
    hours, rest = divmod(seconds, 3600)
    return f"{int(hours)}h" + (f"{round(rest / 60)}m" if rest >= 30 else "")


def format_size(size: float) -> str:
    for unit, factor in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if abs(size) >= factor:
            return f"{_trim(size / factor)}{unit}"
    return f"{_trim(size)}B"


def format_quantity(value: float, kind: Kind) -> str:
    if kind == "duration":
        return format_duration(value)
    if kind == "size":
        return format_size(value)
    if kind == "ratio":
        return f"{_trim(value * 100)}%"
    return _trim(value)


_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


@cache
def _threshold_re() -> re.Pattern[str]:
    return re.compile(r"^\s*(p\(\s*\d+(?:\.\d+)?\s*\)|[A-Za-z_][\w.]*)\s*(<=|>=|==|!=|<|>)\s*(.+?)\s*$")


class Threshold:
    """One comparison, ``stat op limit``: true when the measured value keeps the budget."""

    __slots__ = ("limit", "op", "stat")

    def __init__(self, stat: str, op: str, limit: Quantity) -> None:
        self.stat = stat
        self.op = op
        self.limit = limit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Threshold) and (self.stat, self.op, self.limit) == (other.stat, other.op, other.limit)

    def __hash__(self) -> int:
        return hash((self.stat, self.op, self.limit))

    def __repr__(self) -> str:
        return f"Threshold({self.stat!r}, {self.op!r}, {self.limit!r})"

    def holds(self, actual: float) -> bool:
        return _OPERATORS[self.op](actual, self.limit.value)

    def __str__(self) -> str:
        return f"{self.stat} {self.op} {self.limit}"


def _normalise_stat(stat: str) -> str:
    if stat.startswith("p("):
        inner = stat[2:-1].strip()
        return "p" + (inner[:-2] if inner.endswith(".0") else inner)
    return stat


def parse_threshold(text: str) -> Threshold:
    match = _threshold_re().match(text)
    if match is None:
        raise UnitError(f"expected a comparison such as 'p95 < 500ms', got {text.strip()!r}")
    stat, op, limit_text = match.groups()
    limit = parse_quantity(limit_text)
    return Threshold(_normalise_stat(stat), op, limit)


def parse_thresholds(text: str) -> tuple[Threshold, ...]:
    """``p95 < 500ms, p99 < 1s`` -> thresholds; an empty expression is an error."""
    parts = [part for part in text.split(",") if part.strip()]
    if not parts:
        raise UnitError(f"expected {EXPRESSION_HELP}, got an empty expression")
    return tuple(parse_threshold(part) for part in parts)


def split_entries(text: str) -> list[str]:
    """Lines of a multi-line setting; ``;`` also separates entries so env and CLI stay one line."""
    entries: list[str] = []
    for line in text.splitlines():
        entries.extend(part.strip() for part in line.split(";"))
    return [entry for entry in entries if entry and not entry.startswith("#")]


def parse_named_thresholds(text: str) -> dict[str, tuple[Threshold, ...]]:
    """``api: p95 < 500ms`` per line (or ``;``-separated) -> ``{"api": (Threshold, ...)}``."""
    named: dict[str, tuple[Threshold, ...]] = {}
    for entry in split_entries(text):
        name, sep, expression = entry.partition(":")
        if not sep or not re.fullmatch(r"[A-Za-z_][\w-]*", name.strip()):
            raise UnitError(f"expected 'name: {EXPRESSION_HELP}', got {entry!r}")
        if name.strip() in named:
            raise UnitError(f"{name.strip()!r} is given twice; give each name once")
        try:
            named[name.strip()] = parse_thresholds(expression)
        except UnitError as exc:
            raise UnitError(f"in {name.strip()!r}: {exc}") from None
    return named
