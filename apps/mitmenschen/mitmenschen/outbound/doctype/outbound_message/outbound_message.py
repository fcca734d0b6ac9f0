# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OutboundMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.Data | None
		attempts: DF.Int
		channel: DF.Literal["Letter", "Email", "SMS", "WhatsApp"]
		delivery_status: DF.Data | None
		error: DF.SmallText | None
		key: DF.Data
		kind: DF.Data | None
		language: DF.Link | None
		message: DF.LongText | None
		next_attempt_on: DF.Datetime | None
		party: DF.DynamicLink | None
		party_doctype: DF.Link | None
		provider_message_id: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sending_since: DF.Datetime | None
		sent_on: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Failed"]
		subject: DF.Data | None
		whatsapp_mode: DF.Literal["", "Template", "Text"]
	# end: auto-generated types
	pass
