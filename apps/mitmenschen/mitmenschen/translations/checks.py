"""A volunteer's translation, checked by a native speaker, goes into the site without a deploy.

Frappe's own Translation doctype (desk: /app/translation) holds translations entered on the site:
`frappe._` and the portal use one as soon as it is saved (Frappe clears its translation cache on
save), and `bench migrate` or an update of the app leaves the records alone. A volunteer or partner
contact gets a desk user with Frappe's role "Translator" (rights on Translation, our Language
Coverage report); clerks with that role enter what volunteers send by mail.

Custom fields on Translation record the check: the box "Checked by a native speaker", and, set when
it is ticked or the text changes, who checked it, when, and the German text it was checked against.
When the German changes later the coverage report shows the translation as outdated.
"""

import frappe
from frappe.core.doctype.doctype.doctype import clear_permissions_cache
from frappe.custom.doctype.custom_field.custom_field import create_custom_fields
from frappe.permissions import reset_perms, setup_custom_perms
from frappe.utils import now_datetime

from mitmenschen.erp.staff_access import only_standard_rules_left
from mitmenschen.translations.coverage import german_of

TRANSLATOR_ROLE = "Translator"  # Frappe's own role: create, read and write Translation
# Staff enter what volunteers send and open the coverage report (its reference doctype is Translation).
STAFF_RIGHTS = {
	"Mit:Menschen Clerk": ("read", "write", "create", "report", "export"),
	"Mit:Menschen Manager": ("read", "write", "create", "delete", "report", "export"),
}

CUSTOM_FIELDS = {
	"Translation": [
		{
			"fieldname": "mm_check_section",
			"fieldtype": "Section Break",
			"label": "Check",
			"insert_after": "translated_text",
		},
		{
			"fieldname": "mm_checked",
			"fieldtype": "Check",
			"label": "Checked by a native speaker",
			"insert_after": "mm_check_section",
			"in_list_view": 1,
			"in_standard_filter": 1,
		},
		{
			"fieldname": "mm_checked_by",
			"fieldtype": "Link",
			"options": "User",
			"label": "Checked By",
			"read_only": 1,
			"depends_on": "mm_checked",
			"insert_after": "mm_checked",
		},
		{
			"fieldname": "mm_checked_on",
			"fieldtype": "Datetime",
			"label": "Checked On",
			"read_only": 1,
			"depends_on": "mm_checked",
			"insert_after": "mm_checked_by",
		},
		{
			"fieldname": "mm_checked_german",
			"fieldtype": "Small Text",
			"label": "German Text When Checked",
			"read_only": 1,
			"depends_on": "mm_checked",
			"insert_after": "mm_checked_on",
		},
	]
}


def after_migrate() -> None:
	"""On install and migrate; idempotent (Frappe updates existing custom fields in place)."""
	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True, update=True)
	grant_staff_rights()


def grant_staff_rights() -> None:
	"""Clerks and managers work with Translation records (Custom DocPerm rows, as Frappe's Role
	Permissions Manager makes them); idempotent, and a rule someone changed in the desk stays."""
	missing = [
		role
		for role in STAFF_RIGHTS
		if frappe.db.exists("Role", role)
		and not frappe.db.exists("Custom DocPerm", {"parent": "Translation", "role": role, "permlevel": 0})
	]
	if not missing:
		return
	setup_custom_perms("Translation")
	for role in missing:
		frappe.get_doc(
			{
				"doctype": "Custom DocPerm",
				"parent": "Translation",
				"parenttype": "DocType",
				"parentfield": "permissions",
				"role": role,
				"permlevel": 0,
				**dict.fromkeys(STAFF_RIGHTS[role], 1),
			}
		).insert(ignore_permissions=True)
	clear_permissions_cache("Translation")


def before_uninstall() -> None:
	"""Frappe's Translation stays with the site: take our fields and our staff rules off it again."""
	for field in CUSTOM_FIELDS["Translation"]:
		if name := frappe.db.exists("Custom Field", {"dt": "Translation", "fieldname": field["fieldname"]}):
			frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	frappe.db.delete("Custom DocPerm", {"parent": "Translation", "role": ("in", list(STAFF_RIGHTS))})
	if only_standard_rules_left("Translation"):
		reset_perms("Translation")
	clear_permissions_cache("Translation")
	frappe.clear_cache(doctype="Translation")


def stamp_check(doc, method: str | None = None) -> None:
	"""doc_events Translation.validate: who checked, when, against which German; cleared when unticked."""
	if not doc.get("mm_checked"):
		doc.mm_checked_by = doc.mm_checked_on = doc.mm_checked_german = None
		return
	changed = doc.is_new() or any(
		doc.has_value_changed(field) for field in ("mm_checked", "translated_text", "source_text", "context")
	)
	if changed or not doc.mm_checked_by:
		doc.mm_checked_by = frappe.session.user
		doc.mm_checked_on = now_datetime()
		doc.mm_checked_german = german_of((doc.source_text, doc.context or None))
