"""Settings: precedence default < ini < env < CLI, sources in the header, clear errors."""

from __future__ import annotations

import pytest

PASSING = "def test_ok():\n    pass\n"


@pytest.fixture
def clean_env(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(PASSING)
    return pytester


@pytest.mark.parametrize(
    ("ini", "env", "cli", "shown"),
    [
        (None, None, None, None),
        ("10s", None, None, "suite_budget=10s (ini (tox.ini))"),
        ("10s", "20s", None, "suite_budget=20s (env)"),
        ("10s", "20s", "40s", "suite_budget=40s (command line)"),
        (None, None, "40s", "suite_budget=40s (command line)"),
        (None, "20s", None, "suite_budget=20s (env)"),
    ],
)
def test_precedence_matrix(
    clean_env: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    ini: str | None,
    env: str | None,
    cli: str | None,
    shown: str | None,
) -> None:
    if ini is not None:
        clean_env.makefile(".ini", tox=f"[pytest]\nprodguard_suite_budget = {ini}\n")
    if env is not None:
        monkeypatch.setenv("PRODGUARD_SUITE_BUDGET", env)
    args = ["--prodguard-suite-budget", cli] if cli is not None else []
    result = clean_env.runpytest(*args)
    result.assert_outcomes(passed=1)
    if shown is None:
        result.stdout.fnmatch_lines(["prodguard *: parts *; settings all default"])
        result.stdout.fnmatch_lines(["suite clock * of 30s budget*"])
    else:
        result.stdout.fnmatch_lines([f"prodguard *{shown}*"])
        budget = (cli or env or ini) or ""
        result.stdout.fnmatch_lines([f"suite clock * of {budget} budget*"])


def test_pyproject_toml_ini_works(clean_env: pytest.Pytester) -> None:
    clean_env.makepyprojecttoml('[tool.pytest.ini_options]\nprodguard_suite_budget = "12s"\n')
    result = clean_env.runpytest()
    result.stdout.fnmatch_lines(["prodguard *suite_budget=12s (ini (pyproject.toml))*", "suite clock * of 12s budget*"])


@pytest.mark.parametrize(
    ("where", "key", "value", "expected"),
    [
        ("cli", "--prodguard-suite-budget", "fast", "expected a duration such as 250us, 500ms, 2s or 1m"),
        ("env", "PRODGUARD_SUITE_BUDGET", "10KB", "a size"),
        ("ini", "prodguard_suite_budget", "-3s", "negative value"),
        ("ini", "prodguard_suite_warn_at", "80", "write 80% for a percentage"),
        ("env", "PRODGUARD_UPDATE_BASELINE", "maybe", "expected true or false"),
        ("ini", "prodguard_suite_slowest", "many", "invalid literal"),
        ("ini", "prodguard_test_budget", "soon", "expected a duration"),
        ("cli", "--prodguard-json", ".", "names a directory"),
    ],
)
def test_bad_values_are_usage_errors(
    clean_env: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, where: str, key: str, value: str, expected: str
) -> None:
    args: list[str] = []
    if where == "cli":
        args = [f"{key}={value}"]  # the "=" form: a path after a space is refused (tests/compat)
        source = "command line"
    elif where == "env":
        monkeypatch.setenv(key, value)
        source = "env"
    else:
        clean_env.makeini(f"[pytest]\n{key} = {value}\n")
        source = "ini (tox.ini)"
    result = clean_env.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: prodguard: invalid value for {key} (from {source}): *{expected}*"])
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    assert "Traceback" not in result.stderr.str()


def test_off_disables_the_suite_budget(clean_env: pytest.Pytester) -> None:
    result = clean_env.runpytest("--prodguard-suite-budget", "off")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["suite clock * (no suite budget)"])


def test_disabling_a_part_keeps_its_settings_valid(clean_env: pytest.Pytester) -> None:
    clean_env.makeini("[pytest]\nprodguard_suite_budget = 1ms\nprodguard_test_budget = 1ms\n")
    result = clean_env.runpytest("-p", "no:prodguard.suite", "--strict-config")
    result.assert_outcomes(passed=1)
    assert "suite clock" not in result.stdout.str()
    result.stdout.fnmatch_lines(["prodguard *: parts browser, budgets, brand, a11y, gates, web, report;*"])


def test_disabling_everything(clean_env: pytest.Pytester) -> None:
    clean_env.makeini("[pytest]\nprodguard_suite_budget = 1ms\n")
    result = clean_env.runpytest("-p", "no:prodguard")
    result.assert_outcomes(passed=1)
    assert "suite clock" not in result.stdout.str()
    assert "prodguard 0.1.0:" not in result.stdout.str()


def test_explicit_plugin_without_autoload(clean_env: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = clean_env.runpytest_subprocess("-p", "prodguard", "--prodguard-suite-budget", "1ms")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["FAILED prodguard::suite_duration - suite duration budget exceeded: * > 1ms"])


def test_options_are_documented_in_help(clean_env: pytest.Pytester) -> None:
    result = clean_env.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "production compliance (pytest-prodguard):",
            "*--prodguard-suite-budget=BUDGET*",
            "*prodguard_suite_budget (string):*",
        ]
    )


def test_markers_help_comes_from_the_signatures_and_strict_markers_accepts_them(clean_env: pytest.Pytester) -> None:
    """``--markers`` shows each marker's generated help; other runs register the names alone."""
    from pytest_prodguard.parts import marker_help

    result = clean_env.runpytest("--markers")
    assert result.ret == 0
    out = result.stdout.str()
    for line in marker_help():
        assert f"@pytest.mark.{line}" in out
    assert "@pytest.mark.budget(preset=None, *, level=None, **limits): Performance budget" in out
    clean_env.makepyfile(
        test_marked="""
        import pytest

        @pytest.mark.brand(literals="allow")
        @pytest.mark.a11y(impact="serious")
        @pytest.mark.budget("api")
        def test_marked():
            pass

        def test_names(pytestconfig):
            names = {line.split(":")[0] for line in pytestconfig.getini("markers")}
            assert {"budget", "brand", "a11y"} <= names
        """
    )
    result = clean_env.runpytest("--strict-markers", "--collect-only", "-q")
    assert result.ret == 0, result.stdout.str()
    result = clean_env.runpytest("--strict-markers", "-k", "names")
    result.assert_outcomes(passed=1, deselected=2)


def test_every_default_parses() -> None:
    """Defaults are parsed on first use, not at start-up, so each must be valid by construction."""
    from pytest_prodguard.parts import all_options, marker_help

    options, markers = all_options(), marker_help()
    assert len({option.knob for option in options}) == len(options), "two options share a knob"
    for option in options:
        if option.default is not None:
            option.parse(option.default)
    assert all(marker.split("(")[0].isidentifier() for marker in markers)
