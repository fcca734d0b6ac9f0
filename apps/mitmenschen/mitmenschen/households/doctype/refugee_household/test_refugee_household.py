# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.desk.notifications import get_open_count
from frappe.model.rename_doc import rename_doc
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, nowdate

from mitmenschen.households.doctype.refugee_household.refugee_household import (
	ConsentDateError,
	HouseholdDateError,
)
from mitmenschen.tests.factories import make_flat, make_household, make_tenant, unique


class TestRefugeeHousehold(FrappeTestCase):
	def test_links_tenant_and_flat_and_derives_district(self):
		place = make_flat()
		tenant = make_tenant()
		household = make_household(tenant=tenant.name, property_unit=place["flat"])
		self.assertEqual(household.tenant_doctype, "Customer")
		self.assertEqual(household.property_doctype, "Location")
		self.assertEqual(household.tenant_name, tenant.customer_name)
		self.assertEqual(household.district, place["district"])

	def test_move_in_before_arrival_is_refused_and_nothing_saved(self):
		family = unique("Familie")
		with self.assertRaises(HouseholdDateError):
			make_household(family_name=family, arrival_date=nowdate(), move_in_date=add_days(nowdate(), -3))
		self.assertFalse(frappe.db.exists("Refugee Household", {"family_name": family}))

	def test_move_out_before_move_in_is_refused(self):
		with self.assertRaises(HouseholdDateError):
			make_household(move_in_date=nowdate(), move_out_date=add_days(nowdate(), -1))

	def test_consent_expiring_before_it_was_given_is_refused(self):
		with self.assertRaises(ConsentDateError):
			make_household(
				consents=[
					{
						"purpose": "Referral to Partners",
						"given_on": nowdate(),
						"expires_on": add_days(nowdate(), -1),
					}
				]
			)

	def test_consent_records_who_recorded_it(self):
		household = make_household(consents=[{"purpose": "Referral to Partners", "given_on": nowdate()}])
		self.assertEqual(household.consents[0].recorded_by, frappe.session.user)

	def test_member_without_name_is_refused(self):
		with self.assertRaises(frappe.MandatoryError):
			make_household(members=[{"member_name": "  ", "relation": "Child", "birth_year": 2015}])

	def test_implausible_birth_year_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_household(members=[{"member_name": "Amal", "relation": "Child", "birth_year": 1700}])

	def test_property_link_to_a_record_of_the_wrong_doctype_is_refused(self):
		tenant = make_tenant()  # a Customer, not a Location
		with self.assertRaises(frappe.LinkValidationError):
			make_household(property_unit=tenant.name)

	def test_bad_edit_keeps_the_saved_data(self):
		household = make_household(
			arrival_date=add_days(nowdate(), -30), move_in_date=add_days(nowdate(), -10)
		)
		household.move_in_date = add_days(nowdate(), -60)
		with self.assertRaises(HouseholdDateError):
			household.save()
		self.assertEqual(
			str(frappe.db.get_value("Refugee Household", household.name, "move_in_date")),
			add_days(nowdate(), -10),
		)


class TestErpRecordLinks(FrappeTestCase):
	def test_households_show_in_the_connections_of_tenant_and_flat(self):
		place = make_flat()
		tenant = make_tenant()
		make_household(tenant=tenant.name, property_unit=place["flat"])
		for doctype, name in (("Customer", tenant.name), ("Location", place["flat"])):
			transactions = frappe.get_meta(doctype).get_dashboard_data().transactions
			linked = {item for group in transactions for item in group["items"]}
			self.assertIn("Refugee Household", linked, doctype)
			self.assertIn("Mediation Case", linked, doctype)
			counts = get_open_count(doctype, name)["count"]["external_links_found"]
			household_count = next(row["count"] for row in counts if row["doctype"] == "Refugee Household")
			self.assertEqual(household_count, 1)

	def test_renaming_tenant_and_flat_keeps_our_links(self):
		place = make_flat()
		tenant = make_tenant()
		household = make_household(tenant=tenant.name, property_unit=place["flat"])
		new_tenant = rename_doc("Customer", tenant.name, unique("Umbenannt"), force=True)
		new_flat = rename_doc("Location", place["flat"], unique("Wohnung neu"), force=True)
		household.reload()
		self.assertEqual(household.tenant, new_tenant)
		self.assertEqual(household.property_unit, new_flat)

	def test_deleting_a_linked_tenant_or_flat_is_refused(self):
		place = make_flat()
		tenant = make_tenant()
		make_household(tenant=tenant.name, property_unit=place["flat"])
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Customer", tenant.name)
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Location", place["flat"])
		self.assertTrue(frappe.db.exists("Customer", tenant.name))
		self.assertTrue(frappe.db.exists("Location", place["flat"]))
