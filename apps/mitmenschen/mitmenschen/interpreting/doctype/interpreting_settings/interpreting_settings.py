# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class InterpretingSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer_hours: DF.Int
		lead_time_days: DF.Int
		libretranslate_api_key: DF.Password | None
		libretranslate_url: DF.Data | None
		offers_per_round: DF.Int
	# end: auto-generated types
	pass
