"""The ``db_queries`` fixture: every statement run on a tracked DB-API connection or SQLAlchemy engine.

A DB-API 2.0 connection is wrapped (``db_queries.track(conn)`` returns a traced connection whose
cursors time ``execute``/``executemany``); sqlite3's ``set_trace_callback`` would give the
statements but not their durations. A SQLAlchemy ``Engine`` (or ``Connection``) is tracked
through its ``before/after_cursor_execute`` events, removed again when the test ends. The
duration is the time spent in ``execute``; fetching rows afterwards is not included.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from time import perf_counter_ns
from typing import Any

_UNSET: Any = object()
_SPACE_RE = re.compile(r"\s+")


def normalise_sql(sql: object) -> str:
    return _SPACE_RE.sub(" ", str(sql)).strip()


class QueryLog:
    """Statements (normalised SQL) and their execute durations in seconds."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, float]] = []
        self.tracked = 0
        self._undo: list[Callable[[], None]] = []

    def record(self, sql: object, ns: int) -> None:
        self.statements.append((normalise_sql(sql), ns / 1e9))

    def track(self, target: Any) -> Any:
        """Trace ``target``: a DB-API connection (returns the traced wrapper to use instead) or a
        SQLAlchemy engine/connection (returns it unchanged, traced through events)."""
        if type(target).__module__.startswith("sqlalchemy"):
            self._listen(target)
            self.tracked += 1
            return target
        if not callable(getattr(target, "cursor", None)):
            raise TypeError(
                "db_queries.track: expected a DB-API 2.0 connection (with cursor()) or a SQLAlchemy engine, "
                f"got {target!r}"
            )
        self.tracked += 1
        return TracedConnection(target, self)

    def _listen(self, target: Any) -> None:
        from sqlalchemy import event

        starts: list[int] = []

        def before(*_: Any) -> None:
            starts.append(perf_counter_ns())

        def after(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
            self.record(statement, perf_counter_ns() - starts.pop())

        event.listen(target, "before_cursor_execute", before)
        event.listen(target, "after_cursor_execute", after)
        self._undo.append(lambda: event.remove(target, "before_cursor_execute", before))
        self._undo.append(lambda: event.remove(target, "after_cursor_execute", after))

    def close(self) -> None:
        while self._undo:
            self._undo.pop()()

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def durations(self) -> list[float]:
        return [duration for _, duration in self.statements]

    def slowest(self, n: int = 3) -> list[tuple[str, float]]:
        return sorted(self.statements, key=lambda pair: pair[1], reverse=True)[:n]

    def most_repeated(self, n: int = 3) -> list[tuple[str, int]]:
        return Counter(sql for sql, _ in self.statements).most_common(n)


class TracedCursor:
    """A DB-API cursor that records each statement it executes; everything else is the cursor's."""

    def __init__(self, cursor: Any, log: QueryLog) -> None:
        self._cursor = cursor
        self._log = log

    def execute(self, operation: Any, parameters: Any = _UNSET) -> TracedCursor:
        start = perf_counter_ns()
        try:
            if parameters is _UNSET:
                self._cursor.execute(operation)
            else:
                self._cursor.execute(operation, parameters)
        finally:
            self._log.record(operation, perf_counter_ns() - start)
        return self

    def executemany(self, operation: Any, seq_of_parameters: Any) -> TracedCursor:
        start = perf_counter_ns()
        try:
            self._cursor.executemany(operation, seq_of_parameters)
        finally:
            self._log.record(operation, perf_counter_ns() - start)
        return self

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class TracedConnection:
    """A DB-API connection whose cursors (and sqlite3's ``execute`` shortcuts) are traced."""

    def __init__(self, connection: Any, log: QueryLog) -> None:
        self._connection = connection
        self._log = log

    def cursor(self, *args: Any, **kwargs: Any) -> TracedCursor:
        return TracedCursor(self._connection.cursor(*args, **kwargs), self._log)

    def execute(self, operation: Any, parameters: Any = _UNSET) -> TracedCursor:
        return self.cursor().execute(operation, parameters)

    def executemany(self, operation: Any, seq_of_parameters: Any) -> TracedCursor:
        return self.cursor().executemany(operation, seq_of_parameters)

    def executescript(self, script: str) -> Any:
        """sqlite3's batch of statements, recorded as one statement."""
        start = perf_counter_ns()
        try:
            return self._connection.executescript(script)
        finally:
            self._log.record(script, perf_counter_ns() - start)

    def __enter__(self) -> TracedConnection:
        self._connection.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._connection.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)
