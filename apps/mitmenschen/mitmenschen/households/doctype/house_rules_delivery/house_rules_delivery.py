# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HouseRulesDelivery(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		channel: DF.Literal["Email", "Print", "SMS", "WhatsApp", "Letter"]
		fallback: DF.Check
		house_rules: DF.Link | None
		languages: DF.Data | None
		mass_send: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		recipient: DF.Data | None
		sent_by: DF.Link | None
		sent_on: DF.Datetime | None
	# end: auto-generated types
	pass
