# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Issue #23: the send dialog is prefilled with the household's address wherever ERPNext keeps it."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.households.house_rules_sending import household_email, send_options
from mitmenschen.tests.house_rules_world import make_house_rules, make_speaking_household


class TestRecipient(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_the_address_of_a_contact_linked_to_the_tenant(self):
		household = make_speaking_household("ar", email=False)
		self.assertIsNone(household_email(household))
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "Familie",
				"email_ids": [{"email_id": "familie.kontakt@haushalt.example", "is_primary": 1}],
				"links": [{"link_doctype": household.tenant_doctype, "link_name": household.tenant}],
			}
		).insert()
		self.assertEqual(household_email(household), "familie.kontakt@haushalt.example")
		make_house_rules(district=frappe.db.get_value("Location", household.property_unit, "parent_location"))
		self.assertEqual(send_options(household.name)["recipient"], "familie.kontakt@haushalt.example")
