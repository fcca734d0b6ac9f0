"""Referring a household to a partner: under the family's consent exactly like a case, a manager's
override with a reason, the partner's answers, and only the partner's own referrals in its lists."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.households import referral_lifecycle as lifecycle
from mitmenschen.households.consent import REFERRAL, ConsentRequiredError
from mitmenschen.households.needs import KINDERGARTEN_PLACE, SCHOOL_PLACE
from mitmenschen.households.referral import HOUSEHOLD, HouseholdReferralError, consent_covers, refer_household
from mitmenschen.tests.factories import make_contact, make_household, make_partner, make_staff_user
from mitmenschen.tests.household_world import consents, make_web_user, member
from mitmenschen.workflows.definitions import CLERK, MANAGER


class TestHouseholdReferral(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.clerk = make_staff_user(CLERK)
		cls.manager = make_staff_user(MANAGER)
		cls.partner = make_partner(portal_enabled=1).name

	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def family(self, with_consent: bool):
		return make_household(
			members=[member("Yara", 3)],
			consents=consents(self.partner, purposes=(REFERRAL,)) if with_consent else [],
		).name

	def refer(self, user: str, household: str, **kwargs) -> dict:
		frappe.set_user(user)
		try:
			return refer_household(household, self.partner, KINDERGARTEN_PLACE, "Yara", **kwargs)
		finally:
			frappe.set_user("Administrator")

	def test_needs_the_familys_consent(self) -> None:
		household = self.family(with_consent=False)
		lang, frappe.local.lang = frappe.local.lang, "en"  # the messages as written
		try:
			with self.assertRaises(ConsentRequiredError) as refused:
				self.refer(self.clerk, household)
			self.assertIn(
				f"No valid consent of household <strong>{household}</strong>", str(refused.exception)
			)
			with self.assertRaises(ConsentRequiredError) as refused:
				self.refer(self.clerk, household, consent_override_reason="Familie hat mündlich zugestimmt")
			self.assertEqual(
				str(refused.exception),
				"Only a Mit:Menschen Manager may refer a household without the family's consent.",
			)
		finally:
			frappe.local.lang = lang
		self.assertEqual(frappe.db.count("Household Referral", {"household": household}), 0)
		self.assertFalse(consent_covers(household, self.partner))
		self.assertTrue(consent_covers(self.family(with_consent=True), self.partner))

	def test_with_consent_a_clerk_refers_once(self) -> None:
		household = self.family(with_consent=True)
		result = self.refer(self.clerk, household)
		doc = frappe.get_doc("Household Referral", result["name"])
		self.assertEqual(
			(doc.status, doc.requested_by, doc.service_type), ("Requested", self.clerk, "Kinderbetreuung")
		)
		self.assertIsNotNone(doc.requested_on)
		self.assertIsNone(doc.consent_overridden_by)
		with self.assertRaises(HouseholdReferralError):
			self.refer(self.clerk, household)  # the same need is already with this partner
		self.assertEqual(frappe.db.count("Household Referral", {"household": household}), 1)

	def test_a_manager_overrides_with_a_reason_recorded(self) -> None:
		household = self.family(with_consent=False)
		with self.assertRaises(ConsentRequiredError):
			self.refer(self.manager, household)  # no reason: refused even for a manager
		result = self.refer(self.manager, household, consent_override_reason="Kinderschutz: dringend")
		doc = frappe.get_doc("Household Referral", result["name"])
		self.assertEqual(doc.consent_override_reason, "Kinderschutz: dringend")
		self.assertEqual(doc.consent_overridden_by, self.manager)
		self.assertIsNotNone(doc.consent_overridden_on)

	def test_only_active_partners_and_known_needs(self) -> None:
		household = self.family(with_consent=True)
		inactive = make_partner(status="Inactive").name
		frappe.set_user(self.clerk)
		with self.assertRaises(HouseholdReferralError):
			refer_household(household, inactive, KINDERGARTEN_PLACE)
		with self.assertRaises(HouseholdReferralError):
			refer_household(household, self.partner, "Holiday")

	def test_the_partners_answers(self) -> None:
		household = self.family(with_consent=True)
		first = self.refer(self.clerk, household)["name"]
		with self.assertRaises(HouseholdReferralError):
			lifecycle.decline(HOUSEHOLD, first, "  ")
		with self.assertRaises(HouseholdReferralError):
			lifecycle.complete(HOUSEHOLD, first)  # not accepted yet
		accepted = lifecycle.accept(HOUSEHOLD, first)
		self.assertEqual(accepted.status, "Accepted")
		self.assertIsNotNone(accepted.responded_on)
		with self.assertRaises(HouseholdReferralError):
			lifecycle.accept(HOUSEHOLD, first)  # answered already
		self.assertEqual(lifecycle.complete(HOUSEHOLD, first).status, "Done")
		self.assertIsNotNone(frappe.db.get_value("Household Referral", first, "done_on"))

		frappe.set_user(self.clerk)
		second = refer_household(household, self.partner, SCHOOL_PLACE, "Yara")["name"]
		frappe.set_user("Administrator")
		declined = lifecycle.decline(HOUSEHOLD, second, "Keine Plätze frei")
		self.assertEqual((declined.status, declined.decline_reason), ("Declined", "Keine Plätze frei"))

	def test_a_partner_lists_only_its_own_referrals(self) -> None:
		own_partner = make_partner(portal_enabled=1).name
		household = make_household(consents=consents(None, purposes=(REFERRAL,))).name
		other = make_partner().name
		mine = (
			frappe.get_doc(
				{
					"doctype": "Household Referral",
					"household": household,
					"partner_organisation": own_partner,
					"need": KINDERGARTEN_PLACE,
				}
			)
			.insert()
			.name
		)
		frappe.get_doc(
			{
				"doctype": "Household Referral",
				"household": household,
				"partner_organisation": other,
				"need": SCHOOL_PLACE,
			}
		).insert()
		user = make_web_user(f"{frappe.generate_hash(length=8)}@partner.example", "Partnerin", PARTNER_ROLE)
		make_contact(own_partner, user=user, email=user, active=1)
		frappe.set_user(user)
		self.assertEqual(frappe.get_list("Household Referral", pluck="name"), [mine])
		self.assertTrue(frappe.has_permission("Household Referral", "read", mine))
		self.assertFalse(frappe.has_permission("Household Referral", "write", mine))
