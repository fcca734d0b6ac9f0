"""Refused workflow steps, explained in words a clerk understands.

Frappe refuses a step it does not allow with "Not a valid Workflow Action" or "Workflow State
transition not allowed"; true, but not helpful. Every route that changes a state passes here
first — a saved form (`validate_state_change`, from each controller) and the action buttons and
API (`apply_workflow`, which overrides Frappe's whitelisted method) — and gets a message that
says which role or which rule is missing. Nothing is changed when a step is refused.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import WorkflowPermissionError, is_transition_condition_satisfied
from frappe.model.workflow import apply_workflow as frappe_apply_workflow
from frappe.utils import get_datetime

from mitmenschen.workflows.definitions import BY_DOCTYPE, IS_CHAIR, NOT_SELF_PROPOSED, Step


@frappe.whitelist()
def apply_workflow(doc: str | dict, action: str) -> Document:
	"""Frappe's `apply_workflow` with our explanation first, for our doctypes only."""
	parsed = frappe.parse_json(doc)
	if isinstance(parsed, dict) and parsed.get("doctype") in BY_DOCTYPE and parsed.get("name"):
		check_action(parsed["doctype"], parsed["name"], action)
	return frappe_apply_workflow(doc, action)


def check_action(doctype: str, name: str, action: str) -> None:
	"""Refuse, with the reason, an action the current user may not take on the record now."""
	current = frappe.get_doc(doctype, name)
	current.check_permission("read")
	definition = BY_DOCTYPE[doctype]
	state = current.get(definition.state_field)
	steps = [s for s in definition.steps if s.state == state and s.action == action]
	if not steps:
		frappe.throw(
			_("{0} is not possible while this {1} is {2}.").format(
				frappe.bold(_(action)), _(doctype), frappe.bold(_(state))
			),
			WorkflowPermissionError,
			title=_("Not Allowed"),
		)
	ensure_allowed(current, steps, action)


def validate_state_change(doc) -> None:
	"""Called from `validate`: a state may change only along a step the user may take."""
	definition = BY_DOCTYPE[doc.doctype]
	before = doc.get_doc_before_save()
	if doc.is_new() or not before:
		return
	old, new = before.get(definition.state_field), doc.get(definition.state_field)
	if old == new:
		keep_read_only_fields(doc, before, definition.read_only_states.get(old, ()))
		return
	steps = [s for s in definition.steps if s.state == old and s.next_state == new]
	if not steps:
		frappe.throw(
			_("A {0} cannot go from {1} to {2}.").format(
				_(doc.doctype), frappe.bold(_(old)), frappe.bold(_(new))
			),
			WorkflowPermissionError,
			title=_("Not Allowed"),
		)
	ensure_allowed(before, steps, steps[0].action)


class ReadOnlyStateError(frappe.ValidationError):
	pass


def keep_read_only_fields(doc, before, fields: tuple[str, ...]) -> None:
	"""A closed case, approved minutes: what a person wrote stays as it was approved. The state's own
	steps (Reopen) and the system's bookkeeping (follow-up answers, SLA figures) are not fields here."""
	changed = [f for f in fields if _comparable(doc, f) != _comparable(before, f)]
	if not changed:
		return
	state = doc.get(BY_DOCTYPE[doc.doctype].state_field)
	labels = ", ".join(frappe.bold(_(doc.meta.get_label(f))) for f in changed)
	frappe.throw(
		_("This {0} is {1} and can no longer be changed ({2}).").format(_(doc.doctype), _(state), labels),
		ReadOnlyStateError,
		title=_("Not Editable"),
	)


def _comparable(doc, fieldname: str) -> str:
	"""A form sends dates as text where the stored record holds datetime objects."""
	value = doc.get(fieldname)
	if value in (None, ""):
		return ""
	if doc.meta.get_field(fieldname).fieldtype in ("Date", "Datetime"):
		return str(get_datetime(value))
	return str(value)


def ensure_allowed(doc, steps: list[Step], action: str) -> None:
	"""Role first, then the rule behind the condition; the message names what is missing."""
	roles = set(frappe.get_roles())
	permitted = [s for s in steps if roles.intersection(s.roles)]
	if not permitted:
		needed = sorted({role for s in steps for role in s.roles})
		frappe.throw(
			_("Only {0} may take the step {1} for this {2}.").format(
				", ".join(frappe.bold(_(role)) for role in needed), frappe.bold(_(action)), _(doc.doctype)
			),
			WorkflowPermissionError,
			title=_("Not Allowed"),
		)
	if any(is_transition_condition_satisfied(frappe._dict(condition=s.condition), doc) for s in permitted):
		return
	frappe.throw(condition_message(permitted[0].condition), WorkflowPermissionError, title=_("Not Allowed"))


def condition_message(condition: str | None) -> str:
	if condition == NOT_SELF_PROPOSED:
		return _("You proposed this resolution yourself: another manager must approve or reject it.")
	if condition == IS_CHAIR:
		return _("Only the chair of the meeting or a Mit:Menschen Manager may approve the minutes.")
	return _("This step is not allowed for this record.")
