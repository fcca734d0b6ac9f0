# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Issue #23: a clerk's and a manager's sidebar starts with the app's workspace and shows none of
ERPNext's; a user with another desk role keeps the full desk; nothing is deleted."""

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from mitmenschen.mitmenschen_setup import staff_desk
from mitmenschen.tests.factories import make_staff_user

CLERK, MANAGER = "Mit:Menschen Clerk", "Mit:Menschen Manager"
ERPNEXT_WORKSPACES = {"Home", "Selling", "Assets", "Quality", "Support", "ERPNext Settings", "Accounting"}


def sidebar(user: str) -> list[str]:
	frappe.set_user(user)
	try:
		return [page["name"] for page in get_workspace_sidebar_items()["pages"]]
	finally:
		frappe.set_user("Administrator")


class TestStaffDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		staff_desk.ensure_profile()  # what after_migrate makes
		frappe.db.commit()

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_clerk_and_manager_see_the_apps_workspace_first_and_no_erpnext_one(self):
		for role in (CLERK, MANAGER):
			with self.subTest(role=role):
				user = make_staff_user(role)
				pages = sidebar(user)
				self.assertEqual(pages[0], "Mit Menschen")
				self.assertEqual(set(pages) & ERPNEXT_WORKSPACES, set())
				self.assertEqual(frappe.db.get_value("User", user, "default_workspace"), "Mit Menschen")
				# the desk only: the clerk still reads a tenant's record
				frappe.set_user(user)
				self.assertTrue(frappe.has_permission("Customer", "read"))
				frappe.set_user("Administrator")

	def test_a_user_made_first_and_given_the_clerk_role_after_gets_the_clerks_desk(self):
		# as the demo loader makes its staff (and an administrator in the desk): the user first, then the
		# role; the user is still a "Website User" when the role is saved (Frappe sets the type later)
		user = make_staff_user()
		frappe.get_doc("User", user).add_roles(CLERK)
		self.assertEqual(frappe.db.get_value("User", user, "module_profile"), staff_desk.PROFILE)
		self.assertNotIn("Selling", sidebar(user))

	def test_another_desk_role_keeps_the_full_desk(self):
		user = make_staff_user(CLERK, "System Manager")
		self.assertIn("Selling", sidebar(user))
		clerk = make_staff_user(CLERK)
		doc = frappe.get_doc("User", clerk)
		doc.append("roles", {"role": "Sales User"})
		doc.save()
		self.assertFalse(doc.module_profile)
		self.assertIn("Selling", sidebar(clerk))

	def test_language_links_show_the_german_name_and_are_found_by_it(self):
		from frappe.desk.search import search_widget
		from frappe.translate import get_translated_doctypes

		staff_desk.show_languages_in_the_readers_language()
		frappe.clear_cache(doctype="Language")
		self.assertIn("Language", get_translated_doctypes())  # the desk's link fields translate the title
		frappe.local.lang = "de"
		try:
			found = search_widget("Language", "Arabisch", page_length=10, as_dict=True)
		finally:
			frappe.local.lang = "en"
		self.assertIn("ar", [row["value"] if "value" in row else row["name"] for row in found])

	def test_the_workspaces_stay(self):
		self.assertTrue(all(frappe.db.exists("Workspace", name) for name in ("Selling", "Assets", "Home")))
