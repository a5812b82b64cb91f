from shop.cart import total


def test_total_applies_the_discount() -> None:
    assert total([1000, 500], discount_percent=10) == 1350
