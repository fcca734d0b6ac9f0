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


def get_partner_organisation(user: str | None = None) -> str | None:
	"""The organisation a portal user acts for — only while it is Active and has the portal enabled."""
	user = user or frappe.session.user
	if user in ("Guest", "Administrator"):
		return None
	contact = frappe.qb.DocType("Partner Contact")
	organisation = frappe.qb.DocType("Partner Organisation")
	rows = (
		frappe.qb.from_(contact)
		.join(organisation)
		.on(organisation.name == contact.partner_organisation)
		.select(organisation.name)
		.where(
			(contact.user == user)
			& (contact.active == 1)
			& (organisation.status == PORTAL_STATUS)
			& (organisation.portal_enabled == 1)
		)
		.limit(1)
		.run()
	)
	return rows[0][0] if rows else None
