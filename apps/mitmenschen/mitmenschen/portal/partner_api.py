"""Whitelisted writes of the partner portal.

Each method first proves the record belongs to the caller's organisation (a permission-checked
read as the caller, filtered by organisation), then changes only the fields a partner may change,
with `ignore_permissions` because Partner Users hold read-only DocType permissions.
"""

import json

import frappe
from frappe import _
from frappe.utils import cstr, escape_html, strip_html_tags

from mitmenschen.households import referral_lifecycle as lifecycle
from mitmenschen.mediation.referral import CASE
from mitmenschen.partners.profile_change import submit_profile_change
from mitmenschen.portal import partner_queries as queries
from mitmenschen.portal import uploads
from mitmenschen.portal.guard import not_found, require_partner_organisation
from mitmenschen.round_table.minutes import minutes_pdf as render_minutes

MAX_TEXT = 5000
PARTNER_ACTION_STATUSES = ("Open", "In Progress", "Done")
RSVP_ANSWERS = ("Accepted", "Tentative", "Declined")
CASE_ATTACHMENT_TYPES = uploads.IMAGE_EXTENSIONS | {"pdf"}


class PortalInputError(frappe.ValidationError):
	pass


def clean_text(text: str | None, what: str, required: bool = True) -> str:
	"""Plain text from the user, checked for presence and length, HTML-escaped for the timeline."""
	text = strip_html_tags(cstr(text)).strip()
	if required and not text:
		frappe.throw(_("Please enter {0}.").format(what), title=_("Missing Input"), exc=PortalInputError)
	if len(text) > MAX_TEXT:
		frappe.throw(
			_("{0} is too long: at most {1} characters.").format(what, MAX_TEXT),
			title=_("Too Long"),
			exc=PortalInputError,
		)
	return text


def as_html(text: str) -> str:
	return escape_html(text).replace("\n", "<br>")


def comment_as_user(doctype: str, name: str, text: str) -> None:
	frappe.get_doc(doctype, name).add_comment(
		"Comment",
		as_html(text),
		comment_email=frappe.session.user,
		comment_by=frappe.utils.get_fullname(frappe.session.user),
	)


# ---- referrals and cases ------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def accept_referral(case: str) -> dict:
	organisation = require_partner_organisation()
	queries.own_case(case, organisation)
	doc = lifecycle.accept(CASE, case)
	return {"referral_status": doc.referral_status}


@frappe.whitelist(methods=["POST"])
def decline_referral(case: str, reason: str | None = None) -> dict:
	organisation = require_partner_organisation()
	queries.own_case(case, organisation)
	doc = lifecycle.decline(CASE, case, clean_text(reason, _("the reason for declining")))
	return {"referral_status": doc.referral_status}


@frappe.whitelist(methods=["POST"])
def complete_referral(case: str) -> dict:
	organisation = require_partner_organisation()
	queries.own_case(case, organisation)
	return {"referral_status": lifecycle.complete(CASE, case).referral_status}


@frappe.whitelist(methods=["POST"])
def reply_on_case(case: str, text: str | None = None) -> dict:
	organisation = require_partner_organisation()
	row = queries.own_case(case, organisation)
	if row.referral_status not in ("Accepted", "Requested", "Done"):
		frappe.throw(
			_("You can only write on cases your organisation works on."),
			title=_("Not Allowed"),
			exc=PortalInputError,
		)
	comment_as_user("Mediation Case", case, clean_text(text, _("a message")))
	return {"ok": True}


@frappe.whitelist(methods=["POST"])
def set_interpreter_language(case: str, language: str | None = None) -> dict:
	organisation = require_partner_organisation()
	queries.own_case(case, organisation)
	if language and not frappe.db.exists("Language", language):
		frappe.throw(_("Unknown language."), title=_("Missing Input"), exc=PortalInputError)
	doc = frappe.get_doc("Mediation Case", case)
	doc.interpreter_language = language or None
	doc.save(ignore_permissions=True)
	return {"interpreter_language": doc.interpreter_language}


@frappe.whitelist(methods=["POST"])
def upload_case_attachment(case: str) -> dict:
	organisation = require_partner_organisation()
	queries.own_case(case, organisation)
	files = uploads.read_and_validate(uploads.request_files(), CASE_ATTACHMENT_TYPES)
	if not files:
		frappe.throw(_("Please choose a file."), title=_("Upload"), exc=uploads.UploadError)
	return {"files": [uploads.attach("Mediation Case", case, name, content) for name, content in files]}


@frappe.whitelist(methods=["GET"])
def download_attachment(file: str) -> None:
	"""A case's or action's attachment for the partner it belongs to; 404 for everyone else."""
	organisation = require_partner_organisation()
	row = frappe.db.get_value(
		"File", file, ["attached_to_doctype", "attached_to_name", "file_name"], as_dict=True
	)
	if not row:
		not_found("File")
	if row.attached_to_doctype == "Mediation Case":
		queries.own_case(row.attached_to_name, organisation)
	elif row.attached_to_doctype == "Round Table Action":
		queries.own_action(row.attached_to_name, organisation)
	else:
		not_found("File")
	doc = frappe.get_doc("File", file)
	frappe.local.response.filename = row.file_name
	frappe.local.response.filecontent = doc.get_content()
	frappe.local.response.type = "download"


# ---- round table --------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def update_action(action: str, status: str | None = None, note: str | None = None) -> dict:
	organisation = require_partner_organisation()
	queries.own_action(action, organisation)
	note = clean_text(note, _("a note"), required=False)
	if status and status not in PARTNER_ACTION_STATUSES:
		frappe.throw(_("This status cannot be set here."), title=_("Not Allowed"), exc=PortalInputError)
	if not status and not note:
		frappe.throw(
			_("Please choose a status or write a note."), title=_("Missing Input"), exc=PortalInputError
		)
	doc = frappe.get_doc("Round Table Action", action)
	if status and status != doc.status:
		doc.status = status
		doc.save(ignore_permissions=True)
	if note:
		comment_as_user("Round Table Action", action, note)
	return {"status": doc.status}


@frappe.whitelist(methods=["POST"])
def rsvp(meeting: str, answer: str) -> dict:
	organisation = require_partner_organisation()
	queries.own_meeting(meeting, organisation)
	if answer not in RSVP_ANSWERS:
		frappe.throw(_("Please choose an answer."), title=_("Missing Input"), exc=PortalInputError)
	doc = frappe.get_doc("Round Table Meeting", meeting)
	rows = [row for row in doc.attendees if row.partner_organisation == organisation]
	# the caller's own row when they are invited by name, otherwise their organisation's rows
	contact = frappe.db.get_value("Partner Contact", {"user": frappe.session.user}, "name")
	mine = [row for row in rows if contact and row.contact == contact] or rows
	for row in mine:
		row.rsvp = answer
	doc.save(ignore_permissions=True)
	return {"rsvp": answer}


@frappe.whitelist(methods=["GET"])
def minutes_pdf(meeting: str | None = None) -> None:
	"""The organisation's copy of approved minutes as PDF: only the agenda cases referred to it.
	404 for a meeting it was not invited to or whose minutes are not approved."""
	organisation = require_partner_organisation()
	queries.own_approved_minutes(meeting, organisation)
	frappe.local.response.filename = f"{_('Minutes', context='Round Table Meeting')} {meeting}.pdf"
	frappe.local.response.filecontent = render_minutes(meeting, organisation)
	frappe.local.response.type = "pdf"


# ---- organisation profile -----------------------------------------------------------------------


def as_list(value, what: str) -> list[str]:
	"""A list the form sends as several values, a JSON array or comma-separated text."""
	if isinstance(value, str):
		try:
			value = json.loads(value) if value.strip().startswith("[") else [v for v in value.split(",") if v]
		except ValueError:
			value = None
		if not isinstance(value, list):
			frappe.throw(
				_("{0}: please choose from the list.").format(what),
				title=_("Invalid Input"),
				exc=PortalInputError,
			)
	return [cstr(v).strip() for v in (value or []) if cstr(v).strip()]


@frappe.whitelist(methods=["POST"])
def request_profile_change(
	services: str | list | None = None,
	languages: str | list | None = None,
	districts: str | list | None = None,
	hotline_phone: str | None = None,
	hotline_email: str | None = None,
	website: str | None = None,
	description: str | None = None,
) -> dict:
	"""A change of the organisation's profile waits for a clerk's approval (Partner Profile Change)."""
	organisation = require_partner_organisation()
	name = submit_profile_change(
		organisation,
		services=as_list(services, _("Services Offered")),
		languages=as_list(languages, _("Languages")),
		districts=as_list(districts, _("Districts Served")),
		hotline_phone=clean_text(hotline_phone, _("Hot-Line Phone"), required=False),
		hotline_email=clean_text(hotline_email, _("Hot-Line Email"), required=False),
		website=clean_text(website, _("Website"), required=False),
		description=clean_text(description, _("Description"), required=False),
	)
	return {"name": name}
