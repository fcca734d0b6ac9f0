"""Many mails into the Email Queue at once: the rows are those Frappe's own QueueBuilder writes, an
unsubscribed recipient gets nothing, and a mail about a record answers the message it names."""

from email import message_from_string

import frappe
from frappe.email.doctype.email_queue.email_queue import QueueBuilder
from frappe.tests.utils import FrappeTestCase

from mitmenschen.outbound.batch import Mail, queue_batch
from mitmenschen.tests.mail import SMTPSink, ensure_outgoing_account, retire_outgoing_account

PORT = 2613
VOLATILE = {"name", "creation", "modified", "message", "message_id", "recipients"}


def mail(recipient: str, **values) -> Mail:
	return Mail(
		recipient=recipient,
		subject=values.pop("subject", "Fälligkeit: MC-1"),
		html=values.pop("html", "<p>Bitte ansehen</p>"),
		text=values.pop("text", "Bitte ansehen"),
		**values,
	)


class TestQueueBatch(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.smtp = SMTPSink(PORT)
		cls.smtp.start()  # Frappe checks the server when the account is saved
		ensure_outgoing_account(PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.smtp.stop()
		retire_outgoing_account()
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_the_rows_are_those_frappe_writes_for_the_same_mail(self) -> None:
		values = {
			"reference_doctype": "ToDo",
			"reference_name": "todo-1",
			"headers": {"X-Mitmenschen-References": "MC-1"},
		}
		[ours] = queue_batch([mail("anna@batch.example", **values)])
		theirs = QueueBuilder(
			recipients=["anna@batch.example"],
			subject="Fälligkeit: MC-1",
			message="<p>Bitte ansehen</p>",
			text_content="Bitte ansehen",
			reference_doctype="ToDo",
			reference_name="todo-1",
			add_unsubscribe_link=0,
			email_headers={"X-Mitmenschen-References": "MC-1"},
		).process()
		ours, theirs = frappe.get_doc("Email Queue", ours), frappe.get_doc("Email Queue", theirs.name)
		fields = [f.fieldname for f in ours.meta.fields if f.fieldname not in VOLATILE]
		fields += ["owner", "modified_by", "docstatus", "idx"]
		self.assertEqual({f: ours.get(f) for f in fields}, {f: theirs.get(f) for f in fields})
		self.assertEqual(
			[(r.idx, r.recipient, r.status, r.parentfield) for r in ours.recipients],
			[(r.idx, r.recipient, r.status, r.parentfield) for r in theirs.recipients],
		)
		ours_mime, theirs_mime = message_from_string(ours.message), message_from_string(theirs.message)
		for header in ("From", "To", "Subject", "X-Mitmenschen-References", "X-Frappe-Site"):
			self.assertEqual(ours_mime[header], theirs_mime[header], header)
		self.assertNotEqual(ours.message_id, theirs.message_id)
		html = next(p for p in ours_mime.walk() if p.get_content_type() == "text/html")
		self.assertEqual(html.get_payload(decode=True).decode(), "<p>Bitte ansehen</p>", "no frame added")

	def test_an_unsubscribed_recipient_gets_nothing_and_the_others_their_mail(self) -> None:
		first, second = (
			frappe.get_doc({"doctype": "ToDo", "description": text}).insert(ignore_permissions=True).name
			for text in ("eins", "zwei")
		)
		frappe.get_doc(
			{"doctype": "Email Unsubscribe", "email": "gone@batch.example", "global_unsubscribe": 1}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Email Unsubscribe",
				"email": "other@batch.example",
				"reference_doctype": "ToDo",
				"reference_name": second,
			}
		).insert(ignore_permissions=True)
		names = queue_batch(
			[
				mail("gone@batch.example"),
				mail("other@batch.example", reference_doctype="ToDo", reference_name=first),
				mail("other@batch.example", reference_doctype="ToDo", reference_name=second),
			]
		)
		self.assertIsNone(names[0], "unsubscribed from everything")
		self.assertTrue(names[1], "unsubscribed from another record only")
		self.assertIsNone(names[2], "unsubscribed from this record")

	def test_a_mail_answers_the_message_of_the_communication_it_names(self) -> None:
		received = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Received",
				"subject": "Lärm",
				"message_id": "<first-mail@tenant.example>",
			}
		).insert(ignore_permissions=True)
		[name] = queue_batch([mail("anna@batch.example", in_reply_to=received.name)])
		message = message_from_string(frappe.db.get_value("Email Queue", name, "message"))
		self.assertEqual(message["In-Reply-To"], "first-mail@tenant.example", "as Frappe writes it")
