"""Workflow mail goes to the one person who has to act or wants to know — never to a whole role.

Frappe's own workflow alert mails every holder of the roles of the next step; for a cooperative
that means every clerk gets every case. Here each step names its responsible person: the case's
assignee, the proposer of a resolution when it is approved or rejected, the chair when minutes
wait for approval, the clerk who entered a household or partner when it is decided. The actor
never mails themselves. Mail goes through the Email Queue, in the recipient's language.
"""

import frappe
from frappe import _
from frappe.utils import get_url_to_form

from mitmenschen.outbound import mail as outbound_mail
from mitmenschen.workflows.definitions import BY_DOCTYPE


def responsible_users(doc, old_state: str, new_state: str) -> list[str]:
	if doc.doctype == "Mediation Case":
		if old_state == "Resolution Proposed":  # approved or rejected: the proposer learns the outcome
			return [doc.resolution_proposed_by]
		return [doc.assigned_to]
	if doc.doctype == "Round Table Meeting":
		return [doc.chair] if new_state == "Minutes Draft" else [doc.owner]
	return [doc.owner]  # households and partner organisations: who entered them


def notify_state_change(doc) -> None:
	"""on_update of every workflow doctype."""
	field = BY_DOCTYPE[doc.doctype].state_field
	before = doc.get_doc_before_save()
	if not before or before.get(field) == doc.get(field):
		return
	if not outgoing_mail_configured():  # a site without mail still takes its workflow steps
		return
	old_state, new_state = before.get(field), doc.get(field)
	actor = frappe.session.user
	for user in dict.fromkeys(responsible_users(doc, old_state, new_state)):
		if not user or user in (actor, "Administrator", "Guest"):
			continue
		recipient = frappe.db.get_value(
			"User", {"name": user, "enabled": 1}, ["email", "language"], as_dict=True
		)
		if recipient and recipient.email:
			send_state_mail(
				doc, new_state, recipient.email, recipient.language or frappe.db.get_default("lang")
			)


def outgoing_mail_configured() -> bool:
	return bool(frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}))


def send_state_mail(doc, new_state: str, email: str, lang: str | None) -> None:
	title = doc.get_title() or doc.name
	subject = f"{_(doc.doctype, lang=lang)} {doc.name}: {_(new_state, lang=lang)}"
	message = _("{0} is now {1} (step taken by {2}).", lang=lang).format(
		frappe.bold(frappe.utils.escape_html(title)),
		frappe.bold(_(new_state, lang=lang)),
		frappe.utils.escape_html(frappe.utils.get_fullname(frappe.session.user)),
	)
	link = get_url_to_form(doc.doctype, doc.name)
	outbound_mail.queue(
		recipients=[email],
		subject=subject,
		message=f'<p>{message}</p><p><a href="{link}">{_("Open {0}", lang=lang).format(doc.name)}</a></p>',
		reference_doctype=doc.doctype,
		reference_name=doc.name,
	)
