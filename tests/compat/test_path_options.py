"""``--prodguard-json report.json`` (space form): pytest takes an existing path for a test path when it
picks the rootdir, before prodguard's options are known; prodguard stops the run with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from pytest_prodguard.config import space_form_misuse
from pytest_prodguard.parts import all_options


def test_space_form_of_a_path_option_fails_with_the_fix(pytester: pytest.Pytester) -> None:
    # A project in a subdirectory of a parent whose configuration differs: the trap in full.
    project = pytester.mkdir("project")
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (project / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
    (pytester.path / "out").mkdir()
    (pytester.path / "out" / "report.json").write_text("{}", encoding="utf-8")  # left by an earlier run
    pytester.chdir()
    result = pytester.runpytest("project", "--prodguard-json", "out/report.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: prodguard: write --prodguard-json=out/report.json (with '='): *"])

    again = pytester.runpytest("project", "--prodguard-json=out/report.json")
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["rootdir: */project", "configfile: pytest.ini"])


def test_which_options_and_values_are_refused(tmp_path: Path) -> None:
    options = all_options()
    (tmp_path / "site").mkdir()
    assert space_form_misuse(["--prodguard-json", "new.json"], options, tmp_path) == "--prodguard-json=new.json"
    assert space_form_misuse(["--prodguard-baseline", "b.json"], options, tmp_path) == "--prodguard-baseline=b.json"
    # Not a path: the space form is harmless and stays allowed.
    assert space_form_misuse(["--prodguard-suite-budget", "40s"], options, tmp_path) is None
    # A glob option whose value names an existing directory would move the rootdir too.
    assert space_form_misuse(["--prodguard-a11y-pages", "site"], options, tmp_path) == "--prodguard-a11y-pages=site"
    assert space_form_misuse(["--prodguard-json=r.json", "tests"], options, tmp_path) is None


def test_every_option_whose_value_is_a_path_is_declared_so() -> None:
    """``Option.path`` marks the flags refused in the space form; a parser that gives a Path needs it."""
    declared = {option.knob for option in all_options() if option.path}
    gives_a_path = set()
    for option in all_options():
        try:
            value = option.parse("reports/out.json")
        except ValueError:
            continue
        if isinstance(value, Path):
            gives_a_path.add(option.knob)
    assert gives_a_path <= declared
    # Token files are named one by one or by globs: a path all the same.
    assert declared - gives_a_path == {"brand_tokens"}
    assert space_form_misuse(["--prodguard-brand-tokens", "t.json"], all_options(), Path.cwd()) == (
        "--prodguard-brand-tokens=t.json"
    )
