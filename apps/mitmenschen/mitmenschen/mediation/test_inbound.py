"""Email to case through Frappe's real receive path: a POP3 mailbox on loopback, an Email Account
appended to Mediation Case, `EmailAccount.receive()`."""

from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import make_msgid

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.tests.factories import make_category, make_tenant, unique
from mitmenschen.tests.mail import (
	CREATED_BY_MAIL_TESTS,
	POP3Mailbox,
	delete_created_since,
	ensure_incoming_account,
)

PORT = 2530


def mail(
	sender: str, subject: str, body: str = "Es ist laut.", in_reply_to: str | None = None, attachments=()
):
	"""A mail as common clients write it (the whole subject one encoded word: Frappe 15 decodes only
	the first encoded word of a subject)."""
	message = MIMEMultipart() if attachments else MIMEText(body, "plain", "utf-8")
	if attachments:
		message.attach(MIMEText(body, "plain", "utf-8"))
	for filename, content in attachments:
		message.attach(MIMEApplication(content, Name=filename, _subtype="octet-stream"))
		message.get_payload()[-1]["Content-Disposition"] = f'attachment; filename="{filename}"'
	message["From"] = sender
	message["To"] = "hilfe@esc.localhost"
	message["Subject"] = Header(subject, "utf-8").encode()
	message["Message-ID"] = make_msgid(domain="tenant.example")
	if in_reply_to:
		message["In-Reply-To"] = in_reply_to
		message["References"] = in_reply_to
	return message


class TestEmailToCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.mailbox = POP3Mailbox(PORT)
		cls.mailbox.start()
		cls.account = ensure_incoming_account(PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.mailbox.stop()
		frappe.db.set_value("Email Account", cls.account, "enable_incoming", 0)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self) -> None:
		self.started = frappe.utils.now_datetime()
		frappe.db.set_single_value("Mitmenschen Settings", "reply_to_closed_case", "Reopen the Case")
		frappe.db.set_single_value("Mitmenschen Settings", "guess_category_from_email", 0)

	def tearDown(self) -> None:
		frappe.db.rollback()
		frappe.db.set_single_value("Mitmenschen Settings", "reply_to_closed_case", "Reopen the Case")
		frappe.db.set_single_value("Mitmenschen Settings", "guess_category_from_email", 0)
		delete_created_since(self.started, CREATED_BY_MAIL_TESTS)

	def receive(self, *messages) -> None:
		for message in messages:
			self.mailbox.deliver(message if isinstance(message, bytes) else message.as_bytes())
		frappe.get_doc("Email Account", self.account).receive()
		self.assertEqual(self.mailbox.messages, [], "the mailbox was emptied")

	def case_of(self, message):
		name = frappe.db.get_value(
			"Communication", {"message_id": message["Message-ID"].strip("<>")}, "reference_name"
		)
		self.assertTrue(name, "the mail reached a case")
		return frappe.get_doc("Mediation Case", name)

	def tenant_with_email(self):
		tenant = make_tenant()
		address = f"{unique('m').replace(' ', '').lower()}@tenant.example"
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": tenant.customer_name,
				"email_ids": [{"email_id": address, "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": tenant.name}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # receiving rolls back after a mail it cannot read
		return tenant, address

	def test_new_mail_creates_a_case_with_the_tenant_as_reporter(self) -> None:
		tenant, address = self.tenant_with_email()
		first = mail(address, unique("Lärm im Treppenhaus"))
		self.receive(first)
		case = self.case_of(first)
		self.assertEqual(case.channel, "Email")
		self.assertEqual(case.reporter_email, address)
		self.assertEqual(case.reporter_tenant, tenant.name)
		self.assertIn("Es ist laut.", case.description)
		self.assertFalse(case.category, "no category guessed unless configured")
		self.assertTrue(case.response_due, "the SLA clock runs from the mail")

	def test_reply_threads_also_with_an_edited_subject(self) -> None:
		_tenant, address = self.tenant_with_email()
		first = mail(address, unique("Müll im Hof"))
		self.receive(first)
		case = self.case_of(first)
		reply = mail(address, "Ganz anderer Betreff", "Noch immer Müll.", in_reply_to=first["Message-ID"])
		plain_reply = mail(
			address, "Re: Ganz anderer Betreff", "Und wieder.", in_reply_to=reply["Message-ID"]
		)
		self.receive(reply)
		self.receive(plain_reply)
		self.assertEqual(self.case_of(reply).name, case.name)
		self.assertEqual(self.case_of(plain_reply).name, case.name)
		self.assertEqual(frappe.db.count("Mediation Case", {"reporter_email": address}), 1)

	def test_reply_to_a_closed_case_reopens_it(self) -> None:
		_tenant, address = self.tenant_with_email()
		first = mail(address, unique("Heizung"))
		self.receive(first)
		case = self.case_of(first)
		frappe.db.set_value("Mediation Case", case.name, "status", "Closed")
		frappe.db.commit()
		self.receive(mail(address, "Geht wieder nicht", in_reply_to=first["Message-ID"]))
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Reopened")

	def test_reply_to_a_closed_case_opens_a_linked_one_when_configured(self) -> None:
		frappe.db.set_single_value("Mitmenschen Settings", "reply_to_closed_case", "Open a Linked Case")
		_tenant, address = self.tenant_with_email()
		first = mail(address, unique("Fenster"))
		self.receive(first)
		case = self.case_of(first)
		frappe.db.set_value("Mediation Case", case.name, "status", "Closed")
		frappe.db.commit()
		reply = mail(address, "Schon wieder", in_reply_to=first["Message-ID"])
		self.receive(reply)
		linked = self.case_of(reply)
		self.assertNotEqual(linked.name, case.name)
		self.assertEqual(linked.recurrence_of, case.name)
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Closed")

	def test_category_is_guessed_only_when_configured(self) -> None:
		frappe.db.set_single_value("Mitmenschen Settings", "guess_category_from_email", 1)
		category = make_category(unique("Sperrmüll")).name
		message = mail(f"{unique('x').replace(' ', '')}@tenant.example", f"Problem: {category} im Keller")
		self.receive(message)
		self.assertEqual(self.case_of(message).category, category)

	def test_unknown_sender_gets_a_case_and_a_clear_note(self) -> None:
		message = mail("stranger@nowhere.example", unique("Wer bin ich"))
		self.receive(message)
		case = self.case_of(message)
		self.assertFalse(case.reporter_tenant)
		notes = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("stranger@nowhere.example" in n for n in notes), notes)

	def test_malformed_mail_and_huge_attachment_do_not_stop_the_inbox(self) -> None:
		"""Frappe logs a mail it cannot read (Error Log "EmailAccount.receive", with the traceback),
		goes on with the next ones and reports the failure when the batch is done; an attachment over
		the size limit is left out (Frappe 15 swallows the size error; our note on the case says so) and
		the mail still becomes a case."""
		tenant, address = self.tenant_with_email()
		huge = mail(address, unique("Mit Anhang"), attachments=[("video.bin", b"\0" * 300_000)])
		after = mail(address, unique("Danach"))
		errors_before = frappe.db.count("Error Log", {"method": "EmailAccount.receive"})
		max_size = frappe.conf.get("max_file_size")
		frappe.conf.max_file_size = 100_000
		try:
			with self.assertRaises(Exception) as raised:
				self.receive(b"\xff\xfe not a mail \x00 at all\r\n\r\n=?broken?=", huge, after)
		finally:
			frappe.conf.max_file_size = max_size
		self.assertIn("from_real_name", str(raised.exception), "the unreadable mail is the one reported")
		self.assertEqual(self.mailbox.messages, [], "every mail was fetched")
		self.assertEqual(frappe.db.count("Error Log", {"method": "EmailAccount.receive"}), errors_before + 1)
		case = self.case_of(huge)
		self.assertFalse(
			frappe.db.exists("File", {"file_name": "video.bin", "creation": [">=", self.started]})
		)
		self.assertEqual(case.reporter_tenant, tenant.name)
		notes = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any("not saved" in note or "nicht gespeichert" in note for note in notes), notes)
		self.case_of(after)
