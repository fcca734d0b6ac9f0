# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.partners.profile_change import ProfileChangeError, submit_profile_change
from mitmenschen.tests.factories import make_language, make_partner, make_service_type


class TestPartnerProfileChange(FrappeTestCase):
	def test_approval_copies_the_proposal_into_the_organisation(self) -> None:
		partner = make_partner(hotline_phone="0471 1")
		service = make_service_type().name
		name = submit_profile_change(
			partner.name,
			services=[service],
			languages=[make_language("ar")],
			districts=[],
			hotline_phone="0471 2",
		)
		# not visible before a clerk approves
		self.assertEqual(frappe.db.get_value("Partner Organisation", partner.name, "hotline_phone"), "0471 1")
		change = frappe.get_doc("Partner Profile Change", name)
		change.status = "Approved"
		change.save()
		partner.reload()
		self.assertEqual(partner.hotline_phone, "0471 2")
		self.assertEqual([row.service_type for row in partner.services], [service])
		self.assertEqual([row.language for row in partner.languages], ["ar"])
		self.assertEqual(change.reviewed_by, "Administrator")

	def test_a_new_proposal_replaces_the_pending_one(self) -> None:
		partner = make_partner()
		first = submit_profile_change(
			partner.name, services=[], languages=[], districts=[], website="https://a.example"
		)
		second = submit_profile_change(
			partner.name, services=[], languages=[], districts=[], website="https://b.example"
		)
		self.assertEqual(first, second)
		self.assertEqual(
			frappe.db.get_value("Partner Profile Change", second, "website"), "https://b.example"
		)

	def test_unknown_service_is_refused(self) -> None:
		partner = make_partner()
		with self.assertRaises(ProfileChangeError):
			submit_profile_change(partner.name, services=["No Such Service"], languages=[], districts=[])
