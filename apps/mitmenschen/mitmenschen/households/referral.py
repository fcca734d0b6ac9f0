"""Referring a household itself (not a case) to a partner for a need: a Kita place, a school place, an
interpreter, a language course.

A Household Referral follows the one referral lifecycle (`households.referral_lifecycle`) with the
fields named in `HOUSEHOLD`: the family's consent governs it exactly as a case referral, only an Active
partner organisation receives it, and the partner answers in its portal (accept, decline with a reason,
later report it done) once the portal API has checked that the referral is the caller's organisation's.
"""

import frappe
from frappe import _, _lt

from mitmenschen.households.consent import referral_allowed
from mitmenschen.households.needs import NEEDS, service_type_for
from mitmenschen.households.referral_lifecycle import ACCEPTED, REQUESTED, ReferralError, ReferralKind

DOCTYPE = "Household Referral"


class HouseholdReferralError(ReferralError):
	pass


HOUSEHOLD = ReferralKind(
	doctype=DOCTYPE,
	organisation_field="partner_organisation",
	household_field="household",
	status_field="status",
	decline_reason_field="decline_reason",
	requested_on_field="requested_on",
	responded_on_field="responded_on",
	done_on_field="done_on",
	error=HouseholdReferralError,
	inactive_error=HouseholdReferralError,
	manager_only_message=_lt(
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
