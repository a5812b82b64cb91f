"""The shop, started once for the session; a database whose statements the budgets count."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shop import create_db, start_server, stop_server

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = start_server(HERE / "site", tmp_path_factory.mktemp("shop") / "shop.db")
    yield url
    stop_server(url)


@pytest.fixture
def db(db_queries: Any) -> Iterator[Any]:
    connection: sqlite3.Connection = create_db(":memory:")
    yield db_queries.track(connection)  # statements from here on count against max_queries
    connection.close()
