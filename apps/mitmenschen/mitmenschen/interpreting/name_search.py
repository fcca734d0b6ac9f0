"""Language mediators found however their names are spelled: the link field's search by the name key
(mitmenschen.names) beside Frappe's own search on name and full name."""

import frappe

from mitmenschen.households.name_search import records_matching
from mitmenschen.names import name_key

MEDIATOR = "Language Mediator"


def set_key(mediator) -> None:
	mediator.name_key = name_key(mediator.full_name)


@frappe.whitelist()
def search_mediators(
	doctype: str,
	txt: str,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None = None,
	as_dict: bool = False,
) -> list:
	"""hooks: standard_queries. Read permissions apply (frappe.get_list)."""
	if isinstance(filters, str):
		filters = frappe.parse_json(filters)
	text = (txt or "").strip()
	or_filters = []
	if text:
		or_filters = [["name", "like", f"%{text}%"], ["full_name", "like", f"%{text}%"]]
		if matching := records_matching(MEDIATOR, text):
			or_filters.append(["name", "in", matching])
	return frappe.get_list(
		MEDIATOR,
		filters=filters or None,
		or_filters=or_filters,
		fields=["name", "full_name"],
		order_by="modified desc",
		limit_start=int(start or 0),
		limit_page_length=int(page_len or 20),
		as_list=not as_dict,
	)
