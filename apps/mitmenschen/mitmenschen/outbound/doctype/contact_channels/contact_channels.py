# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from mitmenschen.outbound import consent, phones


class ContactChannels(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from mitmenschen.outbound.doctype.channel_consent.channel_consent import ChannelConsent

		consents: DF.Table[ChannelConsent]
		email: DF.Data | None
		language: DF.Link | None
		mobile: DF.Data | None
		party: DF.DynamicLink
		party_doctype: DF.Link
		party_name: DF.Data | None
		postal_address: DF.SmallText | None
		preferred_channel: DF.Literal["Letter", "Email", "SMS", "WhatsApp"]
		whatsapp: DF.Data | None
		whatsapp_last_inbound: DF.Datetime | None
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_one_per_person()
		self.party_name = consent.party_title(self.party_doctype, self.party)
		self.normalise_numbers()
		self.validate_consents()

	def validate_one_per_person(self) -> None:
		other = frappe.db.get_value(
			self.doctype,
			{"party_doctype": self.party_doctype, "party": self.party, "name": ["!=", self.name]},
		)
		if other:
			frappe.throw(
				_("{0} already has contact channels: {1}").format(
					frappe.bold(self.party), frappe.utils.get_link_to_form(self.doctype, other)
				),
				title=_("Already Recorded"),
				exc=frappe.DuplicateEntryError,
			)

	def normalise_numbers(self) -> None:
		region = consent.default_region()
		self.mobile = phones.normalise(self.mobile, region)
		self.whatsapp = phones.normalise(self.whatsapp, region)
		if self.email:
			self.email = frappe.utils.validate_email_address(self.email.strip(), throw=True)

	def validate_consents(self) -> None:
		for row in self.consents:
			if row.withdrawn_on and getdate(row.withdrawn_on) < getdate(row.given_on):
				frappe.throw(
					_("Consent row {0}: withdrawn on {1}, before it was given on {2}.").format(
						row.idx, frappe.format(row.withdrawn_on, "Date"), frappe.format(row.given_on, "Date")
					),
					title=_("Invalid Consent"),
				)
			if row.withdrawn_on and not row.withdrawn_how:
				row.withdrawn_how = "Form"
			if not row.recorded_by:
				row.recorded_by = frappe.session.user
