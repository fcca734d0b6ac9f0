"""Where problems come back: flats and buildings with repeated cases of the same category.

A case is a *recurrence* when it was linked to an earlier one (same category, same property, within the
settings' window; see `mediation/recurrence.py`). A building's figures include its flats: the property
tree (district → building → flat) says which building a flat belongs to.
"""

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Max, Min, Sum
from frappe.utils import cint

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, month_of

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
	before = {
		(row["unit"], row["category"]): row["cases"] for row in _per_unit(period.previous(), scope, level, 1)
	}
	for row in current:
		row["previous_cases"] = before.get((row["unit"], row["category"]), 0)
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
	counts = {row.month: row.n for row in rows}
	return {month: counts.get(month, 0) for month in period.months()}


def recurrences(period: Period, scope: Scope) -> int:
	table, query = cases_in(period, scope)
	return query.select(Count("*")).where(table.recurrence_of.isnotnull()).run()[0][0]


def _per_unit(period: Period, scope: Scope, level: str, min_cases: int) -> list[dict]:
	"""Cases per flat and category from the covering index; a building's are its flats' added up
	(the tree says which building a flat is in: one lookup of the flats found, no join per case)."""
	table, query = cases_in(period, scope)
	count = Count("*")
	query = (
		query.select(
			table.property_unit.as_("unit"),
			table.category.as_("category"),
			Max(table.district).as_("district"),
			count.as_("cases"),
			Sum(When().when(table.recurrence_of.isnotnull(), 1).else_(0)).as_("recurrences"),
			Min(table.opened_on).as_("first_case"),
			Max(table.opened_on).as_("last_case"),
		)
		.where(table.property_unit.isnotnull())
		.where(table.property_unit != "")
		.groupby(table.property_unit, table.category)
	)
	_properties, parent = property_table()
	if level == "flat":
		query = query.having(count >= min_cases)
	rows = query.run(as_dict=True)
	parents = _parents(get_property_doctype(), parent, {row.unit for row in rows}) if parent else {}
	for row in rows:
		row["recurrences"] = int(row["recurrences"] or 0)
		is_group, above = parents.get(row.unit, (1, None))
		row["building"] = row.unit if is_group or not above else above
	if level == "building":
		rows = _add_up_buildings(rows, min_cases)
	rows.sort(key=lambda row: (-row["recurrences"], -row["cases"], row["unit"], row["category"]))
	return rows[:LIMIT]


def _parents(doctype: str, parent: str, units: set) -> dict[str, tuple[int, str | None]]:
	if not units:
		return {}
	return {
		row.name: (row.is_group, row[parent])
		for row in frappe.get_all(
			doctype, filters={"name": ["in", list(units)]}, fields=["name", "is_group", parent]
		)
	}


def _add_up_buildings(rows: list[dict], min_cases: int) -> list[dict]:
	buildings: dict[tuple, dict] = {}
	for row in rows:
		key = (row["building"], row["category"])
		entry = buildings.setdefault(key, {**row, "unit": row["building"], "cases": 0, "recurrences": 0})
		entry["cases"] += row["cases"]
		entry["recurrences"] += row["recurrences"]
		entry["first_case"] = min(entry["first_case"], row["first_case"])
		entry["last_case"] = max(entry["last_case"], row["last_case"])
	return [entry for entry in buildings.values() if entry["cases"] >= min_cases]
