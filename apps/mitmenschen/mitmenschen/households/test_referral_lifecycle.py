"""One referral lifecycle, two kinds: a case referral and a household referral go through the same steps
with the same rules — a new partner answers anew, a decline needs a reason, only a Requested referral
is answered, only an Accepted one is done, an inactive partner is refused and nothing is saved."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.households import referral_lifecycle as lifecycle
from mitmenschen.households.consent import REFERRAL
from mitmenschen.households.needs import KINDERGARTEN_PLACE
from mitmenschen.households.referral import HOUSEHOLD
from mitmenschen.mediation.referral import CASE
from mitmenschen.tests.factories import make_case, make_household, make_partner
from mitmenschen.tests.household_world import consents


class TestReferralLifecycle(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.first, cls.second = make_partner().name, make_partner().name
		cls.inactive = make_partner(status="Inactive").name
		cls.household = make_household(consents=consents(None, purposes=(REFERRAL,))).name

	def referral(self, kind: lifecycle.ReferralKind):
		if kind is CASE:
			return make_case(referred_to=self.first, respondent_household=self.household)
		return frappe.get_doc(
			{
				"doctype": HOUSEHOLD.doctype,
				"household": self.household,
				"partner_organisation": self.first,
				"need": KINDERGARTEN_PLACE,
			}
		).insert()

	def test_both_kinds_follow_the_same_steps(self) -> None:
		for kind in (CASE, HOUSEHOLD):
			with self.subTest(kind.doctype):
				self.walk(kind)

	def walk(self, kind: lifecycle.ReferralKind) -> None:
		name = self.referral(kind).name
		doc = frappe.get_doc(kind.doctype, name)
		self.assertEqual(doc.get(kind.status_field), lifecycle.REQUESTED)
		first_requested = doc.get(kind.requested_on_field)
		self.assertIsNotNone(first_requested)

		with self.assertRaises(kind.error):
			lifecycle.decline(kind, name, "   ")
		with self.assertRaises(kind.error):
			lifecycle.complete(kind, name)  # not accepted yet
		declined = lifecycle.decline(kind, name, "Keine Kapazität")
		self.assertEqual(declined.get(kind.status_field), lifecycle.DECLINED)
		self.assertEqual(declined.get(kind.decline_reason_field), "Keine Kapazität")
		self.assertIsNotNone(declined.get(kind.responded_on_field))
		with self.assertRaises(kind.error):
			lifecycle.accept(kind, name)  # answered already
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_doctype": kind.doctype,
					"reference_name": name,
					"content": f"Referral declined by {self.first}: Keine Kapazität",
				},
			)
		)

		# a new partner answers anew: the first partner's answer, time and reason are not the second's
		declined.set(kind.organisation_field, self.second)
		declined.save()
		self.assertEqual(declined.get(kind.status_field), lifecycle.REQUESTED)
		self.assertIsNone(declined.get(kind.responded_on_field))
		self.assertFalse(declined.get(kind.decline_reason_field))
		self.assertGreaterEqual(declined.get(kind.requested_on_field), first_requested)

		self.assertEqual(lifecycle.accept(kind, name).get(kind.status_field), lifecycle.ACCEPTED)
		done = lifecycle.complete(kind, name)
		self.assertEqual(done.get(kind.status_field), lifecycle.DONE)
		if kind.done_on_field:
			self.assertIsNotNone(done.get(kind.done_on_field))

		# a decline in the desk needs its reason too
		again = frappe.get_doc(kind.doctype, self.referral(kind).name)
		again.set(kind.status_field, lifecycle.DECLINED)
		with self.assertRaises(kind.error):
			again.save()

		# an inactive partner is refused, and the referral stays with the partner it had
		again.reload()
		again.set(kind.organisation_field, self.inactive)
		with self.assertRaises(kind.inactive_error):
			again.save()
		self.assertEqual(frappe.db.get_value(kind.doctype, again.name, kind.organisation_field), self.first)
