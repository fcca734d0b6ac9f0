# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Onboarding: every household whose plan still has open steps, the overdue ones first.

One grouped query over the open steps (indexed on status), whatever the number of households.
"""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Min, Sum
from frappe.utils import getdate, nowdate


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_data(filters) -> list[dict]:
	today = getdate(nowdate())
	step, plan, household = (
		frappe.qb.DocType(d) for d in ("Onboarding Plan Step", "Onboarding Plan", "Refugee Household")
	)
	overdue = Sum(Case().when(step.due_date < today, 1).else_(0))
	query = (
		frappe.qb.from_(step)
		.join(plan)
		.on(step.parent == plan.name)
		.join(household)
		.on(plan.household == household.name)
		.select(
			plan.household,
			household.family_name,
			household.district,
			household.status.as_("household_status"),
			plan.move_in_date,
			plan.name.as_("plan"),
			Count(step.name).as_("open_steps"),
			overdue.as_("overdue_steps"),
			Min(step.due_date).as_("next_due"),
		)
		.where((step.parenttype == "Onboarding Plan") & (step.status == "Open"))
		.groupby(plan.name)
		.orderby(overdue, order=frappe.qb.desc)
		.orderby(Min(step.due_date))
	)
	if filters.district:
		query = query.where(household.district == filters.district)
	if filters.only_overdue:
		query = query.having(overdue > 0)
	rows = query.run(as_dict=True)
	for row in rows:
		row.overdue_steps = int(row.overdue_steps or 0)
		row.household_status = _(row.household_status) if row.household_status else None
	return rows


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Household"),
			"fieldname": "household",
			"fieldtype": "Link",
			"options": "Refugee Household",
			"width": 140,
		},
		{"label": _("Family Name"), "fieldname": "family_name", "fieldtype": "Data", "width": 180},
		{"label": _("District"), "fieldname": "district", "fieldtype": "Data", "width": 130},
		{"label": _("Status"), "fieldname": "household_status", "fieldtype": "Data", "width": 110},
		{"label": _("Move-In Date"), "fieldname": "move_in_date", "fieldtype": "Date", "width": 110},
		{"label": _("Open Steps"), "fieldname": "open_steps", "fieldtype": "Int", "width": 100},
		{"label": _("Overdue Steps"), "fieldname": "overdue_steps", "fieldtype": "Int", "width": 110},
		{"label": _("Next Due"), "fieldname": "next_due", "fieldtype": "Date", "width": 110},
		{
			"label": _("Onboarding Plan"),
			"fieldname": "plan",
			"fieldtype": "Link",
			"options": "Onboarding Plan",
			"width": 160,
		},
	]
