"""Where the ERP keeps tenants and property units, and how our records point at them.

Our doctypes never copy ERP records: they hold a Dynamic Link whose DocType comes from the
settings (stock ERPNext: `Customer` for tenants, the `Location` tree for districts, buildings and
flats). Frappe then validates the links, renames them with the record and refuses to delete a
record we still point at.
"""

import frappe
from frappe import _
from frappe.utils.nestedset import get_ancestors_of

SETTINGS = "Mitmenschen Settings"

# The hidden DocType fields that drive our Dynamic Links, per doctype (child tables included).
DOCTYPE_FIELDS: dict[str, dict[str, str]] = {
	"Refugee Household": {"tenant": "tenant_doctype", "property": "property_doctype"},
	"Mediation Case": {"tenant": "tenant_doctype", "property": "property_doctype"},
	"Partner District": {"property": "property_doctype"},
	"Hotline Assignment": {"property": "property_doctype"},
	"House Rules Scope": {"property": "property_doctype"},
}
# Which link field shows our records in the ERP record's connections panel.
CONNECTION_FIELDS: dict[str, dict[str, str]] = {
	"tenant": {"Refugee Household": "tenant", "Mediation Case": "reporter_tenant"},
	"property": {"Refugee Household": "property_unit", "Mediation Case": "property_unit"},
}
CONNECTION_GROUP = "Mit:Menschen"


def get_tenant_doctype() -> str:
	return frappe.db.get_single_value(SETTINGS, "tenant_doctype") or "Customer"


def get_property_doctype() -> str:
	return frappe.db.get_single_value(SETTINGS, "property_doctype") or "Location"


def set_erp_doctypes(doc) -> None:
	"""Point the hidden DocType fields of a document's Dynamic Links at the configured ERP doctypes."""
	if doc.meta.has_field("tenant_doctype"):
		doc.tenant_doctype = get_tenant_doctype()
	if doc.meta.has_field("property_doctype"):
		doc.property_doctype = get_property_doctype()


def sync_doctype_defaults() -> None:
	"""Make the configured ERP doctypes the defaults of our hidden DocType fields.

	Frappe validates a Dynamic Link before any controller hook runs on insert, so the DocType it
	points at must already be there as a default: a Property Setter, as Customize Form would make.
	"""
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	targets = {"tenant": get_tenant_doctype(), "property": get_property_doctype()}
	for doctype, fields in DOCTYPE_FIELDS.items():
		for kind, fieldname in fields.items():
			if frappe.get_meta(doctype).get_field(fieldname).default != targets[kind]:
				make_property_setter(
					doctype, fieldname, "default", targets[kind], "Text", validate_fields_for_doctype=False
				)


def set_district(doc) -> None:
	"""Derive a document's district from its property unit when that unit is new or changed."""
	if doc.property_unit and (doc.is_new() or doc.has_value_changed("property_unit") or not doc.district):
		doc.district = get_district(doc.property_unit) or doc.district


def get_district(property_unit: str | None) -> str | None:
	"""The district of a property unit: the top group node above it in the property tree.

	With a property doctype that is not a tree there is no district to derive.
	"""
	if not property_unit:
		return None
	doctype = get_property_doctype()
	meta = frappe.get_meta(doctype)
	if not meta.is_nested_set() or not frappe.db.exists(doctype, property_unit):
		return None
	ancestors = get_ancestors_of(doctype, property_unit, order_by="lft asc", limit=1)
	return ancestors[0] if ancestors else property_unit


def get_record_title(doctype: str, name: str | None) -> str | None:
	"""A record's human title (e.g. the customer's name), for display beside the link."""
	if not name:
		return None
	title_field = frappe.get_meta(doctype).get_title_field()
	return frappe.db.get_value(doctype, name, title_field) or name


def sync_connections() -> None:
	"""Show our households and cases in the connections panel of the ERP's tenant and property records.

	Uses Frappe's own custom DocType Links (the same as Customize Form → Links), so the ERP doctypes
	stay untouched; links pointing at a doctype no longer configured are removed.
	"""
	targets = {"tenant": get_tenant_doctype(), "property": get_property_doctype()}
	wanted = {
		(targets[kind], our_doctype, fieldname)
		for kind, fields in CONNECTION_FIELDS.items()
		for our_doctype, fieldname in fields.items()
	}
	existing = frappe.get_all(
		"DocType Link",
		filters={"custom": 1, "group": CONNECTION_GROUP, "parenttype": "DocType"},
		fields=["name", "parent", "link_doctype", "link_fieldname"],
	)
	for link in existing:
		if (link.parent, link.link_doctype, link.link_fieldname) not in wanted:
			frappe.db.delete("DocType Link", link.name)
			frappe.clear_cache(doctype=link.parent)
	have = {(link.parent, link.link_doctype, link.link_fieldname) for link in existing}
	for parent, link_doctype, fieldname in sorted(wanted - have):
		frappe.get_doc(
			{
				"doctype": "DocType Link",
				"parent": parent,
				"parenttype": "DocType",
				"parentfield": "links",
				"link_doctype": link_doctype,
				"link_fieldname": fieldname,
				"group": CONNECTION_GROUP,
				"custom": 1,
			}
		).db_insert()
		frappe.clear_cache(doctype=parent)


def validate_erp_doctype(doctype: str, label: str) -> None:
	"""Settings may only point at regular doctypes: not child tables, not singles."""
	istable, issingle = frappe.db.get_value("DocType", doctype, ["istable", "issingle"]) or (0, 0)
	if istable or issingle:
		frappe.throw(
			_("{0} cannot hold {1}: choose a regular DocType.").format(frappe.bold(_(doctype)), _(label)),
			title=_("Invalid DocType"),
		)
