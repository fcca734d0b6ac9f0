"""The app's part in Frappe's Personal Data Download / Deletion Requests (by email address).

`EMAIL_IDENTIFIED` is what the `user_data_fields` hook in hooks.py declares: Frappe finds our records
by the email field and overwrites the listed fields (the email itself becomes the request's anonymous
address).
Frappe does not look at the records' versions, which still hold the old values because all our
doctypes track changes; `scrub_redacted_history` runs after each deletion step and removes those
versions of the redacted records.
"""

import frappe
from frappe.query_builder import DocType

# doctype → (field holding the person's email, fields naming or reaching that person)
EMAIL_IDENTIFIED = {
	"Mediation Case": ("reporter_email", ["reporter_name", "reporter_phone"]),
	"Partner Contact": ("email", ["full_name", "phone"]),
}


def scrub_redacted_history(request, method: str | None = None) -> None:
	"""After Frappe redacted one of our doctypes, delete the versions that remember the old values.

	The step is saved once per doctype; records already scrubbed no longer have such versions, so
	running again finds nothing to do."""
	done = {step.document_type for step in request.deletion_steps if step.status == "Deleted"}
	for doctype, (email_field, fields) in EMAIL_IDENTIFIED.items():
		if doctype not in done:
			continue
		# Frappe replaced the address by the request's name (deleted-user-…@site)
		names = frappe.get_all(doctype, filters={email_field: request.name}, pluck="name")
		if names:
			delete_versions_mentioning(doctype, names, [email_field, *fields], request.email)


def delete_versions_mentioning(doctype: str, names: list[str], fields: list[str], email: str) -> None:
	version = DocType("Version")
	mentions = version.data.like(f"%{email}%")
	for field in fields:
		mentions = mentions | version.data.like(f'%"{field}"%')
	(
		frappe.qb.from_(version)
		.delete()
		.where((version.ref_doctype == doctype) & version.docname.isin(names) & mentions)
		.run()
	)
