"""Query-builder pieces the figures share: months, percentiles and the base query of cases.

Medians and 90th percentiles come from a histogram MariaDB counts on a covering index (how often each
stored value occurs), so a report never pulls every case into Python, nor sorts every row. Histograms
add up (a total's percentiles follow exactly from its groups' histograms), so a report that shows
groups and their total reads the cases once, not twice.

Months are grouped as the number EXTRACT(YEAR_MONTH …) gives (202604): MariaDB groups a third of all
cases per report, and formatting each row's date as text costs more than the rest of that pass.
"""

import frappe
from frappe.query_builder.functions import Count
from pypika.functions import Extract
from pypika.terms import Criterion, Term

from mitmenschen.evidence.period import Period, Scope

CASE = "Mediation Case"
Histogram = dict[float, int]  # stored value: how many cases have it


def month_of(field) -> Term:
	"""The month of a datetime column as a number (202604); `month_text` turns it into "2026-04"."""
	return Extract("YEAR_MONTH", field)


def month_text(value) -> str | None:
	"""202604 (as MariaDB answers `month_of`) -> "2026-04"."""
	if value is None:
		return None
	number = int(value)
	return f"{number // 100:04d}-{number % 100:02d}"


GROUPING_MEMORY = 64 * 1024 * 1024  # bytes one report's grouping may hold in memory


def run_grouped(query, **kwargs):
	"""Run a query that groups many thousands of keys with its temporary table in memory.

	MariaDB groups in memory up to `tmp_table_size` (16 MB by default) and goes on on disk beyond. Its
	in-memory rows hold each VARCHAR at full width (a flat and a category, 140 characters each: over
	1 kB a group), so half a year's flats × categories at 100,000 cases (14,000 groups) spill to disk
	and the grouping takes twice as long. `SET STATEMENT` raises the limit for this one statement
	only, not for the connection."""
	sql, params = query.walk()
	limit = int(GROUPING_MEMORY)
	return frappe.db.sql(
		f"SET STATEMENT tmp_table_size = {limit}, max_heap_table_size = {limit} FOR {sql}", params, **kwargs
	)


class TuplesIn(Criterion):
	"""`(a, b) IN (('x', 'y'), …)` of many literal rows, each value escaped by the driver.

	pypika gives every value a parameter of its own; for the few thousand (flat, category) pairs a
	hotspot lookup names, that takes longer in Python than MariaDB takes for the lookup."""

	def __init__(self, columns: list[Term], rows: list[tuple]) -> None:
		super().__init__()
		self.columns, self.rows = columns, rows

	def get_sql(self, **kwargs) -> str:
		columns = ",".join(column.get_sql(**kwargs) for column in self.columns)
		escaped: dict = {}  # a category recurs in every row: escape each value once

		def literal(value) -> str:
			if value not in escaped:
				escaped[value] = frappe.db.escape(str(value))
			return escaped[value]

		rows = ",".join("(" + ",".join(literal(value) for value in row) + ")" for row in self.rows)
		return f"({columns}) IN ({rows})"


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


def add_to(histogram: Histogram, value, count: int) -> None:
	"""Count `count` cases of a stored value (NULL, a clock not stopped yet, is left out)."""
	if value is not None:
		value = float(value)
		histogram[value] = histogram.get(value, 0) + count


def merged(histograms) -> Histogram:
	"""The histogram of several groups together (counts of equal values add up)."""
	total: Histogram = {}
	for histogram in histograms:
		for value, count in histogram.items():
			total[value] = total.get(value, 0) + count
	return total


def percentiles_of(histogram: Histogram, fractions=(0.5, 0.9)) -> list[float | None]:
	counts = sorted(histogram.items())
	return [percentile(counts, fraction) for fraction in fractions]


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
