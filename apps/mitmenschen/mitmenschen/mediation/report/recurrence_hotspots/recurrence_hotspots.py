# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Recurrence Hotspots: flats or buildings where the same problem came back, with the previous period
beside it, and recurrences per month as the chart. Thin: `mitmenschen.evidence.recurrence`.
"""

from frappe import _
from frappe.utils import cint

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.evidence.period import month_label, of_filters
from mitmenschen.evidence.recurrence import hotspots, recurrences_per_month


def execute(filters: dict | None = None):
	filters = filters or {}
	period, scope = of_filters(filters)
	level = "building" if filters.get("level") == "Building" else "flat"
	min_cases = cint(filters.get("min_cases")) if filters.get("min_cases") not in (None, "") else 2
	rows = hotspots(period, scope, level, min_cases)
	per_month = recurrences_per_month(period, scope)
	chart = {
		"data": {
			"labels": [month_label(month) for month in per_month],
			"datasets": [{"name": _("Recurrences"), "values": list(per_month.values())}],
		},
		"type": "line",
		"colors": ["#b44b4b"],
	}
	return columns(level), rows, None, chart


def columns(level: str) -> list[dict]:
	doctype = get_property_doctype()
	unit = _("Building") if level == "building" else _("Flat")
	flat_columns = (
		[
			{
				"label": _("Building"),
				"fieldname": "building",
				"fieldtype": "Link",
				"options": doctype,
				"width": 170,
			}
		]
		if level == "flat"
		else []
	)
	return [
		{"label": unit, "fieldname": "unit", "fieldtype": "Link", "options": doctype, "width": 220},
		*flat_columns,
		{"label": _("District"), "fieldname": "district", "fieldtype": "Data", "width": 110},
		{
			"label": _("Category"),
			"fieldname": "category",
			"fieldtype": "Link",
			"options": "Case Category",
			"width": 150,
		},
		{"label": _("Cases"), "fieldname": "cases", "fieldtype": "Int", "width": 80},
		{"label": _("Recurrences"), "fieldname": "recurrences", "fieldtype": "Int", "width": 110},
		{
			"label": _("Cases in Previous Period"),
			"fieldname": "previous_cases",
			"fieldtype": "Int",
			"width": 170,
		},
		{"label": _("First Case"), "fieldname": "first_case", "fieldtype": "Datetime", "width": 150},
		{"label": _("Last Case"), "fieldname": "last_case", "fieldtype": "Datetime", "width": 150},
	]
