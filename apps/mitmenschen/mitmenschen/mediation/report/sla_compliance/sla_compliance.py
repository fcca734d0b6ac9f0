# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""SLA Compliance: first response and resolution within target, and how long they took in working
hours (median, 90th percentile), by category, priority or month; or the breaches with their
escalation level. Thin: the figures come from `mitmenschen.evidence.sla`.
"""

from frappe import _

from mitmenschen.evidence.period import month_label, of_filters
from mitmenschen.evidence.sla import sla_breaches, sla_compliance_with_total

VIEWS = {"Category": "category", "Priority": "priority", "Month": "month"}
BREACHES = "Breaches"


def execute(filters: dict | None = None):
	period, scope = of_filters(filters)
	view = (filters or {}).get("view") or "Category"
	if view == BREACHES:
		rows = sla_breaches(period, scope)
		return breach_columns(), rows, None, breach_chart(rows)
	by = VIEWS.get(view, "category")
	groups, total = sla_compliance_with_total(period, scope, by)
	rows = [row.as_dict() for row in groups]
	if by == "month":
		for row in rows:
			row["group"] = month_label(row["group"])
	elif by == "priority":
		for row in rows:
			priority = row["group"]
			row["group"] = _(priority) if priority else priority
	data = rows + ([{**total.as_dict(), "group": _("All cases"), "bold": 1}] if total and rows else [])
	return columns(view), data, None, chart(rows)


def columns(view: str) -> list[dict]:
	group = (
		{
			"label": _("Category"),
			"fieldname": "group",
			"fieldtype": "Link",
			"options": "Case Category",
			"width": 170,
		}
		if view == "Category"
		else {"label": _(view), "fieldname": "group", "fieldtype": "Data", "width": 120}
	)
	hours = {"fieldtype": "Float", "precision": 1, "width": 120}
	return [
		group,
		{"label": _("Cases"), "fieldname": "cases", "fieldtype": "Int", "width": 80},
		{"label": _("Response Met"), "fieldname": "response_met", "fieldtype": "Int", "width": 110},
		{"label": _("Response Missed"), "fieldname": "response_missed", "fieldtype": "Int", "width": 120},
		{
			"label": _("Response within Target"),
			"fieldname": "response_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 150,
		},
		{"label": _("Median Response (h)"), "fieldname": "response_median", **hours},
		{"label": _("90th Percentile Response (h)"), "fieldname": "response_p90", **hours, "width": 170},
		{"label": _("Resolution Met"), "fieldname": "resolution_met", "fieldtype": "Int", "width": 110},
		{"label": _("Resolution Missed"), "fieldname": "resolution_missed", "fieldtype": "Int", "width": 130},
		{
			"label": _("Resolution within Target"),
			"fieldname": "resolution_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 160,
		},
		{"label": _("Median Resolution (h)"), "fieldname": "resolution_median", **hours, "width": 140},
		{"label": _("90th Percentile Resolution (h)"), "fieldname": "resolution_p90", **hours, "width": 180},
	]


def breach_columns() -> list[dict]:
	return [
		{
			"label": _("Case"),
			"fieldname": "name",
			"fieldtype": "Link",
			"options": "Mediation Case",
			"width": 140,
		},
		{
			"label": _("Category"),
			"fieldname": "category",
			"fieldtype": "Link",
			"options": "Case Category",
			"width": 150,
		},
		{"label": _("Priority"), "fieldname": "priority", "fieldtype": "Data", "width": 90},
		{"label": _("District"), "fieldname": "district", "fieldtype": "Data", "width": 120},
		{"label": _("Status"), "fieldname": "status", "fieldtype": "Data", "width": 120},
		{"label": _("Escalation Level"), "fieldname": "escalation_level", "fieldtype": "Int", "width": 120},
		{"label": _("Opened On"), "fieldname": "opened_on", "fieldtype": "Datetime", "width": 150},
		{"label": _("Response Due"), "fieldname": "response_due", "fieldtype": "Datetime", "width": 150},
		{
			"label": _("First Response At"),
			"fieldname": "first_responded_on",
			"fieldtype": "Datetime",
			"width": 150,
		},
		{"label": _("Resolution Due"), "fieldname": "resolution_due", "fieldtype": "Datetime", "width": 150},
		{"label": _("Resolved At"), "fieldname": "resolved_on", "fieldtype": "Datetime", "width": 150},
		{
			"label": _("Assigned To"),
			"fieldname": "assigned_to",
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
	]


def chart(rows: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["group"] or _("Not set") for row in rows],
			"datasets": [
				{"name": _("Response within Target"), "values": [row["response_pct"] or 0 for row in rows]},
				{
					"name": _("Resolution within Target"),
					"values": [row["resolution_pct"] or 0 for row in rows],
				},
			],
		},
		"type": "bar",
		"fieldtype": "Percent",
		"precision": 1,
		"colors": ["#2f6fb0", "#e08a2c"],
	}


def breach_chart(rows: list[dict]) -> dict:
	levels = sorted({row.escalation_level or 0 for row in rows})
	return {
		"data": {
			"labels": [_("Level {0}").format(level) for level in levels],
			"datasets": [
				{
					"name": _("Breaches"),
					"values": [
						sum(1 for row in rows if (row.escalation_level or 0) == level) for level in levels
					],
				}
			],
		},
		"type": "bar",
		"colors": ["#b44b4b"],
	}
