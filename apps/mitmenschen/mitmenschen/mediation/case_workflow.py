"""What the steps of a case's workflow imply: who proposed, who approved, why it was rejected."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime, strip_html_tags

from mitmenschen.mediation.playbook import ensure_mandatory_steps_done
from mitmenschen.workflows.rules import apply_workflow, check_action

PROPOSED = "Resolution Proposed"
REJECTED_TO = "In Mediation"
CLOSED = "Closed"


class ResolutionError(frappe.ValidationError):
	pass


def apply_step_effects(case) -> None:
	"""Called from validate when the status changes (after the step itself was allowed)."""
	before = case.get_doc_before_save()
	if case.is_new() or not before or before.status == case.status:
		return
	if case.status == PROPOSED:
		ensure_mandatory_steps_done(case)
		if not strip_html_tags(case.resolution or "").strip():
			frappe.throw(
				_("Please describe the resolution before proposing it."),
				title=_("Resolution Missing"),
				exc=ResolutionError,
			)
		case.resolution_proposed_by = frappe.session.user
		case.rejection_reason = None
	elif before.status == PROPOSED and case.status == REJECTED_TO:
		if not (case.rejection_reason or "").strip():
			frappe.throw(
				_("Please give the reason why the proposed resolution is rejected."),
				title=_("Reason Required"),
				exc=ResolutionError,
			)
		case.flags.rejected_because = case.rejection_reason.strip()
	elif case.status == CLOSED:
		case.resolution_approved_by = frappe.session.user
		case.resolution_approved_on = now_datetime()


def record_rejection(case) -> None:
	"""on_update: the reason stays on the timeline, also after the next proposal clears the field."""
	if reason := case.flags.pop("rejected_because", None):
		case.add_comment("Comment", _("Resolution rejected: {0}").format(frappe.utils.escape_html(reason)))


@frappe.whitelist()
def reject_resolution(case: str, reason: str) -> Document:
	"""Reject with a reason in one call: the desk's Reject button and API clients both come here."""
	frappe.get_doc("Mediation Case", case).check_permission("write")
	check_action("Mediation Case", case, "Reject")
	if not (reason or "").strip():
		frappe.throw(
			_("Please give the reason why the proposed resolution is rejected."),
			title=_("Reason Required"),
			exc=ResolutionError,
		)
	frappe.db.set_value("Mediation Case", case, "rejection_reason", reason.strip(), update_modified=False)
	return apply_workflow({"doctype": "Mediation Case", "name": case}, "Reject")
