# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The category's playbook on the case: copied, due in working days, ticked, mandatory, timed."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from mitmenschen.escalation import timers
from mitmenschen.mediation import playbook
from mitmenschen.mediation.playbook import MandatoryStepOpenError, PlaybookStepError, set_step_status
from mitmenschen.tests.factories import make_case
from mitmenschen.tests.loop_world import make_playbook_category
from mitmenschen.workflows.definitions import seed_state
from mitmenschen.workflows.rules import apply_workflow

# Friday 18 December 2026, 10:00: Christmas (Fri 25th, Sat 26th) and a weekend lie ahead
FRIDAY = "2026-12-18 10:00:00"
STEPS = [
	("Gespräch mit der meldenden Partei", "Other", 0, 0),
	("Hausordnung in der Sprache der Familie senden", "Send House Rules", 3, 1),
	("Dolmetschung buchen", "Book Interpreter", 5, 0),
	("Nachfassanruf", "Follow-up Call", 7, 1),
]


class TestPlaybook(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()

	def make(self, steps=STEPS, **overrides):
		category = make_playbook_category(steps)
		return make_case(category=category.name, opened_on=FRIDAY, **overrides), category

	def test_steps_are_copied_on_create_due_in_working_days(self):
		case, category = self.make()
		rows = [
			(r.step, r.action_type, str(r.due_date or ""), r.mandatory, r.status) for r in case.playbook_steps
		]
		self.assertEqual(
			rows,
			[
				# 0 working days: the day of intake
				("Gespräch mit der meldenden Partei", "Other", "2026-12-18", 0, "Open"),
				# 3 working days after Friday: Mon 21, Tue 22, Wed 23
				(
					"Hausordnung in der Sprache der Familie senden",
					"Send House Rules",
					"2026-12-23",
					1,
					"Open",
				),
				# 5: Mon 21 … Thu 24, then Christmas Fri 25 and the weekend do not count: Mon 28
				("Dolmetschung buchen", "Book Interpreter", "2026-12-28", 0, "Open"),
				# the follow-up call is the follow-up after closing: no due day, never mandatory
				("Nachfassanruf", "Follow-up Call", "", 0, "Open"),
			],
		)
		self.assertTrue(all(r.category == category.name for r in case.playbook_steps))

	def test_a_category_change_keeps_done_steps_and_replaces_open_ones(self):
		case, _ = self.make()
		first, second = case.playbook_steps[0], case.playbook_steps[1]
		set_step_status(case.name, first.name, "Done")
		set_step_status(case.name, second.name, "Skipped", "Familie ist verreist")
		other = make_playbook_category(
			[("Hausmeister informieren", "Other", 2, 0), ("Gespräch mit der meldenden Partei", "Other", 1, 0)]
		)
		case.reload()
		case.category = other.name
		case.save()
		rows = [(r.step, r.status, r.category) for r in case.playbook_steps]
		self.assertEqual(
			rows,
			[
				("Gespräch mit der meldenden Partei", "Done", first.category),
				("Hausordnung in der Sprache der Familie senden", "Skipped", first.category),
				# the new category's steps, except the one already done under the old one
				("Hausmeister informieren", "Open", other.name),
			],
		)
		done = case.playbook_steps[0]
		self.assertEqual(done.name, first.name)
		self.assertEqual(done.done_by, "Administrator")
		self.assertTrue(done.done_on)
		self.assertEqual(case.playbook_steps[1].skip_reason, "Familie ist verreist")

	def test_skipping_needs_a_reason_and_changes_nothing_without_one(self):
		case, _ = self.make()
		row = case.playbook_steps[0]
		with self.assertRaises(PlaybookStepError):
			set_step_status(case.name, row.name, "Skipped", "   ")
		self.assertEqual(frappe.db.get_value("Mediation Case Step", row.name, "status"), "Open")

	def test_an_open_mandatory_step_blocks_proposing_with_a_german_message_naming_it(self):
		case, _ = self.make()
		seed_state("Mediation Case", case.name, "In Mediation")
		frappe.db.set_value("Mediation Case", case.name, "resolution", "<p>Einigung erzielt.</p>")
		before = frappe.db.get_value(
			"Mediation Case", case.name, ["status", "modified", "resolution_proposed_by"]
		)
		frappe.local.lang = "de"
		with self.assertRaises(MandatoryStepOpenError) as caught:
			apply_workflow({"doctype": "Mediation Case", "name": case.name}, "Propose Resolution")
		message = str(caught.exception)
		self.assertIn("Hausordnung in der Sprache der Familie senden", message)
		self.assertIn("Pflichtschritt", message)
		self.assertNotIn("Nachfassanruf", message, "the follow-up call comes after closing")
		self.assertEqual(
			frappe.db.get_value(
				"Mediation Case", case.name, ["status", "modified", "resolution_proposed_by"]
			),
			before,
		)
		# skipped with a reason, the step no longer blocks
		row = next(r for r in case.playbook_steps if r.mandatory)
		set_step_status(case.name, row.name, "Skipped", "Hausordnung liegt schon vor")
		apply_workflow({"doctype": "Mediation Case", "name": case.name}, "Propose Resolution")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Resolution Proposed")

	def test_open_steps_have_timers_and_a_done_step_stops_them(self):
		case, _ = self.make()
		rows = {r.step: r for r in case.playbook_steps}
		house_rules = rows["Hausordnung in der Sprache der Familie senden"]
		pending = timers.pending(playbook.STEP, house_rules.name)
		# the standard ladder: the assignee at the end of the due day, the managers 8 working hours later
		self.assertEqual(
			[(t.level, str(t.due_at), t.notify) for t in pending],
			[(1, "2026-12-23 16:00:00", "Assignee"), (2, "2026-12-24 16:00:00", "Role")],
		)
		self.assertEqual(timers.pending(playbook.STEP, rows["Nachfassanruf"].name), [])
		set_step_status(case.name, house_rules.name, "Done")
		self.assertEqual(timers.pending(playbook.STEP, house_rules.name), [])
		self.assertEqual(len(timers.pending(playbook.STEP, rows["Dolmetschung buchen"].name)), 2)

	def test_a_double_click_changes_nothing(self):
		case, _ = self.make()
		row = case.playbook_steps[0]
		set_step_status(case.name, row.name, "Done")
		modified = frappe.db.get_value("Mediation Case", case.name, "modified")
		set_step_status(case.name, row.name, "Done")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "modified"), modified)
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{"reference_name": case.name, "content": ["like", "%Gespräch mit der meldenden Partei%"]},
			),
			1,
		)

	def test_add_working_days_counts_only_working_days(self):
		calendar = playbook.case_calendar(frappe._dict(sla_policy=None))
		self.assertEqual(playbook.add_working_days(calendar, "2026-12-18", 1), getdate("2026-12-21"))
		self.assertEqual(playbook.add_working_days(calendar, "2026-12-19", 0), getdate("2026-12-21"))
