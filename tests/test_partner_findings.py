"""The partner's findings of the December tour (issue #23), each seen in a real browser as the partner:
"Our part is done" asks before it acts; the due date says resolution ("Lösung"), not dissolution; answered
and closed referrals stay in the partner's history; the profile's offers have their checkbox beside their own
label, and its languages are a short list of the languages partners use, in the reader's language."""

import pytest
from portal_world import api_session, build_world, portal_login, shot

API = "/api/method/mitmenschen.portal.partner_api"


@pytest.fixture(scope="module")
def world(base_url) -> dict:
	world = build_world()
	a = world["A"]
	session = api_session(base_url, a["user"], a["password"])
	session.post(f"{base_url}{API}.accept_referral", data={"case": a["case_to_accept"]}).raise_for_status()
	session.post(
		f"{base_url}{API}.decline_referral", data={"case": a["case_to_decline"], "reason": "Keine Kapazität"}
	).raise_for_status()
	return world


def referral_status(page) -> str:
	return page.locator("#referral-status").inner_text().strip()


def test_our_part_is_done_asks_first_and_says_resolution(page, base_url, world):
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner/cases/{a['case_to_accept']}?_lang=de")
	text = page.evaluate("document.body.innerText")
	assert "Lösung fällig" in text and "Auflösung" not in text
	accepted = referral_status(page)

	questions = []
	page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
	page.locator("#complete-referral button").click()
	page.wait_for_timeout(1500)  # a form that does not ask would have posted and reloaded by now
	assert questions and "wirklich" in questions[0]
	page.reload()
	assert referral_status(page) == accepted  # cancelled: nothing happened

	page.once("dialog", lambda dialog: dialog.accept())
	page.locator("#complete-referral button").click()
	page.wait_for_function(
		"(before) => document.querySelector('#referral-status').innerText.trim() !== before", arg=accepted
	)
	assert referral_status(page) == "Erledigt"
	shot(page, "partner-case-done")


def test_answered_referrals_stay_in_the_history(page, base_url, world):
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner/referrals?_lang=de")
	history = page.locator("#referral-history")
	for case in (a["case_to_accept"], a["case_to_decline"]):
		assert history.locator(f"li[data-case='{case}']").count() == 1
	assert "Abgelehnt" in history.locator(f"li[data-case='{a['case_to_decline']}']").inner_text()
	assert world["B"]["case_to_accept"] not in history.inner_text()  # never another organisation's
	shot(page, "partner-referral-history")


@pytest.mark.parametrize("width", (390, 1400))
def test_profile_checkboxes_sit_beside_their_labels(browser, base_url, world, width):
	context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE")
	page = context.new_page()
	try:
		a = world["A"]
		portal_login(page, base_url, a["user"], a["password"])
		page.goto(f"{base_url}/partner/profile?_lang=de")
		boxes = page.evaluate(
			"""() => [...document.querySelectorAll('#profile-form .form-check')].map(row => {
				const box = row.querySelector('input').getBoundingClientRect();
				const label = row.querySelector('label').getBoundingClientRect();
				return {box: [box.top, box.bottom, box.left, box.right], label: [label.top, label.bottom, label.left, label.right]};
			})"""
		)
		assert boxes
		for row in boxes:
			(b_top, b_bottom, _, b_right), (l_top, l_bottom, l_left, _) = row["box"], row["label"]
			assert b_top < l_bottom and b_bottom > l_top, row  # on the label's line, not above it
			assert b_right <= l_left + 1, row  # before the label (left to right), never under it
		# the languages: a short list partners use, named in German with their own name beside
		assert page.locator("select#profile-languages").count() == 0
		languages = page.locator("#profile-languages .form-check")
		assert 10 <= languages.count() <= 40
		names = page.locator("#profile-languages").inner_text()
		for name in ("Arabisch", "Tigrinya", "Zentralkurdisch", "Dari", "Ukrainisch", "العربية"):
			assert name in names
		shot(page, f"partner-profile-{width}")
	finally:
		context.close()


def test_the_profile_keeps_the_chosen_languages(page, base_url, world):
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner/profile?_lang=de")
	page.locator("#profile-languages input[value=ar]").check()
	page.locator("#profile-languages input[value=ti]").check()
	page.click("#profile-form button[type=submit]")
	page.wait_for_selector("#pending-change")
	assert page.locator("#profile-languages input[value=ar]").is_checked()
	assert page.locator("#profile-languages input[value=ti]").is_checked()
