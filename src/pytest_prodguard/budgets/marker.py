"""``@pytest.mark.budget``: its signature is its API and its ``--markers`` help."""

from __future__ import annotations

from typing import Any


def budget(preset: str | None = None, *, level: str | None = None, **limits: Any) -> tuple[Any, Any, dict[str, Any]]:
    """Performance budget of this test, e.g. budget('api') or budget(p95='500ms', max='2s',
    max_queries=20, hit_rate='90%', memory='50MB', cpu='1s'); limits override the preset's (None
    drops one); level='warn' reports without failing.

    The closest marker wins for each limit; the arguments are checked when the test is set up.
    """
    return preset, level, limits
