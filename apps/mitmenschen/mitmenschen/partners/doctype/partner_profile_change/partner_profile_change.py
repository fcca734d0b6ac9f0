# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from mitmenschen.access.identity import is_staff
from mitmenschen.partners.profile_change import ProfileChangeError, apply_profile_change


class PartnerProfileChange(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.mitmenschen_setup.doctype.spoken_language.spoken_language import SpokenLanguage
		from mitmenschen.partners.doctype.partner_district.partner_district import PartnerDistrict
		from mitmenschen.partners.doctype.partner_service.partner_service import PartnerService

		description: DF.SmallText | None
		districts: DF.Table[PartnerDistrict]
		hotline_email: DF.Data | None
		hotline_phone: DF.Data | None
		languages: DF.TableMultiSelect[SpokenLanguage]
		partner_organisation: DF.Link
		requested_by: DF.Link | None
		requested_on: DF.Datetime | None
		review_note: DF.SmallText | None
		reviewed_by: DF.Link | None
		reviewed_on: DF.Datetime | None
		services: DF.TableMultiSelect[PartnerService]
		status: DF.Literal["Pending", "Approved", "Rejected"]
		website: DF.Data | None

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_review()

	def validate_review(self) -> None:
		if not self.has_value_changed("status") or self.status == "Pending":
			return
		if not is_staff():
			frappe.throw(
				_("Only the cooperative's staff can approve or reject a profile change."),
				title=_("Not Allowed"),
				exc=ProfileChangeError,
			)
		if self.get_doc_before_save() and self.get_doc_before_save().status != "Pending":
			frappe.throw(
				_("This profile change was already reviewed."), title=_("Not Allowed"), exc=ProfileChangeError
			)
		self.reviewed_by = frappe.session.user
		self.reviewed_on = now_datetime()

	def on_update(self) -> None:
		if self.has_value_changed("status") and self.status == "Approved":
			apply_profile_change(self)
