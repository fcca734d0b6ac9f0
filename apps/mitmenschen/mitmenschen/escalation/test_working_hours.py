"""Working-hours arithmetic across weekends, Bremen's holidays, daylight saving and pauses."""

from datetime import date, datetime, time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from mitmenschen.escalation.holidays import BREMEN_HOLIDAY_LIST, ensure_holiday_list, public_holidays
from mitmenschen.escalation.ladder import AFTER_BREACH, Rung, place
from mitmenschen.escalation.working_hours import WorkingCalendar, calendar_for
from mitmenschen.install import ensure_escalation
from mitmenschen.mediation.sla import calendar_of, policy_for
from mitmenschen.tests.factories import make_case, make_partner

BREMEN_2026 = frozenset(public_holidays("Bremen", 2026, 2026))
CALENDAR = WorkingCalendar(time(8), time(16), BREMEN_2026)


class TestWorkingCalendar(FrappeTestCase):
	def test_within_one_day(self) -> None:
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 24, 9), 3), datetime(2026, 11, 24, 12))

	def test_a_target_ending_at_closing_time_ends_there(self) -> None:
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 24, 8), 8), datetime(2026, 11, 24, 16))

	def test_after_hours_start_counts_from_next_morning(self) -> None:
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 24, 19, 30), 2), datetime(2026, 11, 25, 10))
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 24, 6), 2), datetime(2026, 11, 24, 10))

	def test_weekend_is_skipped(self) -> None:
		# Friday 14:00 + 4 h: two hours on Friday, two on Monday
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 27, 14), 4), datetime(2026, 11, 30, 10))
		self.assertEqual(CALENDAR.add(datetime(2026, 11, 28, 11), 1), datetime(2026, 11, 30, 9))

	def test_bremen_holidays_are_skipped(self) -> None:
		# Easter 2026: Good Friday 3 April, Easter Monday 6 April; Thursday 2 April 15:00 + 2 h
		self.assertEqual(CALENDAR.add(datetime(2026, 4, 2, 15), 2), datetime(2026, 4, 7, 9))
		# Reformation Day is a holiday in Bremen (Saturday in 2026); German Unity Day too
		self.assertIn(date(2026, 10, 31), BREMEN_2026)
		self.assertEqual(CALENDAR.add(datetime(2026, 12, 24, 15), 2), datetime(2026, 12, 28, 9))

	def test_daylight_saving_changes_do_not_move_deadlines(self) -> None:
		# clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026 (Europe/Berlin)
		self.assertEqual(CALENDAR.add(datetime(2026, 3, 27, 14), 8), datetime(2026, 3, 30, 14))
		self.assertEqual(CALENDAR.add(datetime(2026, 10, 23, 14), 8), datetime(2026, 10, 26, 14))
		self.assertEqual(CALENDAR.between(datetime(2026, 3, 27, 8), datetime(2026, 3, 30, 16)), 16)

	def test_between_is_the_inverse_of_add(self) -> None:
		start = datetime(2026, 12, 22, 10, 15)
		for hours in (0.5, 7.75, 8, 13, 40, 123.25):
			self.assertAlmostEqual(CALENDAR.between(start, CALENDAR.add(start, hours)), hours, places=6)

	def test_between_ignores_nights_weekends_and_holidays(self) -> None:
		self.assertEqual(CALENDAR.between(datetime(2026, 4, 2, 15), datetime(2026, 4, 7, 9)), 2)
		self.assertEqual(CALENDAR.between(datetime(2026, 4, 7, 9), datetime(2026, 4, 2, 15)), 0)

	def test_configurable_working_day(self) -> None:
		short = WorkingCalendar(time(9), time(13), BREMEN_2026)
		self.assertEqual(short.add(datetime(2026, 11, 24, 12), 2), datetime(2026, 11, 25, 10))
		with self.assertRaises(frappe.ValidationError):
			WorkingCalendar(time(16), time(8))

	def test_ladder_rungs_are_placed_in_working_hours(self) -> None:
		rungs = [
			Rung(1, percent=50),
			Rung(2, percent=100),
			Rung(3, trigger=AFTER_BREACH, hours_after_breach=8),
		]
		steps = place(rungs, CALENDAR, datetime(2026, 11, 27, 12), 8, paused_hours=2)
		self.assertEqual(
			[s.due_at for s in steps],
			[datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 14), datetime(2026, 12, 1, 14)],
		)


class TestHolidayList(FrappeTestCase):
	def test_holiday_list_has_weekends_and_holidays_and_drives_the_calendar(self) -> None:
		name = ensure_holiday_list(BREMEN_HOLIDAY_LIST, 2026, 2027)
		self.assertEqual(ensure_holiday_list(BREMEN_HOLIDAY_LIST, 2026, 2027), name, "idempotent")
		calendar = calendar_for(name)
		self.assertFalse(calendar.is_working_day(date(2026, 4, 6)))  # Easter Monday
		self.assertFalse(calendar.is_working_day(date(2027, 5, 6)))  # Ascension Day 2027
		self.assertTrue(calendar.is_working_day(date(2026, 11, 25)))
		dates = frappe.get_all(
			"Holiday", filters={"parent": name, "holiday_date": "2026-10-03"}, pluck="name"
		)
		self.assertEqual(len(dates), 1, "a holiday on a Saturday is listed once")


class TestCaseClocks(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_escalation()

	def test_targets_are_set_on_creation_and_follow_the_priority(self) -> None:
		case = make_case(priority="High", opened_on="2026-11-23 09:00:00")
		calendar = calendar_of(policy_for(case))
		self.assertEqual(get_datetime(case.response_due), calendar.add(datetime(2026, 11, 23, 9), 8))
		self.assertEqual(get_datetime(case.resolution_due), calendar.add(datetime(2026, 11, 23, 9), 40))
		case.priority = "Low"
		case.save()
		self.assertEqual(get_datetime(case.response_due), calendar.add(datetime(2026, 11, 23, 9), 24))
		pending = frappe.get_all(
			"Escalation Timer",
			filters={"reference_name": case.name, "clock": "Response", "level": 2, "status": "Pending"},
			pluck="due_at",
		)
		self.assertEqual(pending, [get_datetime(case.response_due)], "the ladder moved with the target")

	def test_first_response_and_resolution_are_stamped(self) -> None:
		case = make_case(priority="Medium")
		self.assertFalse(case.first_responded_on)
		frappe.db.set_value("Mediation Case", case.name, "status", "Triaged")
		case.reload()
		case.save()
		self.assertTrue(case.first_responded_on)
		self.assertFalse(
			frappe.db.exists(
				"Escalation Timer", {"reference_name": case.name, "clock": "Response", "status": "Pending"}
			)
		)
		self.assertTrue(
			frappe.db.exists(
				"Escalation Timer", {"reference_name": case.name, "clock": "Resolution", "status": "Pending"}
			)
		)

	def test_waiting_pauses_the_clocks_and_moves_the_deadlines(self) -> None:
		case = make_case(priority="Medium")
		calendar = calendar_of(policy_for(case))
		case.waiting_on = "Reporter"
		case.save()
		self.assertEqual(case.sla_status, "Paused")
		self.assertFalse(
			frappe.db.exists("Escalation Timer", {"reference_name": case.name, "status": "Pending"})
		)

		# the case waited three working days
		paused_since = add_to_date(now_datetime(), days=-5)
		frappe.db.set_value("Mediation Case", case.name, "sla_paused_on", paused_since)
		case.reload()
		case.waiting_on = ""
		case.save()
		waited = calendar.between(paused_since, get_datetime(case.modified))
		self.assertGreater(waited, 0)
		self.assertAlmostEqual(case.sla_paused_hours, waited, delta=0.01)
		self.assertEqual(
			get_datetime(case.response_due),
			calendar.add(get_datetime(case.opened_on), 16 + case.sla_paused_hours),
		)
		self.assertEqual(case.sla_status, "On Track")
		self.assertTrue(
			frappe.db.exists("Escalation Timer", {"reference_name": case.name, "status": "Pending"})
		)

	def test_a_reply_sent_from_the_case_is_its_first_response(self) -> None:
		case = make_case(priority="High")
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Sent",
				"subject": f"Re: {case.subject}",
				"content": "Wir kümmern uns darum.",
				"recipients": "tenant@tenant.example",
				"reference_doctype": "Mediation Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		case.reload()
		self.assertTrue(case.first_responded_on)
		self.assertFalse(
			frappe.db.exists(
				"Escalation Timer", {"reference_name": case.name, "clock": "Response", "status": "Pending"}
			)
		)

	def test_referral_clock_runs_until_the_partner_answers(self) -> None:
		partner = make_partner()
		case = make_case(priority="Medium", referred_to=partner.name)
		self.assertEqual(case.referral_status, "Requested")
		calendar = calendar_of(policy_for(case))
		due = frappe.get_all(
			"Escalation Timer",
			filters={"reference_name": case.name, "clock": "Referral", "level": 1, "status": "Pending"},
			pluck="due_at",
		)
		self.assertEqual(due, [calendar.add(get_datetime(case.referral_requested_on), 16)])
		case.referral_status = "Accepted"
		case.save()
		self.assertFalse(
			frappe.db.exists(
				"Escalation Timer", {"reference_name": case.name, "clock": "Referral", "status": "Pending"}
			)
		)
