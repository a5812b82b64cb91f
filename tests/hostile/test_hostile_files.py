"""Hostile disks and interruptions: every write error is one line, and nothing else is lost.

JUnit XML, the terminal summary and the old baseline survive a failed write; the writer keeps
the old file's mode, never silently replaces a read-only baseline and leaves no temporary files.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hostile_helpers import run

DEMO = """
from pytest_prodguard import Finding, mark_checked, record_finding

def pytest_prodguard_judge(item, call):
    if call.when == "call":
        mark_checked(item, "demo")
        for marker in item.iter_markers("demo_finding"):
            record_finding(item, Finding(gate="demo", rule=marker.args[1], message=marker.args[0], key=marker.args[0]))

def pytest_configure(config):
    config.addinivalue_line("markers", "demo_finding(message, rule): test helper")
"""
TESTS = """
import pytest

@pytest.mark.demo_finding("off-brand colour", "r1")
def test_finding():
    pass

def test_ok():
    pass
"""
BASELINE = '{"schema": "pytest-prodguard/baseline", "version": 1, "findings": {}, "measurements": {}}\n'


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(DEMO)
    pytester.makepyfile(test_site=TESTS)
    return pytester


def _junit_cases(path: Path) -> int:
    return len(list(ElementTree.parse(path).getroot().iter("testcase")))


def test_json_report_into_a_directory_is_one_line_and_junit_and_summary_survive(project: pytest.Pytester) -> None:
    (project.path / "out").mkdir()
    result = run(project, "--prodguard-json=out", "--junitxml=junit.xml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["prodguard: cannot write the JSON report *out: it is a directory; nothing was changed"]
    )
    result.stdout.fnmatch_lines(["demo *checked    2*", "*1 failed, 1 passed*"])
    assert _junit_cases(project.path / "junit.xml") == 2
    assert list((project.path / "out").iterdir()) == []


def test_unwritable_baseline_directory_keeps_the_report_and_the_summary(project: pytest.Pytester) -> None:
    folder = project.path / ".prodguard"
    folder.mkdir()
    (folder / "baseline.json").write_text(BASELINE)
    # During the run .prodguard/ becomes a file: the baseline cannot be written (also as root).
    project.makepyfile(
        test_zz_break="import shutil\n\ndef test_break():\n    shutil.rmtree('.prodguard')\n"
        "    open('.prodguard', 'w').close()\n"
    )
    result = run(project, "-p", "no:randomly", "--prodguard-update-baseline", "--junitxml=junit.xml")
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # the run asked for a baseline and did not get one
    result.stdout.fnmatch_lines(
        ["prodguard: cannot write the baseline *baseline.json: Not a directory; nothing was changed"]
    )
    # Nothing was accepted into the baseline, so the finding counts as failed, not as known.
    result.stdout.fnmatch_lines(["demo *checked    3  passed    2  failed    1  known    0*", "*3 passed*"])
    assert _junit_cases(project.path / "junit.xml") == 3
    assert project.path.joinpath(".prodguard").read_text() == ""


def test_a_read_only_baseline_is_not_replaced_silently(project: pytest.Pytester) -> None:
    path = project.path / ".prodguard" / "baseline.json"
    path.parent.mkdir()
    path.write_text(BASELINE)
    path.chmod(0o444)
    result = run(project, "--prodguard-update-baseline")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["prodguard: cannot write the baseline *: it is read-only (make it writable*"])
    assert path.read_text() == BASELINE
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_rewritten_baseline_keeps_its_mode_and_a_new_one_is_not_private(project: pytest.Pytester) -> None:
    run(project, "--prodguard-update-baseline", "--prodguard-json=r.json")
    mask = os.umask(0)
    os.umask(mask)
    path = project.path / ".prodguard" / "baseline.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert stat.S_IMODE((project.path / "r.json").stat().st_mode) == 0o666 & ~mask
    path.chmod(0o640)
    run(project, "--prodguard-update-baseline")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "off-brand colour" in path.read_text()


def test_stale_temporary_files_of_a_killed_run_are_removed_by_the_next_write(tmp_path: Path) -> None:
    from pytest_prodguard._atomic import STALE_AFTER, write_text

    target = tmp_path / "baseline.json"
    stale = tmp_path / ".baseline.json-abc123.tmp"
    fresh = tmp_path / ".baseline.json-def456.tmp"  # another writer's, still being written
    stale.write_text("{half")
    fresh.write_text("{half")
    old = time.time() - STALE_AFTER - 5
    os.utime(stale, (old, old))
    write_text(target, "{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".baseline.json-def456.tmp", "baseline.json"]


def test_the_writer_refuses_a_directory_and_leaves_nothing(tmp_path: Path) -> None:
    from pytest_prodguard._atomic import WriteError, write_text

    (tmp_path / "out").mkdir()
    with pytest.raises(WriteError, match=r"cannot write the file .*out: it is a directory; nothing was changed"):
        write_text(tmp_path / "out", "{}")
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_ctrl_c_json_report_does_not_count_findings_as_known(project: pytest.Pytester) -> None:
    project.makepyfile(test_zz_stop="def test_stop():\n    raise KeyboardInterrupt\n")
    result = project.runpytest(
        "-p", "no:randomly", "--prodguard-update-baseline", "--prodguard-json=r.json", no_reraise_ctrlc=True
    )
    assert result.ret == pytest.ExitCode.INTERRUPTED
    report = json.loads((project.path / "r.json").read_text())
    assert [f["known"] for f in report["findings"]] == [False]
    assert report["gates"]["demo"]["known"] == 0
    assert report["gates"]["demo"]["failed"] == 1
    assert not (project.path / ".prodguard").exists()


def test_control_characters_in_a_rule_id_keep_junit_xml_valid(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(DEMO)
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.demo_finding("bad \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 \\x00 text", "rule\\x01\\x08 <&>\\n")
        def test_finding():
            pass
        """
    )
    result = run(pytester, "--junitxml=junit.xml", "--prodguard-json=r.json")
    result.assert_outcomes(failed=1)
    root = ElementTree.parse(pytester.path / "junit.xml").getroot()  # raises on invalid XML
    names = [p.get("name") for p in root.iter("property")]
    assert "prodguard.demo.rule <&>" in names
    assert "\x1b" not in result.stdout.str()
    (finding,) = json.loads((pytester.path / "r.json").read_text())["findings"]
    assert finding["message"] == "bad red   text"  # escapes and controls gone, the spaces between kept
