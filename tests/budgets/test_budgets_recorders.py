"""db_queries and cache_stats on real databases and real caches."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator

import cachetools
import pytest
import sqlalchemy

from pytest_prodguard.budgets.cache import CacheStats
from pytest_prodguard.budgets.db import QueryLog, TracedConnection


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


def test_sqlite_statements_are_counted_and_timed(conn: sqlite3.Connection) -> None:
    log = QueryLog()
    traced = log.track(conn)
    assert isinstance(traced, TracedConnection)
    traced.execute("CREATE TABLE users (id INTEGER PRIMARY KEY,\n   name TEXT)")
    traced.executemany("INSERT INTO users (name) VALUES (?)", [("ada",), ("bob",), ("cy",)])
    cursor = traced.cursor()
    names = [cursor.execute("SELECT name FROM users WHERE id = ?", (i,)).fetchone()[0] for i in (1, 2, 3)]
    assert names == ["ada", "bob", "cy"]
    assert list(traced.execute("SELECT count(*) FROM users")) == [(3,)]
    traced.executescript("UPDATE users SET name = upper(name); DELETE FROM users WHERE id = 3;")
    with traced:
        traced.execute("DELETE FROM users WHERE id = 2")
    assert conn.execute("SELECT name FROM users").fetchall() == [("ADA",)]
    assert log.count == 8
    assert log.statements[0][0] == "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"
    assert log.most_repeated(1) == [("SELECT name FROM users WHERE id = ?", 3)]
    assert all(duration > 0 for duration in log.durations)
    assert log.slowest(2) == sorted(log.statements, key=lambda s: s[1], reverse=True)[:2]
    assert traced.total_changes == conn.total_changes  # everything else is the real connection's


def test_failed_statement_is_still_recorded(conn: sqlite3.Connection) -> None:
    log = QueryLog()
    traced = log.track(conn)
    with pytest.raises(sqlite3.OperationalError):
        traced.execute("SELECT * FROM missing")
    assert [sql for sql, _ in log.statements] == ["SELECT * FROM missing"]


def test_sqlalchemy_engine_is_traced_until_closed() -> None:
    engine = sqlalchemy.create_engine("sqlite://")
    log = QueryLog()
    assert log.track(engine) is engine
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text("CREATE TABLE t (x INTEGER)"))
        connection.execute(sqlalchemy.text("INSERT INTO t VALUES (:x)"), [{"x": 1}, {"x": 2}])
        assert connection.execute(sqlalchemy.text("SELECT sum(x) FROM t")).scalar() == 3
    assert [sql for sql, _ in log.statements] == [
        "CREATE TABLE t (x INTEGER)",
        "INSERT INTO t VALUES (?)",
        "SELECT sum(x) FROM t",
    ]
    log.close()
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text("SELECT 1"))
    assert log.count == 3
    engine.dispose()


def test_track_rejects_non_connections() -> None:
    with pytest.raises(TypeError, match=r"db_queries.track: expected a DB-API 2.0 connection .* got 42"):
        QueryLog().track(42)


@functools.cache
def square(x: int) -> int:
    return x * x


class Counting:
    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0


def test_cache_kinds() -> None:
    stats = CacheStats()
    square(1)  # counts from before tracking are not the test's
    stats.track(square)
    for x in (1, 1, 2, 2):
        square(x)
    memo = cachetools.cached(cachetools.LRUCache(maxsize=8), info=True)(lambda x: x)
    stats.track(memo, name="memo")
    for x in (1, 2, 3, 1):
        memo(x)
    counting = Counting()
    stats.track(counting, name="counting")
    counting.hits, counting.misses = 9, 1
    counter = {"hits": 0, "misses": 0}
    stats.track(lambda: (counter["hits"], counter["misses"]), name="callable")
    assert stats.results() == [("square", 3, 1), ("memo", 1, 3), ("counting", 9, 1), ("callable", 0, 0)]
    assert stats.hit_rate == pytest.approx(13 / 18)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (42, "cache_stats.track: expected a functools.lru_cache function"),
        (lambda: "nope", "cache_stats: the callable must return (hits, misses)"),
        (lambda: (1.5, 2), r"cache_stats: the callable gave hits=1.5, misses=2; expected whole numbers >= 0"),
    ],
)
def test_cache_track_rejects_bad_targets(target: object, message: str) -> None:
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CacheStats().track(target)


def test_recorders_under_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import functools, sqlite3
        import pytest
        import sqlalchemy

        @pytest.fixture
        def conn(db_queries):
            raw = sqlite3.connect(":memory:")
            raw.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
            raw.executemany("INSERT INTO users (name) VALUES (?)", [(str(i),) for i in range(30)])
            yield db_queries.track(raw)
            raw.close()

        @pytest.mark.budget("db", p95="10s")  # generous: only the statement count is under test
        def test_n_plus_one(conn):
            for i in range(1, 31):
                conn.execute("SELECT name FROM users WHERE id = ?", (i,)).fetchone()

        @pytest.mark.budget("db", p95=None)
        def test_one_query(conn):
            assert len(conn.execute("SELECT name FROM users").fetchall()) == 30

        @pytest.mark.budget("db")
        def test_few_statements_for_p95(conn):
            conn.execute("SELECT 1")

        @pytest.mark.budget(max_queries=2)
        def test_sqlalchemy(db_queries):
            engine = db_queries.track(sqlalchemy.create_engine("sqlite://"))
            with engine.connect() as c:
                for _ in range(3):
                    c.execute(sqlalchemy.text("SELECT 1"))

        @pytest.mark.budget(max_queries=5)
        def test_untracked():
            pass

        @functools.lru_cache
        def load(key):
            return key

        @pytest.mark.budget("cache")
        def test_cache_cold(cache_stats):
            cache_stats.track(load)
            for key in range(10):
                load(key)

        @pytest.mark.budget("cache")
        def test_cache_warm(cache_stats):
            cache_stats.track(load)
            for key in range(10):
                load(key % 1)

        @pytest.mark.budget("cache")
        def test_cache_idle(cache_stats):
            cache_stats.track(load, name="idle")

        @pytest.mark.budget("cache")
        def test_cache_untracked():
            pass
        """
    )
    result = pytester.runpytest("-rf")
    result.assert_outcomes(passed=2, failed=7)
    result.stdout.fnmatch_lines(
        [
            "prodguard budget: queries = 30 breaks queries <= 20 (preset db); "
            "most repeated: 30x 'SELECT name FROM users WHERE id = ?'; slowest: *",
            "prodguard budget: p95 needs at least 20 samples; got 1 (db statements): raise rounds",
            "prodguard budget: queries = 3 breaks queries <= 2 (marker); most repeated: 3x 'SELECT 1'; slowest: *",
            "prodguard budget: max_queries: no database connection was tracked",
            "prodguard budget: hit_rate = 0% breaks hit_rate >= 90% (preset cache); cache 'load': 0 hits, 10 misses",
            "prodguard budget: hit_rate: cache 'idle' had no lookups during the test",
            "prodguard budget: hit_rate: no cache was tracked",
        ]
    )
