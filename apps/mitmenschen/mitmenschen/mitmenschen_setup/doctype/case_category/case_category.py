# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CaseCategory(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.mitmenschen_setup.doctype.case_category_step.case_category_step import (
			CaseCategoryStep,
		)
		from mitmenschen.partners.doctype.partner_service.partner_service import PartnerService

		category_name: DF.Data
		default_priority: DF.Literal["Low", "Medium", "High", "Urgent"]
		description: DF.SmallText | None
		follow_up_days: DF.Int
		pictogram: DF.Literal[
			"",
			"Noise",
			"Waste",
			"Heating and Airing",
			"Stairwell",
			"Laundry",
			"Children",
			"Damage",
			"Neighbours",
			"Other",
		]
		playbook: DF.Table[CaseCategoryStep]
		service_types: DF.TableMultiSelect[PartnerService]
	# end: auto-generated types
	pass
