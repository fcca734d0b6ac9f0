"""Overdue onboarding steps through the escalation engine, on the onboarding ladder of the settings.

Each open step runs the clock "Onboarding" from the plan's creation to the end of its due date (in
working hours of the state's holiday list in the settings), like a round-table action. The timers belong to
the step row, so every step escalates on its own; a step done, skipped or removed loses its pending timers,
and levels already sent stay sent (the engine's once-per-level key).
"""

import frappe
from frappe.utils import get_datetime, getdate, now_datetime

from mitmenschen.escalation import ladder, timers
from mitmenschen.escalation.holidays import holiday_list
from mitmenschen.escalation.working_hours import calendar_for

STEP = "Onboarding Plan Step"
CLOCK = "Onboarding"
OPEN = "Open"


def sync_plan_timers(plan) -> None:
	"""After a plan is saved: schedule steps that are new or whose due date or status changed."""
	before = plan.get_doc_before_save()
	previous = {row.name: row for row in (before.steps if before else [])}
	for row in plan.steps:
		old = previous.pop(row.name, None)
		if old and old.status == row.status and str(old.due_date) == str(row.due_date):
			continue
		if row.status == OPEN:
			schedule(plan, row)
		else:
			cancel(row.name)
	for removed in previous:
		cancel(removed)


def schedule(plan, row) -> None:
	calendar = calendar_for(holiday_list())
	start = get_datetime(plan.creation or now_datetime())
	due = get_datetime(f"{getdate(row.due_date)} {calendar.day_end}")
	target = max(calendar.between(start, due), 0.0)
	rungs = ladder.rungs_from_rows(frappe.get_single("Mitmenschen Settings").onboarding_ladder, CLOCK)
	timers.schedule(STEP, row.name, CLOCK, ladder.place(rungs, calendar, start, target))


def cancel(step: str) -> None:
	timers.cancel(STEP, step, [CLOCK])
