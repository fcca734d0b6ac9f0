"""What the partner portal pages show. Each function issues a fixed number of indexed queries,
whatever the number of cases in the site, and reads only the caller's organisation's records.
"""

import frappe
from frappe.utils import add_days, now_datetime, nowdate, sanitize_html

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.households.consent import partner_may_see_household
from mitmenschen.language import PORTAL_LANGUAGES, TENANT_FORM_LANGUAGES
from mitmenschen.partners.profile_change import pending_change
from mitmenschen.portal.guard import not_found, own_record
from mitmenschen.portal.language_names import reader_language_name

OPEN_CASE_STATUSES = ("New", "Triaged", "In Mediation", "Resolution Proposed", "Reopened")
OPEN_ACTION_STATUSES = ("Open", "In Progress")
LIST_LIMIT = 50  # a page shows the most urgent; nobody reads more on a phone

CASE_LIST_FIELDS = [
	"name",
	"subject",
	"category",
	"priority",
	"status",
	"district",
	"referral_status",
	"referral_requested_on",
	"resolution_due",
	"interpreter_language",
]
# What a partner may read of a case: never the reporter (permlevel 1) nor internal SLA bookkeeping.
CASE_DETAIL_FIELDS = [
	*CASE_LIST_FIELDS,
	"description",
	"property_unit",
	"respondent_household",
	"opened_on",
	"referral_responded_on",
	"referral_decline_reason",
]
ACTION_FIELDS = ["name", "title", "status", "due_date", "meeting", "mediation_case", "details"]
MEETING_FIELDS = ["name", "title", "status", "starts_on", "ends_on", "location", "meeting_link"]


# ---- home ---------------------------------------------------------------------------------------


def home_summary(organisation: str) -> dict:
	today = nowdate()
	return {
		"referrals": referral_inbox(organisation, limit=5),
		"cases_in_progress": cases_in_progress(organisation),
		"overdue_cases": frappe.get_list(
			"Mediation Case",
			filters={
				"referred_to": organisation,
				"referral_status": "Accepted",
				"status": ["in", OPEN_CASE_STATUSES],
				"resolution_due": ["<", now_datetime()],
			},
			fields=CASE_LIST_FIELDS,
			order_by="resolution_due asc",
			limit_page_length=LIST_LIMIT,
		),
		"overdue_actions": frappe.get_list(
			"Round Table Action",
			filters={
				"partner_organisation": organisation,
				"status": ["in", OPEN_ACTION_STATUSES],
				"due_date": ["<", today],
			},
			fields=ACTION_FIELDS,
			order_by="due_date asc",
			limit_page_length=LIST_LIMIT,
		),
		"next_meeting": next_meeting(organisation),
	}


# ---- referrals and cases ------------------------------------------------------------------------


def referral_inbox(organisation: str, limit: int = LIST_LIMIT) -> list[dict]:
	return frappe.get_list(
		"Mediation Case",
		filters={"referred_to": organisation, "referral_status": "Requested"},
		fields=CASE_LIST_FIELDS,
		order_by="referral_requested_on asc",
		limit_page_length=limit,
	)


def referral_history(organisation: str, limit: int = LIST_LIMIT) -> list[dict]:
	"""The organisation's answered referrals — accepted, declined, done, closed cases too — newest answer
	first: a partner looks up what it did, not only what waits."""
	return frappe.get_list(
		"Mediation Case",
		filters={"referred_to": organisation, "referral_status": ["in", ("Accepted", "Declined", "Done")]},
		fields=[*CASE_LIST_FIELDS, "referral_responded_on"],
		order_by="referral_responded_on desc, modified desc",
		limit_page_length=limit,
	)


def cases_in_progress(organisation: str) -> list[dict]:
	return frappe.get_list(
		"Mediation Case",
		filters={
			"referred_to": organisation,
			"referral_status": "Accepted",
			"status": ["in", OPEN_CASE_STATUSES],
		},
		fields=CASE_LIST_FIELDS,
		order_by="resolution_due asc",
		limit_page_length=LIST_LIMIT,
	)


def own_case(name: str | None, organisation: str) -> dict:
	"""A case referred to the organisation — declined ones included, so the partner sees its answer."""
	return own_record("Mediation Case", name, "referred_to", organisation, CASE_DETAIL_FIELDS)


def own_comments(doctype: str, name: str, organisation: str) -> list[dict]:
	"""Notes and replies of the organisation's people on a case or action, oldest first.

	Staff comments stay internal: a clerk's note may name the reporter.
	"""
	comment = frappe.qb.DocType("Comment")
	contact = frappe.qb.DocType("Partner Contact")
	own_users = (
		frappe.qb.from_(contact)
		.select(contact.user)
		.where((contact.partner_organisation == organisation) & contact.user.isnotnull())
	)
	rows = (
		frappe.qb.from_(comment)
		.select(comment.name, comment.content, comment.comment_by, comment.comment_email, comment.creation)
		.where(
			(comment.reference_doctype == doctype)
			& (comment.reference_name == name)
			& (comment.comment_type == "Comment")
			& comment.comment_email.isin(own_users)
		)
		.orderby(comment.creation)
		.limit(200)
		.run(as_dict=True)
	)
	for row in rows:  # shown as HTML: whatever wrote the comment, no script reaches the page
		row.content = sanitize_html(row.content or "")
	return rows


def attachments(doctype: str, name: str) -> list[dict]:
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_folder": 0},
		fields=["name", "file_name", "file_size", "creation"],
		order_by="creation asc",
		limit_page_length=100,
	)


def household_details(household: str | None, organisation: str) -> dict | None:
	"""The household's details only where a recorded consent covers sharing them with this partner."""
	if not partner_may_see_household(household, organisation):
		return None
	details = frappe.db.get_value(
		"Refugee Household",
		household,
		["family_name", "interpreter_needed", "interpreter_language", "country_of_origin"],
		as_dict=True,
	)
	if not details:
		return None
	details.members = frappe.get_all(
		"Household Member",
		filters={"parent": household, "parenttype": "Refugee Household"},
		fields=["member_name", "relation", "birth_year", "occupation_status"],
		order_by="idx asc",
	)
	details.languages = frappe.get_all(
		"Spoken Language",
		filters={"parent": household, "parenttype": "Refugee Household", "parentfield": "languages"},
		pluck="language",
	)
	return details


# ---- round table --------------------------------------------------------------------------------


def action_list(organisation: str) -> list[dict]:
	return frappe.get_list(
		"Round Table Action",
		filters={"partner_organisation": organisation, "status": ["!=", "Cancelled"]},
		fields=ACTION_FIELDS,
		order_by="FIELD(status, 'Open', 'In Progress', 'Done') asc, due_date asc",
		limit_page_length=LIST_LIMIT,
	)


def own_action(name: str | None, organisation: str) -> dict:
	return own_record("Round Table Action", name, "partner_organisation", organisation, ACTION_FIELDS)


def invited_meeting_names(organisation: str) -> list[str]:
	attendee = frappe.qb.DocType("Round Table Attendee")
	return (
		frappe.qb.from_(attendee)
		.select(attendee.parent)
		.distinct()
		.where(
			(attendee.parenttype == "Round Table Meeting") & (attendee.partner_organisation == organisation)
		)
		.run(pluck=True)
	)


def meetings(organisation: str) -> dict:
	"""Upcoming invitations with the organisation's RSVP, and the approved minutes of past meetings."""
	names = invited_meeting_names(organisation)
	if not names:
		return {"upcoming": [], "minutes": []}
	since = add_days(now_datetime(), -1)
	upcoming = frappe.get_list(
		"Round Table Meeting",
		filters={"name": ["in", names], "starts_on": [">=", since], "status": ["in", ("Planned", "Invited")]},
		fields=MEETING_FIELDS,
		order_by="starts_on asc",
		limit_page_length=LIST_LIMIT,
	)
	minutes = frappe.get_list(
		"Round Table Meeting",
		filters={"name": ["in", names], "status": "Minutes Approved"},
		fields=[*MEETING_FIELDS, "minutes", "decisions"],
		order_by="starts_on desc",
		limit_page_length=10,
	)
	rsvps = own_rsvps([m.name for m in upcoming], organisation)
	for meeting in upcoming:
		meeting.rsvp = rsvps.get(meeting.name, "")
	return {"upcoming": upcoming, "minutes": minutes}


def own_rsvps(meetings: list[str], organisation: str) -> dict[str, str]:
	if not meetings:
		return {}
	rows = frappe.get_all(
		"Round Table Attendee",
		filters={
			"parent": ["in", meetings],
			"parenttype": "Round Table Meeting",
			"partner_organisation": organisation,
		},
		fields=["parent", "rsvp"],
		order_by="idx asc",
	)
	rsvps: dict[str, str] = {}
	for row in rows:
		rsvps[row.parent] = rsvps.get(row.parent) or row.rsvp or ""
	return rsvps


def next_meeting(organisation: str) -> dict | None:
	names = invited_meeting_names(organisation)
	if not names:
		return None
	rows = frappe.get_list(
		"Round Table Meeting",
		filters={
			"name": ["in", names],
			"starts_on": [">=", now_datetime()],
			"status": ["in", ("Planned", "Invited")],
		},
		fields=MEETING_FIELDS,
		order_by="starts_on asc",
		limit_page_length=1,
	)
	return rows[0] if rows else None


def own_meeting(name: str, organisation: str) -> dict:
	if name not in invited_meeting_names(organisation):
		not_found("Round Table Meeting")
	rows = frappe.get_list(
		"Round Table Meeting", filters={"name": name}, fields=MEETING_FIELDS, limit_page_length=1
	)
	if not rows:
		not_found("Round Table Meeting")
	return rows[0]


def own_approved_minutes(name: str | None, organisation: str) -> dict:
	"""A meeting the organisation was invited to whose minutes are approved; 404 for anything else."""
	if not name or not isinstance(name, str):
		not_found("Round Table Meeting")
	meeting = own_meeting(name, organisation)
	if meeting.status != "Minutes Approved":
		not_found("Round Table Meeting")
	return meeting


# ---- organisation profile -----------------------------------------------------------------------


def profile(organisation: str) -> dict:
	"""The organisation as the partner finder shows it, its hot-line contacts, a pending change."""
	org = own_record(
		"Partner Organisation",
		organisation,
		"name",
		organisation,
		["name", "organisation_type", "website", "description", "hotline_phone", "hotline_email"],
	)

	def child(
		doctype: str,
		field: str,
		parentfield: str,
		doc: str = organisation,
		parenttype: str = "Partner Organisation",
	):
		return frappe.get_all(
			doctype,
			filters={"parent": doc, "parenttype": parenttype, "parentfield": parentfield},
			pluck=field,
			order_by="idx asc",
		)

	org.services = child("Partner Service", "service_type", "services")
	org.languages = child("Spoken Language", "language", "languages")
	org.districts = child("Partner District", "district", "districts")
	hotline = frappe.get_list(
		"Partner Contact",
		filters={"partner_organisation": organisation, "is_hotline": 1, "active": 1},
		fields=["full_name", "function", "phone", "email"],
		order_by="full_name asc",
		limit_page_length=LIST_LIMIT,
	)
	pending = pending_change(organisation)
	pending_values = None
	if pending:
		pending_values = frappe.db.get_value(
			"Partner Profile Change",
			pending,
			["name", "requested_on", "website", "description", "hotline_phone", "hotline_email"],
			as_dict=True,
		)
		kind = "Partner Profile Change"
		pending_values.services = child("Partner Service", "service_type", "services", pending, kind)
		pending_values.languages = child("Spoken Language", "language", "languages", pending, kind)
		pending_values.districts = child("Partner District", "district", "districts", pending, kind)
	return {"organisation": org, "hotline_contacts": hotline, "pending": pending_values}


def profile_choices() -> dict:
	"""What a partner can pick from: services, languages, districts (top nodes of the property tree)."""
	property_doctype = get_property_doctype()
	meta = frappe.get_meta(property_doctype)
	districts = []
	if meta.is_nested_set():
		parent_field = meta.nsm_parent_field or f"parent_{frappe.scrub(property_doctype)}"
		districts = frappe.get_all(
			property_doctype,
			filters={"is_group": 1, parent_field: ["is", "not set"]},
			pluck="name",
			order_by="name asc",
			limit=200,
		)
	return {
		"services": frappe.get_all("Service Type", pluck="name", order_by="name asc", limit=200),
		"languages": partner_languages(),
		"districts": districts,
	}


def partner_languages() -> list[dict]:
	"""The languages partners actually work in (the portal's languages and any a partner or contact has
	recorded), each named in the reader's language with its own name beside — not Frappe's ~180."""
	recorded = frappe.get_all(
		"Spoken Language",
		filters={"parenttype": ["in", ("Partner Organisation", "Partner Contact", "Partner Profile Change")]},
		pluck="language",
		distinct=True,
	)
	codes = [code for code in dict.fromkeys([*PORTAL_LANGUAGES, *recorded]) if code]
	known = dict(
		frappe.get_all(
			"Language", filters={"name": ["in", codes]}, fields=["name", "language_name"], as_list=True
		)
	)
	choices = [
		{
			"name": code,
			"label": reader_language_name(code),
			"own_name": TENANT_FORM_LANGUAGES.get(code) or known[code],
		}
		for code in codes
		if code in known
	]
	for choice in choices:
		if choice["own_name"] == choice["label"]:
			choice["own_name"] = ""
	return sorted(choices, key=lambda c: c["label"].casefold())
