"""The minutes as PDF, scoped to the reader: staff see every agenda case, a partner only the cases
referred to its organisation, nobody the reporter. Rendered with wkhtmltopdf and read back with
pdftotext (poppler-utils, installed by bin/setup); page 1 is kept as a PNG in tests/artifacts/.
Mail goes through a real SMTP server on loopback (run under `flock /tmp/mm-mail.lock`)."""

import subprocess
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.escalation.test_sweep import SweepTestCase, make_user
from mitmenschen.portal import partner_api
from mitmenschen.portal.guard import PortalNotFoundError
from mitmenschen.round_table.minutes import (
	FULL,
	MEETING,
	NO_CASES,
	PRINT_FORMAT,
	minutes_pdf,
	minutes_view,
	reader_scope,
	scoped_to,
)
from mitmenschen.tests import minutes_world
from mitmenschen.tests.mail import flush_queue
from mitmenschen.workflows.definitions import apply_system_action

ARTIFACTS = Path(frappe.get_app_path("mitmenschen")).parents[2] / "tests" / "artifacts"


def pdf_text(pdf: bytes) -> str:
	result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
	return result.stdout.decode()


def save_first_page(pdf: bytes, name: str) -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	target = ARTIFACTS / name
	subprocess.run(
		["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(target)],
		input=pdf,
		check=True,
	)
	return target.with_suffix(".png")


class MinutesWorldTestCase(FrappeTestCase):
	"""The world commits (the PDF renderer reads committed data through the print view), so each
	class builds it once and leaves it: names carry a random suffix and collide with nothing."""

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.world = minutes_world.build()
		cls.meeting = frappe.get_doc(MEETING, cls.world["meeting"])
		cls.clerk = make_user("minutes-clerk")
		frappe.get_doc("User", cls.clerk).add_roles("Mit:Menschen Clerk")  # also when an earlier run made it

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.local.lang = "de"

	def cases_in(self, view: dict) -> set[str]:
		return {item.case for item in view["agenda"] if item.case}


class TestMinutesScope(MinutesWorldTestCase):
	def test_staff_see_every_agenda_case_and_action(self) -> None:
		view = minutes_view(self.meeting, FULL)
		w = self.world
		self.assertEqual(self.cases_in(view), {w["A"]["case"], w["B"]["case"], w["staff_case"]})
		self.assertEqual(len(view["agenda"]), 5)
		self.assertEqual(
			{a.title for a in view["actions"]},
			{w["A"]["action_title"], w["B"]["action_title"], w["common_action_title"]},
		)

	def test_a_partner_sees_only_the_cases_referred_to_it(self) -> None:
		w = self.world
		view = minutes_view(self.meeting, w["A"]["organisation"])
		self.assertEqual(self.cases_in(view), {w["A"]["case"]})
		# B's case, the staff case and the item about B's action are left out; the plain topic stays
		self.assertEqual([item.topic for item in view["agenda"]], [w["A"]["case_subject"], w["manual_topic"]])
		self.assertEqual([item.idx for item in view["agenda"]], [1, 2], "numbered without gaps")
		self.assertEqual(
			{a.title for a in view["actions"]}, {w["A"]["action_title"], w["common_action_title"]}
		)
		self.assertEqual(len(view["hidden_rows"]), 3)

	def test_the_agenda_is_staff_only_in_the_record_a_partner_reads(self) -> None:
		"""The record's agenda names every organisation's cases: a partner reads the meeting without it
		(permlevel 1), the scoped minutes are its way to its own agenda items."""
		frappe.set_user(self.world["A"]["user"])
		meeting = frappe.get_doc(MEETING, self.world["meeting"])
		meeting.apply_fieldlevel_read_permissions()
		self.assertFalse(hasattr(meeting, "agenda"))
		self.assertEqual(meeting.title, self.world["meeting_title"])
		frappe.set_user(self.clerk)
		self.assertEqual(len(frappe.get_doc(MEETING, self.world["meeting"]).agenda), 5)

	def test_a_reader_of_no_organisation_sees_no_case(self) -> None:
		view = minutes_view(self.meeting, NO_CASES)
		self.assertEqual(self.cases_in(view), set())
		self.assertEqual([item.topic for item in view["agenda"]], [self.world["manual_topic"]])
		self.assertEqual([a.title for a in view["actions"]], [self.world["common_action_title"]])

	def test_attendees_with_organisation_and_attendance(self) -> None:
		rows = minutes_view(self.meeting, FULL)["attendees"]
		self.assertEqual(
			[(r.organisation, r.person, r.rsvp, r.attended) for r in rows],
			[
				(self.world["A"]["organisation"], f"Kontakt A {self.world['suffix']}", "Accepted", True),
				(self.world["B"]["organisation"], f"Kontakt B {self.world['suffix']}", "Declined", False),
			],
		)

	def test_the_scope_follows_the_reader_unless_a_copy_is_rendered_for_someone(self) -> None:
		self.assertIs(reader_scope(self.clerk), FULL)
		self.assertIs(reader_scope("Administrator"), FULL)
		self.assertEqual(reader_scope(self.world["A"]["user"]), self.world["A"]["organisation"])
		frappe.set_user(self.world["B"]["user"])
		self.assertEqual(reader_scope(), self.world["B"]["organisation"])
		with scoped_to(self.world["A"]["organisation"]):
			self.assertEqual(reader_scope(), self.world["A"]["organisation"])
		with scoped_to(FULL):
			self.assertIs(reader_scope(), FULL)
		self.assertEqual(reader_scope(), self.world["B"]["organisation"])

	def test_a_partner_printing_the_meeting_in_any_format_gets_its_copy(self) -> None:
		w = self.world
		frappe.set_user(w["A"]["user"])
		for print_format in ("Standard", PRINT_FORMAT):
			html = frappe.get_print(MEETING, w["meeting"], print_format)
			if print_format == PRINT_FORMAT:  # Frappe's Standard format leaves the staff-only agenda out
				self.assertIn(w["A"]["case_subject"], html)
			self.assertIn(w["meeting_title"], html, print_format)
			for secret in (w["B"]["case_subject"], w["staff_case_subject"], w["B"]["action_title"]):
				self.assertNotIn(secret, html, print_format)
			for reporter in (w["A"]["reporter_name"], w["A"]["reporter_email"]):
				self.assertNotIn(reporter, html, print_format)


class TestMinutesPdf(MinutesWorldTestCase):
	def test_staff_pdf_in_german_lists_every_case_and_no_reporter(self) -> None:
		w = self.world
		frappe.local.lang = "de"
		pdf = minutes_pdf(w["meeting"], FULL)
		self.assertTrue(pdf.startswith(b"%PDF"))
		text = pdf_text(pdf)
		for expected in (
			"Protokoll des Runden Tisches",
			"Teilnehmende",
			"Tagesordnung",
			"Beschlüsse",
			"Aufgaben",
			w["meeting_title"],
			w["A"]["organisation"],
			"Teilgenommen",
			w["A"]["case"],
			w["A"]["case_subject"],
			w["B"]["case_subject"],
			w["staff_case_subject"],
			"Die Kellerbegehung findet im Januar statt.",
			w["A"]["action_title"],
		):
			self.assertIn(expected, text)
		for reporter in ("Geheime Melderin", "@melder.example"):
			self.assertNotIn(reporter, text)
		png = save_first_page(pdf, "minutes_staff_de")
		self.assertTrue(png.exists())

	def test_partner_pdf_lists_only_its_own_case(self) -> None:
		w = self.world
		frappe.local.lang = "de"
		pdf = minutes_pdf(w["meeting"], w["A"]["organisation"])
		text = pdf_text(pdf)
		self.assertIn(w["A"]["case_subject"], text)
		self.assertIn(w["manual_topic"], text)
		self.assertIn(f"nur die Fälle, die an {w['A']['organisation']}", " ".join(text.split()))
		for secret in (
			w["B"]["case_subject"],
			w["B"]["case"],
			w["staff_case_subject"],
			w["staff_case"],
			w["B"]["action_title"],
			"Geheime Melderin",
			"@melder.example",
		):
			self.assertNotIn(secret, text)
		save_first_page(pdf, "minutes_partner_a_de")

	def test_english_labels(self) -> None:
		frappe.local.lang = "en"
		text = pdf_text(minutes_pdf(self.world["meeting"], FULL))
		for label in (
			"Minutes of the Round Table",
			"Attendees",
			"Agenda",
			"Decisions",
			"Actions",
			"Due Date",
		):
			self.assertIn(label, text)
		self.assertNotIn("Teilnehmende", text)


class TestPortalDownload(MinutesWorldTestCase):
	def download(self, user: str, meeting: str) -> bytes:
		frappe.set_user(user)
		frappe.local.response = frappe._dict()
		partner_api.minutes_pdf(meeting)
		self.assertEqual(frappe.local.response.type, "pdf")
		return frappe.local.response.filecontent

	def test_a_partner_downloads_its_copy_of_approved_minutes(self) -> None:
		w = self.world
		text = pdf_text(self.download(w["B"]["user"], w["meeting"]))
		self.assertIn(w["B"]["case_subject"], text)
		self.assertIn(w["B"]["action_title"], text)
		self.assertNotIn(w["A"]["case_subject"], text)
		self.assertNotIn("Geheime Melderin", text)

	def test_no_download_of_a_meeting_not_attended_or_not_approved(self) -> None:
		w = self.world
		for meeting in (w["only_b_meeting"], w["draft_meeting"], "RT-0000-000", ""):
			with self.assertRaises(PortalNotFoundError, msg=meeting):
				self.download(w["A"]["user"], meeting)

	def test_staff_have_the_desk_not_the_portal_download(self) -> None:
		with self.assertRaises(frappe.PermissionError):
			self.download(self.clerk, self.world["meeting"])


class TestMinutesMail(SweepTestCase):
	def test_approval_mails_each_attendee_its_copy(self) -> None:
		chair = make_user("minutes-chair", "en")
		world = minutes_world.build(state="Minutes Draft", chair=chair)
		meeting = frappe.get_doc(MEETING, world["meeting"])
		apply_system_action(meeting, "Approve Minutes")
		frappe.db.commit()
		flush_queue()

		to_a = self.smtp.to(world["A"]["user"])
		self.assertEqual(len(to_a), 1)
		self.assertIn("Protokoll", to_a[0]["Subject"])
		text = pdf_text(self.attachment(to_a[0]))
		self.assertIn(world["A"]["case_subject"], text)
		for secret in (
			world["B"]["case_subject"],
			world["staff_case_subject"],
			world["B"]["action_title"],
			"Geheime Melderin",
			"@melder.example",
		):
			self.assertNotIn(secret, text)
			self.assertNotIn(secret, to_a[0].as_string())

		to_b = self.smtp.to(world["B"]["user"])  # declined the meeting, still gets the minutes
		self.assertEqual(len(to_b), 1)
		text_b = pdf_text(self.attachment(to_b[0]))
		self.assertIn(world["B"]["case_subject"], text_b)
		self.assertNotIn(world["A"]["case_subject"], text_b)

		to_chair = self.smtp.to(chair)
		self.assertEqual(len(to_chair), 1)
		self.assertIn("Minutes", to_chair[0]["Subject"], "in the chair's language")
		full = pdf_text(self.attachment(to_chair[0]))
		for subject in (world["A"]["case_subject"], world["B"]["case_subject"], world["staff_case_subject"]):
			self.assertIn(subject, full)
		self.assertNotIn("Geheime Melderin", full)
		self.assertEqual(len(self.smtp.messages), 3)

	def test_without_an_outgoing_account_nothing_is_sent_and_the_meeting_says_so(self) -> None:
		from mitmenschen.round_table.minutes_mail import send_minutes

		world = minutes_world.build(state="Minutes Approved")
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "enable_outgoing", 0)
		frappe.db.set_single_value("Mitmenschen Settings", "escalation_sender", None)
		try:
			self.assertEqual(send_minutes(world["meeting"]), 0)
			comments = frappe.get_all(
				"Comment", filters={"reference_name": world["meeting"]}, pluck="content"
			)
			self.assertTrue(any("nicht versendet" in c or "not sent" in c for c in comments), comments)
		finally:
			frappe.db.rollback()

	@staticmethod
	def attachment(message) -> bytes:
		for part in message.iter_attachments():
			if part.get_filename().endswith(".pdf"):
				return part.get_content()
		raise AssertionError("no PDF attached")
