"""Who receives escalations: the kinds a ladder's rung names, resolved for one batch of records.

The engine resolves *Role* and *User* itself. *Assignee* is whoever a source names responsible for its
record (the source hands the `Resolver` a function). Every other kind is registered in hooks.py by the
module that knows it, together with its resolver:

	escalation_recipient_kinds = {"Round Table Chair": "mitmenschen.round_table.escalation_source.Chair"}

A resolver is made once per batch, `factory(records)`, so it can read what the batch shares in one
query, and is then called per record: `resolver(record) -> list[Recipient]`. Records are the rows a
source loaded; a kind documents the fields it reads (e.g. `partner_organisation`, `meeting`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import frappe

from mitmenschen.language import DEFAULT_LANGUAGE

SYSTEM_USERS = ("Administrator", "Guest")
ASSIGNEE, ROLE, USER = "Assignee", "Role", "User"
HOOK = "escalation_recipient_kinds"


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
	"""The kinds the engine resolves without a record; None for any other kind."""
	if notify == ROLE and notify_value:
		return role_members(notify_value)
	if notify == USER and notify_value:
		return users([notify_value])
	return None


def registered_kinds() -> dict[str, str]:
	"""kind -> dotted path of its resolver factory, as the installed apps register them (the last wins)."""
	hooks = frappe.get_hooks(HOOK) or {}
	return {kind: paths[-1] for kind, paths in hooks.items()}


KindResolver = Callable[[dict], list[Recipient]]


class Resolver:
	"""Whom each rung names, for one batch of one source's records; users, roles and the registered
	kinds' resolvers are loaded once per batch. A rung that finds nobody reaches `fallback_role` (the
	managers), so nothing goes unheard."""

	def __init__(
		self,
		records: Iterable[dict],
		assignee: Callable[["Resolver", dict], list[Recipient]],
		fallback_role: str | None = None,
		users: Iterable[str | None] = (),
	) -> None:
		self.records = list(records)
		self._assignee = assignee
		self._fallback_role = fallback_role
		self._users: dict[str, Recipient | None] = {}
		self._roles: dict[str, list[Recipient]] = {}
		self._holders: dict[str, set[str]] = {}
		self._kinds: dict[str, KindResolver | None] = {}
		self.users([u for u in users if u])

	def resolve(self, timer: dict, record: dict) -> list[Recipient]:
		found = self.named(timer.get("notify"), timer.get("notify_value"), record)
		if not found and self._fallback_role:
			return self.role(self._fallback_role)
		return found

	def named(self, notify: str | None, value: str | None, record: dict) -> list[Recipient]:
		if notify == ASSIGNEE:
			return self._assignee(self, record)
		if notify == ROLE:
			return self.role(value) if value else []
		if notify == USER:
			return self.users([value])
		kind = self.kind(notify) if notify else None
		return kind(record) if kind else []

	def users(self, names: list[str | None]) -> list[Recipient]:
		"""Enabled users with an email among `names` (each name looked up once per batch)."""
		missing = [n for n in names if n and n not in self._users]
		if missing:
			found = users_by_name(missing)
			self._users.update({name: found.get(name) for name in missing})
		return [r for n in dict.fromkeys(names) if n and (r := self._users.get(n))]

	def role(self, role: str) -> list[Recipient]:
		if role not in self._roles:
			self._roles[role] = self.users(sorted(self.holders(role)))
		return self._roles[role]

	def holders(self, role: str) -> set[str]:
		"""The users holding `role`."""
		if role not in self._holders:
			self._holders[role] = set(
				frappe.get_all("Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent")
			)
		return self._holders[role]

	def kind(self, notify: str) -> KindResolver | None:
		if notify not in self._kinds:
			path = registered_kinds().get(notify)
			self._kinds[notify] = frappe.get_attr(path)(self.records) if path else None
		return self._kinds[notify]
