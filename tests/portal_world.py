"""Shared helpers of the portal's browser tests: a fresh world on the site under test, logins."""

import os

import requests
from conftest import ARTIFACTS
from scratch_sites import BENCH, execute  # BENCH: the test modules import it from here

SITE = os.environ.get("MM_SITE", "test.localhost")


def bench_execute(method: str) -> dict:
	"""Run a method on the site under test as `bench execute` does (without the bench CLI); its JSON result."""
	return execute(SITE, method)


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
