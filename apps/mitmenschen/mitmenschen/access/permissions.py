"""Partner isolation: a Partner User sees only what concerns their own organisation.

Frappe asks two kinds of hooks: `permission_query_conditions` narrow every list, report, search,
count and link query (one SQL condition on an indexed column, so isolation costs nothing at
scale); `has_permission` decides for a single document (form, API get, print, attachments,
comments and versions go through it). Both give the same answer by construction: each doctype
has one rule, "the organisation this record belongs to", used as SQL and as a Python check.

Staff and everybody else are left to Frappe's role permissions (the hooks return no opinion);
Partner User holds only read permission, so every change goes through the portal's own API.

Frappe hides fields above a user's permlevel from the *result* of a query but still lets them be
*filtered* or sorted on: asking "cases whose reporter_email is x?" would reveal the confidential
reporter by inference. A partner's request that names such a field gets an empty answer.
"""

import re

import frappe

from mitmenschen.access.identity import get_partner_organisation, is_partner_user

NOTHING = "1=0"
APP_MODULES = ("Households", "Mediation", "Partners", "Round Table", "Mitmenschen Setup", "Escalation")


def confidential_fieldnames() -> frozenset[str]:
	"""Fields of our doctypes above permlevel 0: staff-only by design (reporter, private notes).
	Looked up once per request."""
	names = getattr(frappe.local, "mitmenschen_confidential_fields", None)
	if names is None:
		doctypes = frappe.get_all("DocType", filters={"module": ("in", APP_MODULES)}, pluck="name")
		names = frozenset(
			frappe.get_all(
				"DocField", filters={"permlevel": (">", 0), "parent": ("in", doctypes)}, pluck="fieldname"
			)
		)
		frappe.local.mitmenschen_confidential_fields = names
	return names


def request_names_confidential_field() -> bool:
	request = getattr(frappe.local, "form_dict", None)
	if not request:
		return False
	text = " ".join(str(value) for value in request.values())
	return any(re.search(rf"\b{fieldname}\b", text) for fieldname in confidential_fieldnames())


def _condition(user: str | None, sql_for_organisation) -> str:
	user = user or frappe.session.user
	if not is_partner_user(user):
		return ""
	organisation = get_partner_organisation(user)
	if not organisation or request_names_confidential_field():
		return NOTHING
	return sql_for_organisation(frappe.db.escape(organisation))


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


# ---- Household Referral: referred to the organisation, as a case ------------------------------
def household_referral_query(user: str | None = None) -> str:
	return _condition(user, lambda org: f"`tabHousehold Referral`.`partner_organisation` = {org}")


def household_referral_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	return _decide(doc, user, lambda d: d.get("partner_organisation"))


# ---- Communication: a case's emails carry the reporter's address; partners never read them -----
def communication_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if doc.get("reference_doctype") == "Mediation Case" and is_partner_user(user):
		return False
	return None


# ---- Indexes: a partner's list is its organisation's rows in the desk's default order ----------
PARTNER_INDEXES = {
	"Mediation Case": ["referred_to", "creation"],
	"Round Table Action": ["partner_organisation", "creation"],
}


def add_partner_index(doctype: str) -> None:
	"""Called from the doctypes' `on_doctype_update`: the partner's condition plus the sort in one
	index, so a partner's page of 20 is read straight from it instead of sorting all its rows."""
	frappe.db.add_index(doctype, PARTNER_INDEXES[doctype], "partner_list_idx")
