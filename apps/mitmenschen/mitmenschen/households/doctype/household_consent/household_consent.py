# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HouseholdConsent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attachment: DF.Attach | None
		expires_on: DF.Date | None
		given_on: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		partner_organisation: DF.Link | None
		purpose: DF.Literal[
			"Referral to Partners",
			"Share Household Details",
			"Interpreter Services",
			"Photos and Publicity",
			"Other",
		]
		recorded_by: DF.Link | None
		withdrawn_on: DF.Date | None
	# end: auto-generated types
	pass
