"""Many mails into Frappe's Email Queue at once (a sweep's digests: one mail per recipient).

Frappe's `QueueBuilder` (what `frappe.sendmail` uses) builds each MIME message: headers, Message-ID, the
text part we hand it. What it does per mail besides — find the outgoing account, read the recipient's
unsubscriptions, look up the message a mail answers, insert an Email Queue document with its recipient —
is done here once per batch: the account per reference doctype, the unsubscriptions and the answered
messages in one query each, and all rows in two multi-row inserts. The rows are the ones
`QueueBuilder.process` writes (`test_batch` compares them column by column), so Frappe's mail flush
sends them as its own, and a rollback takes them back like any other row.
"""

import json
from dataclasses import dataclass, field

import frappe
from frappe.email.doctype.email_queue.email_queue import QueueBuilder
from frappe.email.email_body import get_email
from frappe.utils import cstr, get_string_between, now_datetime

from mitmenschen.bulk import insert_rows

QUEUE, RECIPIENT = "Email Queue", "Email Queue Recipient"
NOT_SENT = "Not Sent"
QUEUE_FIELDS = [
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"sender",
	"show_as_cc",
	"message",
	"status",
	"message_id",
	"reference_doctype",
	"reference_name",
	"communication",
	"send_after",
	"priority",
	"add_unsubscribe_link",
	"unsubscribe_method",
	"expose_recipients",
	"attachments",
	"retry",
	"email_account",
]
RECIPIENT_FIELDS = [
	"name",
	"creation",
	"modified",
	"modified_by",
	"owner",
	"docstatus",
	"idx",
	"parent",
	"parentfield",
	"parenttype",
	"recipient",
	"status",
]


@dataclass
class Mail:
	recipient: str
	subject: str
	html: str  # the whole HTML document as it goes out: Frappe adds no frame and no stylesheet
	text: str
	reference_doctype: str | None = None
	reference_name: str | None = None
	in_reply_to: str | None = None  # a Communication's name: the mail answers its message
	headers: dict = field(default_factory=dict)


class _Builder(QueueBuilder):
	"""Frappe's builder, except that the HTML goes out as the caller wrote it: Frappe would wrap it and
	inline its whole email.css with premailer, about 25 ms a mail."""

	def email_html_content(self) -> str:
		return self._message

	def prepare_email_content(self):
		"""Frappe's own (QueueBuilder.prepare_email_content), with the HTML also handed to `get_email` as
		the message: without one, Frappe runs markdown and its HTML sanitiser over an empty string for
		every mail and throws the result away. In-Reply-To is set by `queue_batch` from one query."""
		email_account = self.get_outgoing_email_account()
		if email_account.always_bcc:
			self._bcc = [*self.bcc, email_account.always_bcc]
		mail = get_email(
			recipients=self.final_recipients(),
			sender=self.sender,
			subject=self.subject,
			msg=self._message,
			formatted=self.email_html_content(),
			text_content=self.email_text_content(),
			attachments=self._attachments,
			reply_to=self.reply_to,
			cc=self.final_cc(),
			bcc=self.final_bcc(),
			email_account=email_account,
			expose_recipients=self.expose_recipients,
			inline_images=self.inline_images,
			header=self.header,
			x_priority=self._x_priority,
		)
		mail.set_message_id(self.message_id, self.is_notification)
		if self.email_headers:
			mail.add_headers(self.email_headers)
		return mail


def queue_batch(mails: list[Mail], sender: str | None = None) -> list[str | None]:
	"""Queue each mail for its one recipient; returns the Email Queue names in the order of `mails`
	(None for a mail not queued: the recipient unsubscribed, or an address Frappe cannot send to)."""
	accounts: dict[str | None, tuple] = {}
	unsubscribed = _unsubscriptions({m.recipient for m in mails})
	answered = _message_ids({m.in_reply_to for m in mails if m.in_reply_to})
	now, user = now_datetime(), frappe.session.user
	queue_rows, recipient_rows, names = [], [], []
	for mail in mails:
		builder = _Builder(
			recipients=[mail.recipient],
			sender=sender,
			subject=mail.subject,
			message=mail.html,
			text_content=mail.text,
			reference_doctype=mail.reference_doctype,
			reference_name=mail.reference_name,
			add_unsubscribe_link=0,
			email_headers=mail.headers or None,
		)
		if mail.reference_doctype not in accounts:
			account = builder.get_outgoing_email_account()
			accounts[mail.reference_doctype] = (account, account.name if account.is_exists_in_db() else None)
		builder._email_account, account_name = accounts[mail.reference_doctype]
		rows = unsubscribed.get(mail.recipient.lower(), [])
		builder._unsubscribed_user_emails = [mail.recipient] if any(_applies(r, mail) for r in rows) else []
		if not builder.final_recipients():
			names.append(None)
			continue
		mime = builder.prepare_email_content()
		if message_id := answered.get(mail.in_reply_to):
			mime.set_in_reply_to(get_string_between("<", message_id, ">"))
		try:
			message = cstr(mime.as_string())
		except frappe.InvalidEmailAddressError:
			frappe.log_error(title="Invalid email address", message=f"{mail.recipient}: {mail.subject}")
			names.append(None)
			continue
		name = frappe.generate_hash(length=10)
		names.append(name)
		queue_rows.append(
			(
				name,
				now,
				now,
				user,
				user,
				0,
				0,
				mime.sender,
				",".join(builder.final_cc()),
				message,
				NOT_SENT,
				get_string_between("<", mime.msg_root["Message-Id"], ">"),
				mail.reference_doctype,
				mail.reference_name,
				None,
				builder.send_after,
				builder.send_priority,
				0,
				builder.unsubscribe_method,
				builder.expose_recipients,
				json.dumps(builder.get_attachments()),
				0,
				account_name,
			)
		)
		everyone = builder.final_recipients() + builder.final_cc() + builder.final_bcc()
		recipient_rows += [
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				0,
				idx,
				name,
				"recipients",
				QUEUE,
				r,
				NOT_SENT,
			)
			for idx, r in enumerate(dict.fromkeys(everyone), start=1)
		]
	insert_rows(QUEUE, QUEUE_FIELDS, queue_rows)
	insert_rows(RECIPIENT, RECIPIENT_FIELDS, recipient_rows)
	return names


def _unsubscriptions(emails: set[str]) -> dict[str, list[dict]]:
	"""The recipients' unsubscriptions (global, or from one record), in one query."""
	if not emails:
		return {}
	found: dict[str, list[dict]] = {}
	for row in frappe.get_all(
		"Email Unsubscribe",
		filters={"email": ["in", list(emails)]},
		fields=["email", "reference_doctype", "reference_name", "global_unsubscribe"],
	):
		found.setdefault(row.email.lower(), []).append(row)
	return found


def _applies(unsubscription: dict, mail: Mail) -> bool:
	"""As Frappe decides: unsubscribed from everything, or from the record the mail is about."""
	return bool(unsubscription.global_unsubscribe) or (
		bool(mail.reference_doctype)
		and unsubscription.reference_doctype == mail.reference_doctype
		and unsubscription.reference_name == mail.reference_name
	)


def _message_ids(communications: set[str]) -> dict[str, str]:
	if not communications:
		return {}
	return {
		row.name: row.message_id
		for row in frappe.get_all(
			"Communication", filters={"name": ["in", list(communications)]}, fields=["name", "message_id"]
		)
		if row.message_id
	}
