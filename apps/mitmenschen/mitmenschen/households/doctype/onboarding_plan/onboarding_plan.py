# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from mitmenschen.households.onboarding import stamp_steps
from mitmenschen.households.onboarding_reminders import cancel, sync_plan_timers


class OnboardingPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.households.doctype.onboarding_plan_step.onboarding_plan_step import (
			OnboardingPlanStep,
		)

		family_name: DF.Data | None
		household: DF.Link
		move_in_date: DF.Date | None
		open_steps: DF.Int
		status: DF.Literal["Open", "Completed"]
		steps: DF.Table[OnboardingPlanStep]
		template: DF.Link | None

	# end: auto-generated types
	def validate(self) -> None:
		stamp_steps(self)

	def on_update(self) -> None:
		sync_plan_timers(self)

	def on_trash(self) -> None:
		for step in self.steps:
			cancel(step.name)
