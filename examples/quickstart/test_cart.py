"""Ordinary tests: prodguard times the run and each test without any change to them."""

from __future__ import annotations


def cart_total(prices: list[float], discount: float = 0.0) -> float:
    return round(sum(prices) * (1 - discount), 2)


def test_total() -> None:
    assert cart_total([10.0, 5.5]) == 15.5


def test_discount() -> None:
    assert cart_total([100.0], discount=0.25) == 75.0


def test_empty_cart() -> None:
    assert cart_total([]) == 0.0
