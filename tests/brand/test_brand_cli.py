"""``prodguard-brand``: the brand check without pytest, with the settings and baseline a pytest run uses."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from brand_helpers import write_tokens

from pytest_prodguard.brand.cli import main

SITE = ".a { color: #ff0000; }\n.b { color: var(--color-fg-default); background: #f6f8fa }\n"
CLEAN = ".ok { color: var(--color-fg-default) }\n"
PYPROJECT = """
[tool.pytest.ini_options]
prodguard_brand_tokens = "tokens.json"
prodguard_brand_paths = "css/*.css"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_tokens(tmp_path)
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text(SITE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("PRODGUARD_BRAND_TOKENS", "PRODGUARD_BRAND_PATHS", "PRODGUARD_BRAND_LITERALS", "PRODGUARD_BASELINE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_checks_the_configured_paths_with_the_configured_tokens(project: Path) -> None:
    code, out, err = run()
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0].startswith(
        "css/site.css:1:13 .a: color: #ff0000 is not a brand colour (normalised #ff0000); nearest"
    )
    assert lines[0].endswith("(fix: var(--color-brand-accent)) [off-palette]")
    assert lines[1] == "prodguard-brand: 1 file, 3 declarations checked: 1 error, 0 warnings"


def test_a_compliant_file_passes(project: Path) -> None:
    (project / "css" / "site.css").write_text(CLEAN, encoding="utf-8")
    assert run() == (0, "prodguard-brand: 1 file, 1 declarations checked: 0 errors, 0 warnings\n", "")


def test_named_files_and_directories_and_flags_in_both_spellings(project: Path) -> None:
    (project / "pages").mkdir()
    (project / "pages" / "index.html").write_text('<p style="color: #1f2328">x</p>', encoding="utf-8")
    (project / "pages" / "notes.txt").write_text("color: red", encoding="utf-8")
    code, out, _ = run("pages", "--literals", "error")
    assert code == 1
    assert "pages/index.html:1:18 p: color: #1f2328 is the brand colour color.fg.default" in out
    assert out.endswith("prodguard-brand: 1 file, 1 declarations checked: 1 error, 0 warnings\n")
    assert run("pages", "--prodguard-brand-literals", "allow")[0] == 0


def test_command_line_beats_environment_beats_ini(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "css" / "site.css").write_text(".a { color: #1f2328 }", encoding="utf-8")
    (project / "pyproject.toml").write_text(PYPROJECT + 'prodguard_brand_literals = "error"\n', encoding="utf-8")
    assert run()[0] == 1
    monkeypatch.setenv("PRODGUARD_BRAND_LITERALS", "warn")
    code, out, _ = run()
    assert code == 0
    assert out.startswith("warning: css/site.css:1:13 .a: color: #1f2328 is the brand colour")
    assert run("--literals", "allow")[1].endswith("0 errors, 0 warnings\n")


def test_the_baseline_a_pytest_run_wrote_makes_the_same_findings_known(
    project: Path, pytester: pytest.Pytester
) -> None:
    for path in project.iterdir():
        target = pytester.path / path.name
        if path.is_dir():
            target.mkdir()
            for inner in path.iterdir():
                (target / inner.name).write_bytes(inner.read_bytes())
        else:
            target.write_bytes(path.read_bytes())
    assert pytester.runpytest_inprocess("--prodguard-update-baseline").ret == 0
    pytester.chdir()
    code, out, _ = run()
    assert code == 0
    assert out == "prodguard-brand: 1 file, 3 declarations checked: 0 errors, 0 warnings, 1 known (baseline)\n"
    (pytester.path / "css" / "site.css").write_text(SITE + ".c { color: lime }\n", encoding="utf-8")
    code, out, _ = run()
    assert code == 1
    assert out.startswith("css/site.css:3:13 .c: color: lime is not a brand colour")
    assert "1 error, 0 warnings, 1 known (baseline)" in out


def test_json_output(project: Path) -> None:
    code, out, _ = run("--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["files"] == ["css/site.css"]
    assert document["checked"] == 3
    [finding] = document["findings"]
    assert (finding["path"], finding["line"], finding["col"], finding["rule"]) == ("css/site.css", 1, 13, "off-palette")
    assert finding["fix"] == "var(--color-brand-accent)"


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("", ("--tokens", "missing.json"), "missing.json: token file not found"),
        ("", ("--tolerance", "close"), "invalid value for --prodguard-brand-tolerance (from command line): 'close'"),
        ("", ("nowhere.css",), "nowhere.css: no such file or directory"),
        ("no paths", (), "nothing to check: name files or directories, or set prodguard_brand_paths"),
        ("no match", (), "prodguard_brand_paths (scss/*.css) matched no file under"),
        ("bad baseline", (), "/.prodguard/baseline.json: is not valid JSON (line 1, column 2"),
        ("bad toml", (), "pyproject.toml: cannot be read as TOML"),
        ("bad ini type", (), "prodguard_brand_paths: expected a string or a list of strings, got dict"),
        ("empty dir", ("empty",), "no stylesheet, HTML or SVG file under empty: nothing was checked"),
    ],
)
def test_every_mistake_is_one_clear_line_and_exit_status_2(
    project: Path, setup: str, args: tuple[str, ...], message: str
) -> None:
    pyproject = project / "pyproject.toml"
    if setup == "no paths":
        pyproject.write_text('[tool.pytest.ini_options]\nprodguard_brand_tokens = "tokens.json"\n', encoding="utf-8")
    elif setup == "no match":
        pyproject.write_text(PYPROJECT.replace("css/*.css", "scss/*.css"), encoding="utf-8")
    elif setup == "bad baseline":
        (project / ".prodguard").mkdir()
        (project / ".prodguard" / "baseline.json").write_text("{oops", encoding="utf-8")
    elif setup == "bad toml":
        pyproject.write_text("[tool.pytest.ini_options\n", encoding="utf-8")
    elif setup == "bad ini type":
        pyproject.write_text("[tool.pytest]\nprodguard_brand_paths = { a = 1 }\n", encoding="utf-8")
    elif setup == "empty dir":
        (project / "empty").mkdir()
    baseline = project / ".prodguard" / "baseline.json"
    before = baseline.read_bytes() if baseline.exists() else None
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith("prodguard-brand: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert (baseline.read_bytes() if baseline.exists() else None) == before  # nothing stored is touched


def test_an_unreadable_file_is_reported_and_the_others_are_still_checked(project: Path) -> None:
    (project / "css" / "broken.css").write_bytes(b"\xff\xfe .a { color: red }")
    code, out, err = run()
    assert code == 2
    assert err.startswith("prodguard-brand: error: css/broken.css: cannot read: 'utf-8' codec can't decode")
    assert "css/site.css:1:13 .a: color: #ff0000" in out
    assert out.endswith("prodguard-brand: 2 files, 3 declarations checked: 1 error, 0 warnings\n")


def test_runs_as_a_module_without_importing_pytest(project: Path) -> None:
    """The command and the whole engine package (its library API) load and run in a bare interpreter."""
    script = (
        "import sys\n"
        "from pytest_prodguard.brand.cli import main\n"
        "import pytest_prodguard.brand.engine.live, pytest_prodguard.brand.engine.markup\n"
        "code = main([])\n"
        "print('pytest imported' if '_pytest' in sys.modules else 'pytest not imported')\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[-1] == "pytest not imported"
    assert "css/site.css:1:13" in done.stdout
