"""Connections panel: later cases linked as recurrences of this one, and round-table actions on it."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "recurrence_of",
		"non_standard_fieldnames": {"Round Table Action": "mediation_case"},
		"transactions": [
			{"label": _("Recurrences"), "items": ["Mediation Case"]},
			{"label": _("Round Table"), "items": ["Round Table Action"]},
		],
	}
