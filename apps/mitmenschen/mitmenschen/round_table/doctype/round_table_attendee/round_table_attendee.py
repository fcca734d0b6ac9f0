# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class RoundTableAttendee(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attended: DF.Check
		contact: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		partner_organisation: DF.Link | None
		rsvp: DF.Literal["", "Accepted", "Tentative", "Declined"]
		user: DF.Link | None
	# end: auto-generated types
	pass
