# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""A mediator's monthly allowance sheet: each held appointment with the confirmed hours and its allowance
(interpreting/figures.py). Prints with the report's own template; `download_csv` gives the same sheet as
CSV for the bookkeeping."""

import csv
import io

import frappe
from frappe import _
from frappe.utils import format_date, today

from mitmenschen.interpreting.appointment import language_name
from mitmenschen.interpreting.figures import allowance_rows, month_of


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	columns = [
		{"fieldname": "date", "label": _("Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "name", "label": _("Booking"), "fieldtype": "Link", "options": "Interpreter Booking", "width": 150},
		{"fieldname": "language", "label": _("Language"), "fieldtype": "Data", "width": 150},
		{"fieldname": "mode", "label": _("Mode"), "fieldtype": "Data", "width": 100},
		{"fieldname": "hours_held", "label": _("Hours Held"), "fieldtype": "Float", "precision": 2, "width": 110},
		{"fieldname": "allowance", "label": _("Allowance"), "fieldtype": "Currency", "width": 120},
	]
	if not filters.mediator:
		return columns, []
	rows = allowance_rows(filters.mediator, filters.month or today())
	for row in rows:
		row.language, row.mode = language_name(row.interpreter_language), _(row.mode)
	return columns, rows


@frappe.whitelist()
def download_csv(mediator: str, month: str | None = None) -> None:
	"""The sheet as CSV (date, booking, language, hours, allowance), for the clerk who pays it."""
	frappe.has_permission("Interpreter Booking", "read", throw=True)
	frappe.has_permission("Language Mediator", "read", doc=mediator, throw=True)
	start, _end = month_of(month or today())
	out = io.StringIO()
	writer = csv.writer(out, delimiter=";")
	writer.writerow([_("Date"), _("Booking"), _("Language"), _("Hours Held"), _("Allowance")])
	for row in allowance_rows(mediator, start):
		writer.writerow(
			[format_date(row.date, "dd.MM.yyyy"), row.name, language_name(row.interpreter_language), f"{row.hours_held:g}", f"{row.allowance:.2f}"]
		)
	frappe.response.filename = f"{mediator}-{start:%Y-%m}.csv"
	frappe.response.filecontent = out.getvalue()
	frappe.response.type = "download"
