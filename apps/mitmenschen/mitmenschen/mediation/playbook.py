"""The category's playbook on the case: steps that are ticked, due and escalated.

When a case is created or its category changes, the category's steps (`Case Category Step`) are
copied onto it; steps already done or skipped stay (they are history), open steps of the old
category go. Each step is due `days_after` *working* days after intake, on the calendar of the case's
SLA policy (weekends and the policy's holidays do not count). Open steps past their due day go up the
escalation ladder (clock "Playbook Step" of the policy, one timer set per step row); a step done,
skipped or removed, or a closed case, stops its timers (levels already sent stay sent).

A *mandatory* step blocks proposing a resolution while it is open (`ensure_mandatory_steps_done`,
called from the workflow step's effects). The *Follow-up Call* step is the follow-up with the
reporter after closing (`mediation/follow_up.py`): it has no due day before the case is closed, it
never blocks a proposal, and the reporter's answer ticks it.
"""

from datetime import date, datetime, timedelta

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime, getdate, now_datetime

from mitmenschen.escalation import ladder, timers
from mitmenschen.escalation.working_hours import WorkingCalendar, calendar_for
from mitmenschen.households import house_rules_sending
from mitmenschen.mediation.sla import calendar_of, policy_for

DOCTYPE, STEP, CATEGORY = "Mediation Case", "Mediation Case Step", "Case Category"
TABLE = "playbook_steps"
CLOCK = "Playbook Step"
OPEN, DONE, SKIPPED = "Open", "Done", "Skipped"
FOLLOW_UP_CALL = "Follow-up Call"
SEND_HOUSE_RULES = "Send House Rules"
CLOSED = "Closed"
MAX_REASON = 1000


class MandatoryStepOpenError(frappe.ValidationError):
	pass


class PlaybookStepError(frappe.ValidationError):
	pass


# ---- the case's calendar --------------------------------------------------------------------------


def case_calendar(case) -> WorkingCalendar:
	policy = policy_for(case)
	return calendar_of(policy) if policy else calendar_for(None)


def add_working_days(calendar: WorkingCalendar, start: date | datetime | str, days: int) -> date:
	"""The day `days` working days after `start` (0: `start` itself, or the next working day)."""
	day = getdate(start)
	if days <= 0:
		while not calendar.is_working_day(day):
			day += timedelta(days=1)
		return day
	counted = 0
	while counted < days:
		day += timedelta(days=1)
		if calendar.is_working_day(day):
			counted += 1
	return day


# ---- copying the playbook (validate) ---------------------------------------------------------------


def apply_playbook(case) -> None:
	if not case.category or not (case.is_new() or case.has_value_changed("category")):
		return
	kept = [row for row in case.get(TABLE) or [] if row.status in (DONE, SKIPPED)]
	done_steps = {(row.step or "").strip().lower() for row in kept}
	calendar = case_calendar(case)
	start = case.opened_on or now_datetime()
	case.set(TABLE, [])
	for row in kept:
		case.append(TABLE, row)
	for source in category_steps(case.category):
		if source.step.strip().lower() in done_steps:
			continue  # the same step was already done under the earlier category
		follow_up = source.action_type == FOLLOW_UP_CALL
		case.append(
			TABLE,
			{
				"step": source.step,
				"action_type": source.action_type,
				"mandatory": 0 if follow_up else source.mandatory,
				"days_after": source.days_after or 0,
				"due_date": None if follow_up else add_working_days(calendar, start, source.days_after or 0),
				"status": OPEN,
				"category": case.category,
			},
		)


def category_steps(category: str) -> list:
	return frappe.get_all(
		"Case Category Step",
		filters={"parent": category, "parenttype": CATEGORY, "parentfield": "playbook"},
		fields=["step", "action_type", "days_after", "mandatory"],
		order_by="idx asc",
	)


# ---- mandatory steps (validate, when a resolution is proposed) --------------------------------------


def open_mandatory_steps(case) -> list[str]:
	return [
		row.step
		for row in case.get(TABLE) or []
		if row.mandatory and row.status == OPEN and row.action_type != FOLLOW_UP_CALL
	]


def ensure_mandatory_steps_done(case) -> None:
	steps = open_mandatory_steps(case)
	if not steps:
		return
	names = ", ".join(frappe.bold(escape_html(step)) for step in steps)
	frappe.throw(
		_(
			"A resolution cannot be proposed while a mandatory playbook step is open: {0}. Do the step or skip it with a reason."
		).format(names),
		title=_("Mandatory Step Open"),
		exc=MandatoryStepOpenError,
	)


# ---- timers (on_update) ----------------------------------------------------------------------------


def sync_step_timers(case) -> None:
	"""Schedule the ladder of steps that are new or whose due day or status changed; stop the others."""
	before = case.get_doc_before_save()
	previous = {row.name: row for row in (before.get(TABLE) or [])} if before else {}
	case_changed = not before or before.status != case.status
	policy = None
	for row in case.get(TABLE) or []:
		old = previous.pop(row.name, None)
		if (
			old
			and not case_changed
			and old.status == row.status
			and str(old.due_date or "") == str(row.due_date or "")
		):
			continue
		if row.status == OPEN and row.due_date and case.status != CLOSED:
			policy = policy or _policy(case)
			schedule(case, row, policy)
		else:
			timers.cancel(STEP, row.name, [CLOCK])
	for removed in previous:
		timers.cancel(STEP, removed, [CLOCK])


def _policy(case):
	return policy_for(case)


def schedule(case, row, policy) -> None:
	if not policy:
		return

	calendar = calendar_of(policy)
	start = get_datetime(case.opened_on or case.creation or now_datetime())
	due = get_datetime(f"{getdate(row.due_date)} {calendar.day_end}")
	target = max(calendar.between(start, due), 0.0)
	rungs = ladder.rungs_from_rows(policy.ladder, CLOCK)
	timers.schedule(STEP, row.name, CLOCK, ladder.place(rungs, calendar, start, target))


# ---- ticking steps (desk) --------------------------------------------------------------------------


def _case_for_write(case: str):
	doc = frappe.get_doc(DOCTYPE, case)
	doc.check_permission("write")
	return doc


def _row(doc, step: str):
	row = next((r for r in doc.get(TABLE) or [] if r.name == step), None)
	if not row:
		frappe.throw(_("This playbook step is not on the case (any more)."), exc=PlaybookStepError)
	return row


def mark(doc, row, status: str, reason: str | None = None) -> None:
	"""Set a step's status and say so on the case's timeline (the caller saves)."""
	reason = (reason or "").strip()
	if status == SKIPPED:
		if not reason:
			frappe.throw(
				_("Please give the reason for skipping the step {0}.").format(
					frappe.bold(escape_html(row.step))
				),
				title=_("Reason Required"),
				exc=PlaybookStepError,
			)
		if len(reason) > MAX_REASON:
			frappe.throw(
				_("The reason is too long (at most {0} characters).").format(MAX_REASON),
				title=_("Reason Too Long"),
				exc=PlaybookStepError,
			)
	row.status = status
	row.done_by = frappe.session.user if status != OPEN else None
	row.done_on = now_datetime() if status != OPEN else None
	row.skip_reason = reason if status == SKIPPED else None
	if status == DONE:
		text = _("Playbook step done: {0}").format(escape_html(row.step))
	elif status == SKIPPED:
		text = _("Playbook step skipped: {0} (reason: {1})").format(
			escape_html(row.step), escape_html(reason)
		)
	else:
		text = _("Playbook step opened again: {0}").format(escape_html(row.step))
	doc.add_comment("Info", text)


@frappe.whitelist()
def set_step_status(case: str, step: str, status: str, reason: str | None = None) -> dict:
	"""Done, skipped (with a reason) or open again: the checklist's buttons."""
	if status not in (OPEN, DONE, SKIPPED):
		frappe.throw(_("Unknown step status."), exc=PlaybookStepError)
	doc = _case_for_write(case)
	row = _row(doc, step)
	if row.status == status:
		return doc.as_dict()  # a double click changes nothing
	if doc.status == CLOSED and row.action_type != FOLLOW_UP_CALL:
		frappe.throw(
			_("The case is closed: its playbook stays as it was. Reopen the case to change a step."),
			title=_("Case Closed"),
			exc=PlaybookStepError,
		)
	mark(doc, row, status, reason)
	doc.save()
	return doc.as_dict()


@frappe.whitelist()
def send_house_rules(case: str, step: str) -> dict:
	"""*Send House Rules*: the respondent household gets the house rules in force, in its language,
	through the house rules kit; the step is then done."""
	doc = _case_for_write(case)
	row = _row(doc, step)
	if not doc.respondent_household:
		frappe.throw(
			_("The case has no respondent household to send the house rules to."),
			title=_("No Household"),
			exc=PlaybookStepError,
		)
	result = house_rules_sending.send_house_rules(doc.respondent_household)
	mark(doc, row, DONE)
	doc.save()
	return {"doc": doc.as_dict(), "sent": result}


def tick_follow_up_call(case_name: str) -> None:
	"""The reporter answered the follow-up: its step is done (rows written directly: the answer may
	come while a clerk edits the case, and must not touch anything else on it)."""
	for name in frappe.get_all(
		STEP,
		filters={"parent": case_name, "parenttype": DOCTYPE, "action_type": FOLLOW_UP_CALL, "status": OPEN},
		pluck="name",
	):
		by = None if frappe.session.user == "Guest" else frappe.session.user  # the reporter, through the link
		frappe.db.set_value(STEP, name, {"status": DONE, "done_on": now_datetime(), "done_by": by})
		timers.cancel(STEP, name, [CLOCK])


def set_follow_up_due(case, due: date | None) -> None:
	"""On closing: the follow-up call is due when the reporter is asked."""
	for row in case.get(TABLE) or []:
		if row.action_type == FOLLOW_UP_CALL and row.status == OPEN:
			row.due_date = due
