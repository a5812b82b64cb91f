"""The npm tools the web benchmarks compare against, installed on first use into benchmarks/.cache (git-ignored)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CACHE = Path(__file__).parent / ".cache" / "node"
PACKAGES = ("lighthouse@12", "size-limit@12", "@size-limit/file@12")


def tool(name: str) -> Path:
    """``node_modules/.bin/<name>``, running ``npm install`` once when it is missing."""
    binary = CACHE / "node_modules" / ".bin" / name
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm is needed for this benchmark (Node.js 18 or later)")
        CACHE.mkdir(parents=True, exist_ok=True)
        if not (CACHE / "package.json").exists():
            (CACHE / "package.json").write_text('{"name": "prodguard-web-bench", "private": true}\n')
        subprocess.run([npm, "install", "--no-audit", "--no-fund", *PACKAGES], cwd=CACHE, check=True)
    return binary
