# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class HouseholdMember(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		birth_year: DF.Int
		languages: DF.Data | None
		member_name: DF.Data
		name_key: DF.Data | None
		occupation_status: DF.Literal[
			"",
			"Kindergarten",
			"School",
			"Vocational Training",
			"Language Course",
			"Work",
			"Job Seeking",
			"At Home",
			"Other",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		relation: DF.Literal[
			"Head of Household", "Spouse or Partner", "Child", "Parent", "Sibling", "Other Relative"
		]
	# end: auto-generated types
	pass
