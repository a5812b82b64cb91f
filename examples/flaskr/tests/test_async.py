"""Async code next to the browser tests: plain asyncio.run() and a pytest-asyncio test."""

from __future__ import annotations

import asyncio

import pytest


async def _word_count(text: str) -> int:
    await asyncio.sleep(0)
    return len(text.split())


def test_asyncio_run() -> None:
    assert asyncio.run(_word_count("a b c")) == 3


@pytest.mark.asyncio
async def test_pytest_asyncio() -> None:
    assert await _word_count("a b") == 2
