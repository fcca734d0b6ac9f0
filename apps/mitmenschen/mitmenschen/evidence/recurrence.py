"""Where problems come back: flats and buildings with repeated cases of the same category.

A case is a *recurrence* when it was linked to an earlier one (same category, same property, within the
settings' window; see `mediation/recurrence.py`). A building's figures include its flats: the property
tree (district → building → flat) says which building a flat belongs to.
"""

from datetime import date

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Max, Min, Sum
from frappe.utils import cint
from pypika import Order

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import CASE, TuplesIn, cases_in, month_of, month_text, run_grouped

LEVELS = ("flat", "building")
LIMIT = 200  # hotspots, not a list of every address


def property_table():
	"""The property doctype's table and its tree's parent field (None when it is not a tree)."""
	doctype = get_property_doctype()
	meta = frappe.get_meta(doctype)
	parent = (meta.nsm_parent_field or f"parent_{frappe.scrub(doctype)}") if meta.is_nested_set() else None
	return frappe.qb.DocType(doctype), parent


def hotspots(
	period: Period, scope: Scope, level: str = "flat", min_cases: int = 2, limit: int = LIMIT
) -> list[dict]:
	"""Per property (flat or building) and category: cases in the period, how many of them were
	recurrences, and the cases of the previous period of the same length; most recurrences first."""
	if level not in LEVELS:
		raise ValueError(f"no hotspots at the level {level!r}")
	tree: dict[str, list[str]] = {}  # building: its flats, read once for both periods
	current = _top(period, scope, level, max(cint(min_cases), 1), limit, tree)
	if not current or "previous_cases" in current[0]:
		return current
	# the previous period of exactly these hotspots (not its own top list, where one may be missing)
	before = _per_unit(
		period.previous(), scope, level, pairs={(row["unit"], row["category"]) for row in current}, tree=tree
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


def _top(
	period: Period, scope: Scope, level: str, min_cases: int, limit: int, tree: dict | None = None
) -> list[dict]:
	"""The `limit` properties × categories with the most recurrences, then the most cases.

	The list is ordered by recurrences first, so it is made of the pairs with the most recurrences:
	if `limit` pairs have at least as many recurrences as the `limit`-th (and enough cases), no other
	pair can get in. The recurrences alone are few (a case in ten at 100,000 cases) and group quickly;
	the full figures are then read for those pairs only, by property (evidence_unit_idx), ordered
	exactly as the full list would be, together with their previous period. Grouping every property × category of the period (14,000 pairs
	at 100,000 cases) is the fallback when fewer pairs recur than the list holds."""
	recurring = sorted(_recurrences_per_pair(period, scope, level).items(), key=lambda item: -item[1])
	if len(recurring) >= limit:
		least = recurring[limit - 1][1]
		pairs = {pair for pair, count in recurring if count >= least}
		rows = _per_unit(
			period,
			scope,
			level,
			min_cases,
			pairs=pairs,
			limit=limit,
			tree=tree,
			since=period.previous().start,
		)
		if rows is not None and len(rows) >= limit:
			return rows
	return _per_unit(period, scope, level, min_cases, limit=limit)


def _unit_query(period: Period, scope: Scope, level: str):
	"""(query, table, unit) of the cases of the period at a property, `unit` the flat or its building."""
	table, query = cases_in(period, scope)
	properties, parent = property_table()
	if level == "building" and parent:
		query = query.left_join(properties).on(properties.name == table.property_unit)
	query = query.where(table.property_unit.isnotnull()).where(table.property_unit != "")
	return query, table, unit_term(table, properties, parent, level)


def _recurrences_per_pair(period: Period, scope: Scope, level: str) -> dict[tuple, int]:
	query, table, unit = _unit_query(period, scope, level)
	query = (
		query.select(unit.as_("unit"), table.category.as_("category"), Count("*").as_("n"))
		.where(table.recurrence_of.isnotnull())
		.groupby(unit, table.category)
	)
	return {(row.unit, row.category): row.n for row in run_grouped(query, as_dict=True)}


UNIT_INDEX = "evidence_unit_idx"  # mediation/report_indexes.py
PAIRS_LIMIT = 5_000  # (property, category) pairs a lookup names; beyond, reading the period is quicker


def _per_unit(
	period: Period,
	scope: Scope,
	level: str,
	min_cases: int = 1,
	pairs: set | None = None,
	limit: int | None = None,
	tree: dict | None = None,
	since: date | None = None,
):
	"""Cases per property and category, the most recurrences first (at most `limit`); with `pairs`
	(unit, category), the figures of those only: without `limit` as {pair: row}, with it the top list
	among them (None when there are too many pairs to name).

	Flats are read from the covering index alone; buildings join the property tree to find each flat's
	building. Named pairs are looked up by property and category (evidence_unit_idx): a building's
	cases are those reported at it and at its flats. With `since` (the previous period's first day)
	the lookup reads from then on: the figures are still the period's, and `previous_cases` counts the
	cases before it, in the same pass."""
	query, table, unit = _unit_query(Period(since, period.end) if since else period, scope, level)
	recurrence = table.recurrence_of.isnotnull()
	if since:
		now = table.opened_on >= period.begins

		def of_period(term):
			return When().when(now, term)

		count = Sum(When().when(now, 1).else_(0))
		repeated = Sum(When().when(now & recurrence, 1).else_(0))
		query = query.select(Sum(When().when(now, 0).else_(1)).as_("previous_cases"))
	else:

		def of_period(term):
			return term

		count = Count("*")
		repeated = Sum(When().when(recurrence, 1).else_(0))
	query = (
		query.select(
			unit.as_("unit"),
			table.category.as_("category"),
			Max(of_period(table.district)).as_("district"),
			count.as_("cases"),
			repeated.as_("recurrences"),
			Min(of_period(table.opened_on)).as_("first_case"),
			Max(of_period(table.opened_on)).as_("last_case"),
		)
		.groupby(unit, table.category)
		.having(count >= min_cases)
	)
	if pairs is not None:
		named = _cases_of(pairs, level, {} if tree is None else tree)
		if named is None or len(named) > PAIRS_LIMIT:
			if limit:
				return None  # the caller reads the whole list instead
		else:
			query = query.where(TuplesIn([table.property_unit, table.category], named))
			if frappe.db.has_index(f"tab{CASE}", UNIT_INDEX):
				# named: MariaDB would weigh every index against the hundreds of pairs (half a second)
				query = query.force_index(UNIT_INDEX)
		if not limit:
			return {
				(row.unit, row.category): row
				for row in run_grouped(query, as_dict=True)
				if (row.unit, row.category) in pairs
			}
		if level == "building":
			query = query.where(TuplesIn([unit, table.category], list(pairs)))
	query = (
		query.orderby(repeated, order=Order.desc)
		.orderby(count, order=Order.desc)
		.orderby(unit)  # ties in a stable order: the same hotspots make the list on every run
		.orderby(table.category)
		.limit(limit or LIMIT)
	)
	rows = run_grouped(query, as_dict=True)
	_properties, parent = property_table()
	for row in rows:
		row["cases"], row["recurrences"] = int(row["cases"]), int(row["recurrences"] or 0)
		if since:
			row["previous_cases"] = int(row["previous_cases"])
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


def _cases_of(pairs: set, level: str, tree: dict[str, list[str]]) -> list[tuple] | None:
	"""The (property, category) pairs whose cases count for `pairs` of (unit, category): the flats
	themselves, or the buildings and their flats (one level of the tree: district → building → flat;
	`tree` keeps the flats of the buildings read so far). None when a pair lacks its property or
	category (NULL matches no list: such pairs are read with the whole period)."""
	if any(not unit or not category for unit, category in pairs):
		return None
	named = list(pairs)
	properties, parent = property_table()
	if level == "flat" or not parent or not named:
		return named
	missing = list({unit for unit, _category in named} - set(tree))
	if missing:
		for building in missing:
			tree[building] = []
		rows = frappe.qb.from_(properties).select(properties.name, properties[parent])
		for flat, building in rows.where(properties[parent].isin(missing)).run():
			tree[building].append(flat)
	return [(prop, category) for unit, category in named for prop in (unit, *tree[unit])]
