"""Consent, as in humanitarian case management: a family's data travels only as far as it agreed.

A consent row of a Refugee Household covers an organisation when its purpose fits, it names that
organisation or no organisation (all partners), it was given on or before the day in question,
it has not expired and was not withdrawn by then. Two purposes matter to partners: referring a
case to them, and showing them the household's details.
"""

from datetime import date

import frappe
from frappe.utils import getdate, nowdate

REFERRAL = "Referral to Partners"
SHARE_DETAILS = "Share Household Details"


def valid_consent(
	household: str, organisation: str, purpose: str, on: date | str | None = None
) -> str | None:
	"""The name of a consent row that covers `organisation` for `purpose` on the day, or None."""
	if not (household and organisation):
		return None
	day = getdate(on or nowdate())
	consent = frappe.qb.DocType("Household Consent")
	rows = (
		frappe.qb.from_(consent)
		.select(consent.name)
		.where(
			(consent.parenttype == "Refugee Household")
			& (consent.parent == household)
			& (consent.purpose == purpose)
			& (
				consent.partner_organisation.isnull()
				| (consent.partner_organisation == "")
				| (consent.partner_organisation == organisation)
			)
			& (consent.given_on.isnotnull())
			& (consent.given_on <= day)
			& (consent.expires_on.isnull() | (consent.expires_on >= day))
			& (consent.withdrawn_on.isnull() | (consent.withdrawn_on > day))
		)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None


def referral_allowed(household: str | None, organisation: str) -> bool:
	"""A case that concerns no refugee household carries no family data: it may always be referred."""
	return not household or bool(valid_consent(household, organisation, REFERRAL))


def partner_may_see_household(household: str | None, organisation: str | None) -> bool:
	return bool(household and organisation and valid_consent(household, organisation, SHARE_DETAILS))
