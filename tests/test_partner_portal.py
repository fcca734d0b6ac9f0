"""The partner portal in a real browser: a partner answers referrals, replies on a case, and the
clerk sees the reply in the desk; another organisation's records stay out of reach."""

import pytest

from conftest import ADMIN_PASSWORD, desk_login
from portal_world import api_session, build_world, portal_login, shot


@pytest.fixture(scope="module")
def world() -> dict:
	return build_world()


def test_partner_accepts_replies_and_declines(page, base_url, world, browser):
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner")
	assert page.locator("#open-referrals").inner_text().count(a["case_to_accept"]) == 1
	assert page.evaluate("document.documentElement.dir") == "ltr"
	shot(page, "partner-home")

	page.goto(f"{base_url}/partner/referrals")
	shot(page, "partner-referrals")
	page.locator(f".mm-referral[data-case='{a['case_to_accept']}'] .mm-accept button").click()
	page.wait_for_selector(f".mm-referral[data-case='{a['case_to_accept']}']", state="detached")
	page.wait_for_load_state()  # the reloaded page's script answers the next form, not the browser

	# decline without a reason: refused with a German message, nothing changes
	card = page.locator(f".mm-referral[data-case='{a['case_to_decline']}']")
	card.locator(".mm-decline button").click()
	page.wait_for_selector(".mm-message:not([hidden])")
	assert "Grund" in page.locator(".mm-message").inner_text()
	card.locator("textarea[name=reason]").fill("Keine Kapazität bis Januar")
	card.locator(".mm-decline button").click()
	page.wait_for_selector(f".mm-referral[data-case='{a['case_to_decline']}']", state="detached")

	page.goto(f"{base_url}/partner/cases/{a['case_to_accept']}")
	assert a["reporter_name"] not in page.content()  # the confidential reporter never shows
	reply = "Wir besuchen die Familie am Donnerstag mit Dolmetscherin."
	page.fill("#reply-text", reply)
	page.click("#reply-form button[type=submit]")
	page.wait_for_selector(f".mm-comment-text:has-text('{reply}')")
	shot(page, "partner-case")

	for path, name in (
		("/partner/actions", "partner-actions"),
		(f"/partner/actions/{a['action']}", "partner-action"),
		("/partner/meetings", "partner-meetings"),
		("/partner/profile", "partner-profile"),
	):
		page.goto(f"{base_url}{path}")
		assert page.locator("h1.mm-title").count() == 1
		shot(page, name)

	# RSVP and progress through the forms
	page.goto(f"{base_url}/partner/meetings")
	page.locator(f".mm-meeting[data-meeting='{a['meeting']}'] button[value=Accepted]").click()
	page.wait_for_selector(f".mm-meeting[data-meeting='{a['meeting']}'] .btn-primary[value=Accepted]")
	page.goto(f"{base_url}/partner/actions/{a['action']}")
	page.select_option("#action-status-select", "In Progress")
	page.click("#progress-form button[type=submit]")
	page.wait_for_selector("#action-status:has-text('Bearbeitung')")

	# the clerk sees the answer and the reply on the case in the desk
	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	accepted = admin.get(f"{base_url}/api/resource/Mediation Case/{a['case_to_accept']}").json()["data"]
	declined = admin.get(f"{base_url}/api/resource/Mediation Case/{a['case_to_decline']}").json()["data"]
	assert accepted["referral_status"] == "Accepted" and accepted["referral_responded_on"]
	assert declined["referral_status"] == "Declined"
	assert declined["referral_decline_reason"] == "Keine Kapazität bis Januar"
	clerk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE").new_page()
	desk_login(clerk, base_url)
	clerk.goto(f"{base_url}/app/mediation-case/{a['case_to_accept']}")
	clerk.wait_for_selector(f".timeline-content:has-text('{reply}')", timeout=30_000)
	shot(clerk, "desk-case-with-partner-reply")
	clerk.context.close()


def test_other_organisations_records_are_out_of_reach(page, base_url, world):
	a, b = world["A"], world["B"]
	portal_login(page, base_url, a["user"], a["password"])
	for path in (f"/partner/cases/{b['case_to_accept']}", f"/partner/actions/{b['action']}"):
		response = page.goto(f"{base_url}{path}")
		assert response.status in (403, 404), path
		assert b["case_to_accept_subject"] not in page.content() and b["action_title"] not in page.content()
		assert "Traceback" not in page.content()
	shot(page, "partner-foreign-case-404")
	session = api_session(base_url, a["user"], a["password"])
	attachment = session.get(
		f"{base_url}/api/method/mitmenschen.portal.partner_api.download_attachment", params={"file": b["file"]}
	)
	assert attachment.status_code in (403, 404) and b"PNG" not in attachment.content
	own = session.get(
		f"{base_url}/api/method/mitmenschen.portal.partner_api.download_attachment", params={"file": a["file"]}
	)
	assert own.status_code == 200 and own.content.startswith(b"\x89PNG")  # positive control
	for method, data in (
		("rsvp", {"meeting": b["meeting"], "answer": "Declined"}),
		("accept_referral", {"case": b["case_to_accept"]}),
		("reply_on_case", {"case": b["case_to_accept"], "text": "eingeschleust"}),
		("update_action", {"action": b["action"], "status": "Done"}),
	):
		response = session.post(f"{base_url}/api/method/mitmenschen.portal.partner_api.{method}", data=data)
		assert response.status_code in (403, 404), (method, response.status_code)
	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	case = admin.get(f"{base_url}/api/resource/Mediation Case/{b['case_to_accept']}").json()["data"]
	assert case["referral_status"] == "Requested"


@pytest.mark.parametrize("lang", ["ar", "fa", "ckb"])
def test_right_to_left_languages(page, base_url, world, lang):
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner?_lang={lang}")
	assert page.evaluate("document.documentElement.dir") == "rtl"
	assert page.evaluate("document.documentElement.lang") == lang
	# the mirrored stylesheet is loaded, not only the attribute
	assert page.locator("link[href*='css-rtl/website.bundle']").count() == 1
	assert page.locator("link[href*='/css/website.bundle']").count() == 0
	shot(page, f"partner-home-{lang}")
