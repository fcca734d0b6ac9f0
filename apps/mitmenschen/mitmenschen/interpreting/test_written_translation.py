# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Short written translations on the real site: the mediator's link shows only the text and works once,
the translation lands on the case's timeline beside the original; a machine draft comes from a small
HTTP server on loopback that answers as LibreTranslate's /translate does, and is marked as such."""

import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import frappe
from frappe.utils import random_string

from mitmenschen.interpreting import links, mediator_page, written
from mitmenschen.interpreting.test_interpreting import InterpretingWorld, make_mediator
from mitmenschen.interpreting.written import WrittenTranslationError
from mitmenschen.tests.factories import make_case

LIBRETRANSLATE_PORT = 2672
ARABIC = "الموسيقى عالية جدا في الليل ولا أستطيع النوم"
GERMAN = "Die Musik ist nachts sehr laut und ich kann nicht schlafen."


class FakeLibreTranslate(BaseHTTPRequestHandler):
	requests: list = []

	def do_POST(self) -> None:
		body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
		FakeLibreTranslate.requests.append((self.path, body))
		answer = json.dumps({"translatedText": f"[MT] {GERMAN}"}).encode()
		self.send_response(200)
		self.send_header("Content-Type", "application/json")
		self.send_header("Content-Length", str(len(answer)))
		self.end_headers()
		self.wfile.write(answer)

	def log_message(self, *args) -> None:
		pass


class TestWrittenTranslation(InterpretingWorld):
	def setUp(self) -> None:
		frappe.db.set_single_value("Interpreting Settings", "libretranslate_url", None)
		self.mediator = make_mediator("ar", offers_written_translation=1)
		self.case = make_case(
			subject=f"Beschwerde {random_string(4)}",
			description=f"<p>{ARABIC}</p>",
			reporter_name="Amal Nachbarin",
			reporter_language="ar",
		)

	def test_the_mediator_translates_once_through_the_link_and_the_case_shows_it_beside_the_original(self):
		options = written.translation_options(self.case.name)
		self.assertEqual(options["language"], "ar")
		self.assertIn(self.mediator, [m.name for m in options["mediators"]])
		self.assertEqual(options["text"], ARABIC)
		self.assertFalse(options["machine"], "no service configured: no machine draft")
		with self.assertRaises(WrittenTranslationError):
			written.machine_draft(self.case.name, ARABIC, "ar")

		name = written.request_translation(self.case.name, ARABIC, "ar", self.mediator)["name"]
		raw = frappe.get_last_doc("Email Queue", filters={"reference_name": name}).message
		mail = email.message_from_string(raw, policy=email.policy.default).get_body(("html",)).get_content()
		sig = links.signature(links.TRANSLATION, name, self.mediator)
		self.assertIn(f"/t/{name}/{sig}", mail)
		self.assertNotIn(self.case.subject, mail)
		self.assertNotIn(ARABIC, mail, "the mail only links to the text")

		state, row = written.check_link(name, sig)
		self.assertEqual((state, row.source_text), (written.OPEN, ARABIC))
		self.assertEqual(written.check_link(name, sig[:-1] + ("a" if sig[-1] != "a" else "b")), (written.INVALID, None))
		page = frappe.as_json(mediator_page.translation_page(name, sig))
		for secret in (self.case.name, self.case.subject, "Amal Nachbarin"):
			self.assertNotIn(secret, page)

		frappe.set_user("Guest")
		try:
			self.assertEqual(written.submit_translation(name, sig, GERMAN)["result"], "translated")
			self.assertEqual(written.submit_translation(name, sig, "zweites Mal")["result"], "gone")
			with self.assertRaises(WrittenTranslationError):
				written.submit_translation(name, "x" * 24, "gefälscht")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(written.check_link(name, sig), (written.GONE, None))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Mediation Case", "reference_name": self.case.name, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertEqual(len(comments), 1)
		mediator_name = frappe.db.get_value("Language Mediator", self.mediator, "full_name")
		self.assertIn(frappe._("Translated by {0}").format(mediator_name), comments[0])
		self.assertIn(ARABIC, comments[0])
		self.assertIn(GERMAN, comments[0])
		self.assertEqual(frappe.db.get_value("Written Translation", name, ["status", "translation"]), ("Translated", GERMAN))

	def test_a_machine_draft_from_libretranslate_is_marked_and_sent_nowhere(self):
		server = HTTPServer(("127.0.0.1", LIBRETRANSLATE_PORT), FakeLibreTranslate)
		thread = threading.Thread(target=server.serve_forever, daemon=True)
		thread.start()
		FakeLibreTranslate.requests = []
		try:
			frappe.db.set_single_value("Interpreting Settings", "libretranslate_url", f"http://127.0.0.1:{LIBRETRANSLATE_PORT}/")
			self.assertTrue(written.translation_options(self.case.name)["machine"])
			queued_before = frappe.db.count("Email Queue")
			result = written.machine_draft(self.case.name, ARABIC, "ar")
		finally:
			server.shutdown()
			server.server_close()
		self.assertEqual(FakeLibreTranslate.requests, [("/translate", {"q": ARABIC, "source": "ar", "target": "de", "format": "text"})])
		self.assertEqual(result["draft"], f"[MT] {GERMAN}")
		self.assertEqual(frappe.db.count("Email Queue"), queued_before, "a machine draft is sent to nobody")
		self.assertEqual(frappe.db.get_value("Written Translation", result["name"], "status"), "Machine Draft")
		comment = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Mediation Case", "reference_name": self.case.name, "comment_type": "Comment"},
			pluck="content",
		)[0]
		self.assertIn(frappe._("Machine draft (unchecked, by {0})").format("LibreTranslate"), comment)
		self.assertIn(ARABIC, comment)
		# the service gone: a clear refusal, no half draft
		with self.assertRaises(WrittenTranslationError):
			written.machine_draft(self.case.name, ARABIC, "ar")
