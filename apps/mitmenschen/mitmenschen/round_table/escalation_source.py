"""Round-table actions and meetings as a source of the escalation engine.

An action escalates like a case, on the action ladder of the settings: its owner (a partner contact
or a user) is reminded, then the chair. A meeting reminds its attendees before it starts.
"""

import frappe

from mitmenschen.escalation import recipients as generic
from mitmenschen.escalation.recipients import Recipient
from mitmenschen.escalation.sources import Notice
from mitmenschen.partners.notify import contact_recipients, hotline_recipients
from mitmenschen.round_table.links import action_link, meeting_link

ACTION, MEETING = "Round Table Action", "Round Table Meeting"
MANAGER_ROLE = "Mit:Menschen Manager"


def notices(timers: list[dict]) -> list[Notice]:
	result = []
	actions = [t for t in timers if t.reference_doctype == ACTION]
	meetings = [t for t in timers if t.reference_doctype == MEETING]
	if actions:
		result += _action_notices(actions)
	if meetings:
		result += _meeting_notices(meetings)
	return result


def _action_notices(timers: list[dict]) -> list[Notice]:
	docs = {
		a.name: a
		for a in frappe.get_all(
			ACTION,
			filters={
				"name": ["in", list({t.reference_name for t in timers})],
				"status": ["in", ["Open", "In Progress"]],
			},
			fields=[
				"name",
				"title",
				"owner_contact",
				"owner_user",
				"partner_organisation",
				"meeting",
				"due_date",
			],
		)
	}
	result = []
	for timer in timers:
		action = docs.get(timer.reference_name)
		if not action:
			continue  # done or cancelled meanwhile
		for recipient in _action_recipients(timer, action):
			result.append(
				_notice(
					timer, recipient, action.name, action.title, action_link(action.name, recipient.portal)
				)
			)
	return result


def _action_recipients(timer: dict, action) -> list[Recipient]:
	if timer.notify == "Assignee":
		if action.owner_contact:
			return contact_recipients([action.owner_contact])
		return generic.users([action.owner_user]) or generic.role_members(MANAGER_ROLE)
	if timer.notify == "Partner Hot Line":
		return hotline_recipients(action.partner_organisation, None, None)
	if timer.notify == "Round Table Chair":
		chair = frappe.db.get_value(MEETING, action.meeting, "chair") if action.meeting else None
		return generic.users([chair]) if chair else generic.role_members(MANAGER_ROLE)
	return generic.by_rule(timer.notify, timer.notify_value) or []


def _meeting_notices(timers: list[dict]) -> list[Notice]:
	result = []
	for timer in timers:
		meeting = frappe.db.get_value(
			MEETING, timer.reference_name, ["name", "title", "starts_on"], as_dict=True
		)
		if not meeting:
			continue
		attendees = frappe.get_all(
			"Round Table Attendee",
			filters={"parent": meeting.name, "parenttype": MEETING, "rsvp": ["!=", "Declined"]},
			fields=["contact", "user"],
		)
		recipients = contact_recipients([a.contact for a in attendees if a.contact]) + generic.users(
			[a.user for a in attendees if a.user]
		)
		for recipient in recipients:
			notice = _notice(
				timer, recipient, meeting.name, meeting.title, meeting_link(meeting.name, recipient.portal)
			)
			notice.due_at = meeting.starts_on
			result.append(notice)
	return result


def _notice(timer: dict, recipient: Recipient, name: str, title: str, link: str) -> Notice:
	return Notice(
		timer=timer.name,
		recipient=recipient,
		reference_doctype=timer.reference_doctype,
		reference_name=name,
		title=title,
		link=link,
		clock=timer.clock,
		level=timer.level,
		trigger=timer.trigger,
		percent=timer.percent,
		hours_after_breach=timer.hours_after_breach,
		due_at=timer.due_at,
	)
