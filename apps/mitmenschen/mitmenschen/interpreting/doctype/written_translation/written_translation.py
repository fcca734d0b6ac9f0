# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class WrittenTranslation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		clerk: DF.Link | None
		machine_draft: DF.LongText | None
		mediation_case: DF.Link | None
		mediator: DF.Link | None
		source_language: DF.Link
		source_text: DF.LongText
		status: DF.Literal["Requested", "Translated", "Machine Draft", "Cancelled"]
		target_language: DF.Link
		translated_on: DF.Datetime | None
		translation: DF.LongText | None
	# end: auto-generated types
	pass
