"""The lead time rule: a booking is asked for at least N *working* days ahead (default five, set in
Interpreting Settings), counted in the cooperative's calendar — weekends and the Holiday List of the
default SLA policy (or the case's own policy) do not count. Pools need the days to find somebody;
a manager may allow a shorter notice with a reason.
"""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import getdate

from mitmenschen.escalation.working_hours import WorkingCalendar, calendar_for
from mitmenschen.mediation.playbook import case_calendar
from mitmenschen.mediation.sla import calendar_of, policy_for

SETTINGS = "Interpreting Settings"
DEFAULT_LEAD_DAYS = 5
MANAGER = "Mit:Menschen Manager"


class ShortNoticeError(frappe.ValidationError):
	pass


def required_days() -> int:
	value = frappe.db.get_single_value(SETTINGS, "lead_time_days")
	return DEFAULT_LEAD_DAYS if value is None else int(value)


def calendar(case_name: str | None = None) -> WorkingCalendar:
	"""The case's calendar, else the default SLA policy's, else weekends only."""
	if case_name:
		case = frappe.get_cached_doc("Mediation Case", case_name)
		return case_calendar(case)
	policy = policy_for(frappe._dict(sla_policy=None))
	return calendar_of(policy) if policy else calendar_for(None)


def working_days_between(cal: WorkingCalendar, today: date, day: date) -> int:
	"""Working days after `today` up to and including `day` (Friday → next Monday is one)."""
	today, day = getdate(today), getdate(day)
	count, current = 0, today
	while current < day:
		current += timedelta(days=1)
		if cal.is_working_day(current):
			count += 1
	return count


def check(booking, today: date) -> None:
	"""validate: record the lead time; refuse a short notice unless a manager allows it with a reason."""
	cal = calendar(booking.mediation_case)
	booking.lead_working_days = working_days_between(cal, today, booking.date)
	if getdate(booking.date) < getdate(today):
		frappe.throw(_("The appointment lies in the past."), title=_("Date in the Past"), exc=ShortNoticeError)
	needed = required_days()
	if booking.lead_working_days >= needed:
		booking.short_notice_approved_by = None
		return
	if booking.short_notice_approved_by:
		return  # allowed earlier; stays allowed
	if MANAGER not in frappe.get_roles() or not (booking.short_notice_reason or "").strip():
		frappe.throw(
			_(
				"Mediators are booked at least {0} working days ahead; this appointment is {1} working days away. A manager may allow a shorter notice with a reason."
			).format(needed, booking.lead_working_days),
			title=_("Too Short Notice"),
			exc=ShortNoticeError,
		)
	booking.short_notice_approved_by = frappe.session.user
