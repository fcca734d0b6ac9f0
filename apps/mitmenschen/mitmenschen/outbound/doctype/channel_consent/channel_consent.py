# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ChannelConsent(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["Email", "SMS", "WhatsApp"]
		document: DF.Attach | None
		given_on: DF.Date
		how: DF.Literal["Form", "Signed Paper", "Verbal with Clerk"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recorded_by: DF.Link | None
		withdrawn_how: DF.Literal["", "Reply STOP", "Form", "Signed Paper", "Verbal with Clerk"]
		withdrawn_on: DF.Date | None
	# end: auto-generated types
	pass
