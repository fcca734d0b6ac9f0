"""Cases found by their reporter's name however it is spelled: a clerk typing "Mohammed Alhamdan" finds
the case of "Muhammad Al-Hamdan". The case keeps the key of its reporter's name (`reporter_name_key`,
mitmenschen.names); the desk's search for cases (hooks: standard_queries, used by link fields and
`frappe.desk.search.search_link`) matches every typed word against it, beside Frappe's own search on
number, subject, category and status.

The reporter is confidential (permission level 1): only a user who may read the reporter (clerks,
managers) searches by the reporter's name; for anyone else a name finds nothing it would not find
without this search. Read permissions apply to the results (frappe.get_list).
"""

import frappe

from mitmenschen.name_search import link_search, records_matching

DOCTYPE = "Mediation Case"
REPORTER_LEVEL = 1


def may_read_reporter() -> bool:
	return REPORTER_LEVEL in frappe.get_meta(DOCTYPE).get_permlevel_access("read")


@frappe.whitelist()
def search_cases(
	doctype: str,
	txt: str,
	searchfield: str,
	start: int,
	page_len: int,
	filters: dict | list | str | None = None,
	as_dict: bool = False,
) -> list:
	"""hooks: standard_queries."""
	like_fields = ["name", "subject", "category", "status"]
	matching = None
	if may_read_reporter():
		like_fields.append("reporter_name")
		matching = lambda text: records_matching(DOCTYPE, text, key_field="reporter_name_key")  # noqa: E731
	return link_search(
		DOCTYPE,
		txt,
		start,
		page_len,
		filters,
		as_dict,
		like_fields=like_fields,
		fields=["name", "subject", "status"],
		matching=matching,
	)
