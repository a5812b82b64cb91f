"""The database and the cache: statements counted with db_queries, hits with cache_stats."""

from __future__ import annotations

from typing import Any

import pytest

from shop import catalog, catalog_by_category, price_label


@pytest.mark.budget("catalog")  # one query per call (20 calls) however many products there are
def test_catalog_is_one_query(db: Any, budget: Any) -> None:
    for _ in range(20):
        with budget.measure():
            assert len(catalog(db)) == 6


@pytest.mark.budget("by_category")  # 1 + one per category
def test_catalog_by_category_queries(db: Any) -> None:
    assert catalog_by_category(db)["coffee"] == ["Flat white", "Espresso", "Filter coffee"]


@pytest.mark.budget("cache")  # hit_rate >= 90% (built-in preset)
def test_price_labels_are_cached(cache_stats: Any) -> None:
    cache_stats.track(price_label)
    for _ in range(50):
        for cents in (420, 380, 190, 310, 220, 250):
            price_label(cents)
    assert price_label(420) == "4.20"
