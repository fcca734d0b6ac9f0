"""Who may open a portal page, and the one rule every partner read obeys: only the own organisation.

Reads go through permission-checked calls as the logged-in user (`frappe.get_list`, which applies
the role permissions and the partner `permission_query_conditions`) *and* filter by the caller's
organisation themselves, so a gap in either layer still shows nothing of another organisation.
A record of another organisation is reported as missing (404), never as forbidden, so its name
does not even confirm that it exists.
"""

import frappe
from frappe import _

from mitmenschen.access.identity import get_partner_organisation, is_partner_user

SETTINGS = "Mitmenschen Settings"


class PortalDisabledError(frappe.PermissionError):
	pass


class PortalNotFoundError(frappe.PageDoesNotExistError):
	"""Frappe renders its plain 404 page for this (a DoesNotExistError would show an error page)."""


def require_login() -> None:
	if frappe.session.user == "Guest":
		raise frappe.PermissionError(_("Please log in to see this page."))


def portal_enabled(kind: str) -> bool:
	"""kind: partner | tenant — the switches in Mit:Menschen Settings."""
	return bool(frappe.get_cached_doc(SETTINGS).get(f"{kind}_portal_enabled"))


def require_partner_organisation() -> str:
	"""The organisation of the logged-in Partner User, or a 403 page."""
	require_login()
	if not portal_enabled("partner"):
		raise PortalDisabledError(_("The partner portal is switched off."))
	organisation = get_partner_organisation() if is_partner_user() else None
	if not organisation:
		raise frappe.PermissionError(
			_("This page is for partner organisations with portal access. Please ask the cooperative.")
		)
	return organisation


def not_found(doctype: str) -> None:
	raise PortalNotFoundError(_("{0} not found.").format(_(doctype)))


def own_record(doctype: str, name: str | None, org_field: str, organisation: str, fields: list[str]):
	"""One record of the organisation, read as the user; 404 for anything else."""
	if not name or not isinstance(name, str):
		not_found(doctype)
	rows = frappe.get_list(
		doctype, filters={"name": name, org_field: organisation}, fields=fields, limit_page_length=1
	)
	if not rows:
		not_found(doctype)
	return rows[0]
