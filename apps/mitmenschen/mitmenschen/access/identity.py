"""Who a portal user is: the Partner Organisation behind a Partner User.

A Partner User belongs to exactly one organisation, through the Partner Contact whose `user` is
them. Every permission hook and portal page asks these functions, never the tables directly, so
the rule lives in one place.
"""

import frappe

PARTNER_ROLE = "Partner User"
STAFF_ROLES = frozenset({"Mit:Menschen Clerk", "Mit:Menschen Manager", "System Manager"})
PORTAL_STATUS = "Active"  # only active organisations get portal access


def is_staff(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(STAFF_ROLES.intersection(frappe.get_roles(user)))


def is_partner_user(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return not is_staff(user) and PARTNER_ROLE in frappe.get_roles(user)


def get_partner_contact(user: str | None = None) -> str | None:
	"""The active Partner Contact record of a user, or None."""
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return None
	return frappe.db.get_value("Partner Contact", {"user": user, "active": 1}, "name")


CACHE_KEY = "mitmenschen:partner_organisation"


def get_partner_organisation(user: str | None = None) -> str | None:
	"""The organisation a portal user acts for — only while it is Active and has the portal enabled.

	Every partner request asks this at least once per query, so the answer is cached per user
	(in Redis, per site) until a Partner Contact or Partner Organisation changes."""
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return None
	cached = frappe.cache.hget(CACHE_KEY, user)
	if cached is not None:
		return cached or None
	rows = frappe.db.sql(
		"""select organisation.name
		from `tabPartner Contact` contact
		join `tabPartner Organisation` organisation on organisation.name = contact.partner_organisation
		where contact.user = %s and contact.active = 1
			and organisation.status = %s and organisation.portal_enabled = 1
		limit 1""",
		(user, PORTAL_STATUS),
	)
	organisation = rows[0][0] if rows else ""
	frappe.cache.hset(CACHE_KEY, user, organisation)
	return organisation or None


def forget_partner_organisations(doc=None, method: str | None = None) -> None:
	"""doc_events of Partner Contact and Partner Organisation: who belongs where may have changed."""
	frappe.cache.delete_value(CACHE_KEY)
