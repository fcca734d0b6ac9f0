"""The case's responsible person is Frappe's own assignment (ToDo), so the desk's sidebar, the
"assigned to me" list, notifications and Assignment Rules all work on cases.

The field `assigned_to` and the open ToDos are kept in step both ways, and the field is the one
source everything else reads (workflow mail in `workflows/notifications.py`, the escalation ladder's
*Assignee* in `mediation/escalation_source.py`): one indexed column, no JSON to parse in a query.

- Setting the field (form, API, import) assigns the new person through `frappe.desk.form.assign_to.add`
  (ToDo, notification, share if needed) and cancels the previous person's ToDo; clearing it cancels all.
- A ToDo made or closed anywhere else (sidebar, ToDo list, Assignment Rule) sets the field: the newest
  open assignee, or empty when nobody is assigned any more. Frappe itself also writes the field on
  `assign_to.add`/`remove`; the hook covers the other paths (a ToDo closed in its own form).
- Frappe's `assign_to.remove` (the sidebar's ×) clears the field whoever is left; `remove` below
  overrides that route and gives the field back to the responsible person, or the newest one left.

Recursion: the field is written with `db.set_value` (no document events), and the ToDo hook does
nothing while the case itself is syncing (`frappe.flags`).
"""

import frappe
from frappe.desk.form import assign_to as frappe_assign_to  # `assign_to` is also Frappe's argument name

DOCTYPE = "Mediation Case"
OPEN = "Open"
_SYNCING = "mitmenschen_assignment_sync"


def sync_todos(case) -> None:
	"""Case on_update: the field changed, so the ToDos follow."""
	if not case.has_value_changed("assigned_to") or frappe.flags.get(_SYNCING):
		return
	frappe.flags[_SYNCING] = True
	try:
		new = case.assigned_to
		if new and new not in open_assignees(case.name):
			frappe_assign_to.add(
				{"assign_to": [new], "doctype": DOCTYPE, "name": case.name, "description": case.subject},
				ignore_permissions=True,  # the user set the field on a case they may write
			)
		for todo in frappe.get_all(
			"ToDo",
			filters={"reference_type": DOCTYPE, "reference_name": case.name, "status": OPEN},
			fields=["name", "allocated_to"],
		):
			if todo.allocated_to != new:
				cancel(todo.name)
		if new:
			# assign_to.add wrote the same value through db.set_value (a new `modified`)
			frappe.db.set_value(DOCTYPE, case.name, "assigned_to", new, update_modified=False)
		case.modified = frappe.db.get_value(DOCTYPE, case.name, "modified")
	finally:
		frappe.flags[_SYNCING] = False


def cancel(todo_name: str) -> None:
	todo = frappe.get_doc("ToDo", todo_name)
	todo.status = "Cancelled"
	todo.save(ignore_permissions=True)
	frappe_assign_to.notify_assignment(
		todo.assigned_by, todo.allocated_to, todo.reference_type, todo.reference_name
	)


def on_todo_change(todo, method: str | None = None) -> None:
	"""doc_events ToDo after_insert/on_update: the field follows the assignments."""
	if todo.reference_type != DOCTYPE or not todo.reference_name or frappe.flags.get(_SYNCING):
		return
	current = frappe.db.get_value(DOCTYPE, todo.reference_name, "assigned_to")
	if current is None and not frappe.db.exists(DOCTYPE, todo.reference_name):
		return
	assignees = open_assignees(todo.reference_name)
	if todo.status == OPEN and todo.allocated_to and method == "after_insert":
		wanted = todo.allocated_to  # assigned just now: the newest assignment is the responsible one
	elif current in assignees:
		wanted = current
	else:
		wanted = assignees[0] if assignees else None
	if wanted != current:
		frappe.db.set_value(DOCTYPE, todo.reference_name, "assigned_to", wanted)


@frappe.whitelist()
def remove(doctype: str, name: str, assign_to: str, ignore_permissions: bool = False) -> list[dict]:
	"""override_whitelisted_methods frappe.desk.form.assign_to.remove: Frappe's own removal, then
	the field again names someone still assigned (its last step empties the field unconditionally)."""
	if doctype != DOCTYPE:
		return frappe_assign_to.remove(doctype, name, assign_to, ignore_permissions)
	responsible = frappe.db.get_value(DOCTYPE, name, "assigned_to")
	assignments = frappe_assign_to.remove(doctype, name, assign_to, ignore_permissions)
	remaining = open_assignees(name)
	wanted = responsible if responsible in remaining else (remaining[0] if remaining else None)
	if wanted:
		frappe.db.set_value(DOCTYPE, name, "assigned_to", wanted)
	return assignments


def open_assignees(case_name: str) -> list[str]:
	"""Users with an open ToDo on the case, newest first."""
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": DOCTYPE, "reference_name": case_name, "status": OPEN},
		pluck="allocated_to",
		order_by="creation desc",
	)
