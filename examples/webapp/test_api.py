"""The JSON API against the running server, timed with the budget fixture."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest


def get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


@pytest.mark.budget("api")  # the "api" preset of pytest.ini (broken.ini has a stricter one)
def test_product_list(budget: Any, base_url: str) -> None:
    for _ in range(40):
        with budget.measure():
            assert len(get(f"{base_url}/api/products")) == 6


@pytest.mark.budget("api", max="1s")
def test_one_product(budget: Any, base_url: str) -> None:
    budget.run(get, f"{base_url}/api/products/3", rounds=25, warmup=2)


def test_unknown_product_is_404(base_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        get(f"{base_url}/api/products/99")
    assert raised.value.code == 404
    raised.value.close()
