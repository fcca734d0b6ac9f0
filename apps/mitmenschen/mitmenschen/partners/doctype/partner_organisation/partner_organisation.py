# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.workflows.notifications import notify_state_change
from mitmenschen.workflows.rules import validate_state_change


class HotlineContactError(frappe.ValidationError):
	pass


class PartnerOrganisation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.mitmenschen_setup.doctype.spoken_language.spoken_language import SpokenLanguage
		from mitmenschen.partners.doctype.hotline_assignment.hotline_assignment import HotlineAssignment
		from mitmenschen.partners.doctype.partner_district.partner_district import PartnerDistrict
		from mitmenschen.partners.doctype.partner_service.partner_service import PartnerService

		description: DF.SmallText | None
		districts: DF.Table[PartnerDistrict]
		hotline_assignments: DF.Table[HotlineAssignment]
		hotline_email: DF.Data | None
		hotline_phone: DF.Data | None
		languages: DF.TableMultiSelect[SpokenLanguage]
		organisation_name: DF.Data
		organisation_type: DF.Literal[
			"NGO",
			"City Service",
			"Volunteer Group",
			"School or Kindergarten",
			"Religious Community",
			"Club",
			"Other",
		]
		portal_enabled: DF.Check
		services: DF.TableMultiSelect[PartnerService]
		status: DF.Literal["Proposed", "Approved", "Active", "Inactive"]
		website: DF.Data | None
	# end: auto-generated types

	def before_validate(self) -> None:
		self.set_district_doctypes()

	def validate(self) -> None:
		validate_state_change(self)
		self.validate_hotline_matrix()

	def on_update(self) -> None:
		notify_state_change(self)

	def set_district_doctypes(self) -> None:
		property_doctype = get_property_doctype()
		for row in [*self.districts, *self.hotline_assignments]:
			row.property_doctype = property_doctype

	def validate_hotline_matrix(self) -> None:
		"""Hot-line contacts must work for this organisation; one responsible row per category and district."""
		seen: set[tuple[str, str]] = set()
		for row in self.hotline_assignments:
			for fieldname in ("contact", "deputy"):
				contact = row.get(fieldname)
				if (
					contact
					and frappe.db.get_value("Partner Contact", contact, "partner_organisation") != self.name
				):
					frappe.throw(
						_("Hot-line row {0}: {1} is not a contact of {2}.").format(
							row.idx, frappe.bold(contact), frappe.bold(self.name)
						),
						title=_("Invalid Hot-Line Contact"),
						exc=HotlineContactError,
					)
			key = (row.case_category, row.district or "")
			if key in seen:
				frappe.throw(
					_("Hot-line row {0}: {1} in {2} is assigned twice.").format(
						row.idx,
						frappe.bold(row.case_category),
						frappe.bold(row.district or _("all districts")),
					),
					title=_("Duplicate Hot-Line Assignment"),
					exc=HotlineContactError,
				)
			seen.add(key)
