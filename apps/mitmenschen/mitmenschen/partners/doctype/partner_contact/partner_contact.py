# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class PartnerContact(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.mitmenschen_setup.doctype.spoken_language.spoken_language import SpokenLanguage

		active: DF.Check
		deputy: DF.Link | None
		email: DF.Data | None
		full_name: DF.Data
		function: DF.Data | None
		is_hotline: DF.Check
		languages: DF.TableMultiSelect[SpokenLanguage]
		naming_series: DF.Literal["PC-.#####"]
		partner_organisation: DF.Link
		phone: DF.Data | None
		user: DF.Link | None
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_deputy()

	def validate_deputy(self) -> None:
		if not self.deputy:
			return
		if self.deputy == self.name:
			frappe.throw(_("A contact cannot be their own deputy."), title=_("Invalid Deputy"))
		if (
			frappe.db.get_value("Partner Contact", self.deputy, "partner_organisation")
			!= self.partner_organisation
		):
			frappe.throw(
				_("The deputy {0} must work for {1} as well.").format(
					frappe.bold(self.deputy), frappe.bold(self.partner_organisation)
				),
				title=_("Invalid Deputy"),
			)
