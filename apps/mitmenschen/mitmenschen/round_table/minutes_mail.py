"""Approved minutes go to the attendees as PDF, each in their language and each scoped to the reader.

Staff (the chair, desk users among the attendees) get the full minutes; a partner contact gets its
organisation's copy, which lists only the agenda cases referred to that organisation (see
`minutes.py`). One PDF is rendered per (scope, language), not per recipient. Mail goes through
Frappe's Email Queue; a site without an outgoing account takes the workflow step and notes on the
meeting that nothing was sent, as the invitations do.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import escape_html

from mitmenschen.access.identity import get_partner_organisation, is_staff
from mitmenschen.escalation.digest import language, outgoing_mail_ready
from mitmenschen.escalation.recipients import DEFAULT_LANGUAGE, users_by_name
from mitmenschen.outbound import mail as outbound_mail
from mitmenschen.partners.notify import contact_recipients
from mitmenschen.round_table.invitations import meeting_sender
from mitmenschen.round_table.links import meeting_link
from mitmenschen.round_table.minutes import APPROVED, FULL, MEETING, NO_CASES, minutes_pdf


@dataclass(frozen=True)
class MinutesRecipient:
	email: str
	language: str
	portal: bool
	scope: str | None  # FULL for staff, else the organisation whose copy they get


def on_meeting_update(meeting) -> None:
	"""on_update: entering "Minutes Approved" mails the minutes, after the step is committed."""
	before = meeting.get_doc_before_save()
	if meeting.status == APPROVED and (not before or before.status != APPROVED):
		frappe.enqueue(
			send_minutes,
			queue="short",
			job_id=f"mitmenschen:minutes:{meeting.name}",
			deduplicate=True,
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
			meeting=meeting.name,
		)


def send_minutes(meeting: str) -> int:
	doc = frappe.get_doc(MEETING, meeting)
	if not outgoing_mail_ready():
		doc.add_comment("Info", _("No outgoing email account: the minutes were not sent."))
		return 0
	recipients = minutes_recipients(doc)
	sender = meeting_sender()
	pdfs: dict[tuple[str | None, str], bytes] = {}
	for recipient in recipients:
		with language(recipient.language):
			key = (recipient.scope, recipient.language)
			if key not in pdfs:
				pdfs[key] = minutes_pdf(doc.name, recipient.scope)
			subject = _("Minutes: {0}").format(doc.title)
			message = minutes_mail_html(doc, meeting_link(doc.name, recipient.portal))
			filename = f"{_('Minutes', context=MEETING)} {doc.name}.pdf"
		outbound_mail.queue(
			recipients=[recipient.email],
			sender=sender,
			subject=subject,
			message=message,
			reference_doctype=MEETING,
			reference_name=doc.name,
			attachments=[{"fname": filename, "fcontent": pdfs[key]}],
			add_unsubscribe_link=0,
		)
	if recipients:
		doc.add_comment("Info", _("Minutes sent to {0}.").format(", ".join(r.email for r in recipients)))
	return len(recipients)


def minutes_recipients(meeting) -> list[MinutesRecipient]:
	"""Every attendee with an email (whatever they answered: the minutes concern all invited) and the
	chair; a partner contact is scoped to its organisation, a desk user sees everything."""
	found: dict[str, MinutesRecipient] = {}

	contact_names = [row.contact for row in meeting.attendees if row.contact]
	organisation_of = dict(
		frappe.get_all(
			"Partner Contact",
			filters={"name": ["in", contact_names or [""]]},
			fields=["email", "partner_organisation"],
			as_list=True,
		)
	)
	for recipient in contact_recipients(contact_names):
		scope = organisation_of.get(recipient.email) or NO_CASES
		found.setdefault(recipient.key, MinutesRecipient(recipient.email, recipient.language, True, scope))

	user_names = [row.user for row in meeting.attendees if row.user] + [meeting.chair]
	for name, recipient in users_by_name(user_names).items():
		scope = FULL if is_staff(name) else (get_partner_organisation(name) or NO_CASES)
		found.setdefault(
			recipient.key,
			MinutesRecipient(
				recipient.email, recipient.language or DEFAULT_LANGUAGE, recipient.portal, scope
			),
		)
	return list(found.values())


def minutes_mail_html(meeting, link: str) -> str:
	return (
		f"<p>{escape_html(_('The minutes of the round table have been approved.'))}</p>"
		f"<p><strong>{escape_html(meeting.title)}</strong><br>"
		f"{escape_html(frappe.utils.format_datetime(meeting.starts_on, 'dd.MM.yyyy HH:mm'))}</p>"
		f"<p>{escape_html(_('The minutes are attached as PDF.'))}</p>"
		f'<p><a href="{link}">{escape_html(_("Open the meeting"))}</a></p>'
	)
