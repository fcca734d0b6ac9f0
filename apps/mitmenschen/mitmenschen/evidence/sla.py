"""Service levels kept: the share of cases answered and resolved within their targets, and how long
that took in working hours (median and 90th percentile).

A clock counts for a case opened in the period once it is decided: *met* when the stamp lies at or
before its due time, *missed* when it lies after it or the due time has passed without one. A case
still inside its target is not counted yet. Times come from the working hours stamped on the case
(the working calendar of its SLA policy; resolution leaves out the hours the case waited).
"""

from dataclasses import dataclass, field

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Sum
from frappe.utils import now_datetime
from pypika import Order

from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, grouped_percentiles, month_of, percent

GROUPS = ("category", "priority", "month")
BREACH_LIMIT = 500  # the breaches a person reads; the counts above them include every one
CLOCKS = {  # clock: (stamp, due, working hours)
	"response": ("first_responded_on", "response_due", "response_working_hours"),
	"resolution": ("resolved_on", "resolution_due", "resolution_working_hours"),
}


@dataclass
class SlaRow:
	group: str | None
	cases: int = 0
	response_met: int = 0
	response_missed: int = 0
	resolution_met: int = 0
	resolution_missed: int = 0
	hours: dict = field(default_factory=dict)  # "response_median", "response_p90", "resolution_…"

	@property
	def response_pct(self) -> float | None:
		return percent(self.response_met, self.response_met + self.response_missed)

	@property
	def resolution_pct(self) -> float | None:
		return percent(self.resolution_met, self.resolution_met + self.resolution_missed)

	def as_dict(self) -> dict:
		return {
			"group": self.group,
			"cases": self.cases,
			"response_met": self.response_met,
			"response_missed": self.response_missed,
			"response_pct": self.response_pct,
			"resolution_met": self.resolution_met,
			"resolution_missed": self.resolution_missed,
			"resolution_pct": self.resolution_pct,
			**self.hours,
		}


def met(table, clock: str):
	stamp, due, _hours = CLOCKS[clock]
	return table[due].isnotnull() & table[stamp].isnotnull() & (table[stamp] <= table[due])


def missed(table, clock: str, now=None):
	stamp, due, _hours = CLOCKS[clock]
	late = table[stamp].isnotnull() & (table[stamp] > table[due])
	overdue = table[stamp].isnull() & (table[due] < (now or now_datetime()))
	return table[due].isnotnull() & (late | overdue)


def sla_compliance(period: Period, scope: Scope, by: str = "") -> list[SlaRow]:
	"""Compliance and working-hour times of the cases opened in the period, per group (or all).

	Three passes over the covering index: the counts, then the times of each clock."""
	if by and by not in GROUPS:
		raise ValueError(f"cannot split service levels by {by!r}")
	now = now_datetime()
	table, query = cases_in(period, scope)
	group = _group_term(table, by)
	groups = [group] if group is not None else []
	query = query.select(Count("*").as_("cases"))
	for clock in CLOCKS:
		query = query.select(
			Sum(When().when(met(table, clock), 1).else_(0)).as_(f"{clock}_met"),
			Sum(When().when(missed(table, clock, now), 1).else_(0)).as_(f"{clock}_missed"),
		)
	if groups:
		query = query.select(group.as_("grp")).groupby(group)
	rows = {
		row.get("grp"): SlaRow(
			row.get("grp"),
			row.cases,
			int(row.response_met or 0),
			int(row.response_missed or 0),
			int(row.resolution_met or 0),
			int(row.resolution_missed or 0),
		)
		for row in query.run(as_dict=True)
		if row.cases
	}
	for clock, (stamp, _due, hours) in CLOCKS.items():
		table, query = cases_in(period, scope)
		group = _group_term(table, by)
		value = When().when(table[stamp].isnotnull(), table[hours])
		for key, (median, p90) in grouped_percentiles(
			query, value, [group] if group is not None else []
		).items():
			row = rows.get(key[0] if key else None)
			if row and median is not None:
				row.hours |= {f"{clock}_median": median, f"{clock}_p90": p90}
	return sorted(rows.values(), key=lambda row: row.group or "")


def sla_breaches(period: Period, scope: Scope, limit: int = BREACH_LIMIT) -> list[dict]:
	"""Cases of the period that missed a target, the highest escalation level first."""
	table, query = cases_in(period, scope)
	return (
		query.select(
			table.name,
			table.category,
			table.priority,
			table.district,
			table.status,
			table.escalation_level,
			table.opened_on,
			table.response_due,
			table.first_responded_on,
			table.resolution_due,
			table.resolved_on,
			table.assigned_to,
		)
		.where(missed(table, "response") | missed(table, "resolution"))
		.orderby(table.escalation_level, order=Order.desc)
		.orderby(table.opened_on)
		.limit(limit)
		.run(as_dict=True)
	)


def open_escalations(scope: Scope, limit: int = 50) -> list[dict]:
	"""Open cases that went up the escalation ladder, now: the highest level, then the oldest first."""
	table = frappe.qb.DocType("Mediation Case")
	query = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.subject,
			table.category,
			table.district,
			table.priority,
			table.escalation_level,
			table.opened_on,
			table.assigned_to,
		)
		.where(table.status != "Closed")
		.where(table.escalation_level > 0)
	)
	for condition in scope.conditions(table):
		query = query.where(condition)
	return (
		query.orderby(table.escalation_level, order=Order.desc)
		.orderby(table.opened_on)
		.limit(limit)
		.run(as_dict=True)
	)


def _group_term(table, by: str):
	if not by:
		return None
	return month_of(table.opened_on) if by == "month" else table[by]
