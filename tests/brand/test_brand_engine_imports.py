"""The brand engine is a library: it, and the command line built on it, load without pytest."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import pytest_prodguard.brand.engine as engine
import pytest_prodguard.brand.cli
import pytest_prodguard.brand.engine.live, pytest_prodguard.brand.engine.markup
print(json.dumps({"pytest": sorted(m for m in sys.modules if m == "pytest" or m.startswith(("_pytest", "pytest."))),
                  "exports": sorted(engine.__all__)}))
"""


def test_engine_and_cli_import_without_pytest() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["pytest"] == []
    assert {"Engine", "Profile", "BrandError", "scan_file", "to_findings"} <= set(seen["exports"])


def test_engine_never_imports_the_glue() -> None:
    from pathlib import Path

    import pytest_prodguard.brand.engine as engine

    package = Path(engine.__file__).parent
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for glue in ("options", "run", "plugin", "marker", "items", "checker", "fixture", "cli"):
            assert f"from ..{glue} import" not in text, f"{module.name} imports the pytest glue ({glue})"
        assert "import pytest" not in text, f"{module.name} imports pytest"
