"""Referring a household itself (not a case) to a partner for a need: a Kita place, a school place, an
interpreter, a language course.

The family's consent governs it exactly as a case referral (the same gate, `consent.enforce_consent`); only an
Active partner organisation receives referrals. The partner answers in its portal: accept, decline
with a reason, later report it done — plain functions here, called by the portal API after it has
checked that the referral belongs to the caller's organisation.
"""

import frappe
from frappe import _

from mitmenschen.households.consent import enforce_consent, referral_allowed
from mitmenschen.households.needs import NEEDS, service_type_for

DOCTYPE = "Household Referral"
REQUESTED, ACCEPTED, DECLINED, DONE = "Requested", "Accepted", "Declined", "Done"
ACTIVE = "Active"


class HouseholdReferralError(frappe.ValidationError):
	pass


def validate_partner(referral) -> None:
	if not referral.is_new() and not referral.has_value_changed("partner_organisation"):
		return
	if frappe.db.get_value("Partner Organisation", referral.partner_organisation, "status") != ACTIVE:
		frappe.throw(
			_("Only an active partner organisation can receive referrals: {0} is not active.").format(
				frappe.bold(referral.partner_organisation)
			),
			title=_("Partner Not Active"),
			exc=HouseholdReferralError,
		)


def enforce_household_referral_consent(referral) -> None:
	enforce_consent(
		referral,
		organisation_field="partner_organisation",
		household_field="household",
		status_field="status",
		manager_only_message=_(
			"Only a Mit:Menschen Manager may refer a household without the family's consent."
		),
	)


@frappe.whitelist(methods=["GET"])
def consent_covers(household: str, partner_organisation: str) -> bool:
	"""Whether the family's consent covers a referral to the partner (the report asks a manager for an
	override reason before referring, instead of after a refusal)."""
	frappe.has_permission("Refugee Household", "read", household, throw=True)
	return referral_allowed(household, partner_organisation)


@frappe.whitelist(methods=["POST"])
def refer_household(
	household: str,
	partner_organisation: str,
	need: str,
	member: str | None = None,
	consent_override_reason: str | None = None,
) -> dict:
	"""The Unmet Needs report's one-click referral. Refuses without consent unless a manager gives
	a reason; a second open referral of the same need (and member) to the same partner is refused."""
	frappe.has_permission("Refugee Household", "read", household, throw=True)
	frappe.has_permission(DOCTYPE, "create", throw=True)
	if need not in NEEDS:
		frappe.throw(_("Unknown need."), title=_("Referral"), exc=HouseholdReferralError)
	open_filters = {
		"household": household,
		"partner_organisation": partner_organisation,
		"need": need,
		"referred_member": member or ["is", "not set"],
		"status": ["in", (REQUESTED, ACCEPTED)],
	}
	if frappe.db.exists(DOCTYPE, open_filters):
		frappe.throw(
			_("This need is already referred to {0}.").format(frappe.bold(partner_organisation)),
			title=_("Referral"),
			exc=HouseholdReferralError,
		)
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"household": household,
			"partner_organisation": partner_organisation,
			"need": need,
			"referred_member": member or None,
			"service_type": service_type_for(need),
			"consent_override_reason": (consent_override_reason or "").strip() or None,
		}
	).insert()
	frappe.get_doc("Refugee Household", household).add_comment(
		"Info",
		_("Referred to {0} for {1} ({2}).").format(partner_organisation, _(need), doc.name),
	)
	return {"name": doc.name, "status": doc.status}


def accept(name: str):
	return _answer(name, ACCEPTED)


def decline(name: str, reason: str):
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(
			_("Please give the reason why the referral was declined."),
			title=_("Reason Required"),
			exc=HouseholdReferralError,
		)
	return _answer(name, DECLINED, reason)


def complete(name: str):
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.status != ACCEPTED:
		frappe.throw(
			_("Only an accepted referral can be marked done."),
			title=_("Referral"),
			exc=HouseholdReferralError,
		)
	doc.status = DONE
	doc.save(ignore_permissions=True)
	return doc


def _answer(name: str, status: str, reason: str | None = None):
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.status != REQUESTED:
		frappe.throw(
			_("This referral was already answered ({0}).").format(_(doc.status, context=DOCTYPE)),
			title=_("Referral"),
			exc=HouseholdReferralError,
		)
	doc.status = status
	doc.decline_reason = reason
	doc.save(ignore_permissions=True)
	answer = _("Referral accepted by {0}.") if status == ACCEPTED else _("Referral declined by {0}: {1}")
	doc.add_comment(
		"Info",
		answer.format(doc.partner_organisation, reason)
		if reason
		else answer.format(doc.partner_organisation),
	)
	return doc
