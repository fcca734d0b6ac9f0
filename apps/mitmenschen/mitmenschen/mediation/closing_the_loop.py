"""Closing the loop with both parties: what a case's save does for its playbook, its assignee, the
closure messages, the follow-up with the reporter and its reopenings (DESIGN.md, "Closing the loop").

The controller calls `before_save` from validate and `after_save` from on_update; each named step
lives in its own module.
"""

import frappe
from frappe import _
from frappe.utils import format_datetime, now_datetime

from mitmenschen.mediation import assignment, closure, follow_up, playbook

CLOSED, REOPENED = "Closed", "Reopened"


def before_save(case) -> None:
	default_reporter_language(case)
	playbook.apply_playbook(case)
	if _status_changed_to(case, CLOSED):
		if not case.first_resolved_on:
			case.first_resolved_on = now_datetime()
		follow_up.prepare(case)
	if _status_changed_to(case, REOPENED):
		track_reopening(case)


def after_save(case) -> None:
	assignment.sync_todos(case)
	playbook.sync_step_timers(case)
	if case.is_new() or case.has_value_changed("status"):
		follow_up.schedule(case)
	if _status_changed_to(case, CLOSED) and not case.flags.get("mute_closure_messages"):
		closure.send_closure_messages(case)


def default_reporter_language(case) -> None:
	"""Messages to the reporter go out in their language: a portal user's own, else the language the
	tenant wrote their report in (the portal form notes it as the interpreter language)."""
	if case.reporter_language or not case.is_new():
		return
	if case.reporter_email:
		lang = frappe.db.get_value("User", {"email": case.reporter_email}, "language")
		if lang:
			case.reporter_language = lang
			return
	if case.channel == "Portal" and case.interpreter_language:
		case.reporter_language = case.interpreter_language


def track_reopening(case) -> None:
	"""A reopened case keeps its history: how often and when it was reopened (the reports count a case
	once as reopened, `reopen_count > 0`), and a timeline note of the resolution it had."""
	before = case.get_doc_before_save()
	case.reopen_count = (case.reopen_count or 0) + 1
	case.reopened_on = now_datetime()
	if before and before.resolved_on:
		lang = frappe.db.get_default("lang") or "de"  # a note for the clerks, also when a reporter reopens
		case.add_comment(
			"Info",
			_("Reopened (time {0}). It had been resolved at {1}, SLA {2}.", lang=lang).format(
				case.reopen_count,
				format_datetime(before.resolved_on),
				_(before.sla_status, lang=lang) if before.sla_status else "–",
			),
		)


def _status_changed_to(case, status: str) -> bool:
	if case.status != status:
		return False
	before = case.get_doc_before_save()
	return bool(before and before.status != status)
