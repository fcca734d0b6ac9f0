# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CaseCategoryStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action_type: DF.Literal[
			"",
			"Send House Rules",
			"Book Interpreter",
			"Refer to Partner",
			"Afternoon Activity",
			"Follow-up Call",
			"Other",
		]
		days_after: DF.Int
		mandatory: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		step: DF.Data
	# end: auto-generated types
	pass
