"""A clerk sends a household the house rules in Arabic from the desk and records that they were explained.

The mail leaves through Frappe's Email Queue to a real SMTP server on loopback (run under
`flock /tmp/mm-mail.lock`); its attached pictogram page is rendered to a PNG in tests/artifacts/.
"""

import json
import secrets
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from conftest import ADMIN_PASSWORD, ARTIFACTS, desk_login
from portal_world import BENCH, SITE
from test_clerk_journey import Api

SMTP_PORT = 2542
PASSWORD = "Sachbearbeitung-Test-2026!"
ACCOUNT = "Mit:Menschen House Rules E2E"


@pytest.fixture
def api(base_url) -> Api:
	session = requests.Session()
	session.post(
		f"{base_url}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}
	).raise_for_status()
	yield Api(session, base_url)
	session.close()


@pytest.fixture
def smtp():
	from aiosmtpd.controller import Controller

	class Sink:
		def __init__(self) -> None:
			self.messages: list = []

		async def handle_DATA(self, server, session, envelope):
			import email
			import email.policy

			message = email.message_from_bytes(envelope.content, policy=email.policy.default)
			message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
			self.messages.append(message)
			return "250 OK"

	sink = Sink()
	controller = Controller(sink, hostname="127.0.0.1", port=SMTP_PORT)
	controller.start()
	yield sink
	controller.stop()


@pytest.fixture
def outgoing_account(api, smtp):
	values = {
		"email_id": "hausordnung@genossenschaft.example",
		"enable_outgoing": 1,
		"default_outgoing": 1,
		"smtp_server": "127.0.0.1",
		"smtp_port": SMTP_PORT,
		"use_tls": 0,
		"use_ssl": 0,
		"no_smtp_authentication": 1,
		"enable_incoming": 0,
	}
	# Another module's world may have left its loopback account the default, its server gone: when ours
	# takes over, Frappe saves that one too, and the save tries its server.
	while other := api.first("Email Account", [["default_outgoing", "=", 1], ["name", "!=", ACCOUNT]]):
		api.update("Email Account", other, enable_outgoing=0, default_outgoing=0)
	if api.first("Email Account", [["name", "=", ACCOUNT]]):
		api.update("Email Account", ACCOUNT, **values)
	else:
		api.insert("Email Account", email_account_name=ACCOUNT, **values)
	yield ACCOUNT
	api.update("Email Account", ACCOUNT, enable_outgoing=0, default_outgoing=0)


def flush_email_queue() -> None:
	subprocess.run(
		["bench", "--site", SITE, "execute", "frappe.email.queue.flush"],
		cwd=BENCH,
		check=True,
		capture_output=True,
		timeout=180,
	)


def make_clerk(api, suffix: str) -> str:
	return api.insert(
		"User",
		email=f"sachbearbeitung-{suffix}@staff.example",
		first_name=f"Sachbearbeitung {suffix}",
		language="de",
		send_welcome_email=0,
		new_password=PASSWORD,
		roles=[{"role": "Mit:Menschen Clerk"}],
	)["name"]


def in_force(api) -> dict:
	rows = api.session.get(
		f"{api.base_url}/api/resource/House Rules",
		params={
			"filters": json.dumps(
				[
					["applies_to", "=", "All Buildings"],
					["valid_from", "<=", time.strftime("%Y-%m-%d")],
				]
			),
			"order_by": "valid_from desc",
			"limit_page_length": 1,
		},
	).json()["data"]
	assert rows, "the sample house rules are missing (created on migrate)"
	return api.get("House Rules", rows[0]["name"])


def house_rules_menu(page, item: str):
	page.locator(".inner-group-button:visible button", has_text="Hausordnung").click()
	return page.locator(".dropdown-menu:visible .dropdown-item", has_text=item)


def pdf_to_png(pdf: bytes, name: str) -> tuple[Path, str, str]:
	ARTIFACTS.mkdir(exist_ok=True)
	pdf_path = ARTIFACTS / f"{name}.pdf"
	pdf_path.write_bytes(pdf)
	subprocess.run(
		["pdftoppm", "-png", "-r", "80", "-singlefile", pdf_path, ARTIFACTS / name],
		check=True,
	)
	info = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True, check=True).stdout
	text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True, check=True).stdout
	return ARTIFACTS / f"{name}.png", info, text


def pdf_path(png: Path) -> Path:
	return png.with_suffix(".pdf")


def word_x(pdf: Path, word: str) -> float:
	"""Where a word starts on the page (pdftotext's bounding boxes)."""
	boxes = subprocess.run(
		["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True
	).stdout
	found = [line for line in boxes.splitlines() if f">{word}<" in line.replace("\u200b", "")]
	assert found, f"{word} is not on the page"
	return float(found[0].split('xMin="')[1].split('"')[0])


def test_clerk_sends_the_house_rules_in_arabic_and_records_the_explanation(
	page,
	base_url,
	api,
	smtp,
	outgoing_account,
):
	suffix = secrets.token_hex(3)
	clerk = make_clerk(api, suffix)
	rules = in_force(api)
	address = f"familie-{suffix}@haushalt.example"
	tenant = api.insert(
		"Customer",
		customer_name=f"Familie Haddad {suffix}",
		customer_type="Individual",
		email_id=address,
	)["name"]
	member = f"Rana Haddad {suffix}"
	household = api.insert(
		"Refugee Household",
		family_name=f"Haddad {suffix}",
		tenant=tenant,
		languages=[{"language": "ar"}],
		members=[{"member_name": member, "relation": "Head of Household", "birth_year": 1984}],
	)["name"]
	if api.get("Customer", tenant).get("email_id") != address:  # ERPNext fills it from the primary contact
		api.session.post(
			f"{base_url}/api/method/frappe.client.set_value",
			json={
				"doctype": "Customer",
				"name": tenant,
				"fieldname": "email_id",
				"value": address,
			},
		).raise_for_status()

	desk_login(page, base_url, clerk, PASSWORD)
	page.goto(f"{base_url}/app/refugee-household/{household}")
	page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=household)

	# Send House Rules: the version in force, in the household's language, to the tenant's address
	house_rules_menu(page, "Hausordnung senden").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.wait_for()
	page.wait_for_function(
		"() => cur_dialog && cur_dialog.get_value('language') === 'ar' && cur_dialog.get_value('recipient')"
	)
	assert page.evaluate("cur_dialog.get_value('house_rules')") == rules["name"]
	assert page.evaluate("cur_dialog.get_value('recipient')") == address
	assert dialog.locator(
		".indicator-pill", has_text="Muttersprachler"
	).is_visible()  # the draft is unchecked
	page.screenshot(path=str(ARTIFACTS / "house_rules_send_dialog.png"))
	dialog.locator(".btn-primary", has_text="Absenden").click()
	page.wait_for_function("() => (cur_frm.doc.house_rules_deliveries || []).length === 1", timeout=30_000)

	# Record Explanation: with an interpreter, acknowledged by the head of household
	house_rules_menu(page, "Erklärung erfassen").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.wait_for()
	page.wait_for_function("() => cur_dialog && cur_dialog.get_value('house_rules')")
	dialog.locator("input[data-fieldname='interpreter_used']").check()
	dialog.locator("input[data-fieldname='interpreter']").fill("Samira Haddad")
	dialog.locator("select[data-fieldname='acknowledged_by']").select_option(member)
	dialog.locator(".btn-primary", has_text="Erfassen").click()
	page.wait_for_function(
		"() => (cur_frm.doc.house_rules_explanations || []).length === 1",
		timeout=30_000,
	)
	page.locator("[data-fieldname='house_rules_explanations']").scroll_into_view_if_needed()
	page.screenshot(path=str(ARTIFACTS / "house_rules_household.png"), full_page=True)

	saved = api.get("Refugee Household", household)
	[delivery] = saved["house_rules_deliveries"]
	assert (
		delivery["house_rules"],
		delivery["languages"],
		delivery["channel"],
		delivery["recipient"],
	) == (
		rules["name"],
		"ar",
		"Email",
		address,
	)
	[explanation] = saved["house_rules_explanations"]
	assert (
		explanation["house_rules"],
		explanation["language"],
		explanation["explained_by"],
		explanation["interpreter_used"],
		explanation["interpreter"],
		explanation["acknowledged_by"],
	) == (rules["name"], "ar", clerk, 1, "Samira Haddad", member)

	# the mail, delivered: Arabic, right to left, the version's pictogram page attached
	flush_email_queue()
	[message] = [m for m in smtp.messages if address in m["X-Envelope-To"]]
	assert "النظام الداخلي" in message["Subject"], message["Subject"]
	body = message.get_body(("html",)).get_content()
	assert 'dir="rtl"' in body
	[attachment] = list(message.iter_attachments())
	assert attachment.get_filename() == f"{rules['name'].replace(' ', '-')}-ar.pdf"
	png, info, text = pdf_to_png(attachment.get_content(), "house_rules_pictograms_ar")
	assert "Pages:           1" in info
	# the sheet names its version by number and date (the German title is not printed on it)
	assert time.strftime("%d.%m.%Y", time.strptime(rules["valid_from"], "%Y-%m-%d")) in text
	assert "Nachtruhe" not in text  # the Arabic sheet, not the German one
	# the night rest reads left to right inside the right-to-left page: 22:00 – 06:00, not reversed
	start, end = (word_x(pdf_path(png), rules[field]) for field in ("night_rest_from", "night_rest_until"))
	assert start < end, (start, end)
	assert png.stat().st_size > 20_000

	# the same page in German, for the office's own copy, through the print action
	clerk_session = requests.Session()
	clerk_session.post(
		f"{base_url}/api/method/login", data={"usr": clerk, "pwd": PASSWORD}
	).raise_for_status()
	response = clerk_session.get(
		f"{base_url}/api/method/mitmenschen.households.house_rules_sending.download_pictograms"
		f"?house_rules={quote(rules['name'])}&language=de"
	)
	assert response.headers["Content-Type"].startswith("application/pdf")
	_, _, german = pdf_to_png(response.content, "house_rules_pictograms_de")
	assert "Die Hausordnung auf einen Blick" in german
	assert "Restmüll" in german


def test_clerk_sees_which_translations_wait_for_a_native_speaker(page, base_url, api):
	suffix = secrets.token_hex(3)
	clerk = make_clerk(api, suffix)
	rules = in_force(api)
	unchecked = [row for row in rules["translations"] if row["status"] == "To be checked by a native speaker"]
	assert unchecked, "the sample's drafts are to be checked"

	desk_login(page, base_url, clerk, PASSWORD)
	page.goto(f"{base_url}/app/house-rules")
	row = page.locator(".list-row-container", has_text=rules["name"])
	row.locator(".indicator-pill", has_text="Muttersprachler").first.wait_for()
	page.screenshot(path=str(ARTIFACTS / "house_rules_list.png"))

	page.goto(f"{base_url}/app/house-rules/{quote(rules['name'])}")
	page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=rules["name"])
	grid = page.locator("[data-fieldname='translations'] .grid-body")
	grid.scroll_into_view_if_needed()
	pills = grid.locator(".indicator-pill.orange", has_text="Muttersprachler")
	pills.first.wait_for()
	assert pills.count() == len(unchecked)
	assert page.get_by_text(
		f"{len(unchecked)} Übersetzung(en) von Muttersprachler:innen zu prüfen."
	).is_visible()
	page.screenshot(path=str(ARTIFACTS / "house_rules_form.png"), full_page=True)


def test_a_new_version_lists_the_households_that_acknowledged_the_older_one(page, base_url, api):
	suffix = secrets.token_hex(3)
	clerk = make_clerk(api, suffix)
	rules = in_force(api)
	household = api.insert(
		"Refugee Household",
		family_name=f"Karimi {suffix}",
		languages=[{"language": "fa"}],
		members=[
			{"member_name": f"Reza Karimi {suffix}", "relation": "Head of Household", "birth_year": 1979}
		],
		house_rules_explanations=[
			{
				"explained_on": "2026-02-01",
				"house_rules": rules["name"],
				"language": "fa",
				"acknowledged_by": f"Reza Karimi {suffix}",
			}
		],
	)["name"]
	tomorrow = time.strftime("%Y-%m-%d", time.localtime(time.time() + 86_400))
	new = api.insert(
		"House Rules",
		title=f"Hausordnung {suffix}",
		valid_from=tomorrow,  # announced ahead: the version in force stays the same for other tests
		german_text=rules["german_text"],
		translations=[{"language": row["language"], "text": row["text"]} for row in rules["translations"]],
	)["name"]
	try:
		desk_login(page, base_url, clerk, PASSWORD)
		page.goto(f"{base_url}/app/house-rules/{quote(new)}")
		page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=new)
		listed = page.locator("[data-fieldname='older_version_households'] tr", has_text=f"Karimi {suffix}")
		listed.wait_for()
		assert rules["name"] in listed.inner_text()
		assert page.locator(
			".page-actions button", has_text="An Haushalte älterer Fassungen senden"
		).is_visible()
		listed.scroll_into_view_if_needed()
		page.screenshot(path=str(ARTIFACTS / "house_rules_older_versions.png"))
	finally:
		api.session.delete(f"{base_url}/api/resource/House Rules/{quote(new)}").raise_for_status()
		api.session.delete(f"{base_url}/api/resource/Refugee Household/{quote(household)}")
