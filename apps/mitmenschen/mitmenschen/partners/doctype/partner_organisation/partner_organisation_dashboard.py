"""Connections panel: the cases referred to the organisation, its contacts, actions and meetings."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "partner_organisation",
		# Frappe resolves a field of a child table (the meeting's attendees) in these filters
		"non_standard_fieldnames": {"Mediation Case": "referred_to"},
		"transactions": [
			{"label": _("Referrals"), "items": ["Mediation Case", "Household Referral"]},
			{"label": _("Round Table"), "items": ["Round Table Action", "Round Table Meeting"]},
			{"label": _("Contacts"), "items": ["Partner Contact"]},
		],
	}
