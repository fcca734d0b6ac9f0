"""Language mediators found however their names are spelled: the link field's search by the name key
(mitmenschen.names) beside Frappe's own search on name and full name."""

import frappe

from mitmenschen.name_search import link_search, records_matching
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
	"""hooks: standard_queries."""
	return link_search(
		MEDIATOR,
		txt,
		start,
		page_len,
		filters,
		as_dict,
		like_fields=("name", "full_name"),
		fields=["name", "full_name"],
		matching=lambda text: records_matching(MEDIATOR, text),
	)
