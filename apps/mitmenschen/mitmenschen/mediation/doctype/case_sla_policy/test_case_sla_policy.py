# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.escalation.holidays import BREMEN_HOLIDAY_LIST
from mitmenschen.install import ensure_escalation
from mitmenschen.mediation.doctype.case_sla_policy.case_sla_policy import InvalidSLAPolicyError
from mitmenschen.mediation.sla import target_for
from mitmenschen.tests.factories import make_category, unique


def make_policy(targets=None, ladder=None, **overrides):
	return frappe.get_doc(
		{
			"doctype": "Case SLA Policy",
			"policy_name": unique("Richtlinie"),
			"holiday_list": BREMEN_HOLIDAY_LIST,
			"workday_start": "08:00:00",
			"workday_end": "16:00:00",
			"targets": targets or [{"response_hours": 8, "resolution_hours": 40}],
			"ladder": ladder or [],
			**overrides,
		}
	)


class TestCaseSLAPolicy(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_escalation()

	def test_most_specific_target_wins(self) -> None:
		noise = make_category().name
		policy = make_policy(
			targets=[
				{"response_hours": 16, "resolution_hours": 80},
				{"priority": "High", "response_hours": 8, "resolution_hours": 40},
				{"category": noise, "response_hours": 4, "resolution_hours": 24},
				{"category": noise, "priority": "High", "response_hours": 2, "resolution_hours": 16},
			]
		).insert()
		self.assertEqual(target_for(policy, noise, "High").response_hours, 2)
		self.assertEqual(target_for(policy, noise, "Low").response_hours, 4)
		self.assertEqual(target_for(policy, "Other", "High").response_hours, 8)
		self.assertEqual(target_for(policy, "Other", "Low").response_hours, 16)

	def test_invalid_policies_are_refused(self) -> None:
		invalid = [
			{"workday_start": "16:00:00", "workday_end": "08:00:00"},
			{"targets": [{"response_hours": 40, "resolution_hours": 8}]},
			{"targets": [{"response_hours": 8, "resolution_hours": 40}] * 2},
			{
				"ladder": [
					{"applies_to": "Response", "level": 1, "trigger": "After Breach", "notify": "Assignee"}
				]
			},
			{"ladder": [{"applies_to": "Response", "level": 1, "percent": 0, "notify": "Assignee"}]},
			{"ladder": [{"applies_to": "Action", "level": 1, "percent": 80, "notify": "Assignee"}]},
			{
				"ladder": [
					{"applies_to": "Response", "level": 1, "percent": 80, "notify": "Assignee"},
					{"applies_to": "Response", "level": 1, "percent": 100, "notify": "Assignee"},
				]
			},
		]
		for overrides in invalid:
			with self.subTest(overrides=overrides), self.assertRaises(InvalidSLAPolicyError):
				make_policy(**overrides).insert()
