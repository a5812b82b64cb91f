"""Database budgets on a real sqlite database: statement time and the number of statements."""

from __future__ import annotations

from typing import Any

import pytest
from app import team_names_joined, team_names_n_plus_one


@pytest.mark.budget("db")  # p95 < 100ms (here per call: budget fixture samples win), at most 20 statements
def test_team_names_with_a_join(db: Any, budget: Any) -> None:
    for _ in range(20):
        with budget.measure():
            assert len(team_names_joined(db)) == 50


@pytest.mark.budget(max_queries=60, p95="100ms")
def test_n_plus_one_is_counted(db: Any, db_queries: Any) -> None:
    # 1 + 50 statements: within this test's explicit limit, but the "db" preset (max 20) would fail it
    # and list the repeated "SELECT name FROM teams WHERE id = ?" in the message.
    assert len(team_names_n_plus_one(db)) == 50
    assert db_queries.count == 51
    assert db_queries.most_repeated(1) == [("SELECT name FROM teams WHERE id = ?", 50)]
