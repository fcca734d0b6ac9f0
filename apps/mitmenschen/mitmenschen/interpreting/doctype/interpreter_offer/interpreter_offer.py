# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class InterpreterOffer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answered_on: DF.Datetime | None
		mediator: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		round: DF.Int
		sent_on: DF.Datetime | None
		status: DF.Literal["Offered", "Accepted", "Declined", "Expired", "Taken", "Cancelled"]
	# end: auto-generated types
	pass
