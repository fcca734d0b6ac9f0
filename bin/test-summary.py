"""Adds up JUnit XML reports and prints the plain closing line `N passed, N failed[, N skipped]`.

Exit status 1 when any test failed or errored, or when no test ran at all.
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


def main(paths: list[str]) -> int:
	passed = failed = skipped = 0
	for path in paths:
		try:
			p, f, s = count(path)
		except (OSError, ET.ParseError) as error:
			print(f"missing or broken report {path}: {error}")
			failed += 1
			continue
		print(f"{path.rsplit('/', 1)[-1]}: {p} passed, {f} failed, {s} skipped")
		passed, failed, skipped = passed + p, failed + f, skipped + s
	line = f"{passed} passed, {failed} failed"
	print(line + (f", {skipped} skipped" if skipped else ""))
	return 1 if failed or not passed else 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
