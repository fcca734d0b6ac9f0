"""A clerk's journey through the desk, in a real headless Chromium.

Log in, open the workspace, record a refugee household in a flat of the ERP's Location tree and
linked to its tenant (an ERPNext Customer), open a mediation case against that household, find
a partner for it through the Partner Finder report and refer the case to that partner. The REST
API then confirms what the clerk did was stored.

The data the journey needs (tenant, district → building → flat, case category, an Active partner
speaking Arabic with a hot-line row for the category and district) is prepared through the REST
API as Administrator, with names unique per run, so the test can run again on the same site.
The site speaks German: fields are found by `data-fieldname`, never by label.
"""

import json
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import quote

import pytest
import requests
from conftest import ADMIN_PASSWORD, ARTIFACTS, desk_login
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

PARTNER_LANGUAGE = "ar"


# --------------------------------------------------------------------------------------------
# REST helpers (Administrator session)
# --------------------------------------------------------------------------------------------


class Api:
	def __init__(self, session: requests.Session, base_url: str):
		self.session = session
		self.base_url = base_url

	def _check(self, response: requests.Response) -> dict:
		if not response.ok:
			raise AssertionError(
				f"{response.request.method} {response.url} → {response.status_code}: {_server_error(response)}"
			)
		return response.json()

	def insert(self, doctype: str, **values) -> dict:
		response = self.session.post(
			f"{self.base_url}/api/resource/{quote(doctype)}", json=values, timeout=30
		)
		return self._check(response)["data"]

	def update(self, doctype: str, name: str, **values) -> dict:
		response = self.session.put(
			f"{self.base_url}/api/resource/{quote(doctype)}/{quote(name)}", json=values, timeout=30
		)
		return self._check(response)["data"]

	def get(self, doctype: str, name: str) -> dict:
		response = self.session.get(
			f"{self.base_url}/api/resource/{quote(doctype)}/{quote(name)}", timeout=30
		)
		return self._check(response)["data"]

	def take_steps(self, doctype: str, name: str, *actions: str) -> None:
		"""Workflow actions, as the desk's action buttons take them."""
		for action in actions:
			response = self.session.post(
				f"{self.base_url}/api/method/frappe.model.workflow.apply_workflow",
				json={"doc": {"doctype": doctype, "name": name}, "action": action},
				timeout=30,
			)
			self._check(response)

	def first(self, doctype: str, filters: list | None = None) -> str | None:
		response = self.session.get(
			f"{self.base_url}/api/resource/{quote(doctype)}",
			params={"filters": json.dumps(filters or []), "limit_page_length": 1, "order_by": "name asc"},
			timeout=30,
		)
		rows = self._check(response)["data"]
		return rows[0]["name"] if rows else None


def _server_error(response: requests.Response) -> str:
	return describe_error(response.text)


def describe_error(text: str) -> str:
	"""The message of a Frappe error response: its server messages, else the exception."""
	try:
		body = json.loads(text)
	except ValueError:
		return text[:500]
	messages = body.get("_server_messages")
	if messages:
		return "; ".join(
			re.sub(r"<[^>]+>", "", json.loads(message).get("message", message))
			for message in json.loads(messages)
		)
	exc = body.get("exception") or body.get("exc_type") or ""
	return str(exc)[:800]


@dataclass
class JourneyData:
	suffix: str
	tenant: str
	tenant_name: str
	district: str
	building: str
	flat: str
	category: str
	partner: str
	decoy_partner: str
	contact: str


@pytest.fixture
def api(base_url) -> Api:
	"""An Administrator session of our own: the shared `admin_session` may have opened a desk page,
	which binds a CSRF token to it, and then Frappe refuses its writes."""
	session = requests.Session()
	session.post(
		f"{base_url}/api/method/login", data={"usr": "Administrator", "pwd": ADMIN_PASSWORD}, timeout=30
	).raise_for_status()
	yield Api(session, base_url)
	session.close()


@pytest.fixture
def journey_data(api) -> JourneyData:
	suffix = secrets.token_hex(3)

	customer = api.insert(
		"Customer",
		customer_name=f"Mieterin Journey {suffix}",
		customer_type="Individual",
		customer_group=api.first("Customer Group", [["is_group", "=", 0]]) or api.first("Customer Group"),
		territory=api.first("Territory", [["is_group", "=", 0]]) or api.first("Territory"),
	)
	district = api.insert("Location", location_name=f"Bezirk {suffix}", is_group=1)["name"]
	building = api.insert("Location", location_name=f"Haus {suffix}", parent_location=district, is_group=1)[
		"name"
	]
	flat = api.insert("Location", location_name=f"Wohnung {suffix}", parent_location=building)["name"]
	category = api.insert("Case Category", category_name=f"Laerm {suffix}")["name"]

	partner = api.insert(
		"Partner Organisation",
		organisation_name=f"Nachbarschaftshilfe {suffix}",
		organisation_type="NGO",
		languages=[{"language": PARTNER_LANGUAGE}],
		districts=[{"property_doctype": "Location", "district": district}],
	)["name"]
	api.take_steps("Partner Organisation", partner, "Approve", "Activate")
	contact = api.insert(
		"Partner Contact",
		full_name=f"Samira Hotline {suffix}",
		partner_organisation=partner,
		is_hotline=1,
		phone="+49 421 555 0100",
		languages=[{"language": PARTNER_LANGUAGE}],
	)["name"]
	api.update(
		"Partner Organisation",
		partner,
		hotline_assignments=[
			{
				"case_category": category,
				"property_doctype": "Location",
				"district": district,
				"contact": contact,
			}
		],
	)
	# Same category and district but no Arabic: the language filter must leave it out.
	decoy = api.insert(
		"Partner Organisation",
		organisation_name=f"Nachbarschaftshilfe {suffix} Deutsch",
		organisation_type="Volunteer Group",
		languages=[{"language": "de"}],
	)["name"]
	api.take_steps("Partner Organisation", decoy, "Approve", "Activate")
	decoy_contact = api.insert(
		"Partner Contact", full_name=f"Klaus Hotline {suffix}", partner_organisation=decoy
	)["name"]
	api.update(
		"Partner Organisation",
		decoy,
		hotline_assignments=[
			{
				"case_category": category,
				"property_doctype": "Location",
				"district": district,
				"contact": decoy_contact,
			}
		],
	)

	return JourneyData(
		suffix=suffix,
		tenant=customer["name"],
		tenant_name=customer["customer_name"],
		district=district,
		building=building,
		flat=flat,
		category=category,
		partner=partner,
		decoy_partner=decoy,
		contact=contact,
	)


# --------------------------------------------------------------------------------------------
# Desk helpers
# --------------------------------------------------------------------------------------------


class ServerErrors:
	"""Every API call of the page that the server answers with an error: the clerk sees each as a dialog."""

	def __init__(self, page):
		self.page = page
		self.pending: set = set()
		self.failed: list = []
		self.problems: list[str] = []
		page.on("request", lambda request: self.pending.add(request) if "/api/" in request.url else None)
		page.on("requestfinished", lambda request: self.pending.discard(request))
		page.on("requestfailed", lambda request: self.pending.discard(request))
		page.on(
			"response",
			lambda response: (
				self.failed.append(response) if "/api/" in response.url and response.status >= 400 else None
			),
		)

	def settle(self, quiet_ms: int = 400, timeout_ms: int = 10_000) -> None:
		"""Wait until the page has had no API call open for `quiet_ms` (widgets ask for counts late)."""
		waited = quiet = 0
		while quiet < quiet_ms and waited < timeout_ms:
			self.page.wait_for_timeout(50)
			waited += 50
			quiet = 0 if self.pending else quiet + 50

	def note(self, during: str) -> None:
		"""Record the errors so far; the journey goes on, and `assert_none` fails the test at the end."""
		self.settle()
		for response in self.failed:
			try:
				message = describe_error(response.text())
			except Exception:
				message = "(no body)"
			self.problems.append(f"{during}: {response.status} {response.url.split('?')[0]}: {message}")
		self.failed.clear()

	def assert_none(self) -> None:
		assert not self.problems, (
			"the server answered with errors (the clerk saw error dialogs):\n" + "\n".join(self.problems)
		)


class Steps:
	"""Numbered screenshots of each step in tests/artifacts/."""

	def __init__(self, page):
		self.page = page
		self.count = 0
		ARTIFACTS.mkdir(exist_ok=True)
		for old in ARTIFACTS.glob("clerk_journey_*.png"):
			old.unlink()

	def shot(self, name: str) -> None:
		self.count += 1
		self.page.evaluate("() => window.scrollTo(0, 0)")
		self.page.screenshot(
			path=str(ARTIFACTS / f"clerk_journey_{self.count:02d}_{name}.png"), full_page=True
		)


def control(page, fieldname: str):
	"""The visible control of a field (Frappe keeps earlier pages hidden in the DOM)."""
	return page.locator(f'.frappe-control[data-fieldname="{fieldname}"]:visible').first


def fill_data(page, fieldname: str, value: str) -> None:
	field = control(page, fieldname).locator("input, textarea").first
	field.fill(value)
	field.press("Tab")


def fill_link(page, fieldname: str, value: str, *, search: str | None = None, form: bool = True) -> None:
	"""Type into a Link / Dynamic Link field and pick `value` from the awesomplete dropdown.

	`search` is what the clerk types (default: the value itself), e.g. a family name for a household.
	An entry shows the record's title in bold and below it the name, possibly followed by a comma
	and further details; the entry is matched on either, exactly.
	"""
	search = search or value
	field = control(page, fieldname).locator("input").first
	field.click()
	field.fill(search)
	texts = {re.escape(search), re.escape(value)}
	wanted = re.compile(rf"^\s*({'|'.join(texts)})\s*(,|$)")
	option = (
		control(page, fieldname)
		.locator('.awesomplete [role="option"]')
		.filter(has=page.locator("strong, .small", has_text=wanted))
		.first
	)
	try:
		option.wait_for(state="visible", timeout=10_000)
	except PlaywrightTimeout as error:
		raise AssertionError(f"{fieldname}: no dropdown entry for {search!r} appeared") from error
	option.click()
	if form:
		page.wait_for_function(
			"([fieldname, value]) => window.cur_frm && cur_frm.doc[fieldname] === value",
			arg=[fieldname, value],
			timeout=10_000,
		)
	else:
		page.wait_for_function(
			"([fieldname, value]) => frappe.query_report.get_filter_value(fieldname) === value",
			arg=[fieldname, value],
			timeout=10_000,
		)


def open_new_form(page, base_url: str, doctype: str) -> None:
	slug = doctype.lower().replace(" ", "-")
	page.goto(f"{base_url}/app/{slug}/new")
	page.wait_for_function(
		"(doctype) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.is_new()", arg=doctype
	)


SAVE_STATE = """
([doctype, modified]) => {
	const dialog = [...document.querySelectorAll('.modal.show')].find((m) => m.innerText.trim());
	if (dialog) return 'error: ' + dialog.innerText.trim();
	const frm = window.cur_frm;
	if (!frm || frm.doctype !== doctype || frm.is_new() || frm.doc.__unsaved) return false;
	if (modified && frm.doc.modified === modified) return false;
	return 'saved: ' + frm.doc.name;
}
"""


def save_form(page, doctype: str) -> str:
	"""Save the open form with Ctrl+S; return the document's name or fail with the desk's message."""
	modified = page.evaluate("() => (window.cur_frm && !cur_frm.is_new() && cur_frm.doc.modified) || null")
	page.keyboard.press("Control+s")
	state = page.wait_for_function(SAVE_STATE, arg=[doctype, modified], timeout=30_000).json_value()
	if state.startswith("error: "):
		raise AssertionError(f"Saving {doctype} failed: {state[7:]}")
	# The form has re-rendered with the saved document.
	page.locator(".indicator-pill:visible").first.wait_for()
	return state[len("saved: ") :]


# --------------------------------------------------------------------------------------------
# The journey
# --------------------------------------------------------------------------------------------


def test_clerk_refers_a_case_to_a_partner_found_in_the_partner_finder(page, base_url, api, journey_data):
	data = journey_data
	steps = Steps(page)
	server_errors = ServerErrors(page)

	# 1. Log in and open the workspace.
	desk_login(page, base_url)
	steps.shot("logged_in")
	page.goto(f"{base_url}/app/mit-menschen")
	expect(page.locator(".page-head .title-text:visible").first).to_have_text(re.compile(r"Mit:?\s?Menschen"))
	# The skeleton has boxes too: wait for the real shortcuts with their titles.
	page.locator(".shortcut-widget-box:visible .widget-title").first.wait_for()
	server_errors.settle()
	steps.shot("workspace")
	server_errors.note("opening the workspace")

	# 2. Record the household: family, tenant, flat.
	family_name = f"Familie Haddad {data.suffix}"
	open_new_form(page, base_url, "Refugee Household")
	fill_data(page, "family_name", family_name)
	fill_link(page, "tenant", data.tenant)
	fill_link(page, "property_unit", data.flat)
	steps.shot("household_filled")
	household = save_form(page, "Refugee Household")
	steps.shot("household_saved")

	# 3. Open a mediation case against the household.
	subject = f"Lärm im Treppenhaus {data.suffix}"
	open_new_form(page, base_url, "Mediation Case")
	fill_data(page, "subject", subject)
	fill_link(page, "category", data.category)
	fill_link(page, "property_unit", data.flat)
	fill_link(page, "respondent_household", household, search=family_name)
	steps.shot("case_filled")
	case = save_form(page, "Mediation Case")
	steps.shot("case_saved")

	# 4. Find a partner: category, district of the flat, Arabic.
	page.goto(f"{base_url}/app/query-report/Partner Finder")
	page.wait_for_function(
		"() => window.frappe && frappe.query_report && frappe.query_report.report_name === 'Partner Finder'"
	)
	control(page, "category").wait_for()
	fill_link(page, "category", data.category, form=False)
	fill_link(page, "district", data.district, form=False)
	fill_link(page, "language", PARTNER_LANGUAGE, form=False)
	# The report refreshes after each filter: wait for the result of all three.
	try:
		page.wait_for_function(
			"""([partner, decoy]) => {
				const rows = (frappe.query_report.data || []).map((row) => row.partner_organisation);
				return rows.includes(partner) && !rows.includes(decoy);
			}""",
			arg=[data.partner, data.decoy_partner],
			timeout=15_000,
		)
	except PlaywrightTimeout:
		pass  # the assertions below say what is wrong
	rows = page.evaluate("() => (frappe.query_report.data || []).map((row) => row.partner_organisation)")
	assert data.partner in rows, f"Partner Finder did not find {data.partner}: {rows}"
	assert data.decoy_partner not in rows, "the language filter let a partner through that speaks no Arabic"
	result = page.locator(".dt-scrollable:visible .dt-row", has_text=data.partner).first
	result.wait_for()
	assert data.contact in result.inner_text(), "the hot-line contact for the district is not shown"
	steps.shot("partner_found")

	# 5. The family signs the consent form (recorded on the household), then the case is referred.
	api.update(
		"Refugee Household",
		household,
		consents=[{"purpose": "Referral to Partners", "given_on": time.strftime("%Y-%m-%d")}],
	)
	page.goto(f"{base_url}/app/mediation-case/{quote(case)}")
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doctype === 'Mediation Case' && cur_frm.doc.name === name",
		arg=case,
	)
	control(page, "referred_to").scroll_into_view_if_needed()
	fill_link(page, "referred_to", data.partner)
	save_form(page, "Mediation Case")
	page.wait_for_function("() => cur_frm.doc.referral_status === 'Requested'")
	control(page, "referred_to").scroll_into_view_if_needed()
	steps.shot("case_referred")

	server_errors.note("recording the household and the case, finding a partner, referring the case")

	# 6. What the clerk did is stored.
	saved_case = api.get("Mediation Case", case)
	assert saved_case["referred_to"] == data.partner
	assert saved_case["referral_status"] == "Requested"
	assert saved_case["referral_requested_on"]
	assert saved_case["district"] == data.district
	assert saved_case["property_unit"] == data.flat
	assert saved_case["respondent_household"] == household
	assert saved_case["subject"] == subject
	assert saved_case["category"] == data.category

	saved_household = api.get("Refugee Household", household)
	assert saved_household["family_name"] == family_name
	assert saved_household["tenant"] == data.tenant
	assert saved_household["property_unit"] == data.flat
	assert saved_household["district"] == data.district

	server_errors.assert_none()
