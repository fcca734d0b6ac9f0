"""Onboarding and household referrals in a real browser: a clerk opens a household that has just
moved in, sees its onboarding plan as a checklist and ticks a step done; the partner the household
was referred to accepts the referral in its portal and sees the family under its consent."""

import pytest

from conftest import ADMIN_PASSWORD, desk_login
from portal_world import api_session, bench_execute, portal_login, shot

WELCOME = "Begrüßungsbesuch in der neuen Wohnung"


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.household_world.build")


def test_clerk_sees_the_onboarding_plan_and_marks_a_step_done(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(f"{base_url}/app/refugee-household/{world['household']}")
	checklist = page.locator(".mm-onboarding")
	checklist.locator(".mm-onboarding-steps").wait_for()
	assert "Einzugsplan" in checklist.inner_text()
	rows = checklist.locator("tr.mm-onboarding-step")
	# the seven steps of the default template, the per-child one for both children
	assert rows.count() == 8
	assert checklist.locator("tr.mm-onboarding-step:has-text('Yusuf Haddad')").count() == 1
	assert checklist.locator("tr.mm-onboarding-step:has-text('Lina Haddad')").count() == 1
	shot(page, "onboarding_01_household_checklist")

	welcome = checklist.locator(f"tr.mm-onboarding-step:has-text('{WELCOME}')")
	welcome.locator("button[data-action=done]").click()
	page.locator(f"tr.mm-onboarding-step[data-status=Done]:has-text('{WELCOME}')").wait_for()
	done = page.locator(f"tr.mm-onboarding-step:has-text('{WELCOME}')").inner_text()
	assert "Erledigt" in done and "Clara Clerk" in done
	assert "7 offen" in checklist.inner_text()
	shot(page, "onboarding_02_step_done")

	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	plan = admin.get(f"{base_url}/api/resource/Onboarding Plan/{world['plan']}").json()["data"]
	step = next(s for s in plan["steps"] if s["step"] == WELCOME)
	assert (step["status"], step["done_by"]) == ("Done", world["clerk"])
	assert plan["open_steps"] == 7


def test_clerk_sees_the_onboarding_report(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(f"{base_url}/app/query-report/Onboarding")
	page.locator(f".dt-cell__content:has-text('{world['family_name']}')").first.wait_for()
	shot(page, "onboarding_03_report")


def test_partner_accepts_the_household_referral_in_the_portal(page, base_url, world):
	portal_login(page, base_url, world["partner_user"], world["password"])
	page.goto(f"{base_url}/partner")
	assert world["household_referral"] in page.locator("#waiting-household-referrals").inner_text()
	page.goto(f"{base_url}/partner/households")
	card = page.locator(f".mm-household-referral[data-referral='{world['household_referral']}']")
	assert "Kita-Platz" in card.inner_text()
	assert world["family_name"] not in page.content(), "the list names the household's number only"
	shot(page, "onboarding_04_partner_household_referrals")
	card.locator(".mm-accept button").click()
	card.wait_for(state="detached")
	accepted = page.locator(
		f"#household-referrals-accepted li[data-referral='{world['household_referral']}']"
	)
	accepted.locator("a").click()
	page.locator("#household").wait_for()
	household = page.locator("#household").inner_text()
	assert world["family_name"] in household, "the family consented to share its details with this partner"
	assert "Yusuf Haddad" in household
	shot(page, "onboarding_05_partner_household_referral")

	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	doc = admin.get(f"{base_url}/api/resource/Household Referral/{world['household_referral']}").json()[
		"data"
	]
	assert doc["status"] == "Accepted" and doc["responded_on"]


def test_unmet_needs_refer_only_under_consent(page, base_url, world):
	"""The Kita place is referred already; the interpreter the family needs is offered nearby, but the
	family has not consented to that partner: the clerk's one click is refused with the reason."""
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(f"{base_url}/app/query-report/Unmet Needs")
	page.wait_for_function("(frappe.query_report.data || []).length > 0")  # the first run, unfiltered
	page.evaluate("(name) => frappe.query_report.set_filter_value('household', name)", world["household"])
	page.wait_for_timeout(1000)
	page.evaluate("frappe.query_report.refresh()")
	page.wait_for_function(
		"(name) => (frappe.query_report.data || []).length"
		" && frappe.query_report.data.every((r) => r.household === name)",
		arg=world["household"],
	)
	# the household's two needs: its Kita place (referred already) and an interpreter; partners of
	# earlier runs on the site offer the same, so only this world's partners are counted
	rows = page.evaluate("frappe.query_report.data.map((r) => [r.need, r.partner_organisation, r.referral_status])")
	ours = sorted(r for r in rows if r[1] in (world["partner"], world["interpreters"]))
	assert ours[0] == ["Interpreter", world["interpreters"], None]
	assert ours[1][:2] == ["Kindergarten Place", world["partner"]]
	assert ours[1][2] in ("Requested", "Accepted"), "open: the partner may have accepted it already"
	assert len(ours) == 2
	assert {r[0] for r in rows} == {"Interpreter", "Kindergarten Place"}
	page.locator(".dt-cell__content:has-text('Vermittelt')").first.wait_for()
	shot(page, "onboarding_06_unmet_needs")
	page.locator(f"button.mm-refer[data-partner='{world['interpreters']}']").click()
	dialog = page.locator(".modal.show .modal-body")
	dialog.wait_for()
	assert "Einwilligung" in dialog.inner_text()
	shot(page, "onboarding_07_unmet_needs_no_consent")

	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	referrals = admin.get(
		f"{base_url}/api/resource/Household Referral",
		params={"filters": f'[["household", "=", "{world["household"]}"]]', "fields": '["partner_organisation"]'},
	).json()["data"]
	assert [r["partner_organisation"] for r in referrals] == [world["partner"]], "nothing referred"


def test_manager_refers_without_consent_giving_a_reason(page, base_url, world):
	"""A manager is asked for the reason up front; the override is recorded on the referral."""
	desk_login(page, base_url)  # Administrator holds the manager's role
	page.goto(f"{base_url}/app/query-report/Unmet Needs")
	page.wait_for_function("(frappe.query_report.data || []).length > 0")
	page.evaluate("(name) => frappe.query_report.set_filter_value('household', name)", world["household"])
	page.wait_for_timeout(1000)
	page.evaluate("frappe.query_report.refresh()")
	page.wait_for_function(
		"(name) => (frappe.query_report.data || []).every((r) => r.household === name)", arg=world["household"]
	)
	page.locator(f"button.mm-refer[data-partner='{world['interpreters']}']").click()
	reason = page.locator(".modal.show textarea[data-fieldname=reason]")
	reason.wait_for()
	assert "nicht zugestimmt" in page.locator(".modal.show .modal-body").inner_text()
	shot(page, "onboarding_08_manager_override_reason")
	reason.fill("Familie hat beim Hausbesuch mündlich zugestimmt; Unterschrift folgt")
	page.locator(".modal.show .btn-modal-primary:not(.hide)").click()
	page.locator(".alert-message:has-text('Sprachmittlung')").wait_for()

	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	rows = admin.get(
		f"{base_url}/api/resource/Household Referral",
		params={
			"filters": f'[["household", "=", "{world["household"]}"], ["partner_organisation", "=", "{world["interpreters"]}"]]',
			"fields": '["need", "status", "consent_override_reason", "consent_overridden_by"]',
		},
	).json()["data"]
	assert rows == [
		{
			"need": "Interpreter",
			"status": "Requested",
			"consent_override_reason": "Familie hat beim Hausbesuch mündlich zugestimmt; Unterschrift folgt",
			"consent_overridden_by": "Administrator",
		}
	]
