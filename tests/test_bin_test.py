"""bin/test's verdict: a failing suite makes it exit non-zero, and its last line says how many failed.

The summary (`bin/test-summary.py`, whose status bin/test exits with) is checked on crafted JUnit
reports. bin/test itself runs once with `MODULE=` a deliberately failing test module written to a
temporary folder (importable through PYTHONPATH), on the site under test and with reports of its
own: a `MODULE=` run skips the end-to-end suite, so the whole suite does not run again.
"""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from portal_world import BENCH, SITE

SUMMARY = BENCH / "bin" / "test-summary.py"


def report(path: Path, tests: int, failures: int = 0, errors: int = 0, skipped: int = 0) -> str:
	path.write_text(
		f'<testsuites><testsuite name="{path.stem}" tests="{tests}" failures="{failures}" '
		f'errors="{errors}" skipped="{skipped}"/></testsuites>'
	)
	return str(path)


def summarise(*args: str) -> tuple[int, list[str]]:
	result = subprocess.run(
		[sys.executable, str(SUMMARY), *args],
		capture_output=True,
		text=True,
		timeout=60,
	)
	return result.returncode, result.stdout.splitlines()


def test_a_failed_test_fails_the_summary_and_is_counted(tmp_path):
	app = report(tmp_path / "app.xml", tests=10, failures=1, errors=1, skipped=2)
	e2e = report(tmp_path / "e2e.xml", tests=5)
	code, lines = summarise("--exit", "app=1", "--exit", "e2e=0", app, e2e)
	assert code == 1
	assert lines[-1] == "11 passed, 2 failed, 2 skipped"


def test_all_passed_is_status_zero(tmp_path):
	code, lines = summarise("--exit", "app=0", report(tmp_path / "app.xml", tests=3))
	assert (code, lines[-1]) == (0, "3 passed, 0 failed")


def test_a_runner_that_failed_without_a_failed_test_counts_as_one_failure(tmp_path):
	code, lines = summarise(
		"--exit",
		"app=0",
		"--exit",
		"e2e=3",
		report(tmp_path / "app.xml", tests=4),
		report(tmp_path / "e2e.xml", tests=2),
	)
	assert code == 1
	assert lines[-1] == "6 passed, 1 failed"
	assert any(line.startswith("e2e: the test runner exited with 3") for line in lines)


def test_a_missing_report_and_no_test_at_all_fail(tmp_path):
	code, lines = summarise("--exit", "app=1", str(tmp_path / "app.xml"))
	assert (code, lines[-1]) == (1, "0 passed, 1 failed")
	code, lines = summarise(report(tmp_path / "empty.xml", tests=0))
	assert (code, lines[-1]) == (1, "0 passed, 0 failed")


def test_bin_test_exits_non_zero_with_the_summary_as_last_line_when_a_test_fails(
	tmp_path,
):
	probe = tmp_path / "mm_failing_probe.py"
	probe.write_text(
		textwrap.dedent(
			"""
			from frappe.tests.utils import FrappeTestCase


			class TestDeliberatelyFailing(FrappeTestCase):
				def test_passes(self):
					self.assertEqual(1 + 1, 2)

				def test_fails(self):
					self.assertEqual(1 + 1, 3, "failing on purpose: bin/test must say so")
			"""
		)
	)
	env = {
		**os.environ,
		"MODULE": "mm_failing_probe",
		"PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
		"TEST_SITE": SITE,
		"TEST_REPORTS": str(tmp_path / "reports"),
	}
	# one stream, as a terminal shows it: the closing line must be the last, after any error message
	result = subprocess.run(
		[str(BENCH / "bin" / "test")],
		cwd=BENCH,
		env=env,
		stdout=subprocess.PIPE,
		stderr=subprocess.STDOUT,
		text=True,
		timeout=1200,
		check=False,
	)
	lines = result.stdout.splitlines()
	assert result.returncode == 1, "\n".join(lines[-40:])
	assert lines[-1] == "1 passed, 1 failed", "\n".join(lines[-40:])
	assert "app: 1 passed, 1 failed, 0 skipped" in lines
	assert "failing on purpose: bin/test must say so" in result.stdout
	# the time of each suite that ran, before the closing line
	assert any(re.fullmatch(r"app +\d+ s", line) for line in lines), "\n".join(lines[-40:])
