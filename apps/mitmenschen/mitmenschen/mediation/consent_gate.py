"""A case reaches a partner only under the family's consent, or a manager's recorded override."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from mitmenschen.households.consent import referral_allowed

MANAGER = "Mit:Menschen Manager"
SETTLED_REFERRAL = ("Declined", "Done")


class ConsentRequiredError(frappe.ValidationError):
	pass


def enforce_referral_consent(case) -> None:
	if not case.referred_to or case.referral_status in SETTLED_REFERRAL:
		return
	if not (
		case.is_new()
		or case.has_value_changed("referred_to")
		or case.has_value_changed("respondent_household")
		or case.has_value_changed("consent_override_reason")
	):
		return
	if referral_allowed(case.respondent_household, case.referred_to):
		return

	# An override belongs to one referral: a new partner needs a new reason.
	reason = (case.consent_override_reason or "").strip()
	if (
		not case.is_new()
		and case.has_value_changed("referred_to")
		and not case.has_value_changed("consent_override_reason")
	):
		reason = ""
	if not reason:
		frappe.throw(
			_(
				"No valid consent of household {0} covers a referral to {1}. Record the family's consent "
				"first, or a Mit:Menschen Manager can refer anyway with a reason."
			).format(frappe.bold(case.respondent_household), frappe.bold(case.referred_to)),
			title=_("Consent Required"),
			exc=ConsentRequiredError,
		)
	if MANAGER not in frappe.get_roles():
		frappe.throw(
			_("Only a Mit:Menschen Manager may refer a case without the family's consent."),
			title=_("Consent Required"),
			exc=ConsentRequiredError,
		)
	case.consent_override_reason = reason
	case.consent_overridden_by = frappe.session.user
	case.consent_overridden_on = now_datetime()
