# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class OnboardingTemplate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.households.doctype.onboarding_template_step.onboarding_template_step import (
			OnboardingTemplateStep,
		)

		description: DF.SmallText | None
		is_default: DF.Check
		steps: DF.Table[OnboardingTemplateStep]
		template_name: DF.Data

	# end: auto-generated types
	def on_update(self) -> None:
		self.keep_one_default()

	def keep_one_default(self) -> None:
		"""One default template: the one just marked takes the mark from the others."""
		if self.is_default:
			frappe.db.set_value(
				"Onboarding Template", {"name": ["!=", self.name], "is_default": 1}, "is_default", 0
			)
