# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HouseRulesTranslation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		checked_by: DF.Data | None
		checked_german_hash: DF.Data | None
		checked_on: DF.Date | None
		language: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pdf: DF.Attach | None
		status: DF.Literal["To be checked by a native speaker", "Checked", "Outdated"]
		text: DF.TextEditor | None
		translated_by: DF.Data | None
	# end: auto-generated types
	pass
