"""Small factories for tests: each builds one record with sensible defaults and returns the doc."""

import frappe
from frappe.utils import random_string

from mitmenschen.workflows.definitions import seed_state


def unique(prefix: str) -> str:
	return f"{prefix} {random_string(6)}"


def make_location(name: str, parent: str | None = None, is_group: int = 0):
	if frappe.db.exists("Location", name):
		return frappe.get_doc("Location", name)
	return frappe.get_doc(
		{"doctype": "Location", "location_name": name, "parent_location": parent, "is_group": is_group}
	).insert()


def make_flat(district: str | None = None, building: str | None = None, flat: str | None = None) -> dict:
	"""District → building → flat in ERPNext's Location tree; returns the three names."""
	district = make_location(district or unique("Bezirk"), is_group=1).name
	building = make_location(building or unique("Haus"), parent=district, is_group=1).name
	flat = make_location(flat or unique("Wohnung"), parent=building).name
	return {"district": district, "building": building, "flat": flat}


def make_tenant(name: str | None = None):
	customer_name = name or unique("Mieterin")
	return frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": customer_name,
			"customer_type": "Individual",
			"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0})
			or frappe.db.get_value("Customer Group", {}),
			"territory": frappe.db.get_value("Territory", {"is_group": 0})
			or frappe.db.get_value("Territory", {}),
		}
	).insert()


def make_language(code: str, name: str | None = None) -> str:
	if not frappe.db.exists("Language", code):
		frappe.get_doc({"doctype": "Language", "language_code": code, "language_name": name or code}).insert()
	return code


def make_category(name: str | None = None, **overrides):
	name = name or unique("Kategorie")
	if frappe.db.exists("Case Category", name):
		return frappe.get_doc("Case Category", name)
	return frappe.get_doc({"doctype": "Case Category", "category_name": name, **overrides}).insert()


def make_service_type(name: str | None = None):
	name = name or unique("Dienst")
	if frappe.db.exists("Service Type", name):
		return frappe.get_doc("Service Type", name)
	return frappe.get_doc({"doctype": "Service Type", "service_name": name}).insert()


def make_partner(name: str | None = None, status: str = "Active", **overrides):
	"""A partner organisation already through onboarding (seeded into `status`, not walked)."""
	doc = frappe.get_doc(
		{
			"doctype": "Partner Organisation",
			"organisation_name": name or unique("Partner"),
			"organisation_type": "NGO",
			**overrides,
		}
	).insert()
	if status != doc.status:
		seed_state(doc.doctype, doc.name, status)
		doc.reload()
	return doc


def make_contact(partner: str, **overrides):
	return frappe.get_doc(
		{
			"doctype": "Partner Contact",
			"full_name": unique("Kontakt"),
			"partner_organisation": partner,
			**overrides,
		}
	).insert()


def make_household(**overrides):
	return frappe.get_doc(
		{"doctype": "Refugee Household", "family_name": unique("Familie"), **overrides}
	).insert()


def make_case(**overrides):
	if "category" not in overrides:
		overrides["category"] = make_category().name
	return frappe.get_doc({"doctype": "Mediation Case", "subject": unique("Fall"), **overrides}).insert()


def make_staff_user(*roles: str, language: str = "de") -> str:
	"""An enabled desk user with exactly these roles (e.g. only the Clerk role)."""
	email = f"{random_string(8).lower()}@staff.example"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": unique("Mitarbeiterin"),
			"language": language,
			"send_welcome_email": 0,
			"roles": [{"role": role} for role in roles],
		}
	).insert(ignore_permissions=True)
	return email


def make_action(partner: str, contact: str | None = None, **overrides):
	"""A round-table action owned by a partner organisation (and its contact), due in two weeks."""
	return frappe.get_doc(
		{
			"doctype": "Round Table Action",
			"title": unique("Hausordnung übersetzen"),
			"partner_organisation": partner,
			"owner_contact": contact,
			"due_date": frappe.utils.add_days(frappe.utils.nowdate(), 14),
			**overrides,
		}
	).insert(ignore_permissions=True)


def make_meeting(partner: str, contact: str | None = None, **overrides):
	"""A round-table meeting in a month with the partner (and its contact) invited."""
	return frappe.get_doc(
		{
			"doctype": "Round Table Meeting",
			"title": unique("Runder Tisch"),
			"starts_on": frappe.utils.add_to_date(frappe.utils.now_datetime(), days=30),
			"attendees": [{"partner_organisation": partner, "contact": contact}],
			**overrides,
		}
	).insert(ignore_permissions=True)
