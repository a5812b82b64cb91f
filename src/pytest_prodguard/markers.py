"""Markers whose signature function is their API: one validator and one ``--markers`` help for all.

A part declares each marker as a plain function (``budget(preset=None, *, level=None, **limits)``)
whose signature is what the marker accepts and whose docstring's first paragraph is its help. The
core registers the help line generated from it, and validates a test's marker by calling it: a bad
argument fails that one test with a one-line message, never an INTERNALERROR.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

if TYPE_CHECKING:
    import pytest

T = TypeVar("T")


def marker_help(name: str, signature: Callable[..., Any]) -> str:
    """``name(params): first paragraph of the docstring``, as ``pytest --markers`` shows it."""
    sig = inspect.signature(signature)
    bare = sig.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in sig.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )
    doc = (inspect.getdoc(signature) or "").split("\n\n", 1)[0]
    return f"{name}{bare}: {' '.join(doc.split())}"


def fail(message: str) -> NoReturn:
    """Fail the running test (or its setup) with ``message`` alone: no traceback, no chained one."""
    import pytest  # not at the top: the brand command line reads marker help without starting pytest

    raise pytest.fail.Exception(message, pytrace=False) from None


def call_marker(item: pytest.Item, mark: pytest.Mark, signature: Callable[..., T]) -> T:
    """Call ``signature`` with the marker's arguments; a bad one fails the test in one line."""
    try:
        # bind() words a wrong shape without naming the Python function ("missing a required argument").
        inspect.signature(signature).bind(*mark.args, **mark.kwargs)
        return signature(*mark.args, **mark.kwargs)
    except (TypeError, ValueError) as exc:
        problem = str(exc)
    fail(f"prodguard: bad @pytest.mark.{mark.name} on {item.nodeid}: {problem}")
