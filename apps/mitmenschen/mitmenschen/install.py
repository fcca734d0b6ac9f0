"""Install-time setup. Idempotent: `bench migrate` runs it again and must not duplicate anything."""

import frappe

import mitmenschen.backups.setup
import mitmenschen.escalation.setup
import mitmenschen.households.house_rules_sample
import mitmenschen.households.onboarding_setup
import mitmenschen.mitmenschen_setup.staff_desk
import mitmenschen.mediation.setup
import mitmenschen.round_table.setup
import mitmenschen.translations.checks
from mitmenschen.erp.records import sync_connections, sync_doctype_defaults
from mitmenschen.erp.staff_access import grant_staff_access
from mitmenschen.language import ensure_languages
from mitmenschen.workflows.definitions import ensure_workflows

ROLES: dict[str, dict] = {
	"Mit:Menschen Clerk": {"desk_access": 1},
	"Mit:Menschen Manager": {"desk_access": 1},
	"Partner User": {"desk_access": 0},
}


def after_install() -> None:
	after_migrate()


def after_migrate() -> None:
	ensure_roles()
	sync_doctype_defaults()
	sync_connections()
	grant_staff_access()
	ensure_workflows()
	ensure_languages()
	mitmenschen.translations.checks.after_migrate()  # who checked a translation; staff rights
	ensure_escalation()
	mitmenschen.households.house_rules_sample.ensure_sample()
	mitmenschen.backups.setup.after_migrate()  # encrypted backups, a key in site_config.json
	mitmenschen.mitmenschen_setup.staff_desk.after_migrate()  # the clerk's desk: our workspace first


def ensure_escalation() -> None:
	"""The engine first (it makes the options its clients' ladders use), then each client's data."""
	mitmenschen.escalation.setup.after_migrate()
	mitmenschen.mediation.setup.after_migrate()
	mitmenschen.round_table.setup.after_migrate()
	mitmenschen.households.onboarding_setup.after_migrate()


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
