"""The README stays short and the documentation stays true: every relative link and anchor resolves,
no link leaves the repository, every file of ours the documents name exists, and the cheap documented
commands run (bin/production's usage, the demo logins, every module `bench … execute` or `--module`
names). No site and no server needed; bin/setup and bin/test are never run from here."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "apps" / "mitmenschen" / "mitmenschen"
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
DOCUMENTS = [README, *DOCS]
README_LIMIT = 12 * 1024

LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>]+)>")
BARE_URL = re.compile(r"(?<![<(`])\bhttps?://[^\s)>`]+")
LOCAL_HOSTS = ("localhost", "127.0.0.1")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
APP_FILE = re.compile(r"^[\w.-]+(?:/[\w.-]+)+\.(?:py|json|html|js|css|md|conf|template|toml|txt|cnf)$")
EXECUTE = re.compile(r"\bexecute\s+(mitmenschen(?:\.\w+)+)")
MODULE = re.compile(r"(?:--module\s+|MODULE=|python -m\s+)(mitmenschen(?:\.\w+)+)")


def relative(path: Path) -> str:
	return str(path.relative_to(ROOT))


def slug(heading: str) -> str:
	"""GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
	text = re.sub(r"[`*_]", "", heading.strip().lower())
	text = re.sub(r"[^\w\- ]", "", text)
	return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
	text = re.sub(r"```.*?```", "", path.read_text(), flags=re.DOTALL)
	return {slug(line.lstrip("#")) for line in text.splitlines() if re.match(r"#{1,6} ", line)}


def without_code_blocks(text: str) -> str:
	return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


def test_the_readme_is_under_12_kb() -> None:
	size = len(README.read_bytes())
	assert size < README_LIMIT, f"README.md has {size} bytes; move detail to docs/"


def test_the_readme_links_every_document_in_docs() -> None:
	text = README.read_text()
	unlinked = [relative(doc) for doc in DOCS if f"({relative(doc)})" not in text]
	assert not unlinked, f"README.md does not link {unlinked}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_every_relative_link_and_anchor_resolves(document: Path) -> None:
	broken = []
	for target in LINK.findall(without_code_blocks(document.read_text())):
		if re.match(r"^[a-z]+:", target):
			continue  # judged by the next test
		path, _, anchor = target.partition("#")
		resolved = (document.parent / path).resolve() if path else document
		if not resolved.exists():
			broken.append(f"{target}: no such file")
		elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
			broken.append(f"{target}: no heading with that anchor")
	assert not broken, f"{relative(document)}: {broken}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_no_link_leaves_the_repository_and_no_machine_path(document: Path) -> None:
	text = document.read_text()
	outside = [
		url
		for url in LINK.findall(text) + AUTOLINK.findall(text) + BARE_URL.findall(text)
		if re.match(r"^[a-z]+:", url) and not re.match(rf"^https?://(?:{'|'.join(LOCAL_HOSTS)})[:/]", url)
	]
	assert not outside, f"{relative(document)} links outside the repository: {outside}"
	machine = [line for line in text.splitlines() if re.search(r"(^|[\s`(])/(work|root|home)/", line)]
	assert not machine, f"{relative(document)} names paths of a machine: {machine}"


def named_files(document: Path) -> set[str]:
	return {span for span in CODE_SPAN.findall(document.read_text()) if APP_FILE.match(span)}


def exists_or_ignored(name: str) -> bool:
	"""A path of this repository, of the app package, or of Frappe/ERPNext (present once bin/setup ran);
	files that bin/production or a test run render from templates are ignored by git, not missing."""
	for base in (
		ROOT,
		APP,
		APP.parent,
		ROOT / "apps" / "frappe",
		ROOT / "apps" / "frappe" / "frappe",
		ROOT / "apps" / "erpnext",
		ROOT / "apps" / "erpnext" / "erpnext",
	):
		if (base / name).exists():
			return True
	ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, check=False)
	return ignored.returncode == 0


@pytest.mark.parametrize("document", DOCUMENTS, ids=relative)
def test_every_file_the_document_names_exists(document: Path) -> None:
	missing = sorted(name for name in named_files(document) if not exists_or_ignored(name))
	assert not missing, f"{relative(document)} names files that do not exist: {missing}"


def test_bin_production_prints_the_documented_subcommands() -> None:
	result = subprocess.run(
		[str(ROOT / "bin" / "production")],
		cwd=ROOT,
		capture_output=True,
		text=True,
		timeout=60,
		check=False,
	)
	assert result.returncode == 2, result.stderr
	operations = (ROOT / "docs" / "operations.md").read_text()
	for command in ("start", "stop", "restart", "status", "config", "reload", "tls"):
		assert f"bin/production {command}" in result.stdout, command
		assert f"bin/production {command}" in operations, command


def test_the_demo_logins_of_the_readme_are_the_demos() -> None:
	result = subprocess.run(
		[sys.executable, "-m", "mitmenschen.demo.logins"],
		cwd=ROOT,
		capture_output=True,
		text=True,
		timeout=60,
		check=True,
	)
	documented = re.findall(r"^\| `([^`]+@[^`]+)` \|", README.read_text(), flags=re.MULTILINE)
	printed = re.findall(r"^\s+(\S+@\S+)\s", result.stdout, flags=re.MULTILINE)
	assert documented and documented == printed
	assert re.search(r"password (\S+)", result.stdout).group(1) in README.read_text()


def documented_callables() -> set[str]:
	return {name for document in DOCUMENTS for name in EXECUTE.findall(document.read_text())}


def documented_modules() -> set[str]:
	return {name for document in DOCUMENTS for name in MODULE.findall(document.read_text())}


def test_every_module_and_function_the_commands_name_exists() -> None:
	assert documented_callables() and documented_modules()
	missing = sorted(name for name in documented_modules() if importlib.util.find_spec(name) is None)
	assert not missing, f"documented modules that do not exist: {missing}"
	check = (
		"import importlib, sys\n"
		"missing = []\n"
		"for name in sys.argv[1:]:\n"
		"    module, _, function = name.rpartition('.')\n"
		"    if not callable(getattr(importlib.import_module(module), function, None)):\n"
		"        missing.append(name)\n"
		"print(' '.join(missing))\n"
	)
	result = subprocess.run(
		[sys.executable, "-c", check, *sorted(documented_callables())],
		cwd=ROOT / "sites",
		capture_output=True,
		text=True,
		timeout=120,
		check=False,
	)
	assert result.returncode == 0, result.stderr[-2000:]
	assert result.stdout.strip() == "", f"documented functions that do not exist: {result.stdout}"
