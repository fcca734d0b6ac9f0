"""Consent, as in humanitarian case management: a family's data travels only as far as it agreed.

A consent row of a Refugee Household covers an organisation when its purpose fits, it names that
organisation or no organisation (all partners), it was given on or before the day in question,
it has not expired and was not withdrawn by then. Two purposes matter to partners: referring a
case to them, and showing them the household's details.
"""

from datetime import date

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime, nowdate

REFERRAL = "Referral to Partners"
SHARE_DETAILS = "Share Household Details"
MANAGER = "Mit:Menschen Manager"
SETTLED_REFERRAL = ("Declined", "Done")


class ConsentRequiredError(frappe.ValidationError):
	pass


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


# ---- the gate: cases and households reach a partner only under consent or a manager's override ----
def enforce_consent(
	doc,
	organisation_field: str,
	household_field: str,
	status_field: str,
	manager_only_message: str | None = None,
) -> None:
	"""Refuse a referral of `doc` that no consent covers, unless a manager records a reason (which
	holds for that one partner). The fields name the partner, the household and the referral's status;
	the override lands in `consent_override_reason`, `consent_overridden_by`, `consent_overridden_on`."""
	organisation, household = doc.get(organisation_field), doc.get(household_field)
	if not organisation or doc.get(status_field) in SETTLED_REFERRAL:
		return
	if not (
		doc.is_new()
		or doc.has_value_changed(organisation_field)
		or doc.has_value_changed(household_field)
		or doc.has_value_changed("consent_override_reason")
	):
		return
	if referral_allowed(household, organisation):
		return

	# An override belongs to one referral: a new partner needs a new reason.
	reason = (doc.consent_override_reason or "").strip()
	if (
		not doc.is_new()
		and doc.has_value_changed(organisation_field)
		and not doc.has_value_changed("consent_override_reason")
	):
		reason = ""
	if not reason:
		frappe.throw(
			_(
				"No valid consent of household {0} covers a referral to {1}. Record the family's consent "
				"first, or a Mit:Menschen Manager can refer anyway with a reason."
			).format(frappe.bold(household), frappe.bold(organisation)),
			title=_("Consent Required"),
			exc=ConsentRequiredError,
		)
	if MANAGER not in frappe.get_roles():
		frappe.throw(
			manager_only_message
			or _("Only a Mit:Menschen Manager may refer a case without the family's consent."),
			title=_("Consent Required"),
			exc=ConsentRequiredError,
		)
	doc.consent_override_reason = reason
	doc.consent_overridden_by = frappe.session.user
	doc.consent_overridden_on = now_datetime()
