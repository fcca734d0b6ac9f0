"""The invitation's calendar file is valid RFC 5545 whatever the meeting's title and place hold:
what a calendar reads back is what the clerk typed, times are UTC, lines are folded at 75 octets."""

import frappe
from frappe.tests.utils import FrappeTestCase
from icalendar import Calendar

from mitmenschen.escalation.recipients import Recipient
from mitmenschen.round_table.invitations import icalendar

TITLE = 'Runder Tisch; Nord, Süd \\ "Ost"\r\nzweite Zeile'
PLACE = "قاعة المجتمع، شارع لانغه 1، الطابق الأرضي، بجانب المدخل الرئيسي للحديقة"


def meeting(starts_on: str, ends_on: str | None = None):
	doc = frappe.get_doc(
		{
			"doctype": "Round Table Meeting",
			"title": TITLE,
			"starts_on": starts_on,
			"ends_on": ends_on,
			"location": PLACE,
		}
	)
	doc.name, doc.modified = "RT-ICS-1", "2026-11-30 12:00:00"
	return doc


class TestInvitationCalendar(FrappeTestCase):
	def test_what_a_calendar_reads_back_is_what_the_clerk_typed(self) -> None:
		text = icalendar(
			meeting("2026-12-10 18:00:00"),
			[Recipient("member@example.org"), Recipient("partner@example.org", "ar", True)],
			"rt@coop.example",
			"https://coop.example/partner/meetings#RT-ICS-1",
		)
		lines = text.split("\r\n")
		self.assertEqual(lines[-1], "", "every line ends with CRLF")
		self.assertNotIn("\r", "".join(lines), "no bare carriage return inside a line")
		self.assertNotIn("\n", "".join(lines), "no bare line feed inside a line")
		self.assertLessEqual(max(len(line.encode()) for line in lines), 75, "folded at 75 octets")

		event = Calendar.from_ical(text).walk("VEVENT")[0]
		self.assertEqual(str(event["SUMMARY"]), TITLE.replace("\r\n", "\n"))
		self.assertEqual(str(event["LOCATION"]), PLACE)
		self.assertEqual(event.decoded("DTSTART").isoformat(), "2026-12-10T17:00:00+00:00")
		self.assertEqual(event.decoded("DTEND").isoformat(), "2026-12-10T19:00:00+00:00", "two hours")
		self.assertEqual(str(event["UID"]), f"RT-ICS-1@{frappe.local.site}")
		attendees = event["ATTENDEE"]
		self.assertEqual(
			[str(a) for a in attendees], ["mailto:member@example.org", "mailto:partner@example.org"]
		)
		self.assertEqual(
			{(a.params["ROLE"], a.params["RSVP"]) for a in attendees}, {("REQ-PARTICIPANT", "TRUE")}
		)
		self.assertEqual(str(event["ORGANIZER"]), "mailto:rt@coop.example")
		self.assertEqual(str(Calendar.from_ical(text)["METHOD"]), "REQUEST")

	def test_summer_time_is_two_hours_ahead_of_utc(self) -> None:
		event = Calendar.from_ical(
			icalendar(meeting("2027-06-10 18:00:00", "2027-06-10 20:30:00"), [], None, "https://x.example")
		).walk("VEVENT")[0]
		self.assertEqual(event.decoded("DTSTART").isoformat(), "2027-06-10T16:00:00+00:00")
		self.assertEqual(event.decoded("DTEND").isoformat(), "2027-06-10T18:30:00+00:00")
		self.assertNotIn("ORGANIZER", event)
