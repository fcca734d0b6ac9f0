"""The running stack answers as a newcomer expects: ping, login, and the app's workspace in the desk."""

import requests

from conftest import desk_login


def test_ping_answers_pong(base_url):
	response = requests.get(f"{base_url}/api/method/ping", timeout=30)
	assert response.status_code == 200
	assert response.json() == {"message": "pong"}


def test_wrong_password_is_refused(base_url):
	response = requests.post(
		f"{base_url}/api/method/login", data={"usr": "Administrator", "pwd": "definitely-wrong"}, timeout=30
	)
	assert response.status_code == 401


def test_installed_apps_include_erpnext_and_mitmenschen(admin_session, base_url):
	response = admin_session.get(f"{base_url}/api/method/frappe.utils.change_log.get_versions", timeout=30)
	assert response.status_code == 200
	apps = response.json()["message"]
	assert {"frappe", "erpnext", "mitmenschen"} <= set(apps)


def test_workspace_route_answers(admin_session, base_url):
	response = admin_session.get(f"{base_url}/app/mit-menschen", timeout=30)
	assert response.status_code == 200
	workspace = admin_session.get(f"{base_url}/api/resource/Workspace/Mit Menschen", timeout=30)
	assert workspace.status_code == 200
	assert workspace.json()["data"]["module"] == "Mediation"


def test_workspace_is_visible_after_login(page, base_url):
	desk_login(page, base_url)
	page.goto(f"{base_url}/app/mit-menschen")
	page.wait_for_selector(".shortcut-widget-box .widget-title", timeout=60_000)
	title = page.locator(".page-head .title-text").first
	title.wait_for()
	assert "Mit:Menschen" in title.inner_text() or "Mit Menschen" in title.inner_text()
	assert page.locator(".shortcut-widget-box").count() > 0
