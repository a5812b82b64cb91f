"""The blog's pages, with budgets on the statements the app runs on the connections it opens itself."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


@pytest.fixture
def traced(db_queries: Any) -> Any:
    db_queries.trace_sqlite()
    return db_queries


@pytest.mark.budget(max_queries=1)
def test_index_lists_posts_in_one_statement(client: FlaskClient, traced: Any) -> None:
    response = client.get("/")
    assert b"test title" in response.data
    assert b"by other" in response.data
    assert traced.count == 1


@pytest.mark.budget(max_queries=10)
def test_n_plus_one_index_is_counted(client: FlaskClient, traced: Any) -> None:
    response = client.get("/slow")
    assert b"by test" in response.data
    assert traced.most_repeated(1) == [("SELECT username FROM user WHERE id = ?", 3)]


@pytest.mark.budget(p95="200ms")
def test_post_page(client: FlaskClient, budget: Any) -> None:
    for _ in range(20):
        with budget.measure():
            assert client.get("/1").status_code == 200
    assert client.get("/99").status_code == 404


def test_create(client: FlaskClient, app: Any) -> None:
    assert client.post("/create", data={"title": "new", "body": "x"}).status_code == 201
    assert client.post("/create", data={"title": ""}).status_code == 400
