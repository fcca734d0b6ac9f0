# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The members' key figures of one period, combined: sums of counts, shares weighted by their base,
no group smaller than five (federation/figures.py)."""

import frappe
from frappe import _

from mitmenschen.evidence.key_figures import FIGURES
from mitmenschen.federation.figures import combined_for


def execute(filters: dict | None = None) -> tuple[list, list, None, None, list]:
	filters = frappe._dict(filters or {})
	if not filters.from_date or not filters.to_date:
		return columns(), [], None, None, []
	combined = combined_for(filters.from_date, filters.to_date)
	rows = [
		{
			"figure": str(figure.label),
			"value": combined["figures"].get(figure.key),
			"note": _("without members' groups under five") if figure.key in combined["incomplete"] else "",
		}
		for figure in FIGURES
		if figure.key in combined["figures"] or figure.key in combined["incomplete"]
	]
	rows += [
		{"figure": _("Cases: {0}").format(_(category)), "value": n, "note": ""}
		for category, n in combined["cases_per_category"].items()
	]
	summary = [{"label": _("Members"), "value": combined["members"], "datatype": "Int"}]
	return columns(), rows, None, None, summary


def columns() -> list[dict]:
	return [
		{"fieldname": "figure", "label": _("Figure"), "fieldtype": "Data", "width": 360},
		{"fieldname": "value", "label": _("Value"), "fieldtype": "Float", "width": 120},
		{"fieldname": "note", "label": _("Note"), "fieldtype": "Data", "width": 280},
	]
