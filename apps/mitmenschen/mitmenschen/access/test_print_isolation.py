"""A partner printing a case referred to it sees what the portal shows, not the respondent family's
name (the household's title would otherwise appear beside its link)."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string
from frappe.www.printview import get_html_and_style

from mitmenschen.tests.factories import make_case, make_contact, make_household, make_partner
from mitmenschen.tests.isolation_world import make_partner_user


class TestPrintIsolation(FrappeTestCase):
	def test_a_partners_print_of_its_case_names_no_household(self) -> None:
		partner = make_partner(portal_enabled=1)
		user = make_partner_user(f"{random_string(8).lower()}@partner.example", "Partnerin")
		make_contact(partner.name, user=user, email=user)
		household = make_household(
			family_name=f"Familie {random_string(6)}",
			consents=[
				{
					"purpose": "Referral to Partners",
					"partner_organisation": partner.name,
					"given_on": "2026-01-05",
				}
			],
		)
		case = make_case(respondent_household=household.name, referred_to=partner.name)
		frappe.set_user(user)
		try:
			# what /printview and the print dialog render (both check read permission)
			html = get_html_and_style("Mediation Case", case.name)["html"]
		finally:
			frappe.set_user("Administrator")
		self.assertIn(case.subject, html, "the partner prints its own case")
		self.assertNotIn(household.family_name, html)
