# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FederationMemberFigures(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		figures: DF.Code | None
		from_date: DF.Date
		member: DF.Data
		received_on: DF.Datetime | None
		to_date: DF.Date
	# end: auto-generated types
	pass
