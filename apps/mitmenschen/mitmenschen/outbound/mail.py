"""Email out: from a record's timeline, or through Frappe's Email Queue.

Frappe has no public call that sends a mail *as a Communication of a record* without a request
context (`frappe.core.doctype.communication.email.make` is a whitelisted endpoint that reads the
session's user and checks the caller's permissions). Its private `_make` does exactly that, so this is
the one place that calls it; `test_outbound_mail` pins its signature, so a Frappe upgrade that changes
it fails there and not in a clerk's hands.
"""

import frappe
from frappe.core.doctype.communication.email import _make
from frappe.email.doctype.email_account.email_account import EmailAccount

AUTOMATED = "Automated Message"
# the keyword arguments of Frappe's `_make` that we pass; test_outbound_mail checks they still exist
MAKE_ARGUMENTS = (
	"doctype",
	"name",
	"subject",
	"content",
	"recipients",
	"sender",
	"communication_type",
	"send_email",
	"attachments",
)


def outgoing_account(doctype: str | None = None) -> EmailAccount | None:
	"""The account that sends for `doctype` (or the default one), or None when the site sends no mail."""
	account = EmailAccount.find_outgoing(match_by_doctype=doctype)
	if not account or not account.get("enable_outgoing"):
		return None
	return account


def send_from_record(
	doctype: str,
	name: str,
	recipient: str,
	subject: str,
	content: str,
	*,
	attachments: list | None = None,
	communication_type: str = AUTOMATED,
) -> str | None:
	"""Mail `recipient` from the record: a Communication on its timeline, queued for sending, whose
	reply threads back into the record. Returns the Communication's name, or None when the site has no
	outgoing account (nothing is sent, nothing is recorded)."""
	account = outgoing_account(doctype)
	if not account:
		return None
	result = _make(
		doctype=doctype,
		name=name,
		subject=subject,
		content=content,
		recipients=[recipient],
		sender=account.default_sender,
		communication_type=communication_type,
		send_email=True,
		attachments=attachments,
	)
	return result["name"]


def queue(
	recipients: list[str],
	subject: str,
	message: str,
	*,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	**options,
) -> None:
	"""A mail through Frappe's Email Queue (an SMTP outage delays it and loses nothing). `options` are
	`frappe.sendmail`'s own (sender, attachments, header, now, …)."""
	frappe.sendmail(
		recipients=recipients,
		subject=subject,
		message=message,
		reference_doctype=reference_doctype,
		reference_name=reference_name,
		**options,
	)
