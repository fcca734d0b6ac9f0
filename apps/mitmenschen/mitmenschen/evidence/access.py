"""Who may read the round table's evidence: staff only. The figures span every organisation, so a
partner user (who may read its own cases) must not reach them through a card or a PDF."""

import frappe
from frappe import _

STAFF_ROLES = ("Mit:Menschen Clerk", "Mit:Menschen Manager", "System Manager")


def require_staff() -> None:
	"""Like `frappe.only_for`, but also in tests (which `only_for` lets through)."""
	if set(STAFF_ROLES).isdisjoint(frappe.get_roles()):
		raise frappe.PermissionError(_("Only the cooperative's staff can read these figures."))
