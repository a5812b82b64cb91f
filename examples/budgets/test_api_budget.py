"""API timing against a real local HTTP server, measured with the budget fixture."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@pytest.mark.budget("api")  # p95 < 500ms (built-in preset) and error_rate < 1% (the "default" preset)
def test_get_user_is_fast(budget: Any, base_url: str) -> None:
    for user_id in range(25):
        with budget.measure():
            assert get(f"{base_url}/users/{user_id % 5}")["id"] == user_id % 5


@pytest.mark.budget("profile", max="1s")  # a preset from pytest.ini, its max overridden
def test_get_user_with_run(budget: Any, base_url: str) -> None:
    budget.run(get, f"{base_url}/users/1", rounds=20, warmup=2)


@pytest.mark.budget(p95="500ms", error_rate="10%")
def test_errors_count_against_the_budget(budget: Any, base_url: str) -> None:
    # One request in 20 hits a missing route (HTTP 404 raises): 5% errors, inside the 10% budget.
    def call(counter: list[int] = [0]) -> None:  # noqa: B006 - a call counter on purpose
        counter[0] += 1
        get(f"{base_url}/{'nowhere' if counter[0] % 20 == 0 else 'users/3'}")

    budget.run(call, rounds=20, warmup=0)
    assert budget.errors == 1
