"""What the next round table should talk about: escalated cases, recurring problems, overdue actions."""

import frappe
from frappe import _
from frappe.utils import nowdate

OPEN_CASE = ["not in", ["Closed"]]
OPEN_ACTION = ["in", ["Open", "In Progress"]]
LIMIT = 50  # an agenda is read by people: the oldest fifty of each kind are enough


def suggest_agenda_items() -> list[dict]:
	items: list[dict] = []
	seen: set[str] = set()
	escalated = frappe.get_all(
		"Mediation Case",
		filters={"status": OPEN_CASE, "escalation_level": [">", 0]},
		fields=["name", "subject"],
		order_by="opened_on asc",
		limit=LIMIT,
	)
	for case in escalated:
		seen.add(case.name)
		items.append({"topic": case.subject, "source": "Escalated Case", "mediation_case": case.name})
	recurring = frappe.get_all(
		"Mediation Case",
		filters={"status": OPEN_CASE, "recurrence_of": ["is", "set"]},
		fields=["name", "subject"],
		order_by="opened_on asc",
		limit=LIMIT,
	)
	for case in recurring:
		if case.name not in seen:
			items.append({"topic": case.subject, "source": "Recurring Problem", "mediation_case": case.name})
	overdue = frappe.get_all(
		"Round Table Action",
		filters={"status": OPEN_ACTION, "due_date": ["<", nowdate()]},
		fields=["name", "title", "mediation_case"],
		order_by="due_date asc",
		limit=LIMIT,
	)
	for action in overdue:
		items.append(
			{
				"topic": action.title,
				"source": "Overdue Action",
				"round_table_action": action.name,
				"mediation_case": action.mediation_case,
			}
		)
	return items


@frappe.whitelist()
def prefill_agenda(meeting: str) -> int:
	"""Append suggested items that are not on the meeting's agenda yet; returns how many were added."""
	doc = frappe.get_doc("Round Table Meeting", meeting)
	doc.check_permission("write")
	present = {(row.mediation_case, row.round_table_action) for row in doc.agenda}
	added = 0
	for item in suggest_agenda_items():
		key = (item.get("mediation_case"), item.get("round_table_action"))
		if key in present:
			continue
		doc.append("agenda", item)
		present.add(key)
		added += 1
	if added:
		doc.save()
	frappe.msgprint(_("{0} agenda items added.").format(added), alert=True)
	return added
