"""The tenant's side of the portal: who the tenant is, where they live, their reports.

A tenant is an ERP portal user: ERPNext 15 lists them in the Customer's `portal_users` table
(Portal User), older set-ups link a Contact with the user's email to the Customer. Their flat is
taken from what we already know (their household or their latest case with a property unit); a
tenant we know nothing about names the place in words and the clerk sets the unit while triaging.
"""

import frappe
from frappe import _
from frappe.utils import cstr, escape_html, now_datetime, strip_html_tags

from mitmenschen.erp.records import get_property_doctype, get_tenant_doctype
from mitmenschen.language import DEFAULT_LANGUAGE, TENANT_FORM_LANGUAGES, base_language
from mitmenschen.mediation.acknowledgement import acknowledge
from mitmenschen.portal import uploads
from mitmenschen.portal.guard import portal_enabled, require_login

PHOTO_TYPES = uploads.IMAGE_EXTENSIONS
# the report form's tiles, in this order (Case Category's "pictogram" options; templates/portal/pictograms.html)
PICTOGRAMS = (
	"Noise",
	"Waste",
	"Heating and Airing",
	"Stairwell",
	"Laundry",
	"Children",
	"Damage",
	"Neighbours",
	"Other",
)
MAX_DESCRIPTION = 5000
MIN_DESCRIPTION = 10
REPORT_LIST_LIMIT = 50
# What the tenant reads for each case status: their view, not the office's workflow words.
TENANT_STATUS_LABELS = {
	"New": "Received",
	"Triaged": "Being reviewed",
	"In Mediation": "We are working on it",
	"Resolution Proposed": "Solution proposed",
	"Closed": "Done",
	"Reopened": "Reopened",
}
STATUS_INDICATORS = {"New": "blue", "Closed": "green", "Reopened": "orange"}


class TenantReportError(frappe.ValidationError):
	pass


def get_tenant(user: str | None = None) -> str | None:
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return None
	tenant_doctype = get_tenant_doctype()
	tenant = frappe.db.get_value("Portal User", {"user": user, "parenttype": tenant_doctype}, "parent")
	if tenant:
		return tenant
	email = frappe.db.get_value("User", user, "email") or user
	link = frappe.qb.DocType("Dynamic Link")
	contact = frappe.qb.DocType("Contact")
	rows = (
		frappe.qb.from_(link)
		.join(contact)
		.on(contact.name == link.parent)
		.select(link.link_name)
		.where(
			(link.parenttype == "Contact")
			& (link.link_doctype == tenant_doctype)
			& ((contact.user == user) | (contact.email_id == email))
		)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


def require_tenant() -> str:
	require_login()
	if not portal_enabled("tenant"):
		raise frappe.PermissionError(_("Reporting problems online is switched off."))
	tenant = get_tenant()
	if not tenant:
		raise frappe.PermissionError(
			_("Your login is not linked to a tenancy. Please contact the cooperative's office.")
		)
	return tenant


def tenant_property(tenant: str) -> dict | None:
	"""The tenant's unit as far as we know it: their household's flat, else their last reported one."""
	unit = frappe.db.get_value(
		"Refugee Household",
		{"tenant": tenant, "property_unit": ["is", "set"]},
		"property_unit",
		order_by="modified desc",
	) or frappe.db.get_value(
		"Mediation Case",
		{"reporter_tenant": tenant, "property_unit": ["is", "set"]},
		"property_unit",
		order_by="opened_on desc",
	)
	if not unit:
		return None
	return {"name": unit, "label": unit, "doctype": get_property_doctype()}


def categories() -> list[dict]:
	"""The categories a tenant picks by pictogram, in the pictograms' order; a site whose categories have
	no pictogram yet offers all of them (the "other" picture), so a tenant can always report."""
	rows = frappe.get_all("Case Category", fields=["name", "pictogram"], order_by="category_name asc")
	pictured = [row for row in rows if row.pictogram in PICTOGRAMS]
	if pictured:
		pictured.sort(key=lambda row: PICTOGRAMS.index(row.pictogram))
	rows = pictured or [frappe._dict(name=row.name, pictogram="Other") for row in rows]
	return [{"name": row.name, "label": _(row.name), "pictogram": row.pictogram} for row in rows]


def tenant_status_label(status: str | None) -> str:
	return _(TENANT_STATUS_LABELS.get(status or "New", "Received"))


def my_reports(tenant: str) -> list[dict]:
	"""The tenant's own reports, newest first; `reporter_tenant` is indexed."""
	rows = frappe.get_all(
		"Mediation Case",
		filters={"reporter_tenant": tenant, "tenant_doctype": get_tenant_doctype()},
		fields=["name", "subject", "category", "status", "opened_on", "creation"],
		order_by="creation desc",
		limit_page_length=REPORT_LIST_LIMIT,
	)
	for row in rows:
		row.status_label = tenant_status_label(row.status)
		row.indicator = STATUS_INDICATORS.get(row.status, "orange")
		row.category_label = _(row.category)
	return rows


def create_report(
	tenant: str,
	category: str | None,
	description: str | None,
	language: str | None,
	location_text: str | None,
	photos: list[tuple[str, bytes]],
	voice: tuple[str, bytes] | None = None,
) -> str:
	"""A Mediation Case from the tenant's report, channel Portal; photos and the voice message (which may
	stand instead of the text) attached privately."""
	if not category or not frappe.db.exists("Case Category", category):
		frappe.throw(
			_("Please choose what the problem is about."), title=_("Missing Input"), exc=TenantReportError
		)
	text = strip_html_tags(cstr(description)).strip()
	if voice and not text:
		# the clerk reads the case in the office's language, whatever language the tenant spoke
		site_lang = DEFAULT_LANGUAGE
		text = _("Voice message about: {0}", lang=site_lang).format(_(category, lang=site_lang))
	if len(text) < MIN_DESCRIPTION:
		frappe.throw(
			_(
				"Please describe the problem in a few words (at least {0} characters) or record a voice message."
			).format(MIN_DESCRIPTION),
			title=_("Missing Input"),
			exc=TenantReportError,
		)
	if len(text) > MAX_DESCRIPTION:
		frappe.throw(
			_("The description is too long: at most {0} characters.").format(MAX_DESCRIPTION),
			title=_("Too Long"),
			exc=TenantReportError,
		)
	language = base_language(language) if language else None
	if language and language not in TENANT_FORM_LANGUAGES:
		frappe.throw(_("This language is not offered."), title=_("Invalid Input"), exc=TenantReportError)
	unit = tenant_property(tenant)
	location_text = strip_html_tags(cstr(location_text)).strip()[:200]
	body = escape_html(text).replace("\n", "<br>")
	if not unit and location_text:
		body += (
			"<p>" + escape_html(_("Building / flat given by the tenant: {0}").format(location_text)) + "</p>"
		)
	case = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": text.splitlines()[0][:80],
			"category": category,
			"channel": "Portal",
			"description": body,
			"tenant_doctype": get_tenant_doctype(),
			"reporter_tenant": tenant,
			"reporter_email": frappe.db.get_value("User", frappe.session.user, "email"),
			"property_doctype": get_property_doctype(),
			"property_unit": unit["name"] if unit else None,
			# the tenant wrote in this language: whoever answers may need an interpreter for it
			"interpreter_language": language if language and language != "de" else None,
			"opened_on": now_datetime(),
		}
	)
	case.flags.ignore_permissions = True
	case.insert()
	for filename, content in photos:
		uploads.attach("Mediation Case", case.name, filename, content)
	if voice:
		filename, content = voice
		uploads.attach("Mediation Case", case.name, f"{case.name}-{filename}", content)
	acknowledge(case, language)
	return case.name
