"""Settings and markers of the budgets part, declared by the core (see pytest_prodguard.parts.PARTS)."""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

from ..config import Option, parse_off_or
from ..units import EXPRESSION_HELP, RATIO_HELP, Threshold, UnitError, parse_named_thresholds, parse_ratio

DEFAULT_PRESETS = (
    "default: error_rate < 5%; api: p95 < 500ms; db: p95 < 100ms, max_queries <= 20; "
    "page: p95 < 2s; cache: hit_rate >= 90%"
)


def parse_presets(text: str) -> dict[str, tuple[Threshold, ...]]:
    """The user's presets merged over the built-in ones (a user entry replaces a same-named default)."""
    presets = _checked(parse_named_thresholds(DEFAULT_PRESETS))
    presets.update(_checked(parse_named_thresholds(text)))
    return presets


def _checked(named: dict[str, tuple[Threshold, ...]]) -> dict[str, tuple[Threshold, ...]]:
    from .spec import normalise_threshold  # parsed on first use; most runs never need it

    checked: dict[str, tuple[Threshold, ...]] = {}
    for name, thresholds in named.items():
        try:
            checked[name] = tuple(normalise_threshold(t) for t in thresholds)
        except UnitError as exc:
            raise UnitError(f"in {name!r}: {exc}") from None
    return checked


def _parse_alpha(text: str) -> float:
    value = parse_ratio(text)
    if not 0 < value <= 0.5:
        raise ValueError(f"expected a significance level above 0 and at most 50%, got {text.strip()!r}")
    return value


def _parse_max_samples(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {text.strip()!r}") from None
    if value < 20:
        raise ValueError(f"expected at least 20 (the regression test needs samples), got {value}")
    return value


BUDGETS = Option(
    "budgets",
    parse_presets,
    DEFAULT_PRESETS,
    "Named budget presets for @pytest.mark.budget('<name>'), one 'name: expression' per line "
    "(or ';'-separated), merged over the built-in ones (an entry replaces the same-named built-in). "
    "The 'default' preset applies to every budgeted test.",
    f"'name: {EXPRESSION_HELP}' entries",
    part="budgets",
)
REGRESSION = Option(
    "budgets_regression",
    parse_off_or(parse_ratio),
    "20%",
    "Fail a budgeted test whose median got slower than the baseline's by more than this, "
    "when the slowdown is also statistically significant (one-sided Mann-Whitney U).",
    f"{RATIO_HELP}, or off",
    part="budgets",
)
ALPHA = Option(
    "budgets_alpha",
    _parse_alpha,
    "1%",
    "Significance level of the regression test (one-sided Mann-Whitney U p-value must be below it).",
    "a percentage above 0 and at most 50% (or a fraction)",
    part="budgets",
)
MAX_SAMPLES = Option(
    "budgets_max_samples",
    _parse_max_samples,
    "200",
    "How many samples per test the baseline keeps (evenly spaced quantiles of the sorted samples).",
    "a whole number of at least 20",
    part="budgets",
)


def _parse_memory_tool(text: str) -> str:
    tools = ("tracemalloc", "memray", "rss")
    value = text.strip().lower()
    if value not in tools:
        raise ValueError(f"expected one of {', '.join(tools)}, got {text.strip()!r}")
    if value == "memray" and find_spec("memray") is None:
        raise ValueError("memray is not installed: pip install memray (or use tracemalloc or rss)")
    return value


MEMORY_TOOL = Option(
    "budgets_memory",
    _parse_memory_tool,
    "tracemalloc",
    "What measures the memory statistics (memory, allocated, leaked) of budgeted tests: tracemalloc "
    "(Python heap), memray (native allocations too; needs memray) or rss (resident-set high-water mark).",
    "tracemalloc, memray or rss",
    part="budgets",
)

OPTIONS: list[Option[Any]] = [BUDGETS, REGRESSION, ALPHA, MAX_SAMPLES, MEMORY_TOOL]
#: The part's markers; each is the function of that name in :mod:`.marker` (its signature and help).
MARKER_NAMES = ("budget",)
