# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

"""A sign that a household may need help. The daily sweep opens and clears it (early_signals/sweep.py);
clerks make offers from it (early_signals/offers.py). No score, no ranking: one row per cause."""

import frappe
from frappe.model.document import Document


class EarlySignal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.early_signals.doctype.support_offer.support_offer import SupportOffer

		age_days: DF.Int
		arrears_band: DF.Literal[
			"", "Less than one month's rent", "One to two months' rent", "More than two months' rent"
		]
		cause: DF.SmallText | None
		cleared_because: DF.Literal["", "Cause Gone", "Switched Off", "Household Moved Out"]
		cleared_on: DF.Date | None
		first_offered_on: DF.Date | None
		household: DF.Link
		kind: DF.Literal[
			"Rent Arrears",
			"Onboarding Overdue",
			"Unmet Need",
			"Referral Declined Twice",
			"Recurring Complaints",
			"Consent Expiring",
		]
		offers: DF.Table[SupportOffer]
		since: DF.Date | None
		status: DF.Literal["Open", "Cleared"]
	# end: auto-generated types
	pass


def on_doctype_update() -> None:
	"""The sweep reads the open signals; the household's list reads its own."""
	frappe.db.add_index("Early Signal", ["status", "kind"], "status_kind_idx")
