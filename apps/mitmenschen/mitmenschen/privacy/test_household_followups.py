"""A household's onboarding plan and referrals go with it: exported under Art. 15, anonymised under
Art. 17 — the children's names and the free texts gone, the figures the round table counts kept."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.escalation.test_sweep import make_user
from mitmenschen.households.onboarding import get_checklist, skip_step
from mitmenschen.privacy.subject_access import collect_household_data, erase_household
from mitmenschen.tests.factories import make_partner
from mitmenschen.tests.household_world import (
	allocated_household,
	consents,
	ensure_onboarding_data,
	member,
	take,
)
from mitmenschen.workflows.definitions import CLERK, MANAGER


class TestHouseholdFollowups(FrappeTestCase):
	def setUp(self) -> None:
		ensure_onboarding_data()
		self.manager = make_user("privacy-manager", roles=(MANAGER,))  # reused: Frappe throttles new users
		partner = make_partner().name
		household = allocated_household(
			family_name="Familie Vertraulich",
			members=[member("Kind Vertraulich", 4)],
			consents=consents(partner),
		)
		take(make_user("privacy-clerk", roles=(CLERK,)), household, "Move In")
		self.household = household.name
		checklist = get_checklist(self.household)
		self.plan = checklist["plan"]
		skip_step(self.plan, checklist["steps"][0]["name"], "Kind Vertraulich ist krank")
		self.referral = frappe.get_doc(
			{
				"doctype": "Household Referral",
				"household": self.household,
				"partner_organisation": partner,
				"need": "Kindergarten Place",
				"referred_member": "Kind Vertraulich",
			}
		).insert()

	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def test_export_holds_the_plan_and_the_referrals(self) -> None:
		data = collect_household_data(self.household)
		self.assertEqual([p["name"] for p in data["onboarding_plans"]], [self.plan])
		self.assertEqual([r["name"] for r in data["household_referrals"]], [self.referral.name])
		self.assertIn("Kind Vertraulich", json.dumps(data["onboarding_plans"], default=str))

	def test_erasure_removes_the_names_and_keeps_the_figures(self) -> None:
		frappe.set_user(self.manager)
		erase_household(self.household, "Request of the data subject")
		frappe.set_user("Administrator")
		plan = frappe.get_doc("Onboarding Plan", self.plan)
		dump = json.dumps(plan.as_dict(), default=str) + json.dumps(
			frappe.get_doc("Household Referral", self.referral.name).as_dict(), default=str
		)
		self.assertNotIn("Vertraulich", dump)
		self.assertEqual(len(plan.steps), 7, "the steps stay")
		self.assertEqual(plan.steps[0].status, "Skipped")
		referral = frappe.get_doc("Household Referral", self.referral.name)
		self.assertEqual((referral.need, referral.status), ("Kindergarten Place", "Requested"))
		self.assertIsNone(referral.referred_member)
		self.assertFalse(
			frappe.db.exists("Version", {"ref_doctype": "Household Referral", "docname": self.referral.name})
		)
