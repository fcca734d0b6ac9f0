# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mitmenschen.access.permissions import add_partner_index
from mitmenschen.round_table.reminders import sync_action_timers


class RoundTableAction(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		details: DF.TextEditor | None
		due_date: DF.Date
		mediation_case: DF.Link | None
		meeting: DF.Link | None
		naming_series: DF.Literal["RTA-.YYYY.-.####"]
		owner_contact: DF.Link | None
		owner_user: DF.Link | None
		partner_organisation: DF.Link | None
		status: DF.Literal["Open", "In Progress", "Done", "Cancelled"]
		title: DF.Data
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_owner()

	def on_update(self) -> None:
		sync_action_timers(self)

	def validate_owner(self) -> None:
		"""Every action has somebody who does it: a partner contact or a user."""
		if not (self.owner_contact or self.owner_user):
			frappe.throw(
				_("Who does it? Choose a partner contact or a user as owner."),
				title=_("Owner Missing"),
				exc=frappe.MandatoryError,
			)
		if self.owner_contact:
			self.partner_organisation = frappe.db.get_value(
				"Partner Contact", self.owner_contact, "partner_organisation"
			)


def on_doctype_update() -> None:
	add_partner_index("Round Table Action")
