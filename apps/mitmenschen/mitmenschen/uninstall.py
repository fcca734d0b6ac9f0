"""Uninstall: remove what install.py created outside our own doctypes (Frappe drops those)."""

import frappe

from mitmenschen.install import ROLES


def before_uninstall() -> None:
	for role_name in ROLES:
		if frappe.db.exists("Role", role_name):
			frappe.delete_doc("Role", role_name, ignore_permissions=True, force=True)
