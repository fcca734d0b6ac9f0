# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
import phonenumbers
from frappe import _
from frappe.model.document import Document


class MessagingSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		access_token: DF.Password | None
		api_base_url: DF.Data | None
		app_secret: DF.Password | None
		default_region: DF.Data | None
		max_attempts: DF.Int
		phone_number_id: DF.Data | None
		sms_inbound_token: DF.Password | None
		verify_token: DF.Password | None
		whatsapp_enabled: DF.Check
		whatsapp_template: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		self.default_region = (self.default_region or "DE").strip().upper()
		if self.default_region not in phonenumbers.SUPPORTED_REGIONS:
			frappe.throw(
				_("{0} is not a country code (two letters, e.g. DE).").format(frappe.bold(self.default_region)),
				title=_("Invalid Country"),
			)
		self.api_base_url = (self.api_base_url or "").strip().rstrip("/")
		if self.max_attempts is not None and self.max_attempts < 1:
			self.max_attempts = 1
