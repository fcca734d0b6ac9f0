# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class SupportOffer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer: DF.Literal["", "Taken Up", "Not Taken Up"]
		answered_on: DF.Date | None
		household_referral: DF.Link | None
		language: DF.Link | None
		offer_type: DF.Literal["Talk", "Referral", "Letter"]
		offered_by: DF.Link | None
		offered_on: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		sent_by: DF.Literal["", "Email", "Print"]
		with_language_mediator: DF.Check
	# end: auto-generated types
	pass
