# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, format_datetime, get_datetime, getdate, now_datetime, strip_html_tags

from mitmenschen.round_table import minutes_mail
from mitmenschen.round_table.invitations import on_meeting_update
from mitmenschen.round_table.minutes import scope_for_print
from mitmenschen.round_table.reminders import sync_meeting_reminder
from mitmenschen.workflows.notifications import notify_state_change
from mitmenschen.workflows.rules import validate_state_change

NEXT_MEETING_MONTHS = 6  # the round table meets every six months
HELD_STATES = ("Held", "Minutes Draft", "Minutes Approved")


class MeetingNotYetHeldError(frappe.ValidationError):
	pass


class RoundTableMeeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.round_table.doctype.round_table_agenda_item.round_table_agenda_item import (
			RoundTableAgendaItem,
		)
		from mitmenschen.round_table.doctype.round_table_attendee.round_table_attendee import (
			RoundTableAttendee,
		)

		agenda: DF.Table[RoundTableAgendaItem]
		attendees: DF.Table[RoundTableAttendee]
		chair: DF.Link | None
		decisions: DF.TextEditor | None
		ends_on: DF.Datetime | None
		location: DF.Data | None
		meeting_link: DF.Data | None
		minutes: DF.TextEditor | None
		naming_series: DF.Literal["RT-.YYYY.-.###"]
		next_meeting_on: DF.Date | None
		starts_on: DF.Datetime
		status: DF.Literal["Planned", "Invited", "Held", "Minutes Draft", "Minutes Approved"]
		title: DF.Data
	# end: auto-generated types

	def validate(self) -> None:
		validate_state_change(self)
		self.require_minutes()
		self.validate_times()
		self.refuse_held_before_start()
		self.propose_next_meeting()
		self.validate_attendees()

	def on_update(self) -> None:
		notify_state_change(self)
		sync_meeting_reminder(self)
		on_meeting_update(self)
		minutes_mail.on_meeting_update(self)

	def before_print(self, settings=None) -> None:
		scope_for_print(self)

	def require_minutes(self) -> None:
		if (
			self.status in ("Minutes Draft", "Minutes Approved")
			and not strip_html_tags(self.minutes or "").strip()
		):
			frappe.throw(_("Please write the minutes first."), title=_("Minutes Missing"))

	def validate_times(self) -> None:
		if self.ends_on and get_datetime(self.ends_on) <= get_datetime(self.starts_on):
			frappe.throw(_("The meeting must end after it starts."), title=_("Invalid Time"))

	def refuse_held_before_start(self) -> None:
		"""A meeting months ahead cannot have been held, nor its minutes approved (partners would read
		a future-dated approved protocol)."""
		if self.status not in HELD_STATES or get_datetime(self.starts_on) <= now_datetime():
			return
		if not (self.is_new() or self.has_value_changed("status") or self.has_value_changed("starts_on")):
			return
		frappe.throw(
			_("The meeting starts on {0}: it cannot be held or have approved minutes before it starts.").format(
				frappe.bold(format_datetime(self.starts_on, "dd.MM.yyyy HH:mm"))
			),
			title=_("Meeting Not Yet Held"),
			exc=MeetingNotYetHeldError,
		)

	def propose_next_meeting(self) -> None:
		if not self.next_meeting_on and self.starts_on:
			self.next_meeting_on = add_months(getdate(self.starts_on), NEXT_MEETING_MONTHS)

	def validate_attendees(self) -> None:
		for row in self.attendees:
			if not (row.partner_organisation or row.contact or row.user):
				frappe.throw(
					_("Attendee row {0}: choose an organisation, a contact or a user.").format(row.idx),
					title=_("Missing Attendee"),
				)
			if row.contact and not row.partner_organisation:
				row.partner_organisation = frappe.db.get_value(
					"Partner Contact", row.contact, "partner_organisation"
				)
