# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class FederationImportItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Literal["Created", "Updated", "Unchanged", "Kept Local Changes"]
		content_hash: DF.Data | None
		item: DF.Data | None
		kind: DF.Literal["House Rules", "Case Category", "Email Template", "Onboarding Template"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types
	pass
