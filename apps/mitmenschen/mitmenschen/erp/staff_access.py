"""Staff may read the ERP records our records link to.

A clerk opens a household's tenant (a Customer in stock ERPNext) and its flat (a Location) from the
link on the form, and works with our connections panel on them; without read on those doctypes the
link says "no permission" and the panel is out of reach. ERPNext gives our roles nothing, so we add
one read-only rule per staff role on the tenant and property doctypes named in the settings, as
Frappe's Role Permissions Manager does: Custom DocPerm rows (the doctype's standard rules are copied
into Custom DocPerm first, which is how Frappe customises permissions). Granted on install and
migrate, moved when the settings point at other doctypes, removed on uninstall. A doctype whose
custom rules are then only the copies of its standard ones is reset to them, so that it follows
ERPNext's own rules again after an update.

A rule of ours is a staff role's level-0 rule with read and nothing else; a rule with more rights
was made or widened by someone else and stays.
"""

from collections.abc import Iterable

import frappe
from frappe.core.doctype.doctype.doctype import clear_permissions_cache
from frappe.permissions import reset_perms, rights, setup_custom_perms

from mitmenschen.erp.records import get_property_doctype, get_tenant_doctype

STAFF_ROLES = ("Mit:Menschen Clerk", "Mit:Menschen Manager")
READ_ONLY = {right: int(right == "read") for right in rights}


def erp_doctypes() -> set[str]:
	"""The ERP doctypes our records link to, as the settings name them."""
	return {get_tenant_doctype(), get_property_doctype()}


def grant_staff_access(doctypes: Iterable[str] | None = None) -> None:
	"""Read for every staff role on these doctypes (default: the configured ones); idempotent."""
	for doctype in sorted(erp_doctypes() if doctypes is None else set(doctypes)):
		missing = [
			role for role in STAFF_ROLES if frappe.db.exists("Role", role) and not _rule(doctype, role)
		]
		if not missing:
			continue
		setup_custom_perms(doctype)
		for role in missing:
			if _rule(doctype, role):  # the standard rules, now copied, had one
				continue
			frappe.get_doc(
				{
					"doctype": "Custom DocPerm",
					"parent": doctype,
					"parenttype": "DocType",
					"parentfield": "permissions",
					"role": role,
					"permlevel": 0,
					**READ_ONLY,
				}
			).insert(ignore_permissions=True)
		clear_permissions_cache(doctype)


def revoke_staff_access(doctypes: Iterable[str] | None = None) -> None:
	"""Remove our read rules from these doctypes (default: the configured ones)."""
	for doctype in sorted(erp_doctypes() if doctypes is None else set(doctypes)):
		ours = [name for role in STAFF_ROLES if (name := _rule(doctype, role, only_ours=True))]
		if not ours:
			continue
		frappe.db.delete("Custom DocPerm", {"name": ("in", ours)})
		if only_standard_rules_left(doctype):
			reset_perms(doctype)
		clear_permissions_cache(doctype)


def move_staff_access(previous: Iterable[str]) -> None:
	"""After the settings changed: off the doctypes no longer named, onto the ones named now."""
	current = erp_doctypes()
	revoke_staff_access(set(previous) - current)
	grant_staff_access(current)


def _rule(doctype: str, role: str, only_ours: bool = False) -> str | None:
	"""The name of the role's level-0 Custom DocPerm on the doctype, with only_ours: if it is read-only."""
	filters = {"parent": doctype, "role": role, "permlevel": 0, "if_owner": 0}
	if only_ours:
		filters |= READ_ONLY
	return frappe.db.get_value("Custom DocPerm", filters, "name")


def only_standard_rules_left(doctype: str) -> bool:
	"""Whether the Custom DocPerm rows are just a copy of the standard ones (then they can go)."""
	fields = ["role", "permlevel", "if_owner", *rights]

	def rules(perm_doctype: str) -> list[tuple]:
		rows = frappe.get_all(perm_doctype, filters={"parent": doctype}, fields=fields)
		return sorted(tuple(row[field] or 0 for field in fields) for row in rows)

	return rules("Custom DocPerm") == rules("DocPerm")
