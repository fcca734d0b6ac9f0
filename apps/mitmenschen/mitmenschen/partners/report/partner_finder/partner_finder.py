# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Partner Finder: "who helps with noise in Lehe in Arabic?" in one search."""

import frappe
from frappe import _

from mitmenschen.partners.routing import find_partners


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	matches = find_partners(
		category=filters.category,
		district=filters.district,
		language=filters.language,
		service_type=filters.service_type,
	)
	return get_columns(), [present(match.as_dict()) for match in matches]


def present(row: dict) -> dict:
	organisation_type = row["organisation_type"]
	row["organisation_type"] = _(organisation_type)
	for key in ("languages", "services", "districts"):
		row[key] = ", ".join(_(value) for value in row[key]) if key == "services" else ", ".join(row[key])
	return row


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Partner Organisation"),
			"fieldname": "partner_organisation",
			"fieldtype": "Link",
			"options": "Partner Organisation",
			"width": 220,
		},
		{"label": _("Type"), "fieldname": "organisation_type", "fieldtype": "Data", "width": 120},
		{
			"label": _("Responsible Contact"),
			"fieldname": "contact",
			"fieldtype": "Link",
			"options": "Partner Contact",
			"width": 120,
		},
		{"label": _("Name"), "fieldname": "contact_name", "fieldtype": "Data", "width": 150},
		{"label": _("Phone"), "fieldname": "phone", "fieldtype": "Data", "width": 130},
		{"label": _("Email"), "fieldname": "email", "fieldtype": "Data", "width": 180},
		{
			"label": _("Deputy"),
			"fieldname": "deputy",
			"fieldtype": "Link",
			"options": "Partner Contact",
			"width": 110,
		},
		{"label": _("Hot-Line Phone"), "fieldname": "hotline_phone", "fieldtype": "Data", "width": 130},
		{"label": _("Languages"), "fieldname": "languages", "fieldtype": "Data", "width": 150},
		{"label": _("Services Offered"), "fieldname": "services", "fieldtype": "Data", "width": 200},
		{"label": _("Districts Served"), "fieldname": "districts", "fieldtype": "Data", "width": 150},
	]
