"""Connections panel: the cases that concern the household, its referrals and onboarding plan, the
partners its consents name, and its contact channels (where its notices go)."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "household",
		"non_standard_fieldnames": {"Mediation Case": "respondent_household", "Contact Channels": "party"},
		# its channels and dated consents (Contact Channels: party_doctype + party)
		"dynamic_links": {"party": ["Refugee Household", "party_doctype"]},
		# partners named in the household's own consent rows (a child table of this record)
		"internal_links": {"Partner Organisation": ["consents", "partner_organisation"]},
		"transactions": [
			{"label": _("Cases"), "items": ["Mediation Case"]},
			{"label": _("Referrals"), "items": ["Household Referral"]},
			{"label": _("Onboarding"), "items": ["Onboarding Plan"]},
			{"label": _("Early Signals"), "items": ["Early Signal"]},
			{"label": _("Consents"), "items": ["Partner Organisation"]},
			{"label": _("Contact Channels"), "items": ["Contact Channels"]},
		],
	}
