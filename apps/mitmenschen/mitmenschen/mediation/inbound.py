"""Email to case: the Email Account appended to Mediation Case creates a case from a new mail;
Frappe threads replies into the existing case by their headers (In-Reply-To a mail we sent or
received), also when the subject was edited. This module completes what Frappe leaves open: the
new case learns its channel, text and reporter; a reply to a closed case reopens it or opens a
linked one, as the settings say; a reply sent from the case is its first response.
"""

import re

import frappe
from frappe import _
from frappe.utils import add_to_date, escape_html, get_datetime, now_datetime, strip_html_tags

from mitmenschen.erp.records import get_tenant_doctype
from mitmenschen.mediation.acknowledgement import acknowledge
from mitmenschen.mediation.sla import stamp_first_response_by_email
from mitmenschen.workflows.definitions import apply_system_action

DOCTYPE = "Mediation Case"
CLOSED = "Closed"
OPEN_LINKED_CASE = "Open a Linked Case"
NEW_CASE_WINDOW_MINUTES = 10


def keep_subject_as_text(communication, method=None) -> None:
	"""Communication before_validate. A received mail whose subject is nothing but markup
	(`<img src=x onerror=…>`) has no text left for Frappe's mandatory check, and the whole mail would be
	lost: the subject is kept as the text the sender typed."""
	if not communication.flags.in_receive or strip_html_tags(communication.subject or "").strip():
		return
	communication.subject = escape_html(communication.subject or "") or _("(no subject)")


def on_communication(communication, method=None) -> None:
	"""Communication after_insert."""
	if communication.reference_doctype != DOCTYPE or communication.communication_type != "Communication":
		return
	if communication.sent_or_received == "Sent":
		stamp_first_response_by_email(communication.reference_name)
		return
	if not communication.flags.in_receive:
		return
	case = frappe.get_doc(DOCTYPE, communication.reference_name)
	if is_new_from(case, communication):
		complete_case_from_mail(case, communication)
	elif case.status == CLOSED:
		handle_reply_to_closed_case(case, communication)


def is_new_from(case, communication) -> bool:
	"""Frappe created the case for this very mail a moment ago (no other mail on it, no text yet)."""
	if case.description or get_datetime(case.creation) < add_to_date(
		now_datetime(), minutes=-NEW_CASE_WINDOW_MINUTES
	):
		return False
	return not frappe.db.exists(
		"Communication",
		{"reference_doctype": DOCTYPE, "reference_name": case.name, "name": ["!=", communication.name]},
	)


def complete_case_from_mail(case, communication) -> None:
	case.channel = "Email"
	if not strip_html_tags(case.subject or "").strip():  # a subject of markup only: no title to show
		case.subject = _("Email from {0}").format(communication.sender or _("an unknown sender"))
	case.description = mail_text(communication)
	case.reporter_name = case.reporter_name or communication.sender_full_name
	tenant = tenant_by_email(communication.sender)
	if tenant:
		case.tenant_doctype, case.reporter_tenant = tenant
	elif not partner_contact_by_email(communication.sender):
		case.add_comment(
			"Info",
			_(
				"The sender {0} is neither a known tenant nor a partner contact: please check the reporter."
			).format(communication.sender),
		)
	if not case.category and frappe.db.get_single_value("Mitmenschen Settings", "guess_category_from_email"):
		case.category = guess_category(f"{communication.subject} {strip_html_tags(case.description or '')}")
	case.flags.ignore_permissions = True
	case.flags.ignore_mandatory = True  # the clerk sets the category on triage
	case.flags.new_from_email = True
	case.save()
	if tenant:  # only known tenants: an automatic answer to any sender invites mail loops and spam
		acknowledge(case)


def handle_reply_to_closed_case(case, communication) -> None:
	if frappe.db.get_single_value("Mitmenschen Settings", "reply_to_closed_case") == OPEN_LINKED_CASE:
		linked = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"subject": communication.subject or case.subject,
				"category": case.category,
				"priority": case.priority,
				"channel": "Email",
				"description": mail_text(communication),
				"reporter_email": case.reporter_email or communication.sender,
				"reporter_name": case.reporter_name,
				"tenant_doctype": case.tenant_doctype,
				"reporter_tenant": case.reporter_tenant,
				"property_unit": case.property_unit,
				"respondent_household": case.respondent_household,
				"recurrence_of": case.name,
			}
		)
		linked.flags.ignore_permissions = True
		linked.flags.ignore_mandatory = True
		linked.insert()
		frappe.db.set_value("Communication", communication.name, "reference_name", linked.name)
		case.add_comment("Info", _("A reply to this closed case opened {0}.").format(linked.name))
		return
	reopen(case)
	case.add_comment("Info", _("Reopened by a reply from {0}.").format(communication.sender))


def reopen(case) -> None:
	case.flags.ignore_permissions = True
	case.flags.ignore_mandatory = True  # a case from email may still await its category
	apply_system_action(case, "Reopen")


def mail_text(communication) -> str:
	"""The mail's text as HTML: Frappe keeps an HTML body in `content`, a plain one in `text_content`."""
	if communication.content:
		return communication.content
	return escape_html(communication.text_content or "").replace("\n", "<br>")


def tenant_by_email(email: str) -> tuple[str, str] | None:
	"""(tenant doctype, tenant) whose Contact has this address."""
	tenant_doctype = get_tenant_doctype()
	contacts = frappe.get_all("Contact Email", filters={"email_id": email}, pluck="parent")
	if not contacts:
		return None
	link = frappe.get_all(
		"Dynamic Link",
		filters={"parent": ["in", contacts], "parenttype": "Contact", "link_doctype": tenant_doctype},
		pluck="link_name",
		limit=1,
	)
	return (tenant_doctype, link[0]) if link else None


def partner_contact_by_email(email: str) -> str | None:
	return frappe.db.get_value("Partner Contact", {"email": email}, "name")


def guess_category(text: str) -> str | None:
	"""The category whose name appears in the text; the longest name wins (most specific)."""
	text = text.lower()
	names = sorted(frappe.get_all("Case Category", pluck="name"), key=len, reverse=True)
	return next((n for n in names if re.search(rf"\b{re.escape(n.lower())}\b", text)), None)


def note_dropped_attachments(communication, method=None) -> None:
	"""Communication on_update. Frappe saves a received mail's attachments after inserting it and
	silently leaves out any over the upload limit; the clerk learns of it on the case's timeline.
	`_attachments` is set only by that second save, so the insert itself is passed over."""
	saved = getattr(communication, "_attachments", None)
	if (
		saved is None
		or saved
		or not communication.flags.in_receive
		or not communication.has_attachment
		or communication.reference_doctype != DOCTYPE
	):
		return
	frappe.get_doc(DOCTYPE, communication.reference_name).add_comment(
		"Info",
		_(
			"The attachment of the mail from {0} was not saved: it is larger than the upload limit of {1} MB."
		).format(communication.sender, frappe.utils.flt(max_upload_mb(), 1)),
	)


def max_upload_mb() -> float:
	from frappe.core.api.file import get_max_file_size

	return get_max_file_size() / 1024 / 1024
