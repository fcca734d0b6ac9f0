# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time

from mitmenschen.escalation.ladder import AFTER_BREACH


class InvalidSLAPolicyError(frappe.ValidationError):
	pass


class CaseSLAPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.escalation.doctype.escalation_rung.escalation_rung import EscalationRung
		from mitmenschen.mediation.doctype.case_sla_target.case_sla_target import CaseSLATarget

		holiday_list: DF.Link
		ladder: DF.Table[EscalationRung]
		policy_name: DF.Data
		referral_hours: DF.Float
		targets: DF.Table[CaseSLATarget]
		workday_end: DF.Time
		workday_start: DF.Time

	# end: auto-generated types
	def validate(self) -> None:
		self.validate_working_day()
		self.validate_targets()
		self.validate_ladder()

	def validate_working_day(self) -> None:
		if get_time(self.workday_end) <= get_time(self.workday_start):
			frappe.throw(
				_("The working day must end after it starts."),
				title=_("Working Day"),
				exc=InvalidSLAPolicyError,
			)

	def validate_targets(self) -> None:
		seen = set()
		for row in self.targets:
			if row.resolution_hours < row.response_hours:
				frappe.throw(
					_("Target row {0}: the resolution cannot be due before the response.").format(row.idx),
					title=_("Targets"),
					exc=InvalidSLAPolicyError,
				)
			key = (row.category or "", row.priority or "")
			if key in seen:
				frappe.throw(
					_("Target row {0} repeats an earlier row's category and priority.").format(row.idx),
					title=_("Targets"),
					exc=InvalidSLAPolicyError,
				)
			seen.add(key)

	def validate_ladder(self) -> None:
		seen = set()
		for row in self.ladder:
			if row.applies_to == "Action":
				frappe.throw(
					_("Ladder row {0}: round table actions have their ladder in the settings.").format(
						row.idx
					),
					title=_("Escalation Ladder"),
					exc=InvalidSLAPolicyError,
				)
			if row.trigger == AFTER_BREACH and not row.hours_after_breach:
				frappe.throw(
					_("Ladder row {0}: how many working hours after the breach?").format(row.idx),
					title=_("Escalation Ladder"),
					exc=InvalidSLAPolicyError,
				)
			if row.trigger != AFTER_BREACH and not (0 < (row.percent or 0) <= 100):
				frappe.throw(
					_("Ladder row {0}: the share of the target must be between 1 and 100 %.").format(row.idx),
					title=_("Escalation Ladder"),
					exc=InvalidSLAPolicyError,
				)
			if (row.applies_to, row.level) in seen:
				frappe.throw(
					_("Ladder row {0}: level {1} of this clock comes twice; each level is sent once.").format(
						row.idx, row.level
					),
					title=_("Escalation Ladder"),
					exc=InvalidSLAPolicyError,
				)
			seen.add((row.applies_to, row.level))
