"""Prices in cents, so totals never round."""

from __future__ import annotations


def total(prices: list[int], discount_percent: int = 0) -> int:
    subtotal = sum(prices)
    return subtotal - subtotal * discount_percent // 100
