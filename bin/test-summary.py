"""Adds up JUnit XML reports and prints the plain closing line `N passed, N failed[, N skipped]`.

    test-summary.py [--exit SUITE=CODE ...] REPORT.xml ...

`--exit` gives the exit status of the runner that wrote SUITE.xml: a runner that failed although
its report shows no failure (it crashed before or after the tests) counts as one failed test, so
that the closing line and the exit status always agree. Exit status 1 when any test failed or
errored, or when no test ran at all; bin/test exits with it.
"""

import sys
import xml.etree.ElementTree as ET


def count(path: str) -> tuple[int, int, int]:
	root = ET.parse(path).getroot()
	suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
	tests = failed = skipped = 0
	for suite in suites:
		tests += int(suite.get("tests", 0))
		failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
		skipped += int(suite.get("skipped", 0))
	return tests - failed - skipped, failed, skipped


def slowest(path: str, top: int = 8) -> str:
	"""The report's slowest modules with their seconds (setup included), where a run's minutes go."""
	seconds: dict[str, float] = {}
	for case in ET.parse(path).getroot().iter("testcase"):
		classname = case.get("classname", "")
		# pytest: tests.test_x (or tests.test_x.TestY); unittest: mitmenschen.pkg.test_x.TestY
		parts = classname.split(".")
		module = next((part for part in reversed(parts) if part.startswith("test_")), classname)
		seconds[module] = seconds.get(module, 0.0) + float(case.get("time") or 0)
	ranked = sorted(seconds.items(), key=lambda item: -item[1])[:top]
	return ", ".join(f"{module} {round(value)} s" for module, value in ranked)


def parse_exits(args: list[str]) -> tuple[dict[str, int], list[str]]:
	"""`--exit app=1 --exit e2e=0 a.xml b.xml` → ({"app": 1, "e2e": 0}, ["a.xml", "b.xml"])."""
	exits: dict[str, int] = {}
	paths: list[str] = []
	args = list(args)
	while args:
		arg = args.pop(0)
		if arg == "--exit" and args:
			suite, _, code = args.pop(0).partition("=")
			exits[suite] = int(code or 1)
		else:
			paths.append(arg)
	return exits, paths


def main(args: list[str]) -> int:
	exits, paths = parse_exits(args)
	passed = failed = skipped = 0
	failed_by_suite: dict[str, int] = {}
	for path in paths:
		suite = path.rsplit("/", 1)[-1].removesuffix(".xml")
		try:
			p, f, s = count(path)
		except (OSError, ET.ParseError) as error:
			print(f"missing or broken report {path}: {error}")
			p, f, s = 0, 1, 0
		else:
			print(f"{suite}: {p} passed, {f} failed, {s} skipped")
			if times := slowest(path):
				print(f"  slowest: {times}")
		failed_by_suite[suite] = failed_by_suite.get(suite, 0) + f
		passed, failed, skipped = passed + p, failed + f, skipped + s
	for suite, code in exits.items():
		if code and not failed_by_suite.get(suite):
			print(f"{suite}: the test runner exited with {code} although no test failed (see its output)")
			failed += 1
	line = f"{passed} passed, {failed} failed"
	print(line + (f", {skipped} skipped" if skipped else ""))
	return 1 if failed or not passed else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
