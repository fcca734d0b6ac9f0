"""Service levels of a mediation case: targets from its Case SLA Policy, clocks in working hours,
pauses while the case waits, and the escalation timers that follow from them.

`apply_sla` runs in the case's validate (sets fields), `sync_timers` in on_update (schedules).
"""

import frappe
from frappe.utils import flt, get_datetime, now_datetime

from mitmenschen.escalation import ladder, timers
from mitmenschen.escalation.working_hours import WorkingCalendar, calendar_for

DOCTYPE = "Mediation Case"
NEW, CLOSED, REOPENED = "New", "Closed", "Reopened"
URGENT = "Urgent"
RESPONSE, RESOLUTION, REFERRAL, HOT_LINE = "Response", "Resolution", "Referral", "Hot Line"
CASE_CLOCKS = [RESPONSE, RESOLUTION, REFERRAL]
TIMER_FIELDS = (
	"response_due",
	"resolution_due",
	"first_responded_on",
	"resolved_on",
	"sla_paused_on",
	"status",
	"referral_status",
	"referral_requested_on",
	"priority",
	"sla_policy",
)


def policy_for(case):
	name = case.sla_policy or frappe.db.get_single_value("Mitmenschen Settings", "default_sla_policy")
	return frappe.get_cached_doc("Case SLA Policy", name) if name else None


def target_for(policy, category: str | None, priority: str | None):
	"""The most specific target row: category and priority, category, priority, neither."""

	def score(row) -> int | None:
		if (row.category and row.category != category) or (row.priority and row.priority != priority):
			return None
		return (2 if row.category else 0) + (1 if row.priority else 0)

	scored = [(score(row), row.idx, row) for row in policy.targets]
	scored = [s for s in scored if s[0] is not None]
	return max(scored, key=lambda s: (s[0], -s[1]))[2] if scored else None


def calendar_of(policy) -> WorkingCalendar:
	return calendar_for(policy.holiday_list, policy.workday_start, policy.workday_end)


def apply_sla(case) -> None:
	policy = policy_for(case)
	if not policy:
		return
	case.sla_policy = policy.name
	calendar = calendar_of(policy)
	now = now_datetime()
	paused_changed = _update_pause(case, calendar, now)
	_stamp_first_response(case, now)
	_stamp_resolution(case, now)
	stamp_working_hours(case, calendar)
	if case.is_new() or paused_changed or _changed(case, "category", "priority", "sla_policy"):
		_set_due_dates(case, policy, calendar)
	_set_status(case, now)


def _update_pause(case, calendar: WorkingCalendar, now) -> bool:
	if not _changed(case, "waiting_on"):
		return False
	if case.waiting_on and not case.sla_paused_on:
		case.sla_paused_on = now
		return True
	if not case.waiting_on and case.sla_paused_on:
		# the clocks resume: every deadline moves by the working hours spent waiting
		case.sla_paused_hours = flt(case.sla_paused_hours) + calendar.between(case.sla_paused_on, now)
		case.sla_paused_on = None
		return True
	return False


def _stamp_first_response(case, now) -> None:
	if not case.first_responded_on and case.status not in (NEW, None, "") and not case.is_new():
		case.first_responded_on = now


def _stamp_resolution(case, now) -> None:
	if case.status == CLOSED and not case.resolved_on:
		case.resolved_on = now
	elif case.status == REOPENED and case.resolved_on:
		case.resolved_on = None


def stamp_working_hours(case, calendar: WorkingCalendar) -> None:
	"""Keep the case's times in working hours beside its timestamps, so that reports aggregate a
	column (median, 90th percentile at 100,000 cases) instead of replaying the calendar per case.

	Resolution time leaves out the hours the case waited (its deadline moved by them, too).
	"""
	opened = case.opened_on or case.creation or now_datetime()
	case.response_working_hours = (
		calendar.between(opened, case.first_responded_on) if case.first_responded_on else 0
	)
	case.resolution_working_hours = (
		max(calendar.between(opened, case.resolved_on) - flt(case.sla_paused_hours), 0)
		if case.resolved_on
		else 0
	)
	requested, answered = case.referral_requested_on, case.referral_responded_on
	case.referral_answer_working_hours = (
		calendar.between(requested, answered) if requested and answered else 0
	)


def _set_due_dates(case, policy, calendar: WorkingCalendar) -> None:
	target = target_for(policy, case.category, case.priority)
	if not target:
		case.response_due = case.resolution_due = None
		return
	start = get_datetime(case.opened_on or now_datetime())
	paused = flt(case.sla_paused_hours)
	case.response_due = calendar.add(start, flt(target.response_hours) + paused)
	case.resolution_due = calendar.add(start, flt(target.resolution_hours) + paused)


def _set_status(case, now) -> None:
	if case.resolved_on:
		met = not case.resolution_due or get_datetime(case.resolved_on) <= get_datetime(case.resolution_due)
		case.sla_status = "Met" if met else "Breached"
	elif case.sla_paused_on:
		case.sla_status = "Paused"
	elif _overdue(case, now):
		case.sla_status = "Breached"
	elif case.sla_status in ("", None, "Paused", "Met", "Breached"):
		case.sla_status = "On Track" if case.response_due else ""


def _overdue(case, now) -> bool:
	response_late = (
		case.response_due and not case.first_responded_on and now > get_datetime(case.response_due)
	)
	return bool(response_late or (case.resolution_due and now > get_datetime(case.resolution_due)))


def sync_timers(case) -> None:
	"""Schedule the ladder of each running clock; stopped clocks lose their pending steps."""
	if not case.is_new() and not _changed(case, *TIMER_FIELDS) and not case.flags.get("new_from_email"):
		return
	policy = policy_for(case)
	if not policy:
		timers.cancel(DOCTYPE, case.name)
		return
	calendar = calendar_of(policy)
	target = target_for(policy, case.category, case.priority)
	start = get_datetime(case.opened_on or now_datetime())
	running = case.status != CLOSED and not case.sla_paused_on and target
	paused = flt(case.sla_paused_hours)
	clocks = {
		RESPONSE: (running and not case.first_responded_on, target and target.response_hours),
		RESOLUTION: (running and not case.resolved_on, target and target.resolution_hours),
	}
	for clock, (is_running, hours) in clocks.items():
		if is_running:
			rungs = ladder.rungs_from_rows(policy.ladder, clock)
			timers.schedule(
				DOCTYPE, case.name, clock, ladder.place(rungs, calendar, start, flt(hours), paused)
			)
		else:
			timers.cancel(DOCTYPE, case.name, [clock])
	if case.referral_status == "Requested" and case.referral_requested_on and case.status != CLOSED:
		rungs = ladder.rungs_from_rows(policy.ladder, REFERRAL)
		steps = ladder.place(
			rungs, calendar, get_datetime(case.referral_requested_on), flt(policy.referral_hours)
		)
		timers.schedule(DOCTYPE, case.name, REFERRAL, steps)
	else:
		timers.cancel(DOCTYPE, case.name, [REFERRAL])
	if case.priority == URGENT and case.status != CLOSED and _changed(case, "priority"):
		notify_hot_line_now(case)


def notify_hot_line_now(case) -> None:
	"""An urgent case reaches the responsible hot line at once: a timer due now, and a sweep right
	after this transaction commits (the scheduler's next run would also pick it up)."""
	rung = ladder.Rung(level=0, trigger="Now", percent=0, notify="Partner Hot Line")
	timers.schedule(DOCTYPE, case.name, HOT_LINE, [ladder.Step(rung, now_datetime())])
	frappe.enqueue(
		"mitmenschen.escalation.sweep.run",
		queue="short",
		enqueue_after_commit=True,
		job_id="mitmenschen-escalation-sweep-now",
		deduplicate=True,
	)


def stamp_first_response_by_email(case_name: str) -> None:
	"""A reply sent from the case counts as its first response."""
	case = frappe.get_doc(DOCTYPE, case_name)
	if case.first_responded_on:
		return
	case.first_responded_on = now_datetime()
	case.flags.ignore_permissions = True
	case.save()


def _changed(case, *fields: str) -> bool:
	return any(case.has_value_changed(f) for f in fields)


def restamp_working_hours(names: list[str] | None = None) -> int:
	"""Recompute the stored working hours of cases from their timestamps (all stamped cases when no
	names are given): for cases stamped before the columns existed, or stamped straight in the database."""
	filters = {"name": ["in", names]} if names is not None else {}
	fields = [
		"name",
		"creation",
		"opened_on",
		"first_responded_on",
		"resolved_on",
		"sla_paused_hours",
		"referral_requested_on",
		"referral_responded_on",
		"sla_policy",
		"response_working_hours",
		"resolution_working_hours",
		"referral_answer_working_hours",
	]
	changed = 0
	for case in frappe.get_all(DOCTYPE, filters=filters, fields=fields, order_by="name"):
		policy = policy_for(case)
		if not policy:
			continue
		stamped = frappe._dict(case)
		stamp_working_hours(stamped, calendar_of(policy))
		values = {
			field: stamped[field]
			for field in (
				"response_working_hours",
				"resolution_working_hours",
				"referral_answer_working_hours",
			)
			if flt(stamped[field], 1) != flt(case[field], 1)
		}
		if values:
			frappe.db.set_value(DOCTYPE, case.name, values, update_modified=False)
			changed += 1
	return changed
