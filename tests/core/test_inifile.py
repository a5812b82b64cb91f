"""Finding and reading pytest's configuration file without pytest, as pytest itself does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_prodguard.inifile import IniError, locate, read


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_directory_with_pytest_configuration_wins(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\nprodguard_brand_tokens = "top.json"\n')
    write(tmp_path / "app" / "tox.ini", "[tox]\nenvlist = py\n")  # no [pytest]: not a pytest file
    write(tmp_path / "app" / "setup.cfg", "[metadata]\nname = x\n")
    ini = locate(["app/site.css"], tmp_path)
    assert (ini.path, ini.rootdir, ini.get("prodguard_brand_tokens")) == (
        tmp_path / "pyproject.toml",
        tmp_path,
        "top.json",
    )
    write(tmp_path / "app" / "setup.cfg", "[tool:pytest]\nprodguard_brand_tokens = app.json\n")
    ini = locate(["app/site.css"], tmp_path)
    assert (ini.rootdir, ini.get("prodguard_brand_tokens"), ini.source) == (
        tmp_path / "app",
        "app.json",
        "ini (setup.cfg)",
    )


def test_within_a_directory_pytests_order_applies(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.pytest.ini_options]\nprodguard_brand_fonts = "A"\n')
    write(tmp_path / "tox.ini", "[pytest]\nprodguard_brand_fonts = B\n")
    assert locate([], tmp_path).get("prodguard_brand_fonts") == "A"
    write(tmp_path / "pytest.ini", "[other]\n")  # pytest.ini counts even without a [pytest] section
    ini = locate([], tmp_path)
    assert (ini.path, ini.get("prodguard_brand_fonts")) == (tmp_path / "pytest.ini", None)
    write(tmp_path / "pytest.toml", '[pytest]\nprodguard_brand_fonts = ["C", "D"]\n')
    assert locate([], tmp_path).get("prodguard_brand_fonts") == "C\nD"


def test_ini_continuation_lines_and_native_toml_values(tmp_path: Path) -> None:
    write(tmp_path / "pytest.ini", "[pytest]\nprodguard_brand_tokens =\n    a.json\n    b.json\n")
    assert locate([], tmp_path).get("prodguard_brand_tokens") == "a.json\nb.json"
    write(tmp_path / "other" / "pyproject.toml", "[tool.pytest]\nprodguard_x = true\nprodguard_y = 3\n")
    ini = locate([], tmp_path / "other")
    assert (ini.get("prodguard_x"), ini.get("prodguard_y"), ini.get("missing")) == ("true", "3", None)


def test_no_configuration_file_means_the_common_ancestor_is_the_rootdir(tmp_path: Path) -> None:
    write(tmp_path / "a" / "x.css", "")
    write(tmp_path / "a" / "b" / "y.css", "")
    ini = locate(["a/x.css", "a/b/y.css"], tmp_path)
    assert (ini.path, ini.rootdir, dict(ini.values)) == (None, tmp_path / "a", {})


def test_an_explicit_file_and_its_errors(tmp_path: Path) -> None:
    custom = write(tmp_path / "conf" / "brand.ini", "[pytest]\nprodguard_brand_tokens = t.json\n")
    assert read(custom).get("prodguard_brand_tokens") == "t.json"
    assert read(custom).rootdir == tmp_path / "conf"
    with pytest.raises(IniError, match=r"nope\.ini: no such configuration file"):
        read(tmp_path / "nope.ini")
    broken = write(tmp_path / "broken" / "pytest.ini", "[pytest\n")
    with pytest.raises(IniError, match=r"pytest\.ini: cannot be read as an ini file"):
        locate([], broken.parent)
