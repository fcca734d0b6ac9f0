"""Query-builder pieces the figures share: months, percentiles and the base query of cases.

Medians and 90th percentiles come from a histogram MariaDB counts on a covering index (how often each
stored value occurs), so a report never pulls every case into Python, nor sorts every row.
"""

import frappe
from frappe.query_builder import CustomFunction
from frappe.query_builder.functions import Count
from pypika.terms import Term

from mitmenschen.evidence.period import Period, Scope

CASE = "Mediation Case"
DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
MONTH_FORMAT = "%Y-%m"


def month_of(field) -> Term:
	return DateFormat(field, MONTH_FORMAT)


def cases_in(period: Period, scope: Scope, field: str = "opened_on"):
	"""(table, query) of the cases whose `field` falls into the period, within the scope."""
	table = frappe.qb.DocType(CASE)
	query = frappe.qb.from_(table).where(table[field] >= period.begins).where(table[field] < period.ends)
	for condition in scope.conditions(table):
		query = query.where(condition)
	return table, query


def grouped_percentiles(
	query, value: Term, groups: list[Term], fractions=(0.5, 0.9)
) -> dict[tuple, list[float | None]]:
	"""{group key: [percentile per fraction]} of `value` over the rows of `query` (NULLs left out).

	MariaDB counts how often each stored value occurs (GROUP BY on the covering index: one quick pass);
	the percentiles follow exactly from those counts, interpolated as PERCENTILE_CONT and a spreadsheet's
	PERCENTILE.INC do. Sorting every row in a window function costs far more at 100,000 cases."""
	names = [f"g{i}" for i in range(len(groups))]
	query = query.select(*(group.as_(name) for group, name in zip(groups, names, strict=True)))
	query = query.select(value.as_("v"), Count("*").as_("n")).where(value.isnotnull())
	query = query.groupby(*groups, value)
	for term in (*groups, value):
		query = query.orderby(term)
	histograms: dict[tuple, list[tuple[float, int]]] = {}
	for row in query.run(as_dict=True):
		histograms.setdefault(tuple(row[name] for name in names), []).append((float(row.v), row.n))
	return {key: [percentile(counts, f) for f in fractions] for key, counts in histograms.items()}


def percentile(counts: list[tuple[float, int]], fraction: float) -> float | None:
	"""The continuous percentile of sorted (value, how often) pairs."""
	total = sum(n for _v, n in counts)
	if not total:
		return None
	position = fraction * (total - 1)
	lower_index, weight = int(position), position - int(position)
	lower = upper = None
	seen = 0
	for v, n in counts:
		if lower is None and lower_index < seen + n:
			lower = v
		if lower_index + 1 < seen + n:
			upper = v
			break
		seen += n
	upper = lower if upper is None else upper
	return round(lower + weight * (upper - lower), 1)


def percent(part: int, whole: int) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None
