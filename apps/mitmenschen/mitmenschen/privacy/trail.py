"""The trail Frappe keeps beside a record: versions, comments, emails, files, assignments, logs.

Overwriting a record's fields is not enough to anonymise it: with `track_changes` every old value
lives on in `tabVersion`, comments and emails quote people by name, files hold scanned consent forms.
`scrub_trail` removes that trail for a batch of records with set-based, indexed deletes.

Rows are deleted with SQL on purpose: `frappe.delete_doc` would copy each row into `Deleted Document`,
i.e. keep the personal data under another name. Files go through `delete_doc(delete_permanently=True)`
because only the File controller removes the content from disk.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType

# Frappe clears these logs itself long before any retention period ends (Email Queue after about a
# month, Notification Log after months); they have no index on the reference, so only an erasure
# request, which must be complete at once, looks into them.
UNINDEXED_LOGS = (
	("Email Queue", "reference_doctype", "reference_name"),
	("Notification Log", "document_type", "document_name"),
)


def anonymised_text() -> str:
	"""What overwritten names and titles show, in the site's language."""
	return _("anonymised")


def scrub_trail(doctype: str, names: list[str], include_unindexed_logs: bool = False) -> None:
	"""Delete the versions, comments, communications, files, assignments and logs of these records."""
	if not names:
		return
	# files first: deleting one adds an "Attachment Removed" comment naming the file
	delete_communications(doctype, names)
	delete_files(doctype, names)
	frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", names)})
	frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", names)})
	frappe.db.delete("Activity Log", {"reference_doctype": doctype, "reference_name": ("in", names)})
	frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", names)})
	if include_unindexed_logs:
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": doctype, "reference_name": ("in", names)},
			pluck="name",
		)
		if queued:
			frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
		for log_doctype, doctype_field, name_field in UNINDEXED_LOGS:
			frappe.db.delete(log_doctype, {doctype_field: doctype, name_field: ("in", names)})


def delete_communications(doctype: str, names: list[str]) -> None:
	"""Emails filed under the records, or linked to their timeline, go with their attachments."""
	link = DocType("Communication Link")
	linked = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where((link.link_doctype == doctype) & link.link_name.isin(names))
		.run(pluck=True)
	)
	referenced = frappe.get_all(
		"Communication",
		filters={"reference_doctype": doctype, "reference_name": ("in", names)},
		pluck="name",
	)
	communications = list(set(linked) | set(referenced))
	if not communications:
		return
	delete_files("Communication", communications)
	frappe.db.delete("Communication Link", {"parent": ("in", communications)})
	frappe.db.delete("Communication", {"name": ("in", communications)})


def delete_files(doctype: str, names: list[str], file_urls: list[str] | None = None) -> None:
	"""Delete File records attached to the records (and any with the given URLs), content included."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": doctype, "attached_to_name": ("in", names)},
		pluck="name",
	)
	if file_urls:
		files += frappe.get_all("File", filters={"file_url": ("in", file_urls)}, pluck="name")
	for file in set(files):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True, delete_permanently=True)


# Frappe keeps a full JSON copy of every deleted document in `Deleted Document`, forever: a deleted
# case or a deleted email of a case would outlive every retention period there.
TRAIL_DOCTYPES = ("Comment", "Communication", "File", "Version", "ToDo", "Activity Log")


def purge_deleted_copies(
	doctypes: tuple[str, ...], older_than: str | None = None, mentioning: list[str] | None = None
) -> int:
	"""Delete the copies of deleted records of these doctypes and of trail rows that belonged to them,
	either all older than a date (retention) or those mentioning certain record names (erasure)."""
	copy = DocType("Deleted Document")
	of_our_records = copy.deleted_doctype.isin(doctypes)
	belonged_to_ours = None
	for doctype in doctypes:
		condition = copy.data.like(f'%"{doctype}"%')
		belonged_to_ours = condition if belonged_to_ours is None else belonged_to_ours | condition
	condition = of_our_records | (copy.deleted_doctype.isin(TRAIL_DOCTYPES) & belonged_to_ours)
	if older_than:
		condition = condition & (copy.creation < older_than)
	if mentioning:
		mentions = None
		for name in mentioning:
			needle = copy.data.like(f'%"{name}"%')
			mentions = needle if mentions is None else mentions | needle
		condition = condition & mentions
	names = frappe.qb.from_(copy).select(copy.name).where(condition).run(pluck=True)
	if names:
		frappe.db.delete("Deleted Document", {"name": ("in", names)})
	return len(names)
