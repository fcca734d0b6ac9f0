"""Partner isolation: a Partner User sees only what concerns their own organisation.

Frappe asks two kinds of hooks: `permission_query_conditions` narrow every list, report, search,
count and link query (one SQL condition on an indexed column, so isolation costs nothing at
scale); `has_permission` decides for a single document (form, API get, print, attachments,
comments and versions go through it). Both give the same answer by construction: each doctype
has one rule, "the organisation this record belongs to", used as SQL and as a Python check.

Staff and everybody else are left to Frappe's role permissions (the hooks return no opinion);
Partner User holds only read permission, so every change goes through the portal's own API.
"""

import frappe

from mitmenschen.partners.access import get_partner_organisation, is_partner_user

NOTHING = "1=0"


def _condition(user: str | None, sql_for_organisation) -> str:
	user = user or frappe.session.user
	if not is_partner_user(user):
		return ""
	organisation = get_partner_organisation(user)
	return sql_for_organisation(frappe.db.escape(organisation)) if organisation else NOTHING


def _decide(doc, user: str | None, organisation_of) -> bool | None:
	user = user or frappe.session.user
	if not is_partner_user(user):
		return None
	organisation = get_partner_organisation(user)
	return bool(organisation) and organisation_of(doc) == organisation


# ---- Mediation Case: referred to the organisation ---------------------------------------------
def case_query(user: str | None = None) -> str:
	return _condition(user, lambda org: f"`tabMediation Case`.`referred_to` = {org}")


def case_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _decide(doc, user, lambda d: d.get("referred_to"))


# ---- Round Table Action: owned by the organisation ---------------------------------------------
def action_query(user: str | None = None) -> str:
	return _condition(user, lambda org: f"`tabRound Table Action`.`partner_organisation` = {org}")


def action_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _decide(doc, user, lambda d: d.get("partner_organisation"))


# ---- Round Table Meeting: the organisation is among the attendees ------------------------------
def meeting_query(user: str | None = None) -> str:
	return _condition(
		user,
		lambda org: (
			"`tabRound Table Meeting`.`name` in (select `parent` from `tabRound Table Attendee` "
			f"where `parenttype` = 'Round Table Meeting' and `partner_organisation` = {org})"
		),
	)


def meeting_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	def invited_organisation(meeting) -> str | None:
		organisation = get_partner_organisation(user or frappe.session.user)
		invited = {row.partner_organisation for row in meeting.get("attendees") or []}
		return organisation if organisation in invited else None

	return _decide(doc, user, invited_organisation)


# ---- Partner Organisation and Partner Contact: its own profile ---------------------------------
def organisation_query(user: str | None = None) -> str:
	return _condition(user, lambda org: f"`tabPartner Organisation`.`name` = {org}")


def organisation_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _decide(doc, user, lambda d: d.get("name"))


def contact_query(user: str | None = None) -> str:
	return _condition(user, lambda org: f"`tabPartner Contact`.`partner_organisation` = {org}")


def contact_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _decide(doc, user, lambda d: d.get("partner_organisation"))
