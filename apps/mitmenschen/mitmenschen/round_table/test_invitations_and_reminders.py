"""Round table mail through a real SMTP server: invitations with an iCalendar file, reminders before
the meeting, and overdue actions escalated on the action ladder by the sweep."""

import frappe
from frappe.utils import add_days, add_to_date, get_datetime, get_url, now_datetime, nowdate

from mitmenschen.escalation.sweep import sweep
from mitmenschen.escalation.test_sweep import SweepTestCase, make_user
from mitmenschen.round_table.invitations import send_invitations
from mitmenschen.tests.factories import make_contact, make_language, make_partner, unique
from mitmenschen.tests.mail import flush_queue
from mitmenschen.workflows.definitions import apply_system_action


def make_meeting(starts_on: str, attendees: list[dict], chair: str | None = None):
	return frappe.get_doc(
		{
			"doctype": "Round Table Meeting",
			"title": unique("Runder Tisch"),
			"starts_on": starts_on,
			"ends_on": str(add_to_date(get_datetime(starts_on), hours=2)),
			"location": "Gemeinschaftsraum, Lange Straße 1",
			"chair": chair,
			"attendees": attendees,
		}
	).insert()


class TestInvitations(SweepTestCase):
	def setUp(self) -> None:
		super().setUp()
		make_language("uk", "Ukrainian")
		self.partner = make_partner()
		self.contact = make_contact(
			self.partner.name,
			email=f"{unique('rt').replace(' ', '')}@partner.example",
			active=1,
			languages=[{"language": "uk"}],
		)
		self.member = make_user("rt-member", "en")
		self.chair = make_user("rt-chair", "de")

	def test_invitation_in_each_language_with_a_calendar_file_in_utc(self) -> None:
		winter = make_meeting(
			"2026-12-10 18:00:00", [{"contact": self.contact.name}, {"user": self.member}], chair=self.chair
		)
		frappe.db.commit()
		self.assertEqual(send_invitations(winter), 3)
		frappe.db.commit()
		flush_queue()
		to_contact = self.smtp.to(self.contact.email)
		self.assertEqual(len(to_contact), 1)
		self.assertIn("Запрошення", to_contact[0]["Subject"])
		self.assertIn(
			get_url(f"/partner/meetings#{winter.name}"), to_contact[0].get_body(("html",)).get_content()
		)
		calendar = self.calendar_of(to_contact[0])
		self.assertIn("DTSTART:20261210T170000Z", calendar, "18:00 in Bremen in winter is 17:00 UTC")
		self.assertIn(f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{self.member}", calendar)
		self.assertIn("METHOD:REQUEST", calendar)
		self.assertIn("Invitation", self.smtp.to(self.member)[0]["Subject"])
		self.assertIn("Einladung", self.smtp.to(self.chair)[0]["Subject"])

	def test_summer_time_and_the_invite_step_sends_them(self) -> None:
		summer = make_meeting("2027-06-10 18:00:00", [{"user": self.member}], chair=self.chair)
		apply_system_action(summer, "Invite")
		frappe.db.commit()
		flush_queue()
		received = self.smtp.to(self.member)
		self.assertEqual(len(received), 1)
		self.assertIn("DTSTART:20270610T160000Z", self.calendar_of(received[0]), "summer time: UTC+2")

	def test_reminder_before_the_meeting(self) -> None:
		starts_on = add_days(now_datetime(), 3)
		meeting = make_meeting(str(starts_on.replace(microsecond=0)), [{"contact": self.contact.name}])
		frappe.db.commit()
		self.assertEqual(sweep(now=add_days(starts_on, -2)).timers, 0, "not yet")
		result = sweep(now=add_to_date(starts_on, hours=-1))
		flush_queue()
		self.assertEqual(result.timers, 1)
		received = self.smtp.to(self.contact.email)
		self.assertEqual(len(received), 1)
		self.assertIn(meeting.name, received[0]["Subject"])

	@staticmethod
	def calendar_of(message) -> str:
		for part in message.iter_attachments():
			if part.get_filename() == "invitation.ics":
				return (
					part.get_content() if isinstance(part.get_content(), str) else part.get_content().decode()
				)
		raise AssertionError("no invitation.ics attached")


class TestActionLadder(SweepTestCase):
	def test_overdue_action_reminds_its_owner_then_the_chair(self) -> None:
		owner = make_user("rt-owner", "de")
		chair = make_user("rt-chair", "de")
		meeting = make_meeting("2026-12-10 18:00:00", [], chair=chair)
		action = frappe.get_doc(
			{
				"doctype": "Round Table Action",
				"title": unique("Hausordnung übersetzen"),
				"owner_user": owner,
				"due_date": add_days(nowdate(), 5),
				"meeting": meeting.name,
			}
		).insert()
		frappe.db.commit()
		self.sweep_and_deliver()  # 40 days later: 80 %, due, and due + 24 working hours all passed
		to_owner = self.smtp.to(owner)
		self.assertEqual(len(to_owner), 1)
		body = to_owner[0].get_body(("html",)).get_content()
		self.assertIn(get_url(f"/app/round-table-action/{action.name}"), body)
		self.assertIn("Aufgabe", body)
		self.assertEqual(len(self.smtp.to(chair)), 1, "the chair hears of it after the breach")

	def test_done_action_is_not_escalated(self) -> None:
		owner = make_user("rt-owner", "de")
		action = frappe.get_doc(
			{
				"doctype": "Round Table Action",
				"title": unique("Erledigt"),
				"owner_user": owner,
				"due_date": nowdate(),
			}
		).insert()
		action.status = "Done"
		action.save()
		frappe.db.commit()
		self.assertEqual(self.sweep_and_deliver().timers, 0)

	def test_partner_owner_gets_a_portal_link(self) -> None:
		partner = make_partner()
		contact = make_contact(
			partner.name, email=f"{unique('ow').replace(' ', '')}@partner.example", active=1
		)
		action = frappe.get_doc(
			{
				"doctype": "Round Table Action",
				"title": unique("Kurs"),
				"owner_contact": contact.name,
				"due_date": nowdate(),
			}
		).insert()
		frappe.db.commit()
		self.sweep_and_deliver()
		received = self.smtp.to(contact.email)
		self.assertEqual(len(received), 1)
		self.assertIn(
			get_url(f"/partner/actions/{action.name}"), received[0].get_body(("html",)).get_content()
		)
