"""Where problems come back: flats and buildings with repeated cases of the same category.

A case is a *recurrence* when it was linked to an earlier one (same category, same property, within the
settings' window; see `mediation/recurrence.py`). A building's figures include its flats: the property
tree (district → building → flat) says which building a flat belongs to.
"""

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Max, Min, Sum
from frappe.utils import cint
from pypika import Order

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, month_of, month_text, run_grouped

LEVELS = ("flat", "building")
LIMIT = 200  # hotspots, not a list of every address


def property_table():
	"""The property doctype's table and its tree's parent field (None when it is not a tree)."""
	doctype = get_property_doctype()
	meta = frappe.get_meta(doctype)
	parent = (meta.nsm_parent_field or f"parent_{frappe.scrub(doctype)}") if meta.is_nested_set() else None
	return frappe.qb.DocType(doctype), parent


def hotspots(period: Period, scope: Scope, level: str = "flat", min_cases: int = 2) -> list[dict]:
	"""Per property (flat or building) and category: cases in the period, how many of them were
	recurrences, and the cases of the previous period of the same length; most recurrences first."""
	if level not in LEVELS:
		raise ValueError(f"no hotspots at the level {level!r}")
	current = _per_unit(period, scope, level, min_cases=max(cint(min_cases), 1))
	if not current:
		return []
	# the previous period of exactly these hotspots (not its own top list, where one may be missing)
	before = _per_unit(
		period.previous(),
		scope,
		level,
		1,
		units={row["unit"] for row in current},
		categories={row["category"] for row in current},
	)
	for row in current:
		previous = before.get((row["unit"], row["category"]))
		row["previous_cases"] = previous.cases if previous else 0
	return current


def recurrences_per_month(period: Period, scope: Scope) -> dict[str, int]:
	table, query = cases_in(period, scope)
	month = month_of(table.opened_on)
	rows = (
		query.select(month.as_("month"), Count("*").as_("n"))
		.where(table.recurrence_of.isnotnull())
		.groupby(month)
		.run(as_dict=True)
	)
	counts = {month_text(row.month): row.n for row in rows}
	return {month: counts.get(month, 0) for month in period.months()}


def recurrences(period: Period, scope: Scope) -> int:
	table, query = cases_in(period, scope)
	return query.select(Count("*")).where(table.recurrence_of.isnotnull()).run()[0][0]


def unit_term(table, units, parent: str | None, level: str):
	if level == "flat" or not parent:
		return table.property_unit
	# a case reported at a building (a group node) belongs to that building, a flat's to its parent
	return When().when(units.is_group == 1, units.name).else_(units[parent])


def _per_unit(
	period: Period,
	scope: Scope,
	level: str,
	min_cases: int,
	units: set | None = None,
	categories: set | None = None,
):
	"""Cases per property and category, the most recurrences first (at most LIMIT); with `units` (and
	`categories`), the figures of those only. Flats are read from the covering index alone; buildings
	join the property tree to find each flat's building. The top list groups every property ×
	category of the period, in memory (`run_grouped`)."""
	table, query = cases_in(period, scope)
	properties, parent = property_table()
	unit = unit_term(table, properties, parent, level)
	count = Count("*")
	repeated = Sum(When().when(table.recurrence_of.isnotnull(), 1).else_(0))
	if level == "building" and parent:
		query = query.left_join(properties).on(properties.name == table.property_unit)
	query = (
		query.select(
			unit.as_("unit"),
			table.category.as_("category"),
			Max(table.district).as_("district"),
			count.as_("cases"),
			repeated.as_("recurrences"),
			Min(table.opened_on).as_("first_case"),
			Max(table.opened_on).as_("last_case"),
		)
		.where(table.property_unit.isnotnull())
		.where(table.property_unit != "")
		.groupby(unit, table.category)
		.having(count >= min_cases)
	)
	if units is not None:
		query = query.where(unit.isin(list(units)))
		if categories and None not in categories:
			query = query.where(table.category.isin(list(categories)))
		return {(row.unit, row.category): row for row in query.run(as_dict=True)}
	query = (
		query.orderby(repeated, order=Order.desc)
		.orderby(count, order=Order.desc)
		.orderby(unit)  # ties in a stable order: the same hotspots make the list on every run
		.orderby(table.category)
		.limit(LIMIT)
	)
	rows = run_grouped(query, as_dict=True)
	for row in rows:
		row["recurrences"] = int(row["recurrences"] or 0)
		row["building"] = row["unit"]
	if level == "flat" and parent and rows:
		parents = dict(
			frappe.get_all(
				get_property_doctype(),
				filters={"name": ["in", list({row["unit"] for row in rows})]},
				fields=["name", parent],
				as_list=True,
			)
		)
		for row in rows:
			row["building"] = parents.get(row["unit"]) or row["unit"]
	return rows
