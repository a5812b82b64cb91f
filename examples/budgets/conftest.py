from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from app import create_db, serve


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture
def db(db_queries: Any) -> Iterator[Any]:
    """A real sqlite database whose statements the budget sees (set-up statements excluded)."""
    connection = sqlite3.connect(":memory:")
    create_db(connection)
    yield db_queries.track(connection)
    connection.close()
