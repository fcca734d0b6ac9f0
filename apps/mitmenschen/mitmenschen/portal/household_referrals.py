"""Household referrals in the partner portal: what the pages show and the partner's answers.

The same pattern as case referrals (`partner_queries`, `partner_api`): every read is a
permission-checked list as the caller, filtered by the caller's organisation (404 for anything
else); every write first proves the referral is the organisation's, then moves only its status.
The household's details show only under a *Share Household Details* consent in force; without it
the partner sees the need and the household's number, nothing of the family.
"""

import frappe
from frappe import _

from mitmenschen.households import referral_lifecycle as lifecycle
from mitmenschen.households.referral import HOUSEHOLD
from mitmenschen.portal.guard import own_record, require_partner_organisation
from mitmenschen.portal.partner_api import clean_text
from mitmenschen.portal.partner_queries import LIST_LIMIT, household_details

DOCTYPE = "Household Referral"
# never the member, the family name or the consent override (permlevel 1)
FIELDS = [
	"name",
	"household",
	"need",
	"service_type",
	"status",
	"requested_on",
	"responded_on",
	"done_on",
	"decline_reason",
]


# ---- reads --------------------------------------------------------------------------------------


def household_referral_lists(organisation: str) -> dict:
	def of_status(*statuses: str, order_by: str = "requested_on asc") -> list[dict]:
		return frappe.get_list(
			DOCTYPE,
			filters={"partner_organisation": organisation, "status": ["in", statuses]},
			fields=FIELDS,
			order_by=order_by,
			limit_page_length=LIST_LIMIT,
		)

	return {
		"requested": of_status(lifecycle.REQUESTED),
		"accepted": of_status(lifecycle.ACCEPTED),
		"answered": of_status(lifecycle.DECLINED, lifecycle.DONE, order_by="modified desc"),
	}


def waiting_household_referrals(organisation: str, limit: int = 5) -> list[dict]:
	"""The oldest referrals still waiting for the organisation's answer (the portal's home page)."""
	return frappe.get_list(
		DOCTYPE,
		filters={"partner_organisation": organisation, "status": lifecycle.REQUESTED},
		fields=["name", "need", "household", "requested_on"],
		order_by="requested_on asc",
		limit_page_length=limit,
	)


def own_household_referral(name: str | None, organisation: str) -> dict:
	return own_record(DOCTYPE, name, "partner_organisation", organisation, FIELDS)


def referral_details(row: dict, organisation: str) -> dict | None:
	"""The family and the member the need concerns, only under a sharing consent."""
	details = household_details(row.household, organisation)  # None without the consent
	if details:
		details.member = frappe.db.get_value(DOCTYPE, row.name, "referred_member")
	return details


# ---- writes (whitelisted) -----------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def accept_household_referral(household_referral: str) -> dict:
	organisation = require_partner_organisation()
	own_household_referral(household_referral, organisation)
	return {"status": lifecycle.accept(HOUSEHOLD, household_referral).status}


@frappe.whitelist(methods=["POST"])
def decline_household_referral(household_referral: str, reason: str | None = None) -> dict:
	organisation = require_partner_organisation()
	own_household_referral(household_referral, organisation)
	doc = lifecycle.decline(HOUSEHOLD, household_referral, clean_text(reason, _("the reason for declining")))
	return {"status": doc.status}


@frappe.whitelist(methods=["POST"])
def complete_household_referral(household_referral: str) -> dict:
	organisation = require_partner_organisation()
	own_household_referral(household_referral, organisation)
	return {"status": lifecycle.complete(HOUSEHOLD, household_referral).status}
