"""Connections panel: the cases that concern the household, its referrals and onboarding plan, and the
partners its consents name."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "household",
		"non_standard_fieldnames": {"Mediation Case": "respondent_household"},
		# partners named in the household's own consent rows (a child table of this record)
		"internal_links": {"Partner Organisation": ["consents", "partner_organisation"]},
		"transactions": [
			{"label": _("Cases"), "items": ["Mediation Case"]},
			{"label": _("Referrals"), "items": ["Household Referral"]},
			{"label": _("Onboarding"), "items": ["Onboarding Plan"]},
			{"label": _("Early Signals"), "items": ["Early Signal"]},
			{"label": _("Consents"), "items": ["Partner Organisation"]},
		],
	}
