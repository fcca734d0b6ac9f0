# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from mitmenschen.partners.access import is_staff
from mitmenschen.partners.profile_change import ProfileChangeError, apply_profile_change


class PartnerProfileChange(Document):
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
