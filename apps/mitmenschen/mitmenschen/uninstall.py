"""Uninstall: remove what install.py created outside our own doctypes (Frappe drops those)."""

import frappe

from mitmenschen.erp.records import CONNECTION_GROUP
from mitmenschen.erp.staff_access import revoke_staff_access
from mitmenschen.install import ROLES
from mitmenschen.translations import checks as translation_checks
from mitmenschen.workflows.definitions import remove_workflows


def before_uninstall() -> None:
	remove_connections()
	remove_workflows()
	revoke_staff_access()  # before the roles go: their rules would be left behind
	translation_checks.before_uninstall()
	for role_name in ROLES:
		if frappe.db.exists("Role", role_name):
			frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)


def remove_connections() -> None:
	"""Our custom links in the ERP doctypes' connections panels."""
	parents = frappe.get_all(
		"DocType Link", filters={"custom": 1, "group": CONNECTION_GROUP}, pluck="parent", distinct=True
	)
	frappe.db.delete("DocType Link", {"custom": 1, "group": CONNECTION_GROUP})
	for parent in parents:
		frappe.clear_cache(doctype=parent)
