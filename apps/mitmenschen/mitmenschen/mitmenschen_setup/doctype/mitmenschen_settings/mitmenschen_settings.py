# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class InvalidRecordDocTypeError(frappe.ValidationError):
	pass


class MitmenschenSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		case_retention_days: DF.Int
		escalation_sender: DF.Link | None
		household_retention_days: DF.Int
		partner_portal_enabled: DF.Check
		property_doctype: DF.Link
		recurrence_window_days: DF.Int
		tenant_doctype: DF.Link
		tenant_portal_enabled: DF.Check
	# end: auto-generated types

	def validate(self) -> None:
		self.validate_record_doctypes()

	def validate_record_doctypes(self) -> None:
		"""Tenants and properties must be real, non-child, non-single doctypes we can link to."""
		for fieldname in ("tenant_doctype", "property_doctype"):
			doctype = self.get(fieldname)
			istable, issingle = frappe.db.get_value("DocType", doctype, ["istable", "issingle"]) or (0, 0)
			if istable or issingle:
				frappe.throw(
					_("{0} cannot hold ERP records: choose a regular DocType.").format(frappe.bold(_(doctype))),
					title=_("Invalid DocType"),
					exc=InvalidRecordDocTypeError,
				)
