"""Three of Frappe's whitelisted methods, closed where they would bypass partner isolation.

- `frappe.client.get_count` counts with plain SQL, without any permission check: any logged-in
  user could count any doctype by any filter. Ours counts through `frappe.get_list`, so role
  permissions and our permission hooks apply.
- `frappe.desk.form.load.getdoc` / `get_docinfo` return a document's timeline: its emails (the
  reporter's address), versions (old field values of every permlevel) and comments. They serve
  the desk; partners have no desk, and the portal shows them a curated timeline instead.
"""

import frappe
from frappe import _
from frappe.client import get_safe_filters
from frappe.desk.form import load
from frappe.model.document import Document

from mitmenschen.access.identity import is_partner_user


@frappe.whitelist()
def get_count(
	doctype: str, filters: str | dict | list | None = None, debug: bool = False, cache: bool = False
) -> int:
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"], limit=1)
	return rows[0].count if rows else 0


def refuse_partners() -> None:
	if is_partner_user():
		raise frappe.PermissionError(_("The document timeline is not available in the partner portal."))


@frappe.whitelist()
def getdoc(doctype: str, name: str):
	refuse_partners()
	return load.getdoc(doctype, name)


@frappe.whitelist()
def get_docinfo(doc: Document | None = None, doctype: str | None = None, name: str | None = None) -> None:
	refuse_partners()
	return load.get_docinfo(doc, doctype, name)
