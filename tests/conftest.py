"""End-to-end fixtures: the running test stack (bin/test starts it) and a real headless Chromium."""

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
