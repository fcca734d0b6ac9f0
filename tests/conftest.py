"""End-to-end fixtures: the running test stack (bin/test starts it) and a real headless Chromium.

bin/test runs the suite in two processes (pytest-xdist, `-n 2`): each module is one unit of
work, and modules that share state of the whole site (the outgoing mail account and its loopback SMTP
server, SMS and WhatsApp settings) run one after the other in one process (GROUPS). The longest units
start first. Figures a test reports (`figure`) reach the summary from either process."""

import os
import shutil
from pathlib import Path

import pytest
import requests

BASE_URL = os.environ.get("MM_BASE_URL", "http://127.0.0.1:8001")
ADMIN_PASSWORD = os.environ.get("MM_ADMIN_PASSWORD", "admin")
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_FLAGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


# Modules that write state of the whole site which the others in their group read: the default outgoing
# Email Account (pointed at the module's own loopback SMTP server and flushed from there), SMS Settings
# and Messaging Settings (the loopback gateways). Run at once, one module's flush would send another's
# mail to the wrong server. The desk smoke test and the gallery share one pass over the desk (`desk_pass`).
GROUPS = {
	"outbound": (
		"test_house_rules",
		"test_language_mediators",
		"test_partner_isolation",  # its mediator world points the outgoing account at a loopback server
		"test_house_rules_channels",
		"test_channels_isolation",
		"test_contact_channels_form",
	),
	"desk": ("test_desk_smoke", "test_gallery"),
}
GROUP_OF = {module: group for group, modules in GROUPS.items() for module in modules}
# Run first, so that no long unit starts last while the other process idles (measured seconds of each,
# docs/benchmarks-tests.md)
LONGEST_FIRST = ("test_route_audit", "desk", "outbound", "test_cooperatives", "test_backup_restore")


def unit(nodeid: str) -> str:
	"""The unit of work a test belongs to: its module, or the module's group."""
	module = nodeid.split("::")[0].rsplit("/", 1)[-1].removesuffix(".py")
	return GROUP_OF.get(module, module)


def pytest_collection_modifyitems(config, items):
	rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
	# stable: each module keeps its order, the units the order of the files otherwise
	items.sort(key=lambda item: rank.get(unit(item.nodeid), len(rank)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
	"""xdist's scheduling by scope, the scope being our unit (bin/test passes --no-loadscope-reorder, so
	the units go out in the order above)."""
	from xdist.scheduler import LoadScopeScheduling

	class ByUnit(LoadScopeScheduling):
		def _split_scope(self, nodeid: str) -> str:
			return unit(nodeid)

	return ByUnit(config, log)


@pytest.fixture
def figure(record_property):
	"""figure(line): a figure for the run's summary (counts of an audit), printed at the end of the run
	by either process; also a property of the test in the JUnit report."""
	return lambda line: record_property("figure", line)


def pytest_terminal_summary(terminalreporter):
	lines = [
		value
		for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed")
		for name, value in report.user_properties
		if name == "figure"
	]
	if lines:
		terminalreporter.section("figures")
		for line in lines:
			terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def base_url() -> str:
	return BASE_URL


@pytest.fixture(scope="session")
def admin_session(base_url: str) -> requests.Session:
	session = requests.Session()
	response = session.post(
		f"{base_url}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}
	)
	response.raise_for_status()
	return session


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	executable = shutil.which("chromium") or "/usr/bin/chromium"
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
		yield browser
		browser.close()


@pytest.fixture(scope="session")
def gallery():
	"""The run's screenshot gallery (tests/gallery.py); its index.html is written when the run ends."""
	from gallery import Gallery

	gallery = Gallery()
	yield gallery
	if gallery.shots:
		gallery.write_index()


@pytest.fixture(scope="session")
def desk_pass(browser, base_url, gallery):
	"""Every desk route opened once per account, checked and photographed (test_desk_smoke.DeskPass):
	the desk smoke test and the gallery share it."""
	from test_desk_smoke import DeskPass

	return DeskPass(browser, base_url, gallery)


@pytest.fixture
def page(browser, request):
	context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
	page = context.new_page()
	page.set_default_timeout(30_000)
	yield page
	ARTIFACTS.mkdir(exist_ok=True)
	page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
	context.close()


def desk_login(page, base_url: str, user: str = "Administrator", password: str = ADMIN_PASSWORD) -> None:
	page.goto(f"{base_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**")
