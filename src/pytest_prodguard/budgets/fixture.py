"""The ``budget`` fixture: take timing samples with ``measure()`` or ``run()``."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from contextlib import suppress
from time import perf_counter_ns
from types import TracebackType
from typing import Any


def _check(method: str, fn: object, rounds: object, warmup: object) -> None:
    for name, value, least in (("rounds", rounds, 1), ("warmup", warmup, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError(f"budget.{method}: {name} must be a whole number of at least {least}, got {value!r}")
    if not callable(fn):
        raise TypeError(f"budget.{method}: expected a callable, got {fn!r}")


class Measurement:
    """One timed block; an exception inside it counts as an error and is re-raised."""

    __slots__ = ("_recorder", "_samples", "_start")

    def __init__(self, recorder: BudgetRecorder) -> None:
        self._recorder = recorder
        self._samples = recorder._ns
        self._start = 0

    def __enter__(self) -> Measurement:
        if self._recorder._open:
            # The outer block would time the inner one too: two samples for one piece of work.
            raise RuntimeError(
                "budget.measure(): already inside a budget.measure() block; nested blocks would count "
                "the inner time twice (time the inner work alone, or only the outer block)"
            )
        self._recorder._open = True
        self._start = perf_counter_ns()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._samples.append(perf_counter_ns() - self._start)
        self._recorder._open = False
        if exc_type is not None:
            self._recorder.errors += 1


class BudgetRecorder:
    """Timing samples of one test, in the order they were taken.

    ``with budget.measure(): ...`` times one block; ``budget.run(fn, rounds=100, warmup=5)``
    calls ``fn`` repeatedly, timing each call and counting calls that raised (for
    ``error_rate``); ``budget.add(seconds)`` adds a sample measured elsewhere.
    """

    def __init__(self) -> None:
        self._ns: list[int] = []
        self._extra: list[float] = []
        self.errors = 0
        self._open = False

    def measure(self) -> Measurement:
        return Measurement(self)

    def run(self, fn: Callable[..., Any], *args: Any, rounds: int = 100, warmup: int = 5, **kwargs: Any) -> None:
        _check("run", fn, rounds, warmup)
        if inspect.iscoroutinefunction(fn):
            raise TypeError(f"budget.run: {fn.__qualname__} is a coroutine function; use 'await budget.arun(...)'")
        for _ in range(warmup):
            with suppress(Exception):
                fn(*args, **kwargs)
        samples = self._ns
        for _ in range(rounds):
            start = perf_counter_ns()
            try:
                fn(*args, **kwargs)
            except Exception:
                samples.append(perf_counter_ns() - start)
                self.errors += 1
            else:
                samples.append(perf_counter_ns() - start)

    async def arun(
        self, fn: Callable[..., Awaitable[Any]], *args: Any, rounds: int = 100, warmup: int = 5, **kwargs: Any
    ) -> None:
        """``run`` for coroutine functions: awaits each call, timing it and counting those that raise."""
        _check("arun", fn, rounds, warmup)
        for _ in range(warmup):
            with suppress(Exception):
                await fn(*args, **kwargs)
        for _ in range(rounds):
            # suppress is the outer one so that measure() still sees, and counts, the exception.
            with suppress(Exception), self.measure():
                await fn(*args, **kwargs)

    def add(self, seconds: float) -> None:
        from ..units import UnitError, check_number

        try:
            value = check_number(seconds, "budget.add", "duration")
        except UnitError as exc:
            raise ValueError(f"{exc}; expected a duration in seconds (a finite number >= 0)") from None
        self._extra.append(value)

    @property
    def samples(self) -> list[float]:
        """Samples in seconds."""
        return [ns / 1e9 for ns in self._ns] + self._extra

    @property
    def calls(self) -> int:
        return len(self._ns) + len(self._extra)

    @property
    def error_rate(self) -> float | None:
        return self.errors / self.calls if self.calls else None
