# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class EscalationTimer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		clock: DF.Data
		due_at: DF.Datetime
		hours_after_breach: DF.Float
		level: DF.Int
		notify: DF.Data | None
		notify_value: DF.Data | None
		percent: DF.Percent
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		sent_on: DF.Datetime | None
		status: DF.Literal["Pending", "Sent"]
		trigger: DF.Data | None
	# end: auto-generated types
	pass
