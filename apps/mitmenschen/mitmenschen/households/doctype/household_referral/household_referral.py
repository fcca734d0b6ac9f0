# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from mitmenschen.households import referral_lifecycle
from mitmenschen.households.referral import HOUSEHOLD


class HouseholdReferral(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		consent_overridden_by: DF.Link | None
		consent_overridden_on: DF.Datetime | None
		consent_override_reason: DF.SmallText | None
		decline_reason: DF.SmallText | None
		done_on: DF.Datetime | None
		family_name: DF.Data | None
		household: DF.Link
		naming_series: DF.Literal["HHR-.YYYY.-.####"]
		need: DF.Literal[
			"Kindergarten Place",
			"School Place",
			"Interpreter",
			"Language Course",
			"Debt Counselling",
			"Social Counselling",
		]
		partner_organisation: DF.Link
		referred_member: DF.Data | None
		requested_by: DF.Link | None
		requested_on: DF.Datetime | None
		responded_on: DF.Datetime | None
		service_type: DF.Link | None
		status: DF.Literal["Requested", "Accepted", "Declined", "Done"]

	# end: auto-generated types
	def validate(self) -> None:
		referral_lifecycle.validate(HOUSEHOLD, self)  # partner, consent, decline reason, times
		if self.is_new():
			self.requested_by = self.requested_by or frappe.session.user


def on_doctype_update() -> None:
	"""A partner's list is its organisation's rows, newest first (the permission hook's condition)."""
	frappe.db.add_index("Household Referral", ["partner_organisation", "creation"], "partner_list_idx")
	frappe.db.add_index("Household Referral", ["household", "need"], "household_need_idx")
