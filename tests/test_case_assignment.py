"""Closing the loop in the browser: a clerk assigns a case in the sidebar and its Assignee follows (and
the case is in the clerk's "assigned to me" list); the playbook checklist on the case; the reporter's
follow-up page without a login, in Arabic, right to left, answered once."""

import json
from urllib.parse import quote

import pytest
from conftest import desk_login
from portal_world import api_session, bench_execute, shot


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.loop_world.browser_world")


def open_case(page, base_url: str, case: str) -> None:
	page.goto(f"{base_url}/app/mediation-case/{case}")
	page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=case)


def test_a_clerk_assigns_in_the_sidebar_and_the_field_follows(page, base_url, world):
	clerk, case = world["clerk"], world["case"]
	desk_login(page, base_url, clerk, world["password"])
	open_case(page, base_url, case)
	assert page.evaluate("() => cur_frm.doc.assigned_to") is None

	page.locator(".form-assignments .add-assignment-btn").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("input[data-fieldname='assign_to_me']").check()
	dialog.locator(".btn-primary").click()
	page.wait_for_function("(user) => cur_frm.doc.assigned_to === user", arg=clerk, timeout=15_000)
	# the field shows the person by name (users' links show their title), the value stays the user
	shown = page.locator("input[data-fieldname='assigned_to']").first.input_value()
	assert shown == page.evaluate("(user) => frappe.user_info(user).fullname", clerk) != clerk
	shot(page, "case_assigned_in_sidebar")

	session = api_session(base_url, clerk, world["password"])
	saved = session.get(f"{base_url}/api/resource/Mediation Case/{case}").json()["data"]
	assert saved["assigned_to"] == clerk
	# the desk's "assigned to me" list
	mine = session.get(
		f"{base_url}/api/resource/Mediation Case",
		params={
			"filters": json.dumps([["_assign", "like", f"%{clerk}%"]]),
			"fields": '["name"]',
		},
	).json()["data"]
	assert case in [row["name"] for row in mine]
	page.goto(f"{base_url}/app/mediation-case?_assign={quote(json.dumps(['like', f'%{clerk}%']))}")
	page.locator(f".list-row-container [data-name='{case}']").first.wait_for()
	shot(page, "case_in_assigned_to_me_list")

	# removed in the sidebar: the field is empty again
	open_case(page, base_url, case)
	page.locator(
		".form-assignments .assignments .avatar-group, .form-assignments .assignments .avatar"
	).first.click()
	remove = page.locator(".modal-dialog:visible .remove-btn").first
	remove.click()
	page.wait_for_function("() => !cur_frm.doc.assigned_to", timeout=15_000)
	saved = session.get(f"{base_url}/api/resource/Mediation Case/{case}").json()["data"]
	assert saved.get("assigned_to") is None


def test_the_playbook_checklist_ticks_and_skips_steps(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	open_case(page, base_url, world["case"])
	checklist = page.locator("[data-fieldname='playbook_checklist'] .mm-checklist")
	checklist.wait_for()
	assert checklist.locator("li").count() == 4
	assert "Pflicht" in checklist.locator("li").first.inner_text()
	first = checklist.locator("li").first
	first.locator("[data-action='done']").click()
	page.wait_for_function("() => cur_frm.doc.playbook_steps[0].status === 'Done'", timeout=15_000)
	second = checklist.locator("li").nth(1)
	second.locator("[data-action='skip']").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("textarea[data-fieldname='reason']").fill(
		"Die Familie hat die Hausordnung schon erhalten."
	)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.playbook_steps[1].status === 'Skipped'", timeout=15_000)
	text = checklist.inner_text()
	assert "Erledigt" in text and "Übersprungen" in text
	assert "Die Familie hat die Hausordnung schon erhalten." in text
	assert "nach dem Abschluss" in text  # the follow-up call waits for the closing
	checklist.scroll_into_view_if_needed()
	shot(page, "case_playbook_checklist")


def test_the_reporter_answers_the_follow_up_once_without_a_login(page, base_url, world):
	path = world["follow_up_path"]
	page.goto(f"{base_url}{path}?answer=partly")
	assert page.locator("html").get_attribute("dir") == "rtl"
	assert page.locator("h1").inner_text() == "هل حُلّت المشكلة؟"
	assert page.locator("input[value='partly']").is_checked()
	assert world["closed_case"] in page.content()  # only in the form's hidden field, never shown
	assert world["closed_case"] not in page.locator("body").inner_text()
	page.fill("#follow-up-comment", "<b>ما زال</b> هناك ضجيج أحيانًا")
	shot(page, "follow_up_page_arabic")
	page.locator("#follow-up-form button[type=submit]").click()
	page.wait_for_url("**/follow-up?done=1**")
	assert "شكرًا لك! تم تسجيل إجابتك." in page.locator("body").inner_text()
	shot(page, "follow_up_thanks_arabic")

	page.goto(f"{base_url}{path}")
	assert "تمت الإجابة عن هذا السؤال بالفعل." in page.locator("body").inner_text()
	assert page.locator("input[name='answer']").count() == 0
	shot(page, "follow_up_used_arabic")

	page.goto(f"{base_url}{path[:-3]}abc")
	text = page.locator("body").inner_text()
	assert "Dieser Link ist ungültig" in text or "This link is not valid" in text, text
	assert page.locator("input[name='answer']").count() == 0
	shot(page, "follow_up_invalid")


def test_the_clerk_sees_the_answer_escaped_on_the_timeline(page, base_url, world):
	desk_login(page, base_url)
	open_case(page, base_url, world["closed_case"])
	timeline = page.locator(".new-timeline")
	timeline.locator("text=ما زال").first.wait_for()
	assert "<b>ما زال</b>" in timeline.inner_text(), "the reporter's markup is shown as text"
	assert page.evaluate("() => cur_frm.doc.follow_up_answer") == "Partly Solved"
	page.locator(".form-section:has([data-fieldname='follow_up_answer'])").first.scroll_into_view_if_needed()
	shot(page, "case_follow_up_answered")


def test_a_clerk_records_an_answer_given_by_phone_and_gets_the_letter(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	open_case(page, base_url, world["phone_case"])
	group = page.locator(".page-actions .inner-group-button", has_text="Nachfrage")
	group.click()
	menu = page.locator(".dropdown-menu:visible")
	assert menu.locator(".dropdown-item", has_text="Nachfragebrief").count() == 1
	shot(page, "case_follow_up_menu")
	letter = page.request.get(
		f"{base_url}/api/method/mitmenschen.mediation.follow_up.download_letter?case={world['phone_case']}"
	)
	assert letter.ok and letter.body().startswith(b"%PDF")
	menu.locator(".dropdown-item", has_text="Antwort auf die Nachfrage erfassen").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("select[data-fieldname='answer']").select_option("not_solved")
	dialog.locator("textarea[data-fieldname='comment']").fill(
		"Am Telefon: <script>alert(1)</script> immer noch laut"
	)
	shot(page, "case_follow_up_phone_dialog")
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.follow_up_answer === 'Not Solved'", timeout=15_000)
	page.wait_for_function("() => cur_frm.doc.status === 'Reopened'", timeout=15_000)
	timeline = page.locator(".new-timeline")
	timeline.locator("text=immer noch laut").first.wait_for()
	assert "<script>alert(1)</script>" in timeline.inner_text(), "shown as text, not run"
	shot(page, "case_reopened_by_phone_answer")
