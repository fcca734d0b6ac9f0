"""Records found however a name is spelled: the desk's link-field searches (hooks: standard_queries) for
households, language mediators and cases share one shape. Frappe's own "like" search on a few fields,
or a record whose name key (mitmenschen.names) begins with the key of every typed word, so that "Muh"
already finds "Mohammed". Read permissions apply to the results (frappe.get_list)."""

from collections.abc import Callable, Iterable

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce

from mitmenschen.names import name_key


def word_keys(text: str) -> list[str]:
	return name_key(text).split()


def begins_a_word(key_column, key: str):
	"""The key begins one of the words' keys in the column."""
	return key_column.like(f"{key}%") | key_column.like(f"% {key}%")


def key_conditions(key_column, keys: list[str]):
	"""Every typed word's key begins one of the words' keys in the column."""
	condition = None
	for key in keys:
		word = begins_a_word(key_column, key)
		condition = word if condition is None else condition & word
	return condition


def records_matching(doctype: str, text: str, key_field: str = "name_key", limit: int = 50) -> list[str]:
	"""Records of a doctype whose key field matches every word of `text`."""
	if not (keys := word_keys(text)):
		return []
	table = DocType(doctype)
	query = (
		frappe.qb.from_(table).select(table.name).where(key_conditions(Coalesce(table[key_field], ""), keys))
	)
	return [row[0] for row in query.limit(limit).run()]


def link_search(
	doctype: str,
	txt: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None,
	as_dict: bool,
	*,
	like_fields: Iterable[str],
	fields: list[str],
	matching: Callable[[str], list[str]] | None,
) -> list:
	"""A standard query's answer: records whose `like_fields` contain the text, or whose names
	`matching(text)` returns (None: no search by key), newest first, one page."""
	if isinstance(filters, str):
		filters = frappe.parse_json(filters)
	text = (txt or "").strip()
	or_filters = []
	if text:
		or_filters = [[field, "like", f"%{text}%"] for field in like_fields]
		if matching and (names := matching(text)):
			or_filters.append(["name", "in", names])
	return frappe.get_list(
		doctype,
		filters=filters or None,
		or_filters=or_filters,
		fields=fields,
		order_by="modified desc",
		limit_start=int(start or 0),
		limit_page_length=int(page_len or 20),
		as_list=not as_dict,
	)
