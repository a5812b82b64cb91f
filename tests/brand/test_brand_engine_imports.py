"""The brand engine is a library: it never imports the pytest glue.

That it and the command line run without pytest is proven by test_brand_cli's bare-interpreter run.
"""

from __future__ import annotations


def test_engine_never_imports_the_glue() -> None:
    from pathlib import Path

    import pytest_prodguard.brand.engine as engine

    package = Path(engine.__file__).parent
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for glue in ("options", "configured", "plugin", "marker", "items", "fixture", "cli"):
            assert f"from ..{glue} import" not in text, f"{module.name} imports the pytest glue ({glue})"
        assert "import pytest" not in text, f"{module.name} imports pytest"
