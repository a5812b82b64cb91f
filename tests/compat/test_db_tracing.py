"""db_queries beside a real sqlite3 app: the wrapper behaves like the connection, and connections
the application opens itself (sqlite3.connect, SQLAlchemy engines) are traced without a wrapper."""

from __future__ import annotations

import pytest

APP_TESTS = """
import sqlite3

import pytest
from sqlalchemy import create_engine, text

ORIGINAL_CONNECT = sqlite3.connect


def open_app_db(path):
    # What flaskr's get_db() does: the app opens its own connection and asks for rows by name.
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


@pytest.fixture
def path(tmp_path):
    file = tmp_path / "app.sqlite"
    with sqlite3.connect(file) as conn:
        conn.executescript("CREATE TABLE user (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO user VALUES (1, 'ada')")
    return file


@pytest.mark.budget(max_queries=1)
def test_wrapper_writes_reach_the_connection(path, db_queries):
    conn = db_queries.track(sqlite3.connect(path))
    conn.row_factory = sqlite3.Row
    assert conn.execute("SELECT name FROM user").fetchone()["name"] == "ada"
    cursor = conn.cursor()
    cursor.arraysize = 7
    assert cursor.arraysize == 7
    assert db_queries.count == 1


@pytest.mark.budget(max_queries=2)
def test_trace_sqlite_sees_the_apps_own_connections(path, db_queries):
    db_queries.trace_sqlite()
    conn = open_app_db(path)
    assert isinstance(conn, sqlite3.Connection)
    assert [row["name"] for row in conn.execute("SELECT name FROM user WHERE id = ?", (1,))] == ["ada"]
    conn.cursor().execute("SELECT 1")
    assert db_queries.most_repeated(2) == [("SELECT name FROM user WHERE id = ?", 1), ("SELECT 1", 1)]


def test_trace_sqlite_ends_with_the_test(path):
    assert sqlite3.connect is ORIGINAL_CONNECT


@pytest.mark.budget(max_queries=1)
def test_trace_sqlalchemy_sees_engines_the_app_creates(path, db_queries):
    db_queries.trace_sqlalchemy()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.execute(text("SELECT name FROM user"))
        conn.execute(text("SELECT name FROM user"))
    engine.dispose()
"""


def test_db_queries_on_connections_the_app_opens(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_app=APP_TESTS)
    result = pytester.runpytest()
    result.assert_outcomes(passed=3, failed=1)
    # The SQLAlchemy engine created inside the test was traced: two statements breach max_queries=1.
    result.stdout.fnmatch_lines(
        ["*_ test_trace_sqlalchemy_sees_engines_the_app_creates _*", "prodguard budget: queries = 2 breaks*"]
    )
