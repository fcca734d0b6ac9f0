# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class RoundTableAgendaItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		mediation_case: DF.Link | None
		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		round_table_action: DF.Link | None
		source: DF.Literal["Manual", "Escalated Case", "Recurring Problem", "Overdue Action"]
		topic: DF.Data
	# end: auto-generated types
	pass
