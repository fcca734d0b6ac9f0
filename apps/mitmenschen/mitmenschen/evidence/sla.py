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
from mitmenschen.evidence.query import (
	Histogram,
	add_to,
	cases_in,
	merged,
	month_of,
	month_text,
	percent,
	percentiles_of,
)

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
	"""Compliance and working-hour times of the cases opened in the period, per group (or all)."""
	if by and by not in GROUPS:
		raise ValueError(f"cannot split service levels by {by!r}")
	if not by:
		total = sla_compliance_with_total(period, scope, "")[1]
		return [total] if total else []
	return sla_compliance_with_total(period, scope, by)[0]


def sla_compliance_with_total(period: Period, scope: Scope, by: str) -> tuple[list[SlaRow], SlaRow | None]:
	"""The rows per group and the row of all cases, from one reading of the cases (not one per row).

	Two passes over the covering index: the first counts each clock met and missed per group and
	response time (the histogram of response times comes with the counts), the second the histogram of
	resolution times. The total adds up the groups' counts and histograms, so its medians and 90th
	percentiles are exact, not averages of the groups'."""
	if by and by not in GROUPS:
		raise ValueError(f"cannot split service levels by {by!r}")
	rows: dict[str | None, SlaRow] = {}
	histograms: dict[str, dict[str | None, Histogram]] = {clock: {} for clock in CLOCKS}
	for key, row in _counted(period, scope, by):
		entry = rows.setdefault(key, SlaRow(key))
		entry.cases += row.cases
		for clock in CLOCKS:
			setattr(entry, f"{clock}_met", getattr(entry, f"{clock}_met") + int(row[f"{clock}_met"] or 0))
			setattr(
				entry, f"{clock}_missed", getattr(entry, f"{clock}_missed") + int(row[f"{clock}_missed"] or 0)
			)
		add_to(histograms["response"].setdefault(key, {}), row.v, row.cases)
	for key, row in _resolution_times(period, scope, by):
		add_to(histograms["resolution"].setdefault(key, {}), row.v, row.n)
	total = SlaRow(None)
	for entry in rows.values():
		total.cases += entry.cases
		for clock in CLOCKS:
			for outcome in ("met", "missed"):
				name = f"{clock}_{outcome}"
				setattr(total, name, getattr(total, name) + getattr(entry, name))
	for clock, per_group in histograms.items():
		for key, histogram in (*per_group.items(), (TOTAL, merged(per_group.values()))):
			entry = total if key is TOTAL else rows.get(key)
			if entry is None or not histogram:
				continue
			median, p90 = percentiles_of(histogram)
			entry.hours |= {f"{clock}_median": median, f"{clock}_p90": p90}
	return sorted(rows.values(), key=lambda row: row.group or ""), total if total.cases else None


TOTAL = object()  # the key of all groups together


def _counted(period: Period, scope: Scope, by: str):
	"""(group, row) with the cases, each clock met and missed, per group and response time `v`."""
	now = now_datetime()
	table, query = cases_in(period, scope)
	group = _group_term(table, by)
	response = When().when(table.first_responded_on.isnotnull(), table.response_working_hours)
	query = query.select(Count("*").as_("cases"), response.as_("v"))
	for clock in CLOCKS:
		query = query.select(
			Sum(When().when(met(table, clock), 1).else_(0)).as_(f"{clock}_met"),
			Sum(When().when(missed(table, clock, now), 1).else_(0)).as_(f"{clock}_missed"),
		)
	if group is not None:
		query = query.select(group.as_("grp")).groupby(group)
	query = query.groupby(response)
	return ((_key(row, by), row) for row in query.run(as_dict=True))


def _resolution_times(period: Period, scope: Scope, by: str):
	"""(group, row) with how many resolved cases took `v` working hours."""
	_stamp, _due, hours = CLOCKS["resolution"]
	table, query = cases_in(period, scope)
	group = _group_term(table, by)
	query = (
		query.select(table[hours].as_("v"), Count("*").as_("n"))
		.where(table.resolved_on.isnotnull())
		.where(table[hours].isnotnull())
		.groupby(table[hours])
	)
	if group is not None:
		query = query.select(group.as_("grp")).groupby(group)
	return ((_key(row, by), row) for row in query.run(as_dict=True))


def _key(row, by: str) -> str | None:
	return month_text(row.get("grp")) if by == "month" else row.get("grp")


def sla_breaches(period: Period, scope: Scope, limit: int = BREACH_LIMIT) -> list[dict]:
	"""Cases of the period that missed a target, the highest escalation level first.

	Two steps: the names of the first `limit` breaches come from the covering index alone (a third of
	all cases may have missed a target, and reading each of their rows to sort them costs more than
	the rest of the report), then only those rows are read, for the columns a person reads."""
	table, query = cases_in(period, scope)
	names = (
		query.select(table.name)
		.where(missed(table, "response") | missed(table, "resolution"))
		.orderby(table.escalation_level, order=Order.desc)
		.orderby(table.opened_on)
		.limit(limit)
		.run(pluck=True)
	)
	if not names:
		return []
	table = frappe.qb.DocType("Mediation Case")
	rows = (
		frappe.qb.from_(table)
		.select(
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
		.where(table.name.isin(names))
		.run(as_dict=True)
	)
	position = {name: index for index, name in enumerate(names)}
	return sorted(rows, key=lambda row: position[row.name])


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
