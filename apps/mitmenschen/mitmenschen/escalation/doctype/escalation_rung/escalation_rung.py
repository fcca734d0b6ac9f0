# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class EscalationRung(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applies_to: DF.Literal[None]
		hours_after_breach: DF.Float
		level: DF.Int
		notify: DF.Literal["Role", "User"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		percent: DF.Percent
		role: DF.Link | None
		trigger: DF.Literal["Share of Target", "After Breach"]
		user: DF.Link | None
	# end: auto-generated types
	pass
