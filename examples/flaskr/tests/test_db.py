"""The database layer, traced by prodguard: a tracked connection behaves like the real one."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest


@pytest.mark.budget(max_queries=2)
def test_tracked_connection_keeps_row_factory(connection: sqlite3.Connection, db_queries: Any) -> None:
    conn = db_queries.track(connection)
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT username FROM user WHERE id = ?", (1,)).fetchone()
    assert row["username"] == "test"
    assert db_queries.count == 1


def test_get_db_is_the_same_within_a_request(app: Any) -> None:
    from flaskr.db import get_db

    with app.app_context():
        assert get_db() is get_db()
