"""Who receives escalations: the generic kinds (a user, the members of a role).

Sources resolve their own kinds (an assignee, a partner's hot line) and hand back `Recipient`s.
"""

from dataclasses import dataclass

import frappe

from mitmenschen.language import DEFAULT_LANGUAGE

SYSTEM_USERS = ("Administrator", "Guest")


@dataclass(frozen=True)
class Recipient:
	email: str
	language: str = DEFAULT_LANGUAGE
	portal: bool = False  # partners read the portal, staff the desk

	@property
	def key(self) -> str:
		return self.email.strip().lower()


def users(names: list[str]) -> list[Recipient]:
	return list(users_by_name(names).values())


def users_by_name(names: list[str]) -> dict[str, Recipient]:
	"""Enabled users with an email, each in the language set on their user record (one query)."""
	names = [n for n in set(names) if n and n not in SYSTEM_USERS]
	if not names:
		return {}
	rows = frappe.get_all(
		"User",
		filters={"name": ["in", names], "enabled": 1},
		fields=["name", "email", "language", "user_type"],
	)
	return {
		row.name: Recipient(
			row.email, row.language or DEFAULT_LANGUAGE, portal=row.user_type == "Website User"
		)
		for row in rows
		if row.email
	}


def role_members(role: str) -> list[Recipient]:
	members = frappe.get_all(
		"Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent", distinct=True
	)
	return users(members)


def by_rule(notify: str, notify_value: str | None) -> list[Recipient] | None:
	"""The kinds every source shares; None for a kind the source must resolve itself."""
	if notify == "Role" and notify_value:
		return role_members(notify_value)
	if notify == "User" and notify_value:
		return users([notify_value])
	return None
