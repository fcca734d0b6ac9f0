# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The case's assignee is Frappe's assignment (ToDo), both ways."""

import frappe
from frappe.cache_manager import clear_doctype_map
from frappe.desk.form import assign_to
from frappe.handler import execute_cmd
from frappe.tests.utils import FrappeTestCase

from mitmenschen.escalation.recipients import Recipient
from mitmenschen.mediation import escalation_source
from mitmenschen.mediation.setup import EXAMPLE_ASSIGNMENT_RULE
from mitmenschen.tests.factories import make_case, make_flat, make_staff_user

CLERK = "Mit:Menschen Clerk"


def open_todos(case: str) -> list[str]:
	return sorted(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": "Mediation Case", "reference_name": case, "status": "Open"},
			pluck="allocated_to",
		)
	)


def field(case: str) -> str | None:
	return frappe.db.get_value("Mediation Case", case, "assigned_to")


class TestAssignment(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.anna = make_staff_user(CLERK)
		cls.ben = make_staff_user(CLERK)
		frappe.db.commit()

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_setting_the_field_assigns_and_notifies_and_changing_it_moves_the_todo(self):
		case = make_case(assigned_to=self.anna)
		self.assertEqual(open_todos(case.name), [self.anna])
		self.assertIn(
			self.anna, frappe.parse_json(frappe.db.get_value("Mediation Case", case.name, "_assign"))
		)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log", {"for_user": self.anna, "document_name": case.name, "type": "Assignment"}
			)
		)
		case.assigned_to = self.ben
		case.save()
		self.assertEqual(open_todos(case.name), [self.ben])
		self.assertEqual(
			frappe.db.get_value("ToDo", {"reference_name": case.name, "allocated_to": self.anna}, "status"),
			"Cancelled",
		)
		case.assigned_to = None
		case.save()
		self.assertEqual(open_todos(case.name), [])
		self.assertIsNone(field(case.name))
		# the in-memory case stayed current: another save is not refused as outdated
		case.subject = case.subject + " (2)"
		case.save()

	def test_assigning_in_the_sidebar_sets_the_field_and_removing_clears_it(self):
		case = make_case()
		frappe.set_user(self.anna)
		assign_to.add({"assign_to": [self.ben], "doctype": "Mediation Case", "name": case.name})
		self.assertEqual(field(case.name), self.ben)
		self.assertEqual(open_todos(case.name), [self.ben])
		assign_to.remove("Mediation Case", case.name, self.ben)
		self.assertIsNone(field(case.name))
		self.assertEqual(open_todos(case.name), [])

	def test_a_todo_closed_in_its_own_form_hands_the_field_to_the_remaining_assignee(self):
		case = make_case(assigned_to=self.anna)
		assign_to.add({"assign_to": [self.ben], "doctype": "Mediation Case", "name": case.name})
		self.assertEqual(field(case.name), self.ben, "the newest assignment is the responsible one")
		todo = frappe.get_doc(
			"ToDo", {"reference_name": case.name, "allocated_to": self.ben, "status": "Open"}
		)
		todo.status = "Closed"
		todo.save()
		self.assertEqual(field(case.name), self.anna)

	def test_removing_one_of_two_assignees_in_the_sidebar_leaves_the_other_responsible(self):
		case = make_case(assigned_to=self.anna)
		assign_to.add({"assign_to": [self.ben], "doctype": "Mediation Case", "name": case.name})
		self.assertEqual(field(case.name), self.ben)

		def sidebar_remove(user: str) -> None:  # the route the sidebar's × calls, with our override
			# on frappe.local: `frappe.form_dict = …` would replace Frappe's proxy for every later test
			form_dict = frappe.local.form_dict
			frappe.local.request = frappe._dict(method="POST")
			frappe.local.form_dict = frappe._dict(doctype="Mediation Case", name=case.name, assign_to=user)
			try:
				execute_cmd("frappe.desk.form.assign_to.remove")
			finally:
				del frappe.local.request
				frappe.local.form_dict = form_dict

		sidebar_remove(self.ben)
		self.assertEqual(field(case.name), self.anna)
		self.assertEqual(open_todos(case.name), [self.anna])
		assign_to.add({"assign_to": [self.ben], "doctype": "Mediation Case", "name": case.name})
		sidebar_remove(self.anna)  # not the responsible one: the responsible one stays
		self.assertEqual(field(case.name), self.ben)
		sidebar_remove(self.ben)
		self.assertIsNone(field(case.name))
		self.assertEqual(open_todos(case.name), [])

	def test_the_escalation_ladders_assignee_is_the_sidebar_assignee(self):
		case = make_case()
		assign_to.add({"assign_to": [self.ben], "doctype": "Mediation Case", "name": case.name})
		row = frappe.get_all(
			"Mediation Case", filters={"name": case.name}, fields=escalation_source.CASE_FIELDS
		)[0]
		resolver = escalation_source.case_resolver([row])
		[recipient] = resolver.resolve(frappe._dict(notify="Assignee"), row)
		self.assertEqual(recipient, Recipient(self.ben, "de"))

	def test_the_example_rule_is_inactive_and_a_copy_assigns_a_district_round_robin(self):
		example = frappe.get_doc("Assignment Rule", EXAMPLE_ASSIGNMENT_RULE)
		self.assertEqual(example.disabled, 1)
		self.assertEqual(example.document_type, "Mediation Case")
		self.assertEqual(example.rule, "Round Robin")
		self.assertIn("district ==", example.assign_condition)
		places = make_flat()
		rule = frappe.copy_doc(example)
		rule.name = None
		rule.set("__newname", f"Bezirk {places['district']}")
		rule.disabled = 0
		rule.priority = 99
		rule.assign_condition = f"status == 'New' and district == {places['district']!r}"
		rule.set("users", [{"user": self.anna}, {"user": self.ben}])
		rule.set(
			"assignment_days",
			[
				{"day": d}
				for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
			],
		)
		rule.insert()
		# after tearDown's rollback: Frappe's cached map of rules would still name the rolled-back rule
		# and every later case insert would fail looking it up
		self.addCleanup(clear_doctype_map, "Assignment Rule", "Mediation Case")
		first = make_case(property_unit=places["flat"])
		second = make_case(property_unit=places["flat"])
		outside = make_case()
		assigned = [field(first.name), field(second.name)]
		self.assertEqual(
			sorted(assigned), sorted([self.anna, self.ben]), "round robin between the two clerks"
		)
		self.assertEqual(open_todos(first.name), [assigned[0]])
		self.assertIsNone(field(outside.name))
