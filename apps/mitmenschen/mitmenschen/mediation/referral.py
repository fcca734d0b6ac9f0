"""A partner's answer to a referral: accept or decline (with a reason), later report it done.

Plain functions on the case: the portal API calls them after checking that the case was referred
to the caller's organisation. The case controller stamps `referral_responded_on` (which stops the
referral's response clock) and insists on a decline reason; these functions only move the status.
"""

import frappe
from frappe import _

OPEN_STATUS = "Requested"


class ReferralStateError(frappe.ValidationError):
	pass


def accept_referral(case_name: str) -> "frappe.model.document.Document":
	return _answer(case_name, "Accepted")


def decline_referral(case_name: str, reason: str) -> "frappe.model.document.Document":
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(
			_("Please give the reason why the referral was declined."),
			title=_("Reason Required"),
			exc=ReferralStateError,
		)
	return _answer(case_name, "Declined", reason)


def complete_referral(case_name: str) -> "frappe.model.document.Document":
	"""The partner reports its part done; only an accepted referral can be."""
	case = frappe.get_doc("Mediation Case", case_name)
	if case.referral_status != "Accepted":
		frappe.throw(
			_("Only an accepted referral can be marked done."), title=_("Referral"), exc=ReferralStateError
		)
	case.referral_status = "Done"
	case.save(ignore_permissions=True)
	return case


def _answer(case_name: str, status: str, reason: str | None = None):
	case = frappe.get_doc("Mediation Case", case_name)
	if case.referral_status != OPEN_STATUS:
		frappe.throw(
			_("This referral was already answered ({0}).").format(
				_(case.referral_status, context="Mediation Case") if case.referral_status else "?"
			),
			title=_("Referral"),
			exc=ReferralStateError,
		)
	case.referral_status = status
	if reason:
		case.referral_decline_reason = reason
	case.save(ignore_permissions=True)
	answer = _("Referral accepted by {0}.") if status == "Accepted" else _("Referral declined by {0}: {1}")
	case.add_comment(
		"Info", answer.format(case.referred_to, reason) if reason else answer.format(case.referred_to)
	)
	return case
