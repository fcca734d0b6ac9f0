"""Early signals in a real browser: the clerk opens the list of early signals, opens the household the
rent-arrears signal is about, and offers a referral to a debt counselling service (through the
family's consent, which the world records)."""

import pytest
from conftest import ADMIN_PASSWORD, desk_login
from portal_world import api_session, bench_execute, shot


@pytest.fixture(scope="module")
def world() -> dict:
	return bench_execute("mitmenschen.tests.signals_world.build")


def test_clerk_offers_support_from_an_early_signal(page, base_url, world):
	desk_login(page, base_url, world["clerk"], world["password"])
	page.goto(f"{base_url}/app/early-signal")
	row = page.locator(f".list-row:has(a[href$='/app/early-signal/{world['signal']}'])")
	row.wait_for()
	assert "Mietrückstand" in row.inner_text() and world["family_name"] in row.inner_text()
	listing = page.locator(".frappe-list").inner_text()
	assert "Score" not in listing and "Rang" not in listing, "no score, no ranking"
	shot(page, "early_signals_01_list")

	row.locator(f"a[href$='/app/early-signal/{world['signal']}']").first.click()
	page.wait_for_url(f"**/app/early-signal/{world['signal']}")
	form = page.locator(".form-layout")
	form.locator("text=Ein bis zwei Monatsmieten").first.wait_for()
	assert "690" not in form.inner_text(), "no amount reaches the app"

	# the household the signal is about, with its signals among its connections
	page.goto(f"{base_url}/app/refugee-household/{world['household']}")
	page.locator(".form-dashboard").locator("text=Frühe Signale").first.wait_for()
	shot(page, "early_signals_02_household")

	page.goto(f"{base_url}/app/early-signal/{world['signal']}")
	page.locator(".inner-group-button button:has-text('Unterstützung anbieten')").click()
	page.locator(".dropdown-menu.show a:has-text('Vermittlung an einen Partner')").click()
	dialog = page.locator(".modal.show")
	dialog.locator(".modal-title:has-text('Vermittlung an einen Partner')").wait_for()
	assert dialog.locator("select[data-fieldname=need]").input_value() == "Debt Counselling"
	partner = dialog.locator('.frappe-control[data-fieldname="partner_organisation"] input')
	partner.click()
	partner.fill(world["partner"])
	dialog.locator(f'.awesomplete [role="option"]:has(strong:text-is("{world["partner"]}"))').first.click()
	page.wait_for_function(
		"(partner) => cur_dialog && cur_dialog.get_value('partner_organisation') === partner",
		arg=world["partner"],
	)
	shot(page, "early_signals_03_offer_dialog")
	dialog.locator(".btn-primary:has-text('Vermitteln')").click()
	page.locator(".frappe-control[data-fieldname=offers] .grid-row:has-text('Vermittlung')").first.wait_for()
	shot(page, "early_signals_04_offer_made")

	admin = api_session(base_url, "Administrator", ADMIN_PASSWORD)
	signal = admin.get(f"{base_url}/api/resource/Early Signal/{world['signal']}").json()["data"]
	(offer,) = signal["offers"]
	assert (offer["offer_type"], offer["offered_by"]) == ("Referral", world["clerk"])
	referral = admin.get(f"{base_url}/api/resource/Household Referral/{offer['household_referral']}").json()[
		"data"
	]
	assert (referral["partner_organisation"], referral["need"], referral["status"]) == (
		world["partner"],
		"Debt Counselling",
		"Requested",
	)
