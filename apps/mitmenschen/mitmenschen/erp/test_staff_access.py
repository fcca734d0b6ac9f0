"""Staff read the ERP doctypes named in the settings: granted, moved with the settings, removed."""

import frappe
from frappe.permissions import rights
from frappe.tests.utils import FrappeTestCase

from mitmenschen.erp.staff_access import STAFF_ROLES, grant_staff_access, revoke_staff_access
from mitmenschen.tests.factories import make_staff_user

CLERK, MANAGER = STAFF_ROLES
PERM_FIELDS = ["role", "permlevel", "if_owner", *rights]


def staff_rules(doctype: str) -> list[dict]:
	return frappe.get_all(
		"Custom DocPerm", filters={"parent": doctype, "role": ("in", STAFF_ROLES)}, fields=PERM_FIELDS
	)


def other_rules(perm_doctype: str, doctype: str) -> list[tuple]:
	rows = frappe.get_all(
		perm_doctype, filters={"parent": doctype, "role": ("not in", STAFF_ROLES)}, fields=PERM_FIELDS
	)
	return sorted(tuple(row[field] or 0 for field in PERM_FIELDS) for row in rows)


def can(user: str, doctype: str, ptype: str = "read") -> bool:
	frappe.clear_cache(doctype=doctype)
	return bool(frappe.has_permission(doctype, ptype, user=user))


class TestStaffAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		grant_staff_access()  # as install and migrate do
		cls.clerk = make_staff_user(CLERK)
		cls.manager = make_staff_user(MANAGER)

	def tearDown(self) -> None:
		settings = frappe.get_single("Mitmenschen Settings")
		if (settings.tenant_doctype, settings.property_doctype) != ("Customer", "Location"):
			settings.tenant_doctype, settings.property_doctype = "Customer", "Location"
			settings.save()
		grant_staff_access()

	def test_staff_read_tenants_and_property_units_and_nothing_more(self):
		for user in (self.clerk, self.manager):
			for doctype in ("Customer", "Location"):
				with self.subTest(user=user, doctype=doctype):
					self.assertTrue(can(user, doctype, "read"))
					for ptype in ("write", "create", "delete", "export"):
						self.assertFalse(can(user, doctype, ptype), ptype)
		self.assertFalse(can(self.clerk, "Supplier"))
		rule = staff_rules("Customer")[0]
		self.assertEqual({right for right in rights if rule[right]}, {"read"})

	def test_the_standard_rules_of_the_erp_doctype_stay_as_they_were(self):
		for doctype in ("Customer", "Location"):
			self.assertEqual(other_rules("Custom DocPerm", doctype), other_rules("DocPerm", doctype), doctype)
		self.assertTrue(other_rules("DocPerm", "Customer"))  # ERPNext's Sales User and others

	def test_granting_again_adds_nothing(self):
		grant_staff_access()
		grant_staff_access()
		for doctype in ("Customer", "Location"):
			self.assertEqual(sorted(rule.role for rule in staff_rules(doctype)), sorted(STAFF_ROLES))

	def test_settings_pointing_elsewhere_move_the_access(self):
		settings = frappe.get_single("Mitmenschen Settings")
		settings.tenant_doctype = "Supplier"
		settings.save()
		self.assertTrue(can(self.clerk, "Supplier"))
		self.assertTrue(can(self.manager, "Supplier"))
		self.assertFalse(can(self.clerk, "Customer"))
		self.assertTrue(can(self.clerk, "Location"))  # still the property doctype
		# Customer follows ERPNext's own rules again: no copies left behind
		self.assertFalse(frappe.db.exists("Custom DocPerm", {"parent": "Customer"}))

		settings.tenant_doctype = "Customer"
		settings.save()
		self.assertTrue(can(self.clerk, "Customer"))
		self.assertFalse(can(self.clerk, "Supplier"))

	def test_revoking_removes_our_rules_and_keeps_a_widened_one(self):
		widened = {"parent": "Location", "role": MANAGER, "permlevel": 0}
		frappe.db.set_value("Custom DocPerm", widened, "write", 1)
		self.addCleanup(frappe.db.set_value, "Custom DocPerm", widened, "write", 0)
		revoke_staff_access()
		self.assertFalse(can(self.clerk, "Customer"))
		self.assertFalse(can(self.clerk, "Location"))
		self.assertFalse(frappe.db.exists("Custom DocPerm", {"parent": "Customer"}))
		# the manager's rule on Location was widened by someone else: it is not ours to remove
		self.assertTrue(can(self.manager, "Location", "write"))
		self.assertEqual([rule.role for rule in staff_rules("Location")], [MANAGER])
