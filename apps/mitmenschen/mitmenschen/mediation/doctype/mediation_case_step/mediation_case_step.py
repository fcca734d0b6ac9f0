# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class MediationCaseStep(Document):
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
		category: DF.Link | None
		days_after: DF.Int
		done_by: DF.Link | None
		done_on: DF.Datetime | None
		due_date: DF.Date | None
		mandatory: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		skip_reason: DF.SmallText | None
		status: DF.Literal["Open", "Done", "Skipped"]
		step: DF.Data
	# end: auto-generated types
	pass
