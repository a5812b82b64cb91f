"""CPU and network throttling profiles, applied through the DevTools protocol.

A fast development machine hides a slow page; a profile makes each round load as on a slower
device and network. The named profiles follow Chrome DevTools' presets (the same figures
Lighthouse's "devtools" throttling uses): latency is added per request, throughput caps each
direction, and ``cpu`` slows the renderer's main thread by that factor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from ..units import UnitError, parse_duration


class CDP(Protocol):
    def send(self, method: str, params: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class Profile:
    name: str
    latency_ms: float = 0.0
    down_bps: float = -1.0  # bytes per second; -1 = unlimited (the protocol's own convention)
    up_bps: float = -1.0
    cpu: float = 1.0

    @property
    def is_off(self) -> bool:
        return self.latency_ms == 0 and self.down_bps < 0 and self.up_bps < 0 and self.cpu == 1

    def describe(self) -> str:
        if self.is_off:
            return "no throttling"
        parts = []
        if self.latency_ms:
            parts.append(f"{self.latency_ms:g}ms latency")
        if self.down_bps >= 0:
            parts.append(f"{self.down_bps * 8 / 1e6:.3g}Mbps down")
        if self.up_bps >= 0:
            parts.append(f"{self.up_bps * 8 / 1e6:.3g}Mbps up")
        if self.cpu != 1:
            parts.append(f"CPU {self.cpu:g}x slower")
        return f"{self.name} ({', '.join(parts)})"

    def apply(self, cdp: CDP) -> None:
        if self.is_off:
            return
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": self.latency_ms,
                "downloadThroughput": self.down_bps,
                "uploadThroughput": self.up_bps,
            },
        )
        if self.cpu != 1:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": self.cpu})


def _mbps(value: float) -> float:
    return value * 1e6 / 8


# DevTools' presets: "Slow 4G" / "Fast 4G" / "3G" figures (latency already includes the 3.75x factor).
PROFILES = {
    "off": Profile("off"),
    "slow-4g": Profile("slow-4g", 562.5, _mbps(1.6 * 0.9), _mbps(0.75 * 0.9), 4.0),
    "fast-4g": Profile("fast-4g", 165.0, _mbps(9.0 * 0.9), _mbps(1.5 * 0.9), 1.0),
    "3g": Profile("3g", 2000.0, _mbps(0.4 * 0.9), _mbps(0.4 * 0.9), 4.0),
}
PROFILE_HELP = "off, slow-4g, fast-4g, 3g, or 'latency=150ms, down=1.6Mbps, up=750kbps, cpu=4' (any of the four keys)"
_RATE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(kbps|mbps)\s*$", re.IGNORECASE)


def _rate(key: str, text: str) -> float:
    match = _RATE_RE.match(text)
    if match is None:
        raise UnitError(f"throttling {key}={text.strip()!r}: expected a rate such as 750kbps or 1.6Mbps")
    number, unit = float(match.group(1)), match.group(2).lower()
    return number * (1e3 if unit == "kbps" else 1e6) / 8


def parse_profile(text: str) -> Profile:
    """A named profile or ``key=value`` pairs; every bad key or value says which and what is expected."""
    text = text.strip()
    if text.lower() in PROFILES:
        return PROFILES[text.lower()]
    if "=" not in text:
        raise UnitError(f"unknown throttling profile {text!r}; expected {PROFILE_HELP}")
    values: dict[str, float] = {}
    for part in text.split(","):
        key, sep, raw = part.partition("=")
        key = key.strip().lower()
        if not sep or key not in ("latency", "down", "up", "cpu"):
            raise UnitError(f"throttling entry {part.strip()!r}: expected latency=, down=, up= or cpu=")
        if key == "latency":
            values["latency_ms"] = parse_duration(raw) * 1000
        elif key == "cpu":
            try:
                factor = float(raw.strip().rstrip("xX"))
            except ValueError:
                raise UnitError(f"throttling cpu={raw.strip()!r}: expected a slowdown factor such as 4") from None
            if factor < 1:
                raise UnitError(f"throttling cpu={raw.strip()!r}: expected a factor of at least 1")
            values["cpu"] = factor
        else:
            values[f"{key}_bps"] = _rate(key, raw)
    return Profile("custom", **values)
