"""The households' languages in a real browser: the tenant form and the partner portal in Sorani and
Pashto (right to left) and in Tigrinya and Kurmanji (left to right), with translated text; a volunteer
enters a checked translation in the desk and the portal shows it at once; the coverage report."""

from urllib.parse import urlencode

import pytest

from conftest import desk_login
from portal_world import bench_execute, build_world, portal_login, shot

# what the pages must say (from locale/<lang>.po): the form's heading and a label, two navigation links
TENANT_FORM = {
	"ckb": ("rtl", "ڕاپۆرتکردنی کێشەیەک", "کێشەکە باس بکە"),
	"ps": ("rtl", "د ستونزې راپور ورکړئ", "ستونزه تشریح کړئ"),
	"ti": ("ltr", "ጸገም ሓብሩ", "ነቲ ጸገም ግለጹ"),
	"kmr": ("ltr", "Pirsgirêkekê ragihîne", "Pirsgirêkê binivîse"),
}
PARTNER_NAV = {
	"ckb": ("rtl", "پوختە", "ناردنەکان"),
	"ps": ("rtl", "لنډه کتنه", "معرفي"),
	"ti": ("ltr", "ሓፈሻዊ", "ምልኣኻት"),
	"kmr": ("ltr", "Giştî", "Şandin"),
}
VOLUNTEER_SOURCE = "Street, house number, floor"
VOLUNTEER_TEXT = "Kolan, hejmara avahiyê, qat (ji dilxwazekê)"


@pytest.fixture(scope="module")
def world() -> dict:
	world = build_world()
	world["desk"] = bench_execute("mitmenschen.tests.language_world.build")
	return world


def assert_direction(page, lang: str, direction: str) -> None:
	assert page.evaluate("document.documentElement.lang") == lang
	assert page.evaluate("document.documentElement.dir") == direction
	assert page.evaluate("getComputedStyle(document.body).direction") == direction
	stylesheet = "css-rtl/website.bundle" if direction == "rtl" else "/css/website.bundle"
	assert page.locator(f"link[href*='{stylesheet}']").count() == 1


@pytest.mark.parametrize("lang", list(TENANT_FORM))
def test_tenant_form_in_the_households_languages(page, base_url, world, lang):
	direction, heading, label = TENANT_FORM[lang]
	portal_login(page, base_url, world["tenant"]["user"], world["password"])
	page.goto(f"{base_url}/report-problem?_lang={lang}")
	assert_direction(page, lang, direction)
	assert heading in page.locator("h1").first.inner_text()
	assert page.locator("label[for=report-description]").inner_text() == label
	assert "Problem" not in page.locator("#report-form").inner_text()  # no English or German left
	# every language is offered, each named in its own script
	picker = page.locator(".mm-lang-picker").inner_text()
	for name in (
		"کوردی (سۆرانی)",
		"Kurdî (Kurmancî)",
		"ትግርኛ",
		"پښتو",
		"دری",
		"Русский",
	):
		assert name in picker
	shot(page, f"tenant-report-form-{lang}")


@pytest.mark.parametrize("lang", list(PARTNER_NAV))
def test_partner_portal_in_the_households_languages(page, base_url, world, lang):
	direction, overview, referrals = PARTNER_NAV[lang]
	a = world["A"]
	portal_login(page, base_url, a["user"], a["password"])
	page.goto(f"{base_url}/partner?_lang={lang}")
	assert_direction(page, lang, direction)
	nav = page.locator(".mm-nav").inner_text()
	assert overview in nav and referrals in nav
	page.goto(f"{base_url}/partner/referrals?_lang={lang}")
	assert_direction(page, lang, direction)
	assert page.locator(".mm-nav-link.active").inner_text() == referrals
	shot(page, f"partner-referrals-{lang}")


def test_a_volunteer_checks_a_translation_and_the_portal_shows_it_at_once(
	page, browser, base_url, world, admin_session
):
	desk = world["desk"]
	desk_login(page, base_url, desk["translator"], desk["password"])
	# the coverage report's "Translate or check" link: a new Translation, filled in
	query = urlencode({"language": "kmr", "source_text": VOLUNTEER_SOURCE, "translated_text": ""})
	page.goto(f"{base_url}/app/translation/new?{query}")
	page.wait_for_selector("[data-fieldname=translated_text] .ace_text-input", state="attached")
	page.locator("[data-fieldname=translated_text] .ace_content").click()
	# the code editor takes keys once its hidden input has the focus (slow on a busy machine)
	page.wait_for_function("() => document.activeElement?.classList.contains('ace_text-input')")
	page.keyboard.type(VOLUNTEER_TEXT)
	page.wait_for_function("(text) => cur_frm.doc.translated_text === text", arg=VOLUNTEER_TEXT)
	page.locator("input[data-fieldname=mm_checked]").check()
	shot(page, "translation-volunteer-form")
	page.keyboard.press("Control+s")
	page.wait_for_url(lambda url: "/app/translation/new" not in url)
	name = page.url.rstrip("/").split("/")[-1]
	try:
		record = admin_session.get(f"{base_url}/api/resource/Translation/{name}").json()["data"]
		assert (
			record["language"],
			record["source_text"],
			record["translated_text"],
		) == (
			"kmr",
			VOLUNTEER_SOURCE,
			VOLUNTEER_TEXT,
		)
		assert record["mm_checked"] == 1 and record["mm_checked_by"] == desk["translator"]
		assert record["mm_checked_german"] == "Straße, Hausnummer, Etage"

		# the tenant without a flat of record types it: the placeholder is the volunteer's, no deploy
		context = browser.new_context(viewport={"width": 1280, "height": 900})
		tenant_page = context.new_page()
		portal_login(tenant_page, base_url, world["other_tenant"]["user"], world["password"])
		tenant_page.goto(f"{base_url}/report-problem?_lang=kmr")
		assert tenant_page.get_attribute("#report-location", "placeholder") == VOLUNTEER_TEXT
		shot(tenant_page, "tenant-report-form-kmr-volunteer")
		context.close()

		# the coverage report counts it as checked, for the clerk
		clerk_context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="de-DE")
		clerk = clerk_context.new_page()
		desk_login(clerk, base_url, desk["clerk"], desk["password"])
		clerk.goto(f"{base_url}/app/query-report/Language Coverage")
		clerk.wait_for_selector(".dt-row-0")
		shot(clerk, "language-coverage-report")
		result = admin_session.get(
			f"{base_url}/api/method/frappe.desk.query_report.run",
			params={
				"report_name": "Language Coverage",
				"filters": '{"language": "kmr"}',
			},
		).json()["message"]["result"]
		assert result[0]["checked"] >= 1
		# the clerk chooses the language and the view Strings (URL filters race the Link's title lookup)
		clerk.locator(".frappe-control[data-fieldname=language] input").fill("kmr")
		clerk.wait_for_timeout(1000)
		clerk.keyboard.press("Escape")
		clerk.locator(".frappe-control[data-fieldname=view] select").select_option("Strings")
		clerk.wait_for_selector(".dt-cell__content:has-text('Quellentext')")  # the strings, not the summary
		clerk.locator(".frappe-control[data-fieldname=status] select").select_option("Checked")
		clerk.wait_for_selector(f".dt-cell__content:has-text('{VOLUNTEER_TEXT}')")
		assert clerk.locator(".dt-row").count() >= 1
		shot(clerk, "language-coverage-strings-kmr")
		clerk_context.close()
	finally:
		admin_session.delete(f"{base_url}/api/resource/Translation/{name}")
