# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.install import ROLES, after_migrate


class TestInstall(FrappeTestCase):
	def test_app_is_installed_with_erpnext(self):
		self.assertIn("erpnext", frappe.get_installed_apps())
		self.assertIn("mitmenschen", frappe.get_installed_apps())

	def test_roles_exist_and_partner_users_have_no_desk(self):
		for role, properties in ROLES.items():
			self.assertEqual(
				frappe.db.get_value("Role", role, "desk_access"), properties["desk_access"], role
			)

	def test_settings_point_at_customer_and_location_by_default(self):
		settings = frappe.get_single("Mitmenschen Settings")
		self.assertEqual(settings.tenant_doctype, "Customer")
		self.assertEqual(settings.property_doctype, "Location")

	def test_migrating_again_duplicates_nothing(self):
		before = frappe.db.count("DocType Link", {"custom": 1, "group": "Mit:Menschen"})
		after_migrate()
		after_migrate()
		self.assertEqual(frappe.db.count("DocType Link", {"custom": 1, "group": "Mit:Menschen"}), before)
		self.assertEqual(before, 4)
		for role in ROLES:
			self.assertEqual(frappe.db.count("Role", {"name": role}), 1)

	def test_workspace_is_installed(self):
		self.assertTrue(frappe.db.exists("Workspace", "Mit Menschen"))


class TestMitmenschenSettings(FrappeTestCase):
	def tearDown(self):
		settings = frappe.get_single("Mitmenschen Settings")
		settings.tenant_doctype, settings.property_doctype = "Customer", "Location"
		settings.save()

	def test_child_table_as_tenant_doctype_is_refused(self):
		settings = frappe.get_single("Mitmenschen Settings")
		settings.tenant_doctype = "Household Member"
		with self.assertRaises(frappe.ValidationError):
			settings.save()
		self.assertEqual(frappe.db.get_single_value("Mitmenschen Settings", "tenant_doctype"), "Customer")

	def test_changing_the_tenant_doctype_moves_links_and_defaults(self):
		settings = frappe.get_single("Mitmenschen Settings")
		settings.tenant_doctype = "Supplier"
		settings.save()
		self.assertEqual(frappe.get_meta("Refugee Household").get_field("tenant_doctype").default, "Supplier")
		parents = frappe.get_all(
			"DocType Link", {"custom": 1, "link_doctype": "Refugee Household"}, pluck="parent"
		)
		self.assertIn("Supplier", parents)
		self.assertNotIn("Customer", parents)
