"""A problem that comes back: the same category at the same property within the settings' window."""

import frappe
from frappe.utils import add_days, get_datetime, now_datetime

DEFAULT_WINDOW_DAYS = 90


def get_window_days() -> int:
	value = frappe.db.get_single_value("Mitmenschen Settings", "recurrence_window_days")
	return DEFAULT_WINDOW_DAYS if value is None else int(value)


def find_earlier_case(
	category: str, property_unit: str | None, opened_on=None, exclude: str | None = None
) -> str | None:
	"""The most recent earlier case in the same category at the same property within the window."""
	window = get_window_days()
	if not (category and property_unit) or window <= 0:
		return None
	opened_on = get_datetime(opened_on or now_datetime())
	filters = {
		"category": category,
		"property_unit": property_unit,
		"opened_on": ["between", [add_days(opened_on, -window), opened_on]],
	}
	if exclude:
		filters["name"] = ["!=", exclude]
	earlier = frappe.get_all(
		"Mediation Case", filters=filters, order_by="opened_on desc", limit=1, pluck="name"
	)
	return earlier[0] if earlier else None
