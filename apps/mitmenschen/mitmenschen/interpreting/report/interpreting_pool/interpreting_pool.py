# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The pool for the round table: requests, filled and unfilled, cancellations and hours per language, the
median lead time, and the languages households speak that the pool lacks (interpreting/figures.py)."""

import frappe
from frappe import _
from frappe.utils import add_months, escape_html, getdate, today

from mitmenschen.interpreting.appointment import language_name
from mitmenschen.interpreting.figures import pool_figures


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or today())
	from_date = getdate(filters.from_date or add_months(to_date, -6))
	figures = pool_figures(from_date, to_date)
	columns = [
		{"fieldname": "language", "label": _("Language"), "fieldtype": "Data", "width": 180},
		{"fieldname": "requests", "label": _("Requests"), "fieldtype": "Int", "width": 100},
		{"fieldname": "filled", "label": _("Filled"), "fieldtype": "Int", "width": 100},
		{"fieldname": "unfilled", "label": _("Unfilled"), "fieldtype": "Int", "width": 100},
		{"fieldname": "cancelled", "label": _("Cancelled"), "fieldtype": "Int", "width": 100},
		{"fieldname": "hours", "label": _("Hours Held"), "fieldtype": "Float", "precision": 2, "width": 110},
	]
	data = [row | {"language": language_name(row["language"])} for row in figures["languages"]]
	lacking = ", ".join(language_name(code) for code in figures["lacking"]) or _("none")
	message = f"<p>{escape_html(_('Languages households speak that no active mediator does: {0}').format(lacking))}</p>"
	median_lead = figures["median_lead_days"]
	summary = [
		{"label": _("Requests"), "value": figures["requests"], "datatype": "Int", "indicator": "Blue"},
		{"label": _("Filled"), "value": figures["filled"], "datatype": "Int", "indicator": "Green"},
		{"label": _("Unfilled"), "value": figures["unfilled"], "datatype": "Int", "indicator": "Red"},
		{"label": _("Cancelled by Mediators"), "value": figures["mediator_cancellations"], "datatype": "Int"},
		{"label": _("Hours Held"), "value": figures["hours"], "datatype": "Float"},
		{
			"label": _("Median Lead Time (Working Days)"),
			"value": median_lead if median_lead is not None else "–",
			"datatype": "Float" if median_lead is not None else "Data",
		},
	]
	return columns, data, message, None, summary
