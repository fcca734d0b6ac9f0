# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""A case reaches a partner only under the family's consent, or a manager's recorded override."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from mitmenschen.households.consent import (
	REFERRAL,
	SHARE_DETAILS,
	ConsentRequiredError,
	partner_may_see_household,
)
from mitmenschen.tests.factories import (
	make_case,
	make_category,
	make_household,
	make_partner,
	make_staff_user,
)
from mitmenschen.workflows.definitions import CLERK, MANAGER


def consent(purpose: str = REFERRAL, organisation: str | None = None, **dates) -> dict:
	return {
		"purpose": purpose,
		"partner_organisation": organisation,
		"given_on": add_days(nowdate(), -30),
		**dates,
	}


class TestConsentGate(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.partner = make_partner().name
		cls.other_partner = make_partner().name
		cls.clerk = make_staff_user(CLERK)
		cls.manager = make_staff_user(MANAGER)
		cls.category = make_category().name

	def tearDown(self):
		frappe.set_user("Administrator")

	def refer(self, household: str | None, user: str | None = None, **values):
		frappe.set_user(user or self.clerk)
		try:
			return make_case(
				category=self.category, respondent_household=household, referred_to=self.partner, **values
			)
		finally:
			frappe.set_user("Administrator")

	def assert_refused(self, household: str | None, user: str | None = None, **values) -> None:
		before = frappe.db.count("Mediation Case")
		with self.assertRaises(ConsentRequiredError):
			self.refer(household, user, **values)
		self.assertEqual(frappe.db.count("Mediation Case"), before)

	def test_without_consent_a_household_case_cannot_be_referred(self):
		self.assert_refused(make_household().name)

	def test_consent_for_this_partner_or_all_partners_allows_it(self):
		for organisation in (None, self.partner):
			household = make_household(consents=[consent(organisation=organisation)]).name
			case = self.refer(household)
			self.assertEqual(case.referral_status, "Requested")
			self.assertFalse(case.consent_overridden_by)

	def test_consent_for_another_partner_or_purpose_does_not(self):
		self.assert_refused(make_household(consents=[consent(organisation=self.other_partner)]).name)
		self.assert_refused(make_household(consents=[consent(purpose=SHARE_DETAILS)]).name)

	def test_expired_withdrawn_or_future_consent_does_not(self):
		yesterday, tomorrow = add_days(nowdate(), -1), add_days(nowdate(), 1)
		for dates in ({"expires_on": yesterday}, {"withdrawn_on": nowdate()}, {"given_on": tomorrow}):
			with self.subTest(**dates):
				self.assert_refused(make_household(consents=[consent(**dates)]).name)
		# valid through today, withdrawal announced for tomorrow: still covered today
		household = make_household(consents=[consent(expires_on=nowdate(), withdrawn_on=tomorrow)]).name
		self.assertEqual(self.refer(household).referral_status, "Requested")

	def test_a_case_without_a_household_needs_no_consent(self):
		self.assertEqual(self.refer(None).referral_status, "Requested")

	def test_only_a_manager_overrides_and_only_with_a_reason(self):
		household = make_household().name
		self.assert_refused(household, self.clerk, consent_override_reason="Akute Gefahr")
		self.assert_refused(household, self.manager, consent_override_reason="   ")
		case = self.refer(household, self.manager, consent_override_reason="Akute Gefahr für das Kind")
		self.assertEqual(case.consent_overridden_by, self.manager)
		self.assertIsNotNone(case.consent_overridden_on)
		self.assertEqual(case.consent_override_reason, "Akute Gefahr für das Kind")

	def test_an_override_covers_one_partner_only(self):
		household = make_household().name
		case = self.refer(household, self.manager, consent_override_reason="Akute Gefahr für das Kind")
		frappe.set_user(self.manager)
		case.referred_to = self.other_partner
		with self.assertRaises(ConsentRequiredError):
			case.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "referred_to"), self.partner)


class TestHouseholdDetailsForPartners(FrappeTestCase):
	def test_details_only_under_a_sharing_consent_that_is_in_force(self):
		partner, other = make_partner().name, make_partner().name
		household = make_household(consents=[consent(purpose=SHARE_DETAILS, organisation=partner)])
		self.assertTrue(partner_may_see_household(household.name, partner))
		self.assertFalse(partner_may_see_household(household.name, other))

		household.consents[0].withdrawn_on = nowdate()
		household.save()
		self.assertFalse(partner_may_see_household(household.name, partner))

	def test_a_referral_consent_alone_does_not_share_details(self):
		partner = make_partner().name
		household = make_household(consents=[consent(organisation=partner)])
		self.assertFalse(partner_may_see_household(household.name, partner))
		self.assertFalse(partner_may_see_household(None, partner))
