"""A new Contact Channels record starts in the person's language, not in the clerk's desk language
(Frappe fills every field named `language` from the user's defaults)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.interpreting.test_interpreting import make_mediator
from mitmenschen.outbound.consent import party_language
from mitmenschen.tests.house_rules_world import make_speaking_household
from mitmenschen.tests.isolation_world import make_partner_user


class TestPartyLanguage(FrappeTestCase):
	def test_a_household_starts_in_its_first_language(self) -> None:
		household = make_speaking_household("fa", email=False)
		self.assertEqual(party_language("Refugee Household", household.name), "fa")

	def test_a_household_without_languages_gets_none_rather_than_the_clerks(self) -> None:
		household = make_speaking_household(None, email=False)
		self.assertIsNone(party_language("Refugee Household", household.name))

	def test_a_mediator_is_written_to_in_german_whatever_they_interpret(self) -> None:
		self.assertEqual(party_language("Language Mediator", make_mediator("ti")), "de")

	def test_a_partner_learns_nothing_of_a_household(self) -> None:
		household = make_speaking_household("ar", email=False)
		partner = make_partner_user(f"{random_string(8).lower()}@partner.example", "Partnerin")
		frappe.set_user(partner)
		try:
			with self.assertRaises(frappe.PermissionError):
				party_language("Refugee Household", household.name)
		finally:
			frappe.set_user("Administrator")
