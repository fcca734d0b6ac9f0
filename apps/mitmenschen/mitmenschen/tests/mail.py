"""A real SMTP server on loopback for tests: aiosmtpd collects what Frappe's Email Queue delivers.

with smtp_sink(port) as sink: ...; sink.messages  # list of email.message.EmailMessage
"""

import email
import email.policy
from contextlib import contextmanager
from datetime import datetime

import frappe
from aiosmtpd.controller import Controller
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

HOST = "127.0.0.1"
TEST_ACCOUNT = "Mit:Menschen Escalation Test"


class Sink:
	def __init__(self) -> None:
		self.messages: list[email.message.EmailMessage] = []

	async def handle_DATA(self, server, session, envelope) -> str:
		message = email.message_from_bytes(envelope.content, policy=email.policy.default)
		message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
		self.messages.append(message)
		return "250 OK"

	def to(self, address: str) -> list:
		return [m for m in self.messages if address.lower() in m["X-Envelope-To"].lower()]


class SMTPSink:
	def __init__(self, port: int) -> None:
		self.port = port
		self.sink = Sink()
		self.controller: Controller | None = None

	@property
	def messages(self):
		return self.sink.messages

	def to(self, address: str):
		return self.sink.to(address)

	def start(self) -> None:
		self.controller = Controller(self.sink, hostname=HOST, port=self.port)
		self.controller.start()

	def stop(self) -> None:
		if self.controller:
			self.controller.stop()
			self.controller = None


@contextmanager
def smtp_sink(port: int):
	sink = SMTPSink(port)
	sink.start()
	try:
		yield sink
	finally:
		sink.stop()


class MailTestCase(FrappeTestCase):
	"""A test class whose mail goes to a real SMTP sink on loopback (`self.smtp`), port `PORT`, through
	the default outgoing account; the sink is emptied before each test."""

	PORT: int

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.smtp = SMTPSink(cls.PORT)
		cls.smtp.start()
		ensure_outgoing_account(cls.PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.smtp.stop()
		retire_outgoing_account()
		super().tearDownClass()

	def setUp(self) -> None:
		super().setUp()
		self.smtp.messages.clear()


# What flush_queue may deliver: mail queued since the current test class set up its outgoing account.
_delivery_since: datetime | None = None


def ensure_outgoing_account(port: int, email_id: str = "mitmenschen@esc.localhost") -> str:
	"""The default outgoing Email Account, pointed at the loopback server (no TLS, no auth)."""
	global _delivery_since
	_delivery_since = now_datetime()
	values = {
		"email_id": email_id,
		"enable_outgoing": 1,
		"default_outgoing": 1,
		"smtp_server": HOST,
		"smtp_port": port,
		"use_tls": 0,
		"use_ssl": 0,
		"no_smtp_authentication": 1,
		"enable_incoming": 0,
	}
	account = upsert_account(TEST_ACCOUNT, values)
	frappe.db.set_single_value("Mitmenschen Settings", "escalation_sender", account)
	return account


def retire_outgoing_account() -> None:
	"""After the tests: no default outgoing account pointing at a server that is gone."""
	if frappe.db.exists("Email Account", TEST_ACCOUNT):
		frappe.db.set_value("Email Account", TEST_ACCOUNT, {"enable_outgoing": 0, "default_outgoing": 0})
	if frappe.db.get_single_value("Mitmenschen Settings", "escalation_sender") == TEST_ACCOUNT:
		frappe.db.set_single_value("Mitmenschen Settings", "escalation_sender", None)
	frappe.db.commit()


def flush_queue() -> None:
	"""Deliver the Email Queue as the scheduler would (Frappe skips SMTP in tests unless told), but only
	the mail queued since the test class set up its outgoing account (`ensure_outgoing_account`): mail
	that earlier tests on the site left behind, addressed through servers long gone, neither reaches
	this test's sink nor trips Frappe's abort after ten failures in one batch. Each mail is sent as
	`frappe.email.queue.flush` sends it; a failure is logged and counted on the mail by Frappe."""
	from frappe.email.queue import get_queue

	frappe.flags.testing_email = True
	try:
		for row in get_queue():
			if _delivery_since and frappe.db.get_value("Email Queue", row.name, "creation") < _delivery_since:
				continue
			try:
				frappe.get_doc("Email Queue", row.name).send()
			except Exception:
				frappe.get_doc("Email Queue", row.name).log_error()
	finally:
		frappe.flags.testing_email = False


class POP3Mailbox:
	"""A minimal POP3 server on loopback (USER, PASS, STAT, LIST, RETR, DELE, NOOP, RSET, QUIT), so that
	tests fetch mail through Frappe's real Email Account receive path."""

	def __init__(self, port: int) -> None:
		import socketserver
		import threading

		self.port = port
		self.messages: list[bytes] = []
		self._lock = threading.Lock()
		mailbox = self

		class Handler(socketserver.StreamRequestHandler):
			def send(self, line: bytes) -> None:
				self.wfile.write(line + b"\r\n")

			def handle(self) -> None:
				deleted: set[int] = set()
				with mailbox._lock:
					snapshot = list(mailbox.messages)
				self.send(b"+OK Mit:Menschen test mailbox")
				for raw in self.rfile:
					command, *args = raw.decode(errors="replace").strip().split(" ")
					command = command.upper()
					if command in ("USER", "PASS", "NOOP"):
						self.send(b"+OK")
					elif command == "STAT":
						self.send(f"+OK {len(snapshot)} {sum(map(len, snapshot))}".encode())
					elif command == "LIST":
						self.send(f"+OK {len(snapshot)} messages".encode())
						for i, message in enumerate(snapshot, 1):
							self.send(f"{i} {len(message)}".encode())
						self.send(b".")
					elif command == "RETR":
						message = snapshot[int(args[0]) - 1]
						self.send(f"+OK {len(message)} octets".encode())
						for line in message.replace(b"\r\n", b"\n").split(b"\n"):
							self.send(b"." + line if line.startswith(b".") else line)
						self.send(b".")
					elif command == "DELE":
						deleted.add(int(args[0]) - 1)
						self.send(b"+OK")
					elif command == "RSET":
						deleted.clear()
						self.send(b"+OK")
					elif command == "QUIT":
						with mailbox._lock:
							gone = {id(snapshot[i]) for i in deleted}
							mailbox.messages = [m for m in mailbox.messages if id(m) not in gone]
						self.send(b"+OK bye")
						return
					else:
						self.send(b"-ERR unknown command")

		class Server(socketserver.ThreadingTCPServer):
			allow_reuse_address = True
			daemon_threads = True

		self.server = Server((HOST, port), Handler)
		self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

	def start(self) -> None:
		self.thread.start()

	def stop(self) -> None:
		self.server.shutdown()
		self.server.server_close()

	def deliver(self, raw: bytes | str) -> None:
		with self._lock:
			self.messages.append(raw.encode() if isinstance(raw, str) else raw)


def ensure_incoming_account(port: int, email_id: str = "hilfe@esc.localhost") -> str:
	"""An Email Account that fetches from the loopback POP3 mailbox into Mediation Case."""
	name = "Mit:Menschen Case Inbox Test"
	values = {
		"email_id": email_id,
		"enable_incoming": 1,
		"use_imap": 0,
		"email_server": HOST,
		"incoming_port": port,
		"use_ssl": 0,
		"use_starttls": 0,
		"append_to": "Mediation Case",
		"enable_outgoing": 0,
		"default_incoming": 0,
		"no_smtp_authentication": 1,
	}
	return upsert_account(name, values)


def upsert_account(name: str, values: dict) -> str:
	"""Create the Email Account, or bring an existing one of that name to these values."""
	if frappe.db.exists("Email Account", name):
		account = frappe.get_doc("Email Account", name)
		account.update(values)
		account.save(ignore_permissions=True)
	else:
		account = frappe.get_doc({"doctype": "Email Account", "email_account_name": name, **values})
		account.insert(ignore_permissions=True)
	return account.name


def delete_created_since(since, doctypes: list[str]) -> None:
	"""Remove what a committing test created (with child rows), so that later tests on the same site
	see the site as it was."""
	for doctype in doctypes:
		names = frappe.get_all(doctype, filters={"creation": [">=", since]}, pluck="name")
		if not names:
			continue
		for table in frappe.get_meta(doctype).get_table_fields():
			frappe.db.delete(table.options, {"parent": ["in", names], "parenttype": doctype})
		for linked in ("Comment", "Communication", "Escalation Timer", "Escalation Log", "Version"):
			field = "docname" if linked == "Version" else "reference_name"
			frappe.db.delete(linked, {field: ["in", names]})
		frappe.db.delete(doctype, {"name": ["in", names]})
	frappe.db.commit()


CREATED_BY_MAIL_TESTS = [
	"Round Table Action",
	"Round Table Meeting",
	"Mediation Case",
	"Partner Contact",
	"Partner Organisation",
	"Contact",
	"Customer",
	"Case Category",
	"Communication",
]


class ForeignWork:
	"""Pending escalation timers and unsent mail that were on the site before a test class began, moved
	out of the sweep's and the queue's reach and given back afterwards: the sweep tests then see only
	what they create, and delete only that (`clean_slate(since)`)."""

	FAR_FUTURE = "2999-12-31 00:00:00"

	def __init__(self) -> None:
		self.timers: dict[str, object] = {}
		self.mails: dict[str, object] = {}

	def park(self) -> None:
		self.timers = dict(
			frappe.db.sql("select name, due_at from `tabEscalation Timer` where status = 'Pending'")
		)
		self.mails = dict(
			frappe.db.sql("select name, send_after from `tabEmail Queue` where status = 'Not Sent'")
		)
		self._move("Escalation Timer", "due_at", dict.fromkeys(self.timers, self.FAR_FUTURE))
		self._move("Email Queue", "send_after", dict.fromkeys(self.mails, self.FAR_FUTURE))
		frappe.db.commit()

	def give_back(self) -> None:
		self._move("Escalation Timer", "due_at", self.timers)
		self._move("Email Queue", "send_after", self.mails)
		frappe.db.commit()

	@staticmethod
	def _move(doctype: str, field: str, values: dict) -> None:
		for name, value in values.items():
			frappe.db.set_value(doctype, name, field, value, update_modified=False)


def drop_queued_since(since) -> None:
	"""Forget the mail queued since `since` (e.g. Frappe's assignment notices when a test assigns cases),
	so that a test counts only the mail it is about."""
	queued = frappe.get_all("Email Queue", filters={"creation": [">=", since]}, pluck="name")
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ["in", queued]})
		frappe.db.delete("Email Queue", {"name": ["in", queued]})
	frappe.db.commit()


def clean_slate(since) -> None:
	"""Delete the engine's timers and logs and the mail that tests created since `since`, nothing older."""
	recent = {"creation": [">=", since]}
	queued = frappe.get_all("Email Queue", filters=recent, pluck="name")
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ["in", queued]})
	for doctype in ("Escalation Timer", "Escalation Log", "Email Queue"):
		frappe.db.delete(doctype, recent)
	frappe.db.commit()
