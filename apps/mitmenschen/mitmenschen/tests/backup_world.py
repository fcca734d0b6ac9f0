"""The backup → restore test's two ends (tests/test_backup_restore.py): a signed consent form attached
privately to a demo household on the source site, and a snapshot to compare source and restored site by.
"""

import hashlib

import frappe

from mitmenschen.demo import data

CONSENT_FIELDS = (
	"idx",
	"purpose",
	"partner_organisation",
	"given_on",
	"expires_on",
	"withdrawn_on",
	"attachment",
)


def consent_household() -> str:
	"""The first demo family with consents."""
	family = next(family["family_name"] for family in data.HOUSEHOLDS if family["consents"])
	return frappe.db.get_value("Refugee Household", {"family_name": family}, "name")


def attach_consent_form(path: str) -> dict:
	"""Attach the file at `path` as a private file to the household's first consent row; commits."""
	with open(path, "rb") as file:
		content = file.read()
	household = frappe.get_doc("Refugee Household", consent_household())
	attachment = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "einwilligung-unterschrieben.pdf",
			"attached_to_doctype": "Refugee Household",
			"attached_to_name": household.name,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	household.consents[0].attachment = attachment.file_url
	household.save(ignore_permissions=True)
	frappe.db.commit()
	return {"household": household.name, "file_url": attachment.file_url}


def app_doctypes() -> list[str]:
	"""Every doctype of our app's modules that has a table of its own (child tables too)."""
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", frappe.get_module_list("mitmenschen")], "issingle": 0, "is_virtual": 0},
		pluck="name",
		order_by="name",
	)


def snapshot() -> dict:
	"""Row counts of every app doctype, one household's consent rows, the sha256 of their attachments."""
	household = consent_household()
	consents = frappe.get_all(
		"Household Consent",
		filters={"parent": household, "parenttype": "Refugee Household"},
		fields=["name", *CONSENT_FIELDS],
		order_by="idx",
	)
	attachments = {}
	for row in consents:
		if row.attachment:
			with open(frappe.get_doc("File", {"file_url": row.attachment}).get_full_path(), "rb") as file:
				attachments[row.attachment] = hashlib.sha256(file.read()).hexdigest()
	return {
		"counts": {doctype: frappe.db.count(doctype) for doctype in app_doctypes()},
		"household": household,
		"consents": [
			{key: str(value) if value is not None else None for key, value in row.items()} for row in consents
		],
		"attachments": attachments,
	}
