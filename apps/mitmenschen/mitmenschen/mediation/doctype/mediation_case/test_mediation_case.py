# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from mitmenschen.households.referral_lifecycle import InactivePartnerError, ReferralError
from mitmenschen.tests.factories import make_case, make_category, make_flat, make_partner, make_tenant, unique


class TestMediationCase(FrappeTestCase):
	def test_priority_defaults_from_category_and_district_from_flat(self):
		category = make_category(default_priority="High")
		place = make_flat()
		case = make_case(category=category.name, property_unit=place["flat"])
		self.assertEqual(case.priority, "High")
		self.assertEqual(case.district, place["district"])
		self.assertEqual(case.status, "New")
		self.assertTrue(case.name.startswith("MC-"))

	def test_referral_to_active_partner_is_requested_and_stamped(self):
		partner = make_partner(status="Active")
		case = make_case()
		case.referred_to = partner.name
		case.save()
		self.assertEqual(case.referral_status, "Requested")
		self.assertIsNotNone(case.referral_requested_on)

	def test_referral_to_inactive_or_proposed_partner_is_refused_and_nothing_saved(self):
		case = make_case()
		for status in ("Inactive", "Proposed"):
			partner = make_partner(status=status)
			case.referred_to = partner.name
			with self.assertRaises(InactivePartnerError):
				case.save()
			self.assertIsNone(frappe.db.get_value("Mediation Case", case.name, "referred_to"))
			case.reload()

	def test_declining_a_referral_needs_a_reason(self):
		case = make_case(referred_to=make_partner().name)
		case.referral_status = "Declined"
		with self.assertRaises(ReferralError):
			case.save()
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "referral_status"), "Requested")
		case.reload()
		case.referral_status = "Declined"
		case.referral_decline_reason = "Keine Kapazität bis Januar"
		case.save()
		self.assertIsNotNone(case.referral_responded_on)

	def test_referral_status_without_partner_is_refused(self):
		with self.assertRaises(ReferralError):
			make_case(referral_status="Requested")

	def test_reporter_known_by_email_only_is_named_by_it(self):
		case = make_case(reporter_email="nachbarin@example.org")
		self.assertEqual(case.reporter_name, "nachbarin@example.org")

	def test_reporter_tenant_must_be_a_tenant_record(self):
		case = make_case(reporter_tenant=make_tenant().name)
		self.assertEqual(case.tenant_doctype, "Customer")
		with self.assertRaises(frappe.LinkValidationError):
			make_case(reporter_tenant=make_flat()["flat"])


class TestRecurrence(FrappeTestCase):
	def test_same_problem_at_same_flat_within_window_is_linked(self):
		category = make_category()
		flat = make_flat()["flat"]
		first = make_case(category=category.name, property_unit=flat)
		second = make_case(category=category.name, property_unit=flat)
		self.assertEqual(second.recurrence_of, first.name)
		self.assertFalse(first.recurrence_of)

	def test_other_flat_or_other_category_is_not_a_recurrence(self):
		category = make_category()
		place = make_flat()
		make_case(category=category.name, property_unit=place["flat"])
		other_flat = make_flat(district=place["district"], building=place["building"])["flat"]
		self.assertFalse(make_case(category=category.name, property_unit=other_flat).recurrence_of)
		self.assertFalse(make_case(category=make_category().name, property_unit=place["flat"]).recurrence_of)

	def test_case_older_than_the_window_is_not_linked(self):
		frappe.db.set_single_value("Mitmenschen Settings", "recurrence_window_days", 30)
		category = make_category()
		flat = make_flat()["flat"]
		make_case(category=category.name, property_unit=flat, opened_on=add_days(now_datetime(), -45))
		self.assertFalse(make_case(category=category.name, property_unit=flat).recurrence_of)
		other_flat = make_flat()["flat"]
		recent = make_case(
			category=category.name, property_unit=other_flat, opened_on=add_days(now_datetime(), -10)
		)
		self.assertEqual(
			make_case(category=category.name, property_unit=other_flat).recurrence_of, recent.name
		)

	def test_cases_show_in_the_connections_of_tenant_and_flat(self):
		from frappe.desk.notifications import get_open_count

		tenant = make_tenant()
		flat = make_flat()["flat"]
		make_case(reporter_tenant=tenant.name, property_unit=flat)
		for doctype, name in (("Customer", tenant.name), ("Location", flat)):
			counts = get_open_count(doctype, name)["count"]["external_links_found"]
			self.assertEqual(next(row["count"] for row in counts if row["doctype"] == "Mediation Case"), 1)
