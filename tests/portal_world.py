"""Shared helpers of the portal's browser tests: a fresh world on the site under test, logins."""

import json
import os
import subprocess
from pathlib import Path

import requests
from conftest import ARTIFACTS

BENCH = Path(os.environ.get("MM_BENCH", Path(__file__).resolve().parents[1]))
SITE = os.environ.get("MM_SITE", "test.localhost")


# What `bench --site SITE execute METHOD` does (frappe/commands/utils.py: init, connect, call, commit,
# destroy, the result as JSON), without the bench CLI and the loading of every app's commands: 1.3 s
# instead of 3.8 s a call, and the suites build some 40 worlds.
EXECUTE = """
import json, sys
import frappe
from frappe.utils.response import json_handler

frappe.init(site=sys.argv[1])
frappe.connect()
try:
	result = frappe.get_attr(sys.argv[2])()
	frappe.db.commit()
finally:
	frappe.destroy()
print(json.dumps(result, default=json_handler))
"""


def bench_execute(method: str) -> dict:
	"""Run a method on the site under test as `bench execute` does; its JSON result."""
	result = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-c", EXECUTE, SITE, method],
		cwd=BENCH / "sites",
		capture_output=True,
		text=True,
		timeout=300,
		check=False,  # the assertion below shows the method's own error
	)
	assert result.returncode == 0, result.stderr[-2000:]
	return json.loads(result.stdout[result.stdout.index("{") :])


def build_world() -> dict:
	return bench_execute("mitmenschen.tests.portal_world.build")


def portal_login(page, base_url: str, user: str, password: str) -> None:
	page.goto(f"{base_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url)
	page.wait_for_load_state()


def api_session(base_url: str, user: str, password: str, headers: dict | None = None) -> requests.Session:
	session = requests.Session()
	session.headers.update(headers or {})
	session.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": password}).raise_for_status()
	return session


def shot(page, name: str) -> None:
	ARTIFACTS.mkdir(exist_ok=True)
	page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
