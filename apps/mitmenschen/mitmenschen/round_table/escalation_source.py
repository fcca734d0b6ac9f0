"""Round-table actions and meetings as a source of the escalation engine.

An action escalates like a case, on the action ladder of the settings: its owner (a partner contact
or a user) is reminded, then the chair. A meeting reminds its attendees before it starts.

The round table also resolves the recipient kind "Round Table Chair" for every source (registered in
hooks: `escalation_recipient_kinds`): a case's ladder reaches the chair without reading meetings.
"""

import frappe
from frappe.utils import now_datetime

from mitmenschen.escalation.recipients import Recipient, Resolver, users_by_name
from mitmenschen.escalation.sources import Notice, notice_for
from mitmenschen.partners.notify import contact_recipients
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
	resolver = Resolver(
		docs.values(),
		assignee=_action_owner,
		fallback_role=MANAGER_ROLE,
		users=[a.owner_user for a in docs.values()],
	)
	result = []
	for timer in timers:
		action = docs.get(timer.reference_name)
		if not action:
			continue  # done or cancelled meanwhile
		result += [
			notice_for(timer, recipient, title=action.title, link=action_link(action.name, recipient.portal))
			for recipient in resolver.resolve(timer, action)
		]
	return result


def _action_owner(resolver: Resolver, action) -> list[Recipient]:
	if action.owner_contact:
		return contact_recipients([action.owner_contact])
	return resolver.users([action.owner_user])


def _meeting_notices(timers: list[dict]) -> list[Notice]:
	"""Each meeting's attendees who have not declined (meetings and attendees in one query each)."""
	names = list({t.reference_name for t in timers})
	meetings = {
		m.name: m
		for m in frappe.get_all(
			MEETING, filters={"name": ["in", names]}, fields=["name", "title", "starts_on"]
		)
	}
	attendees: dict[str, list] = {}
	for row in frappe.get_all(
		"Round Table Attendee",
		filters={"parent": ["in", names], "parenttype": MEETING, "rsvp": ["!=", "Declined"]},
		fields=["parent", "contact", "user"],
		order_by="idx asc",
	):
		attendees.setdefault(row.parent, []).append(row)
	result = []
	for timer in timers:
		meeting = meetings.get(timer.reference_name)
		if not meeting:
			continue
		rows = attendees.get(meeting.name, [])
		users = users_by_name([a.user for a in rows if a.user])
		recipients = contact_recipients([a.contact for a in rows if a.contact]) + list(users.values())
		result += [
			notice_for(
				timer,
				recipient,
				title=meeting.title,
				link=meeting_link(meeting.name, recipient.portal),
				due_at=meeting.starts_on,
			)
			for recipient in recipients
		]
	return result


class Chair:
	"""The recipient kind "Round Table Chair": a round-table record (one with a `meeting` field) reaches
	its meeting's chair; a record outside the round table (a case) the chair of the next meeting, else
	of the last one. Made once per sweep batch: the meetings' chairs are read once."""

	def __init__(self, records: list[dict]) -> None:
		meetings = list({r.meeting for r in records if r.get("meeting")})
		self._chairs: dict[str, str | None] = (
			dict(
				frappe.get_all(
					MEETING, filters={"name": ["in", meetings]}, fields=["name", "chair"], as_list=True
				)
			)
			if meetings
			else {}
		)
		self._current: str | None = None
		self._users: dict[str, list[Recipient]] = {}

	def __call__(self, record: dict) -> list[Recipient]:
		chair = self._chairs.get(record.meeting) if "meeting" in record else self.current()
		if not chair:
			return []
		if chair not in self._users:
			self._users[chair] = list(users_by_name([chair]).values())
		return self._users[chair]

	def current(self) -> str | None:
		if self._current is None:
			self._current = (
				frappe.db.get_value(
					MEETING,
					{"starts_on": [">=", now_datetime()], "chair": ["is", "set"]},
					"chair",
					order_by="starts_on asc",
				)
				or frappe.db.get_value(MEETING, {"chair": ["is", "set"]}, "chair", order_by="starts_on desc")
				or ""
			)
		return self._current
