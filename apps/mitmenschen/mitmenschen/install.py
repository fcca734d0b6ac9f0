"""Install-time setup. Idempotent: `bench migrate` runs it again and must not duplicate anything."""

import frappe

from mitmenschen.mitmenschen_setup.erp_records import sync_connections, sync_doctype_defaults
from mitmenschen.mitmenschen_setup.workflows import ensure_workflows
from mitmenschen.portal.language import ensure_sorani_language

ROLES: dict[str, dict] = {
	"Mit:Menschen Clerk": {"desk_access": 1},
	"Mit:Menschen Manager": {"desk_access": 1},
	"Partner User": {"desk_access": 0},
}


def after_install() -> None:
	ensure_roles()
	sync_doctype_defaults()
	sync_connections()
	ensure_workflows()
	ensure_sorani_language()


def after_migrate() -> None:
	ensure_roles()
	sync_doctype_defaults()
	sync_connections()
	ensure_workflows()
	ensure_sorani_language()


def ensure_roles() -> None:
	"""Create our roles, or correct them: syncing a doctype whose permissions name a missing role
	creates that role with Frappe's defaults (desk access), before after_install runs."""
	for role_name, properties in ROLES.items():
		if not frappe.db.exists("Role", role_name):
			frappe.get_doc({"doctype": "Role", "role_name": role_name, **properties}).insert(
				ignore_permissions=True
			)
			continue
		role = frappe.get_doc("Role", role_name)
		if any(role.get(key) != value for key, value in properties.items()):
			role.update(properties)
			role.save(ignore_permissions=True)
