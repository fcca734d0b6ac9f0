"""A real SMTP server on loopback for tests: aiosmtpd collects what Frappe's Email Queue delivers.

	with smtp_sink(port) as sink: ...; sink.messages  # list of email.message.EmailMessage
"""

import email
import email.policy
from contextlib import contextmanager

import frappe
from aiosmtpd.controller import Controller

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


def ensure_outgoing_account(port: int, email_id: str = "mitmenschen@esc.localhost") -> str:
	"""The default outgoing Email Account, pointed at the loopback server (no TLS, no auth)."""
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
	if frappe.db.exists("Email Account", TEST_ACCOUNT):
		account = frappe.get_doc("Email Account", TEST_ACCOUNT)
		account.update(values)
		account.save(ignore_permissions=True)
	else:
		account = frappe.get_doc({"doctype": "Email Account", "email_account_name": TEST_ACCOUNT, **values})
		account.insert(ignore_permissions=True)
	frappe.db.set_single_value("Mitmenschen Settings", "escalation_sender", account.name)
	return account.name


def flush_queue() -> None:
	"""Deliver the Email Queue as the scheduler would (Frappe skips SMTP in tests unless told)."""
	from frappe.email.queue import flush

	frappe.flags.testing_email = True
	try:
		flush()
	finally:
		frappe.flags.testing_email = False
