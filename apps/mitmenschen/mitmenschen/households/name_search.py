"""Households found however their names are spelled, and a warning before one is entered twice.

Each household keeps the key (mitmenschen.names) of its family and tenant names, each member the key
of their name; both are hidden, indexed fields. The desk's link fields for households search them
word by word (a word's key as the start of any word's key, so "Muh" already finds "Mohammed"), beside
Frappe's own search on name, family name and district. A household or member that probably exists
already gets a message, never a refusal: two families may share a name.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce
from frappe.utils import get_link_to_form

from mitmenschen.name_search import begins_a_word, link_search, word_keys
from mitmenschen.names import name_key

HOUSEHOLD = "Refugee Household"
MEMBER = "Household Member"


def set_keys(household) -> None:
	keys = [name_key(household.family_name)]
	if household.tenant_name and name_key(household.tenant_name) != keys[0]:
		keys.append(name_key(household.tenant_name))
	household.name_key = " ".join(key for key in keys if key)
	for member in household.members:
		member.name_key = name_key(member.member_name)


def warn_probable_duplicates(household) -> None:
	"""A message listing households whose family or members' names have the same key (before saving:
	the clerk sees it with the form still open)."""
	before = household.get_doc_before_save()
	messages = []
	family_key = name_key(household.family_name)
	if family_key and (not before or name_key(before.family_name) != family_key):
		others = frappe.get_all(
			HOUSEHOLD,
			filters={"name_key": ["like", f"{family_key}%"], "name": ["!=", household.name or ""]},
			fields=["name", "family_name"],
			limit=5,
		)
		others = [other for other in others if other.family_name and name_key(other.family_name) == family_key]
		if others:
			messages.append(
				_("A household with a similar name exists already: {0}").format(
					", ".join(f"{get_link_to_form(HOUSEHOLD, o.name)} ({o.family_name})" for o in others)
				)
			)
	known = {name_key(member.member_name) for member in before.members} if before else set()
	for member in household.members:
		if not member.name_key or member.name_key in known:
			continue
		rows = frappe.get_all(
			MEMBER,
			filters={"parenttype": HOUSEHOLD, "name_key": member.name_key, "parent": ["!=", household.name or ""]},
			fields=["parent", "member_name"],
			limit=5,
		)
		if rows:
			messages.append(
				_("{0} may be registered already: {1}").format(
					frappe.bold(member.member_name),
					", ".join(f"{row.member_name} ({get_link_to_form(HOUSEHOLD, row.parent)})" for row in rows),
				)
			)
	if messages:
		frappe.msgprint("<br>".join(messages), title=_("Possible Duplicate"), indicator="orange")


def households_matching(text: str, limit: int = 50) -> list[str]:
	"""Households whose family, tenant or members' names match every word of `text` by key."""
	if not (keys := word_keys(text)):
		return []
	household, member = DocType(HOUSEHOLD), DocType(MEMBER)
	household_key = Coalesce(household.name_key, "")
	member_key = Coalesce(member.name_key, "")
	query = (
		frappe.qb.from_(household)
		.left_join(member)
		.on((member.parent == household.name) & (member.parenttype == HOUSEHOLD))
		.select(household.name)
		.distinct()
		.limit(limit)
	)
	for key in keys:
		query = query.where(begins_a_word(household_key, key) | begins_a_word(member_key, key))
	return [row[0] for row in query.run()]


@frappe.whitelist()
def search_households(
	doctype: str,
	txt: str,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None = None,
	as_dict: bool = False,
) -> list:
	"""The link field's search (hooks: standard_queries): by key, and like Frappe by name, family name,
	district and tenant."""
	return link_search(
		HOUSEHOLD,
		txt,
		start,
		page_len,
		filters,
		as_dict,
		like_fields=("name", "family_name", "tenant_name", "district"),
		fields=["name", "family_name", "district"],
		matching=households_matching,
	)
