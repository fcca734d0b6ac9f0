"""The onboarding plan on a real site: made when a household moves in, once; ticked and skipped
through the checklist's methods, as a clerk; timers follow the steps."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from mitmenschen.households import onboarding
from mitmenschen.households.onboarding import OnboardingStepError, get_checklist, mark_step_done, skip_step
from mitmenschen.households.house_rules_sending import record_explanation
from mitmenschen.households.onboarding_setup import DEFAULT_STEPS, HOUSE_RULES_STEP
from mitmenschen.households.report.onboarding.onboarding import execute as onboarding_report
from mitmenschen.install import ensure_escalation
from mitmenschen.tests.factories import make_staff_user
from mitmenschen.tests.household_world import allocated_household, ensure_onboarding_data, member, take
from mitmenschen.workflows.definitions import CLERK, seed_state

PER_CHILD = [step for step, _days, _kind, _who, per_child in DEFAULT_STEPS if per_child]


def timers_of(step: str) -> list[dict]:
	return frappe.get_all(
		"Escalation Timer",
		filters={"reference_doctype": "Onboarding Plan Step", "reference_name": step},
		fields=["level", "status", "due_at"],
		order_by="level asc",
	)


class OnboardingTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_escalation()
		ensure_onboarding_data()
		cls.clerk = make_staff_user(CLERK)

	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def moved_in(self, **values):
		household = allocated_household(**values)
		take(self.clerk, household, "Move In")
		return frappe.get_doc("Refugee Household", household.name)


class TestPlanOnMoveIn(OnboardingTestCase):
	def test_plan_from_the_default_template_with_a_step_per_child(self) -> None:
		household = self.moved_in(
			members=[
				member("Mutter", 35, "Work", "Head of Household"),
				member("Kind eins", 4),
				member("Kind zwei", 12, "School"),
				member("Großvater", 70, "At Home", "Parent"),
			]
		)
		plan = frappe.get_doc("Onboarding Plan", {"household": household.name})
		self.assertEqual(plan.template, "Einzug (Standard)")
		# 7 template steps, the per-child one once for each of the two children
		self.assertEqual(len(plan.steps), 8)
		self.assertEqual(
			[(s.step, s.child_name) for s in plan.steps if s.step in PER_CHILD],
			[(PER_CHILD[0], "Kind eins"), (PER_CHILD[0], "Kind zwei")],
		)
		house_rules = next(s for s in plan.steps if s.step.startswith("Hausordnung"))
		self.assertEqual(getdate(house_rules.due_date), getdate(add_days(nowdate(), 7)))
		self.assertEqual((house_rules.responsible_type, house_rules.responsible), ("Role", CLERK))
		self.assertEqual(plan.open_steps, 8)
		self.assertEqual(plan.status, "Open")
		self.assertEqual(len(timers_of(house_rules.name)), 2, "both rungs of the onboarding ladder")

	def test_not_twice_later_saves_and_a_second_move_in_keep_the_one_plan(self) -> None:
		household = self.moved_in(members=[member("Kind", 7, "School")])
		plan = frappe.get_doc("Onboarding Plan", {"household": household.name})
		mark_step_done(plan.name, plan.steps[0].name)
		household.reload()
		household.arrival_date = add_days(nowdate(), -30)
		household.save()
		seed_state("Refugee Household", household.name, "Allocation Approved")
		take(self.clerk, frappe.get_doc("Refugee Household", household.name), "Move In")
		self.assertEqual(frappe.db.count("Onboarding Plan", {"household": household.name}), 1)
		plan.reload()
		self.assertEqual(plan.steps[0].status, "Done", "the plan was not made again")
		self.assertEqual(len(plan.steps), 7)

	def test_no_plan_before_moving_in(self) -> None:
		household = allocated_household()
		household.arrival_date = nowdate()
		household.save()
		self.assertFalse(frappe.db.exists("Onboarding Plan", {"household": household.name}))


class TestChecklist(OnboardingTestCase):
	def test_clerk_marks_a_step_done_and_skips_one_with_a_reason(self) -> None:
		household = self.moved_in()
		frappe.set_user(self.clerk)
		checklist = get_checklist(household.name)
		self.assertEqual(len(checklist["steps"]), 6, "no children: no per-child step")
		self.assertTrue(checklist["can_write"])
		first, second = checklist["steps"][0]["name"], checklist["steps"][1]["name"]

		result = mark_step_done(checklist["plan"], first)
		self.assertEqual(result, {"status": "Done", "open_steps": 5, "plan_status": "Open"})
		with self.assertRaises(OnboardingStepError):
			skip_step(checklist["plan"], second, "  ")
		skip_step(checklist["plan"], second, "Familie kennt die Hausordnung schon")

		steps = {s["name"]: s for s in get_checklist(household.name)["steps"]}
		self.assertEqual((steps[first]["status"], steps[first]["done_by"]), ("Done", self.clerk))
		self.assertEqual(str(steps[first]["done_on"]), nowdate())
		self.assertEqual(steps[second]["status"], "Skipped")
		self.assertEqual(steps[second]["skip_reason"], "Familie kennt die Hausordnung schon")
		self.assertEqual(timers_of(first), [], "a done step has no pending timers")
		self.assertEqual(timers_of(second), [])

	def test_someone_without_the_right_to_the_plan_is_refused(self) -> None:
		household = self.moved_in()
		plan = frappe.get_doc("Onboarding Plan", {"household": household.name})
		outsider = make_staff_user("Blogger")
		frappe.set_user(outsider)
		with self.assertRaises(frappe.PermissionError):
			mark_step_done(plan.name, plan.steps[0].name)
		with self.assertRaises(frappe.PermissionError):
			get_checklist(household.name)
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Onboarding Plan Step", plan.steps[0].name, "status"), "Open")

	def test_overdue_steps_are_marked_and_moving_out_ends_the_reminders(self) -> None:
		household = self.moved_in(move_in_date=add_days(nowdate(), -10))
		steps = get_checklist(household.name)["steps"]
		self.assertEqual(
			[s["step"] for s in steps if s["overdue"]],
			[s for s, days, *_ in DEFAULT_STEPS if days < 10],
		)
		take(self.clerk, frappe.get_doc("Refugee Household", household.name), "Move Out")
		self.assertTrue(all(timers_of(s["name"]) == [] for s in steps))
		self.assertIsNotNone(onboarding.plan_of(household.name), "the plan stays as a record")


class TestOnboardingReport(OnboardingTestCase):
	def test_households_with_open_steps_the_overdue_first(self) -> None:
		late = self.moved_in(move_in_date=add_days(nowdate(), -10))  # two steps overdue
		fresh = self.moved_in()
		done = self.moved_in()
		plan = frappe.get_doc("Onboarding Plan", {"household": done.name})
		for step in plan.steps:
			step.status = "Done"
		plan.save()
		self.assertEqual(plan.status, "Completed")
		frappe.set_user(self.clerk)
		_columns, rows = onboarding_report({})
		ours = [r for r in rows if r.household in (late.name, fresh.name, done.name)]
		self.assertEqual(
			[(r.household, r.open_steps, r.overdue_steps) for r in ours],
			[(late.name, 6, 2), (fresh.name, 6, 0)],
		)
		_columns, rows = onboarding_report({"only_overdue": 1})
		self.assertIn(late.name, [r.household for r in rows])
		self.assertNotIn(fresh.name, [r.household for r in rows])


class TestHouseRulesExplanationTicksItsStep(OnboardingTestCase):
	"""Issue #23: recording a house-rules explanation ticks the plan's house-rules step."""

	def house_rules_step(self, household) -> dict:
		plan = frappe.get_doc("Onboarding Plan", {"household": household.name})
		step = next(s for s in plan.steps if s.step == HOUSE_RULES_STEP)
		return {"status": step.status, "by": step.done_by, "on": str(step.done_on), "open": plan.open_steps}

	def test_the_default_template_marks_its_house_rules_step(self) -> None:
		template = onboarding.default_template()
		self.assertEqual(
			[s.step for s in template.steps if s.done_when == onboarding.HOUSE_RULES_EXPLAINED], [HOUSE_RULES_STEP]
		)

	def test_an_explanation_recorded_after_the_move_in_ticks_the_step(self) -> None:
		household = self.moved_in()
		self.assertEqual(self.house_rules_step(household)["status"], "Open")
		frappe.set_user(self.clerk)
		record_explanation(household.name, explained_on=nowdate(), language="ar")
		frappe.set_user("Administrator")
		self.assertEqual(
			self.house_rules_step(household), {"status": "Done", "by": self.clerk, "on": nowdate(), "open": 5}
		)

	def test_an_explanation_before_the_move_in_ticks_it_when_the_plan_is_made(self) -> None:
		explained = add_days(nowdate(), -3)
		household = self.moved_in(
			house_rules_explanations=[{"explained_on": explained, "language": "ar", "explained_by": self.clerk}]
		)
		self.assertEqual(
			self.house_rules_step(household), {"status": "Done", "by": self.clerk, "on": explained, "open": 5}
		)
