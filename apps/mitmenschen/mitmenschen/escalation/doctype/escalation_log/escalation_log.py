# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class EscalationLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		clock: DF.Data | None
		email_queue: DF.Link | None
		escalation_timer: DF.Data | None
		language: DF.Data | None
		level: DF.Int
		recipient: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sent_on: DF.Datetime | None
	# end: auto-generated types
	pass
