"""What came of a case at the round table: actions decided for it and agenda items about it.

Their titles and notes describe the family as much as the case did ("find a football club for the
son"), so they are anonymised together with the case; status and dates stay for statistics.
"""

import frappe

from mitmenschen.privacy.trail import anonymised_text, scrub_trail

ACTION = "Round Table Action"
MEETING = "Round Table Meeting"
AGENDA_ITEM = "Round Table Agenda Item"


def linked_actions(cases: list[str]) -> list[str]:
	if not cases:
		return []
	return frappe.get_all(ACTION, filters={"mediation_case": ("in", cases)}, pluck="name")


def anonymise_followups(cases: list[str], include_unindexed_logs: bool = False) -> int:
	"""Anonymise the actions and agenda items of the cases; returns the number of actions."""
	actions = linked_actions(cases)
	anonymise_actions(actions, include_unindexed_logs)
	scrub_agenda_items(cases)
	return len(actions)


def anonymise_actions(actions: list[str], include_unindexed_logs: bool = False) -> None:
	if not actions:
		return
	table = frappe.qb.DocType(ACTION)
	(
		frappe.qb.update(table)
		.set(table.title, anonymised_text())
		.set(table.details, None)
		.set(table._comments, None)
		.where(table.name.isin(actions))
		.run()
	)
	scrub_trail(ACTION, actions, include_unindexed_logs=include_unindexed_logs)


def scrub_agenda_items(cases: list[str]) -> None:
	"""Agenda items about the cases lose topic and notes; the meetings' versions that quote those
	rows go too (a child row's old values live in its parent's Version)."""
	if not cases:
		return
	item = frappe.qb.DocType(AGENDA_ITEM)
	rows = (
		frappe.qb.from_(item)
		.select(item.name, item.parent)
		.where(item.mediation_case.isin(cases) & (item.parenttype == MEETING))
		.run(as_dict=True)
	)
	if not rows:
		return
	meetings = list({row.parent for row in rows})
	(
		frappe.qb.update(item)
		.set(item.topic, anonymised_text())
		.set(item.notes, None)
		.where(item.mediation_case.isin(cases))
		.run()
	)
	# an added row appears in its meeting's Version with the case, a changed row by its own name
	version = frappe.qb.DocType("Version")
	mentions = None
	for needle in [*cases, *(row.name for row in rows)]:
		condition = version.data.like(f"%{needle}%")
		mentions = condition if mentions is None else mentions | condition
	(
		frappe.qb.from_(version)
		.delete()
		.where((version.ref_doctype == MEETING) & version.docname.isin(meetings) & mentions)
		.run()
	)
