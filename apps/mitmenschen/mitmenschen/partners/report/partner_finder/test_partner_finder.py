# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Issue #23: without a category the Partner Finder still says whom to call (the organisation's own
hot-line contact), and intake still notifies only a contact the hot-line matrix names."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.partners.report.partner_finder.partner_finder import execute
from mitmenschen.partners.routing import get_responsible_contact
from mitmenschen.tests.factories import make_category, make_contact, make_partner, make_service_type

CONTACT_COLUMNS = ("contact", "contact_name", "phone", "email", "deputy")


class TestPartnerFinder(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_the_contact_columns_are_filled_without_a_category(self):
		service = make_service_type()
		partner = make_partner(services=[{"service_type": service.name}])
		deputy = make_contact(partner.name, phone="0471 1", email="vertretung@partner.example")
		make_contact(partner.name, phone="0471 2", email="erste@partner.example")  # first, not the hot line
		hotline = make_contact(
			partner.name, phone="0471 555 77", email="hotline@partner.example", is_hotline=1, deputy=deputy.name
		)
		_columns, rows = execute({"service_type": service.name})
		[row] = [r for r in rows if r["partner_organisation"] == partner.name]
		self.assertEqual(
			{key: row[key] for key in CONTACT_COLUMNS},
			{
				"contact": hotline.name,
				"contact_name": hotline.full_name,
				"phone": "0471 555 77",
				"email": "hotline@partner.example",
				"deputy": deputy.name,
			},
		)

	def test_intake_notifies_only_whom_the_hot_line_matrix_names(self):
		service = make_service_type()
		category = make_category(service_types=[{"service_type": service.name}])
		partner = make_partner(services=[{"service_type": service.name}])
		make_contact(partner.name, is_hotline=1)
		self.assertIn(partner.name, [r["partner_organisation"] for r in execute({"category": category.name})[1]])
		self.assertIsNone(get_responsible_contact(category.name))
