"""Reminders of the round table through the escalation engine.

An open action runs a clock from its creation to the end of its due date (in working hours of the
holiday list of the state in the settings) on the action ladder of the settings. A meeting reminds
its attendees the configured number of hours before it starts.
"""

import frappe
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime

from mitmenschen.escalation import ladder, timers
from mitmenschen.escalation.holidays import holiday_list
from mitmenschen.escalation.working_hours import calendar_for

ACTION, MEETING = "Round Table Action", "Round Table Meeting"
OPEN_STATES = ("Open", "In Progress")
ACTION_CLOCK, MEETING_CLOCK = "Action", "Meeting"
DEFAULT_REMINDER_HOURS = 24


def sync_action_timers(action) -> None:
	if not (action.is_new() or action.has_value_changed("status") or action.has_value_changed("due_date")):
		return
	if action.status not in OPEN_STATES:
		timers.cancel(ACTION, action.name)
		return
	calendar = calendar_for(holiday_list())
	start = get_datetime(action.creation or now_datetime())
	due = get_datetime(f"{getdate(action.due_date)} {calendar.day_end}")
	target = max(calendar.between(start, due), 0.0)
	rungs = ladder.rungs_from_rows(frappe.get_single("Mitmenschen Settings").action_ladder, ACTION_CLOCK)
	timers.schedule(ACTION, action.name, ACTION_CLOCK, ladder.place(rungs, calendar, start, target))


def sync_meeting_reminder(meeting) -> None:
	if not (meeting.is_new() or meeting.has_value_changed("starts_on")):
		return
	hours = (
		cint(frappe.db.get_single_value("Mitmenschen Settings", "meeting_reminder_hours"))
		or DEFAULT_REMINDER_HOURS
	)
	remind_at = add_to_date(get_datetime(meeting.starts_on), hours=-hours)
	if get_datetime(meeting.starts_on) <= now_datetime():
		timers.cancel(MEETING, meeting.name)
		return
	rung = ladder.Rung(level=1, trigger="Before", percent=0, notify="Attendees")
	timers.schedule(MEETING, meeting.name, MEETING_CLOCK, [ladder.Step(rung, remind_at)])
