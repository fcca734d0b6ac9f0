"""A manager rejects a proposed resolution in the desk: the action asks for the reason, the case goes
back to mediation and the reason stays on its timeline. The proposer cannot approve their own."""

import secrets

import pytest
import requests
from conftest import desk_login
from test_clerk_journey import Api

PASSWORD = "Leitung-Test-2026!"


@pytest.fixture
def api(base_url) -> Api:
	session = requests.Session()
	session.post(f"{base_url}/api/method/login", data={"usr": "Administrator", "pwd": "admin"}).raise_for_status()
	yield Api(session, base_url)
	session.close()


def make_manager(api: Api, suffix: str) -> str:
	return api.insert(
		"User",
		email=f"leitung-{suffix}@staff.example",
		first_name=f"Leitung {suffix}",
		language="de",
		send_welcome_email=0,
		new_password=PASSWORD,
		roles=[{"role": "Mit:Menschen Manager"}],
	)["name"]


def test_manager_rejects_a_proposal_with_a_reason_in_the_desk(page, base_url, api):
	suffix = secrets.token_hex(3)
	manager = make_manager(api, suffix)
	category = api.insert("Case Category", category_name=f"Müll {suffix}")["name"]
	case = api.insert(
		"Mediation Case",
		subject=f"Sperrmüll im Hof {suffix}",
		category=category,
		resolution="<p>Hausmeister räumt, Aushang in vier Sprachen.</p>",
	)["name"]
	api.take_steps("Mediation Case", case, "Triage", "Start Mediation", "Propose Resolution")

	desk_login(page, base_url, manager, PASSWORD)
	page.goto(f"{base_url}/app/mediation-case/{case}")
	page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=case)
	actions = page.locator(".page-actions .actions-btn-group:visible button").first
	actions.click()
	page.locator(".dropdown-menu:visible .dropdown-item", has_text="Ablehnen").click()

	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("textarea[data-fieldname='reason']").fill("Die Nachbarin wurde nicht angehört.")
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.status === 'In Mediation'", timeout=15_000)

	saved = api.get("Mediation Case", case)
	assert saved["status"] == "In Mediation"
	assert saved["rejection_reason"] == "Die Nachbarin wurde nicht angehört."
	comments = api.session.get(
		f"{base_url}/api/resource/Comment",
		params={"filters": f'[["reference_name", "=", "{case}"], ["comment_type", "=", "Comment"]]', "fields": '["content"]'},
	).json()["data"]
	assert any("Die Nachbarin wurde nicht angehört." in row["content"] for row in comments)
