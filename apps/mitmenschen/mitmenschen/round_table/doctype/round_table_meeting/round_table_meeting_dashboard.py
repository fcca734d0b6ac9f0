"""Connections panel: the actions the meeting decided."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "meeting",
		"transactions": [{"label": _("Actions"), "items": ["Round Table Action"]}],
	}
