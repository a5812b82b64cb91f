"""Tokens Studio math in dimension values: ``8px * 2``, ``(16 + 4) / 2``, ``0.5rem + 2``.

A small evaluator, never Python's ``eval``. It reads numbers with an optional unit (px, rem, em
or %), ``+ - * /``, unary minus and parentheses. Only values that are clearly arithmetic count.
A plain length, a list of lengths (``8px 16px``, ``0 -8px``) or a CSS function (``calc()``,
``var()``) is left alone, as Tokens Studio leaves it.
"""

from __future__ import annotations

import math
import re

UNITS = ("px", "rem", "em", "%")
_TOKEN_RE = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)([a-z%]*)|([-+*/()]))", re.IGNORECASE)
# A sign that starts a new value after a space ("0 -8px") makes a list of values, as in CSS.
_SIGNED_VALUE_RE = re.compile(r"[\w.%)]\s+[-+][\d.]")
_MAX_DEPTH = 32
_EXPECT = "expected numbers with an optional px, rem, em or % unit joined by + - * / and parentheses"

_Token = tuple[str, float, str]  # ("num", number, unit) or ("op", 0.0, operator)
_Quantity = tuple[float, str]  # (number, unit or "")


class MathError(ValueError):
    """An expression that cannot be computed; the message says why and what was expected."""


def evaluate(text: str) -> str | None:
    """``text`` computed (``"16px"``), or None when it is no arithmetic to compute."""
    tokens = _tokens(text)
    if tokens is None or not any(kind == "op" for kind, _, _ in tokens) or _SIGNED_VALUE_RE.search(text):
        return None
    parser = _Parser(tokens)
    number, unit = parser.sum(0)
    if parser.at < len(tokens):
        kind, _, op = tokens[parser.at]
        if kind == "num" or op == "(":
            return None  # values side by side: a list such as "(8px + 4px) 2px", not one quantity
        raise MathError(f"unexpected {op!r}; {_EXPECT}")
    if not math.isfinite(number):
        raise MathError("the result is too large; expected a finite number")
    return _format(number, unit)


def _tokens(text: str) -> list[_Token] | None:
    tokens: list[_Token] = []
    at = 0
    while at < len(text):
        match = _TOKEN_RE.match(text, at)
        if match is None:
            return None if text[at:].strip() else tokens  # a word or symbol: not arithmetic
        if match.group(3):
            tokens.append(("op", 0.0, match.group(3)))
        else:
            tokens.append(("num", float(match.group(1)), match.group(2).lower()))
        at = match.end()
    return tokens


def _format(number: float, unit: str) -> str:
    text = f"{round(number, 4):f}".rstrip("0").rstrip(".")
    return ("0" if text in {"-0", ""} else text) + unit


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0

    def _peek(self) -> str | None:
        if self.at < len(self.tokens) and self.tokens[self.at][0] == "op":
            return self.tokens[self.at][2]
        return None

    def sum(self, depth: int) -> _Quantity:
        left = self.product(depth)
        while (op := self._peek()) in {"+", "-"}:
            self.at += 1
            right = self.product(depth)
            unit = _common_unit(left, right, "add" if op == "+" else "subtract")
            left = (left[0] + right[0] if op == "+" else left[0] - right[0], unit)
        return left

    def product(self, depth: int) -> _Quantity:
        left = self.unary(depth)
        while (op := self._peek()) in {"*", "/"}:
            self.at += 1
            right = self.unary(depth)
            if op == "*":
                if left[1] and right[1]:
                    raise MathError(f"cannot multiply {_shown(left)} by {_shown(right)}; expected no unit on one side")
                left = (left[0] * right[0], left[1] or right[1])
                continue
            if right[1] and right[1] != left[1]:
                raise MathError(f"cannot divide {_shown(left)} by {_shown(right)}; expected a divisor without a unit")
            if right[0] == 0:
                raise MathError("division by zero; expected a divisor other than 0")
            left = (left[0] / right[0], "" if right[1] else left[1])
        return left

    def unary(self, depth: int) -> _Quantity:
        op = self._peek()
        if op in {"-", "+"}:
            self.at += 1
            number, unit = self.unary(depth)
            return (-number if op == "-" else number, unit)
        if op == "(":
            if depth >= _MAX_DEPTH:
                raise MathError(f"parentheses nested more than {_MAX_DEPTH} deep; expected a simpler expression")
            self.at += 1
            inner = self.sum(depth + 1)
            if self._peek() != ")":
                raise MathError(f"a '(' is not closed; {_EXPECT}")
            self.at += 1
            return inner
        if self.at >= len(self.tokens):
            raise MathError(f"it ends where a number should follow; {_EXPECT}")
        kind, number, text = self.tokens[self.at]
        if kind == "op":
            raise MathError(f"unexpected {text!r} where a number should be; {_EXPECT}")
        if text not in {"", *UNITS}:
            raise MathError(f"unit {text!r} is not supported; expected px, rem, em, % or none")
        self.at += 1
        return number, text


def _common_unit(left: _Quantity, right: _Quantity, verb: str) -> str:
    if left[1] and right[1] and left[1] != right[1]:
        raise MathError(f"cannot {verb} {_shown(left)} and {_shown(right)}; expected one unit, or none on one side")
    return left[1] or right[1]


def _shown(quantity: _Quantity) -> str:
    return _format(*quantity)
