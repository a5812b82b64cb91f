"""The ``db_queries`` fixture: every statement run on a tracked DB-API connection or SQLAlchemy engine.

A DB-API 2.0 connection is wrapped (``db_queries.track(conn)`` returns a traced connection whose
cursors time ``execute``/``executemany``; attribute writes such as ``row_factory`` go through to
the real connection); sqlite3's ``set_trace_callback`` would give the statements but not their
durations. A SQLAlchemy ``Engine`` (or ``Connection``) is tracked through its
``before/after_cursor_execute`` events, removed again when the test ends. The duration is the
time spent in ``execute``; fetching rows afterwards is not included.

Connections the application opens itself are traced without handing it a wrapper:
``db_queries.trace_sqlite()`` makes ``sqlite3.connect`` return connections of a tracing
``sqlite3.Connection`` subclass (real connections, so ``isinstance`` checks and ``row_factory``
keep working) until the test ends; ``db_queries.trace_sqlalchemy()`` listens on every
SQLAlchemy engine.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from time import perf_counter_ns
from typing import Any, Self, TypeVar

_UNSET: Any = object()
_T = TypeVar("_T")
_SPACE_RE = re.compile(r"\s+")


def normalise_sql(sql: object) -> str:
    return _SPACE_RE.sub(" ", str(sql)).strip()


class QueryLog:
    """Statements (normalised SQL) and their execute durations in seconds."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, float]] = []
        self.tracked = 0
        #: False once the test ended: connections that outlive it stop recording.
        self.active = True
        self._undo: list[Callable[[], None]] = []
        self._sqlite_connect: Callable[..., sqlite3.Connection] | None = None

    def record(self, sql: object, ns: int) -> None:
        if self.active:
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

    def trace_sqlite(self) -> None:
        """Trace every ``sqlite3.connect(...)`` connection opened from now until the test ends.

        The application's own ``sqlite3.connect`` calls return real ``sqlite3.Connection`` objects
        (of a subclass whose ``execute`` and cursors are timed). Code that imported ``connect``
        itself (``from sqlite3 import connect``) before the test is not reached: use ``track``.
        """
        original = sqlite3.connect
        if original is self._sqlite_connect:
            return
        log = self

        def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            kwargs["factory"] = _tracing_factory(kwargs.get("factory", sqlite3.Connection), log)
            connection: sqlite3.Connection = original(*args, **kwargs)
            return connection

        self._sqlite_connect = connect
        # setattr: the module attribute is an overloaded function that a plain function cannot match for mypy.
        setattr(sqlite3, "connect", connect)  # noqa: B010
        self.tracked += 1

        def undo() -> None:
            setattr(sqlite3, "connect", original)  # noqa: B010
            log.active = False

        self._undo.append(undo)

    def trace_sqlalchemy(self) -> None:
        """Trace every SQLAlchemy engine (also those the application creates) until the test ends."""
        from sqlalchemy.engine import Engine

        self._listen(Engine)
        self.tracked += 1

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


class _Forwarding:
    """Reads and writes of public attributes go to the wrapped object (``conn.row_factory = ...``)."""

    __slots__ = ("_log", "_target")

    def __init__(self, target: Any, log: QueryLog) -> None:
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_log", log)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._target, name)


class TracedCursor(_Forwarding):
    """A DB-API cursor that records each statement it executes; everything else is the cursor's."""

    __slots__ = ()

    @property
    def _cursor(self) -> Any:
        return self._target

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


class TracedConnection(_Forwarding):
    """A DB-API connection whose cursors (and sqlite3's ``execute`` shortcuts) are traced."""

    __slots__ = ()

    @property
    def _connection(self) -> Any:
        return self._target

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


def _timed(log: QueryLog, sql: object, run: Callable[[], _T]) -> _T:
    start = perf_counter_ns()
    try:
        return run()
    finally:
        log.record(sql, perf_counter_ns() - start)


def _tracing_factory(base: type[sqlite3.Connection], log: QueryLog) -> type[sqlite3.Connection]:
    """A subclass of ``base`` (sqlite3's or the caller's own factory) whose statements go to ``log``."""

    class TracingCursor(sqlite3.Cursor):
        def execute(self, sql: str, parameters: Any = (), /) -> Self:
            return _timed(log, sql, lambda: super(TracingCursor, self).execute(sql, parameters))

        def executemany(self, sql: str, seq_of_parameters: Any, /) -> Self:
            return _timed(log, sql, lambda: super(TracingCursor, self).executemany(sql, seq_of_parameters))

        def executescript(self, script: str, /) -> sqlite3.Cursor:
            return _timed(log, script, lambda: super(TracingCursor, self).executescript(script))

    # sqlite3's Connection.execute shortcuts create their cursor in C, bypassing cursor(): route them here.
    def cursor(self: sqlite3.Connection, factory: Any = TracingCursor) -> sqlite3.Cursor:
        opened: sqlite3.Cursor = base.cursor(self, factory)
        return opened

    def execute(self: sqlite3.Connection, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return cursor(self).execute(sql, parameters)

    def executemany(self: sqlite3.Connection, sql: str, seq_of_parameters: Any, /) -> sqlite3.Cursor:
        return cursor(self).executemany(sql, seq_of_parameters)

    def executescript(self: sqlite3.Connection, script: str, /) -> sqlite3.Cursor:
        return cursor(self).executescript(script)

    # Built with type(): the base is the caller's factory, which a class statement cannot name for mypy.
    methods = {"cursor": cursor, "execute": execute, "executemany": executemany, "executescript": executescript}
    return type("TracingConnection", (base,), methods)
