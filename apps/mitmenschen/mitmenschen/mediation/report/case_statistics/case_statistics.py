# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Case Statistics: new and closed cases per month, by category or district, and the open backlog.

Thin: the figures come from `mitmenschen.evidence.cases`.
"""

from frappe import _

from mitmenschen.evidence.cases import monthly_cases, totals_per_month
from mitmenschen.evidence.period import month_label, of_filters


def execute(filters: dict | None = None):
	period, scope = of_filters(filters)
	by = (filters or {}).get("group_by") or ""
	by = {"Category": "category", "District": "district"}.get(by, "")
	rows = monthly_cases(period, scope, by)
	data = [
		{
			"month": month_label(row.month),
			"group": row.group,
			"new": row.new,
			"closed": row.closed,
			"open_at_end": row.open_at_end,
		}
		for row in rows
	]
	totals = totals_per_month(rows, period.months())
	if data:
		data.append(
			{
				"month": _("Total"),
				"new": sum(row.new for row in totals),
				"closed": sum(row.closed for row in totals),
				"open_at_end": totals[-1].open_at_end,
				"bold": 1,
			}
		)
	return columns(by), data, None, chart(totals)


def columns(by: str) -> list[dict]:
	group = []
	if by == "category":
		group = [
			{
				"label": _("Category"),
				"fieldname": "group",
				"fieldtype": "Link",
				"options": "Case Category",
				"width": 180,
			}
		]
	elif by == "district":
		group = [{"label": _("District"), "fieldname": "group", "fieldtype": "Data", "width": 180}]
	return [
		{"label": _("Month"), "fieldname": "month", "fieldtype": "Data", "width": 100},
		*group,
		{"label": _("New"), "fieldname": "new", "fieldtype": "Int", "width": 90},
		{"label": _("Closed"), "fieldname": "closed", "fieldtype": "Int", "width": 90},
		{"label": _("Open at Month End"), "fieldname": "open_at_end", "fieldtype": "Int", "width": 140},
	]


def chart(totals) -> dict:
	return {
		"data": {
			"labels": [month_label(row.month) for row in totals],
			"datasets": [
				{"name": _("New"), "values": [row.new for row in totals], "chartType": "bar"},
				{"name": _("Closed"), "values": [row.closed for row in totals], "chartType": "bar"},
				{
					"name": _("Open at Month End"),
					"values": [row.open_at_end for row in totals],
					"chartType": "line",
				},
			],
		},
		"type": "axis-mixed",
		"colors": ["#2f6fb0", "#e08a2c", "#4c9a5b"],
	}
