"""The outbound module: Frappe's private `_make` keeps the arguments we pass (an upgrade that changes
them fails here), it is called nowhere else, and a mail from a record lands on the record's timeline
and in the Email Queue."""

import ast
import inspect
from pathlib import Path

import frappe
from frappe.core.doctype.communication.email import _make
from frappe.tests.utils import FrappeTestCase

from mitmenschen.outbound.mail import MAKE_ARGUMENTS, outgoing_account, queue, send_from_record
from mitmenschen.tests.factories import make_case
from mitmenschen.tests.mail import TEST_ACCOUNT, MailTestCase, flush_queue


class TestMakeSignature(FrappeTestCase):
	def test_frappe_make_still_takes_our_arguments(self) -> None:
		parameters = inspect.signature(_make).parameters
		self.assertEqual([name for name in MAKE_ARGUMENTS if name not in parameters], [])
		self.assertTrue(
			all(parameters[name].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for name in MAKE_ARGUMENTS)
		)

	def test_only_the_outbound_module_calls_make(self) -> None:
		app = Path(frappe.get_app_path("mitmenschen"))
		callers = []
		for path in app.rglob("*.py"):
			tree = ast.parse(path.read_text(encoding="utf-8"))
			for node in ast.walk(tree):
				if isinstance(node, ast.ImportFrom) and any(alias.name == "_make" for alias in node.names):
					callers.append(str(path.relative_to(app)))
		self.assertEqual(sorted(set(callers)), ["outbound/mail.py", "outbound/test_outbound_mail.py"])

	def test_only_the_outbound_module_calls_sendmail(self) -> None:
		app = Path(frappe.get_app_path("mitmenschen"))
		callers = set()
		for path in app.rglob("*.py"):
			if path.name.startswith("test_") or "benchmarks" in path.parts or "tests" in path.parts:
				continue
			if "frappe.sendmail(" in path.read_text(encoding="utf-8"):
				callers.add(str(path.relative_to(app)))
		self.assertEqual(sorted(callers), ["outbound/mail.py"])


PORT = 2561


class TestSending(MailTestCase):
	PORT = PORT

	def tearDown(self) -> None:
		frappe.db.rollback()
		frappe.local.outgoing_email_account = {}

	def test_a_mail_from_a_record_is_on_its_timeline_and_delivered(self) -> None:
		case = make_case()
		name = send_from_record(
			"Mediation Case", case.name, "leser@outbound.example", "Betreff äöü", "<p>Hallo</p>"
		)
		communication = frappe.get_doc("Communication", name)
		self.assertEqual(
			(communication.reference_doctype, communication.reference_name, communication.communication_type),
			("Mediation Case", case.name, "Automated Message"),
		)
		flush_queue()
		[message] = self.smtp.to("leser@outbound.example")
		self.assertEqual(message["Subject"], "Betreff äöü")
		self.assertIn("Hallo", message.get_body(("html",)).get_content())

	def test_queue_delivers_through_frappes_email_queue(self) -> None:
		queue(
			["zwei@outbound.example"],
			"Einladung",
			"<p>Bitte kommen</p>",
			reference_doctype="User",
			reference_name="Administrator",
		)
		self.assertTrue(
			frappe.db.exists("Email Queue", {"reference_doctype": "User", "reference_name": "Administrator"})
		)
		flush_queue()
		self.assertEqual(len(self.smtp.to("zwei@outbound.example")), 1)

	def test_without_an_outgoing_account_nothing_is_sent_or_recorded(self) -> None:
		frappe.db.set_value("Email Account", TEST_ACCOUNT, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}  # Frappe caches the account per request
		case = make_case()
		self.assertIsNone(outgoing_account("Mediation Case"))
		before = frappe.db.count("Communication")
		self.assertIsNone(send_from_record("Mediation Case", case.name, "x@outbound.example", "S", "C"))
		self.assertEqual(frappe.db.count("Communication"), before)
