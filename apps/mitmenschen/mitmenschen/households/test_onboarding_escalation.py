"""Overdue onboarding steps through the existing sweep and a real SMTP server on loopback: the
household's clerk hears of an overdue step once, in one digest with a link to the household, and a
step done in time is never escalated. Run under `flock /tmp/mm-mail.lock` (the sink binds a port)."""

import frappe
from frappe.utils import add_days, get_url, now_datetime

from mitmenschen.escalation.sweep import sweep
from mitmenschen.escalation.test_sweep import SweepTestCase, make_user
from mitmenschen.households.onboarding import get_checklist, mark_step_done
from mitmenschen.tests.factories import make_flat
from mitmenschen.tests.household_world import allocated_household, ensure_onboarding_data, take
from mitmenschen.tests.mail import CREATED_BY_MAIL_TESTS, delete_created_since, flush_queue

WELCOME = "Begrüßungsbesuch in der neuen Wohnung"  # due two days after moving in
CREATED_HERE = ["Onboarding Plan", "Refugee Household", "Location"]


class TestOnboardingEscalation(SweepTestCase):
	def setUp(self) -> None:
		super().setUp()
		ensure_onboarding_data()
		self.clerk = make_user("onb-clerk", "de")
		self.manager = make_user("onb-manager", "de", roles=("Mit:Menschen Manager",))
		flat = make_flat()["flat"]
		frappe.set_user(self.clerk)  # the clerk enters the family: theirs to look after
		try:
			household = allocated_household(family_name="Familie Onboarding-Test", flat=flat)
			take(self.clerk, household, "Move In")
		finally:
			frappe.set_user("Administrator")
		self.household = household.name
		self.steps = {s["step"]: s["name"] for s in get_checklist(self.household)["steps"]}
		frappe.db.commit()
		self.in_three_days = add_days(now_datetime(), 3)

	def tearDown(self) -> None:
		frappe.db.rollback()
		delete_created_since(self.started, CREATED_HERE + CREATED_BY_MAIL_TESTS)
		super().tearDown()

	def test_an_overdue_step_is_escalated_once(self) -> None:
		result = sweep(now=self.in_three_days)
		flush_queue()
		self.assertEqual(result.timers, 1, "three days in, only the welcome visit is overdue")
		received = self.smtp.to(self.clerk)
		self.assertEqual(len(received), 1)
		body = received[0].get_body(("html",)).get_content()
		self.assertIn(WELCOME, body)
		self.assertIn(get_url(f"/app/refugee-household/{self.household}"), body)
		self.assertIn(self.household, received[0]["Subject"])
		self.assertEqual(self.smtp.to(self.manager), [], "the managers only after the breach")
		logged = frappe.get_all(
			"Escalation Log", filters={"reference_name": self.household}, fields=["recipient", "clock"]
		)
		self.assertEqual([(r.recipient, r.clock) for r in logged], [(self.clerk, "Onboarding")])
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": "Refugee Household",
					"reference_name": self.household,
					"content": ["like", f"%{WELCOME}%"],
				},
			)
		)

		again = sweep(now=self.in_three_days)
		flush_queue()
		self.assertEqual(again.timers, 0)
		self.assertEqual(len(self.smtp.to(self.clerk)), 1, "nothing sent twice")

	def test_a_done_step_stops_its_escalation(self) -> None:
		plan = frappe.db.get_value("Onboarding Plan", {"household": self.household}, "name")
		frappe.set_user(self.clerk)
		try:
			mark_step_done(plan, self.steps[WELCOME])
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		self.assertEqual(
			frappe.db.count("Escalation Timer", {"reference_name": self.steps[WELCOME], "status": "Pending"}),
			0,
		)
		result = sweep(now=self.in_three_days)
		flush_queue()
		self.assertEqual(result.timers, 0)
		self.assertEqual(self.smtp.to(self.clerk), [])

		# weeks later the other steps escalate, the done one still not
		sweep(now=add_days(now_datetime(), 60))
		flush_queue()
		body = self.smtp.to(self.clerk)[0].get_body(("html",)).get_content()
		self.assertIn("Mülltrennung", body)
		self.assertNotIn(WELCOME, body)
		self.assertEqual(len(self.smtp.to(self.manager)), 1, "after the breach: the managers")
