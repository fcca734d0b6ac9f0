# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Reporter Satisfaction: per category, of the cases resolved in the period, how many reporters rated
the outcome, the average stars and the share satisfied. Thin: `mitmenschen.evidence.satisfaction`.
"""

from frappe import _

from mitmenschen.evidence.period import of_filters
from mitmenschen.evidence.satisfaction import satisfaction_by_category


def execute(filters: dict | None = None):
	period, scope = of_filters(filters)
	rows = [row.as_dict() for row in satisfaction_by_category(period, scope)]
	overall = satisfaction_by_category(period, scope, by="")
	data = rows + (
		[{**overall[0].as_dict(), "category": _("All categories"), "bold": 1}] if overall and rows else []
	)
	chart = {
		"data": {
			"labels": [row["category"] or _("Not set") for row in rows],
			"datasets": [{"name": _("Average Stars"), "values": [row["average_stars"] or 0 for row in rows]}],
		},
		"type": "bar",
		"fieldtype": "Float",  # the desk formats the values with the site's decimal comma
		"colors": ["#4c9a5b"],
	}
	return columns(), data, None, chart


def columns() -> list[dict]:
	return [
		{
			"label": _("Category"),
			"fieldname": "category",
			"fieldtype": "Link",
			"options": "Case Category",
			"width": 180,
		},
		{"label": _("Resolved"), "fieldname": "resolved", "fieldtype": "Int", "width": 100},
		{"label": _("Rated"), "fieldname": "rated", "fieldtype": "Int", "width": 90},
		{
			"label": _("Rated (%)"),
			"fieldname": "rated_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 110,
		},
		{
			"label": _("Average Stars"),
			"fieldname": "average_stars",
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{"label": _("Satisfied"), "fieldname": "satisfied", "fieldtype": "Int", "width": 100},
		{
			"label": _("Satisfied (%)"),
			"fieldname": "satisfied_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 120,
		},
	]
