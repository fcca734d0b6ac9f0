"""A partner that runs its own pool manages its own mediators and sees no one else's (and nothing
else of the pool: bookings and translations are staff-only by role). Same pair of hooks as
access/permissions.py: one rule as SQL for lists and as a check for a single mediator."""

import frappe

from mitmenschen.access.identity import get_partner_organisation, is_partner_user

NOTHING = "1=0"


def mediator_query(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not is_partner_user(user):
		return ""
	organisation = get_partner_organisation(user)
	if not organisation:
		return NOTHING
	return f"`tabLanguage Mediator`.`partner_organisation` = {frappe.db.escape(organisation)}"


def mediator_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if not is_partner_user(user):
		return None
	organisation = get_partner_organisation(user)
	return bool(organisation) and doc.get("partner_organisation") == organisation
