"""Name keys (mitmenschen.names) for the households, members, mediators and case reporters entered
before keys existed: without one, the desk's search by spelling does not find them. Written with plain
updates (no save: no Version, no `modified`, no duplicate warnings)."""

import frappe

from mitmenschen.names import name_key

# doctype -> (key field, the name fields it is made of)
KEYED = {
	"Household Member": ("name_key", ("member_name",)),
	"Language Mediator": ("name_key", ("full_name",)),
	"Mediation Case": ("reporter_name_key", ("reporter_name",)),
	"Refugee Household": ("name_key", ("family_name", "tenant_name")),
}


def execute() -> None:
	for doctype, (key_field, name_fields) in KEYED.items():
		if not frappe.db.table_exists(doctype) or not frappe.get_meta(doctype).has_field(key_field):
			continue
		rows = frappe.get_all(doctype, filters={key_field: ("is", "not set")}, fields=["name", *name_fields])
		for row in rows:
			keys = []
			for field in name_fields:
				key = name_key(row.get(field))
				if key and key not in keys:
					keys.append(key)
			if keys:
				frappe.db.set_value(doctype, row.name, key_field, " ".join(keys), update_modified=False)
