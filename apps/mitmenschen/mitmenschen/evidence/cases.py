"""How many cases came in and how many were closed, per month, and how many stayed open.

A case counts as closed in the month of its `resolved_on` (stamped when it is closed, cleared when it
is reopened, kept when it is anonymised). The open backlog at a month's end is what was open when
the period began, plus what came in, minus what was closed up to that month.
"""

from collections import defaultdict
from dataclasses import dataclass

import frappe
from frappe.query_builder.functions import Count

from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, month_of, month_text

GROUPS = ("category", "district")  # what case statistics can be split by ("" = not split)


@dataclass
class MonthRow:
	month: str  # "YYYY-MM"
	group: str | None  # the category or district, None when not split
	new: int = 0
	closed: int = 0
	open_at_end: int = 0


def monthly_cases(period: Period, scope: Scope, by: str = "") -> list[MonthRow]:
	"""New, closed and open-at-month-end cases per month (and per category or district)."""
	if by and by not in GROUPS:
		raise ValueError(f"cannot split cases by {by!r}")
	new = _count_per_month("opened_on", period, scope, by)
	closed = _count_per_month("resolved_on", period, scope, by)
	open_before = _open_at_start(period, scope, by)
	groups = sorted({key[1] for key in (*new, *closed)} | set(open_before), key=lambda g: g or "")
	rows = []
	for group in groups:
		backlog = open_before.get(group, 0)
		for month in period.months():
			row = MonthRow(month, group, new.get((month, group), 0), closed.get((month, group), 0))
			backlog += row.new - row.closed
			row.open_at_end = backlog
			if row.new or row.closed or row.open_at_end:
				rows.append(row)
	return sorted(rows, key=lambda row: (row.month, row.group or ""))


def totals_per_month(rows: list[MonthRow], months: list[str]) -> list[MonthRow]:
	"""Rows of several groups added up per month (a group without a row in a month had nothing open)."""
	total = {month: MonthRow(month, None) for month in months}
	for row in rows:
		entry = total[row.month]
		entry.new, entry.closed = entry.new + row.new, entry.closed + row.closed
		entry.open_at_end += row.open_at_end
	return [total[month] for month in months]


def new_cases(period: Period, scope: Scope) -> int:
	_table, query = cases_in(period, scope)
	return query.select(Count("*")).run()[0][0]


def closed_cases(period: Period, scope: Scope) -> int:
	_table, query = cases_in(period, scope, "resolved_on")
	return query.select(Count("*")).run()[0][0]


def _count_per_month(field: str, period: Period, scope: Scope, by: str) -> dict[tuple, int]:
	table, query = cases_in(period, scope, field)
	month = month_of(table[field])
	query = query.select(month.as_("month"), Count("*").as_("n")).groupby(month)
	if by:
		query = query.select(table[by].as_("grp")).groupby(table[by])
	return {(month_text(row.month), row.get("grp") if by else None): row.n for row in query.run(as_dict=True)}


def _open_at_start(period: Period, scope: Scope, by: str) -> dict[str | None, int]:
	"""Cases opened before the period and not closed before it began."""
	table = frappe.qb.DocType("Mediation Case")
	query = (
		frappe.qb.from_(table)
		.select(Count("*").as_("n"))
		.where(table.opened_on < period.begins)
		.where(table.resolved_on.isnull() | (table.resolved_on >= period.begins))
	)
	for condition in scope.conditions(table):
		query = query.where(condition)
	if by:
		query = query.select(table[by].as_("grp")).groupby(table[by])
	return {(row.get("grp") if by else None): row.n for row in query.run(as_dict=True) if row.n}
