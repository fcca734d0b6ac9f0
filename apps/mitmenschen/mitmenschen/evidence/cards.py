"""The dashboard's number cards that are figures, not counts (Number Card type "Custom").

Each method answers one figure of `key_figures` for the last six whole months up to today, in the
shape Frappe's number card expects (`{"value", "fieldtype"}`). They only read, so they may run on a
read replica (`frappe.read_only`), and only staff may ask: the figures span every organisation.
"""

import frappe

from mitmenschen.evidence.access import require_staff
from mitmenschen.evidence.key_figures import figure
from mitmenschen.evidence.period import Period


def _card(key: str, fieldtype: str) -> dict:
	require_staff()
	value = figure(key, Period.of())
	return {"value": value if value is not None else 0, "fieldtype": fieldtype, "precision": 1}


@frappe.whitelist()
@frappe.read_only()
def response_within_target(filters: str | dict | None = None) -> dict:
	return _card("response_within_target", "Percent")


@frappe.whitelist()
@frappe.read_only()
def resolution_within_target(filters: str | dict | None = None) -> dict:
	return _card("resolution_within_target", "Percent")


@frappe.whitelist()
@frappe.read_only()
def median_resolution_hours(filters: str | dict | None = None) -> dict:
	return _card("median_resolution_hours", "Float")


@frappe.whitelist()
@frappe.read_only()
def households_moved_in(filters: str | dict | None = None) -> dict:
	return _card("households_moved_in", "Int")
