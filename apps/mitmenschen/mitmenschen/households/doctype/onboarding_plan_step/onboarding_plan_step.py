# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OnboardingPlanStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		child_name: DF.Data | None
		done_by: DF.Link | None
		done_on: DF.Date | None
		done_when: DF.Literal["", "House Rules Explained"]
		due_date: DF.Date
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible: DF.DynamicLink | None
		responsible_type: DF.Literal["Role", "User", "Service Type"]
		skip_reason: DF.SmallText | None
		status: DF.Literal["Open", "Done", "Skipped"]
		step: DF.Data
		visit_on: DF.Datetime | None
		visit_place: DF.Data | None
	# end: auto-generated types
	pass
