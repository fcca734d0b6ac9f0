# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class OnboardingTemplateStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		day_offset: DF.Int
		description: DF.SmallText | None
		done_when: DF.Literal["", "House Rules Explained"]
		for_each_child: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		responsible: DF.DynamicLink | None
		responsible_type: DF.Literal["Role", "User", "Service Type"]
		step: DF.Data
	# end: auto-generated types
	pass
