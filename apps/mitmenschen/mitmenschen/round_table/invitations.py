"""Invitations to a round-table meeting: one mail per attendee, in their language, with an
iCalendar (RFC 5545) invitation attached, sent when the meeting enters the state "Invited".

Times go into the calendar file in UTC, so every calendar shows them right whatever its zone.
"""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime, get_system_timezone, now_datetime
from icalendar import Calendar, Event, vCalAddress

from mitmenschen.escalation.digest import language, outgoing_mail_ready
from mitmenschen.escalation.recipients import Recipient, users
from mitmenschen.outbound import mail as outbound_mail
from mitmenschen.partners.notify import contact_recipients
from mitmenschen.round_table.links import meeting_link

MEETING = "Round Table Meeting"
INVITED = "Invited"
DEFAULT_DURATION_HOURS = 2


def on_meeting_update(meeting) -> None:
	"""on_update: entering "Invited" sends the invitations."""
	before = meeting.get_doc_before_save()
	if meeting.status == INVITED and (not before or before.status != INVITED):
		send_invitations(meeting)


@frappe.whitelist()
def send_invitations_again(meeting: str) -> int:
	doc = frappe.get_doc(MEETING, meeting)
	doc.check_permission("write")
	return send_invitations(doc)


def send_invitations(meeting) -> int:
	if not outgoing_mail_ready():  # a site without mail still takes its workflow steps
		meeting.add_comment("Info", _("No outgoing email account: the invitations were not sent."))
		return 0
	recipients = attendee_recipients(meeting)
	sender = meeting_sender()
	for recipient in recipients:
		with language(recipient.language):
			subject = _("Invitation: {0} on {1}").format(
				meeting.title, frappe.utils.format_datetime(meeting.starts_on, "dd.MM.yyyy HH:mm")
			)
			link = meeting_link(meeting.name, recipient.portal)
			message = invitation_html(meeting, link)
		outbound_mail.queue(
			recipients=[recipient.email],
			sender=sender,
			subject=subject,
			message=message,
			reference_doctype=MEETING,
			reference_name=meeting.name,
			attachments=[
				{"fname": "invitation.ics", "fcontent": icalendar(meeting, recipients, sender, link).encode()}
			],
			add_unsubscribe_link=0,
		)
	if recipients:
		meeting.add_comment(
			"Info", _("Invitations sent to {0}.").format(", ".join(r.email for r in recipients))
		)
	return len(recipients)


def attendee_recipients(meeting) -> list[Recipient]:
	contacts = [row.contact for row in meeting.attendees if row.contact and row.rsvp != "Declined"]
	user_ids = [row.user for row in meeting.attendees if row.user and row.rsvp != "Declined"]
	found: dict[str, Recipient] = {}
	for recipient in contact_recipients(contacts) + users(user_ids + [meeting.chair]):
		found.setdefault(recipient.key, recipient)
	return list(found.values())


def invitation_html(meeting, link: str) -> str:
	place = meeting.location or meeting.meeting_link or ""
	return (
		f"<p>{escape_html(_('You are invited to the round table.'))}</p>"
		f"<p><strong>{escape_html(meeting.title)}</strong><br>"
		f"{escape_html(frappe.utils.format_datetime(meeting.starts_on, 'dd.MM.yyyy HH:mm'))}"
		f"{'<br>' + escape_html(place) if place else ''}</p>"
		f'<p><a href="{link}">{escape_html(_("Open the meeting"))}</a></p>'
		f"<p>{escape_html(_('The attached calendar file adds the meeting to your calendar.'))}</p>"
	)


def icalendar(meeting, recipients: list[Recipient], organiser: str | None, link: str) -> str:
	"""The invitation as RFC 5545 text; the `icalendar` package escapes, folds and formats it."""
	starts = get_datetime(meeting.starts_on)
	ends = (
		get_datetime(meeting.ends_on) if meeting.ends_on else starts + timedelta(hours=DEFAULT_DURATION_HOURS)
	)
	event = Event()
	event.add("uid", f"{meeting.name}@{frappe.local.site}")
	event.add("sequence", int(get_datetime(meeting.modified).timestamp()))  # a later one replaces it
	event.add("dtstamp", _utc(now_datetime()))
	event.add("dtstart", _utc(starts))
	event.add("dtend", _utc(ends))
	event.add("summary", meeting.title or "")
	event.add("location", meeting.location or meeting.meeting_link or "")
	event.add("description", link)
	event.add("url", link)
	if organiser:
		event.add("organizer", vCalAddress(f"mailto:{organiser}"))
	for recipient in recipients:
		attendee = vCalAddress(f"mailto:{recipient.email}")
		attendee.params["ROLE"], attendee.params["RSVP"] = "REQ-PARTICIPANT", "TRUE"
		event.add("attendee", attendee)
	calendar = Calendar()
	calendar.add("prodid", "-//Mit:Menschen//Round Table//DE")
	calendar.add("version", "2.0")
	calendar.add("method", "REQUEST")
	calendar.add_component(event)
	return calendar.to_ical().decode()


def _utc(value: datetime) -> datetime:
	"""A naive time of the site's zone (Frappe stores them so) in UTC: every calendar shows it right."""
	local = get_datetime(value).replace(tzinfo=ZoneInfo(get_system_timezone()))
	return local.astimezone(timezone.utc)


def meeting_sender() -> str | None:
	account = frappe.db.get_single_value("Mitmenschen Settings", "escalation_sender")
	return frappe.db.get_value("Email Account", account, "email_id") if account else None
