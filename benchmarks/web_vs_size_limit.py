"""Our bundle sizes against size-limit's, byte for byte, on the same files.

    python benchmarks/web_vs_size_limit.py

size-limit (npm, with @size-limit/file; installed into benchmarks/.cache on first use) measures
each file with gzip and with brotli; we measure the same files with ``web.bundles.sizes``.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from web_node import tool
from web_pages import bundles

from pytest_prodguard.web.bundles import sizes


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = bundles(root / "dist")
        checks = [
            {"name": f"{p.name} {m}", "path": f"dist/{p.name}", m: True} for p in files for m in ("gzip", "brotli")
        ]
        (root / ".size-limit.json").write_text(json.dumps(checks))
        dev = {"size-limit": "*", "@size-limit/file": "*"}
        (root / "package.json").write_text(json.dumps({"name": "bench", "version": "1.0.0", "devDependencies": dev}))
        (root / "node_modules").symlink_to(tool("size-limit").parent.parent)
        done = subprocess.run([str(tool("size-limit")), "--json"], cwd=root, capture_output=True, text=True)
        theirs = {entry["name"]: int(entry["size"]) for entry in json.loads(done.stdout)}
        print(f"{'file':<10} {'raw':>8} {'measure':<7} {'ours':>8} {'size-limit':>10} {'diff':>5}")
        for path in files:
            ours = sizes(path)
            for measure in ("gzip", "brotli"):
                other = theirs[f"{path.name} {measure}"]
                row = f"{path.name:<10} {ours['raw']:>8} {measure:<7} {ours[measure]:>8} {other:>10}"
                print(f"{row} {ours[measure] - other:>+5}")


if __name__ == "__main__":
    main()
