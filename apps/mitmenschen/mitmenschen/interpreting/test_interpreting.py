# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Language mediators on the real site: matching, the lead time in working days, the offers and their
answers through the signed link, restarts, the unfilled ladder and the reminders (the escalation sweep
runs for real and commits, so the class parks older timers and mail and deletes what it made).
Exactly one acceptance under two real concurrent HTTP requests is in tests/test_language_mediators.py.
"""

from datetime import date, datetime, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, random_string

from mitmenschen.escalation.sweep import sweep
from mitmenschen.escalation.working_hours import calendar_for, clear_holiday_cache
from mitmenschen.interpreting import booking as booking_api
from mitmenschen.interpreting import lead_time, links, offers
from mitmenschen.interpreting.lead_time import ShortNoticeError
from mitmenschen.interpreting.pool import MediatorError, Need, appointment, matching_mediators
from mitmenschen.tests.factories import make_location, make_case, make_category, make_household, make_staff_user, make_tenant
from mitmenschen.tests.mail import ForeignWork, clean_slate, delete_created_since, ensure_outgoing_account, retire_outgoing_account

PORT = 2670
MEDIATOR, BOOKING = "Language Mediator", "Interpreter Booking"
CREATED = [BOOKING, MEDIATOR, "Mediation Case", "Refugee Household", "Case Category", "Customer"]


def next_weekday(weekday: int, after_days: int = 21) -> date:
	"""A weekday (0 = Monday) at least `after_days` ahead and away from the Christmas holidays."""
	day = getdate(add_days(now_datetime(), after_days))
	while day.weekday() != weekday or (day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 7):
		day += timedelta(days=1)
	return day


def make_mediator(language: str = "ar", dialect: str | None = None, **overrides) -> str:
	doc = frappe.get_doc(
		{
			"doctype": MEDIATOR,
			"full_name": f"Mittler {random_string(5)}",
			"email": f"{random_string(8).lower()}@mittler.example",
			"phone": "+49 421 555 0100",
			"pledge_signed_on": "2026-01-15",
			"languages": [{"language": language, "dialect": dialect, "level": "Native"}],
			"in_person": 1,
			"by_phone": 1,
			**overrides,
		}
	).insert()
	return doc.name


class InterpretingWorld(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.foreign = ForeignWork()
		cls.foreign.park()
		cls.since = now_datetime()
		ensure_outgoing_account(PORT)
		cls.clerk = make_staff_user("Mit:Menschen Clerk")
		cls.manager = make_staff_user("Mit:Menschen Manager")
		settings = frappe.get_single("Interpreting Settings")
		settings.update({"lead_time_days": 5, "answer_hours": 48, "offers_per_round": 1})
		settings.save()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		frappe.db.rollback()
		delete_created_since(cls.since, CREATED)
		clean_slate(cls.since)
		cls.foreign.give_back()
		retire_outgoing_account()
		super().tearDownClass()

	def book(self, **values) -> "frappe.model.document.Document":
		day = values.pop("date", next_weekday(1))
		doc = frappe.get_doc(
			{
				"doctype": BOOKING,
				"purpose_type": "House Rules Explanation",
				"interpreter_language": "ar",
				"date": day,
				"start_time": "10:00:00",
				"duration_hours": 1,
				"mode": "In Person",
				"place": "Gemeinschaftsraum, Am Deich 4",
				"clerk": self.clerk,
				**values,
			}
		)
		return doc.insert()

	def link_of(self, booking: str, mediator: str) -> tuple[str, str]:
		offer = frappe.db.get_value("Interpreter Offer", {"parent": booking, "mediator": mediator}, "name", order_by="idx desc")
		return offer, links.signature(links.OFFER, offer, mediator)

	def order(self, doc) -> None:
		"""`first`: the mediator asked in the first round (equals are asked in name order)."""
		asked = doc.offers[0].mediator
		if asked != self.first:
			self.first, self.second = self.second, self.first

	def answer(self, booking: str, mediator: str, response: str) -> str:
		offer, sig = self.link_of(booking, mediator)
		frappe.set_user("Guest")
		try:
			return offers.answer(offer, sig, response)["result"]
		finally:
			frappe.set_user("Administrator")


class TestMatching(InterpretingWorld):
	def test_matching_honours_language_dialect_mode_district_availability_and_bookings(self):
		dialect = f"Syrisch-{random_string(4)}"
		tuesday = next_weekday(1)
		make_location("Gröpelingen", is_group=1)
		make_location("Vegesack", is_group=1)
		fits = make_mediator(dialect=dialect, districts=[{"district": "Gröpelingen"}])
		anywhere = make_mediator(dialect=dialect)  # no districts: goes anywhere
		other_dialect = make_mediator(dialect="Irakisch")
		other_language = make_mediator(language="fa", dialect=dialect)
		phone_only = make_mediator(dialect=dialect, in_person=0)
		elsewhere = make_mediator(dialect=dialect, districts=[{"district": "Vegesack"}])
		not_tuesdays = make_mediator(dialect=dialect, tuesday=0)
		away = make_mediator(dialect=dialect, blackouts=[{"from_date": tuesday - timedelta(days=2), "to_date": tuesday}])
		paused = make_mediator(dialect=dialect, status="Paused")
		conflict = make_mediator(dialect=dialect)
		busy = make_mediator(dialect=dialect)
		other = self.book(dialect=dialect, date=tuesday)
		frappe.db.set_value(BOOKING, other.name, {"status": "Confirmed", "mediator": busy})

		def need(at: str, mode: str = "In Person") -> Need:
			start, end = appointment(tuesday, at, 1)
			return Need(language="ar", dialect=dialect, mode=mode, district="Gröpelingen", start=start, end=end)

		found = set(matching_mediators(need("10:30:00"), excluded=[conflict]))
		mine = {fits, anywhere, other_dialect, other_language, phone_only, elsewhere, not_tuesdays, away, paused, conflict, busy}
		self.assertEqual(found & mine, {fits, anywhere})
		# the busy mediator is free after the other appointment ends; by phone, districts do not matter
		self.assertIn(busy, matching_mediators(need("11:00:00")))
		self.assertEqual(set(matching_mediators(need("11:00:00", "Phone"))) & {phone_only, elsewhere}, {phone_only, elsewhere})

	def test_an_active_mediator_needs_a_pledge(self):
		with self.assertRaises(MediatorError):
			make_mediator(pledge_signed_on=None)
		self.assertTrue(make_mediator(pledge_signed_on=None, status="Paused"))


class TestLeadTime(InterpretingWorld):
	def test_lead_time_counts_working_days_across_a_holiday(self):
		clear_holiday_cache()
		bremen = calendar_for("Bremen")
		self.assertIn(date(2026, 12, 25), bremen.holidays)
		monday = date(2026, 12, 21)
		# Tue 22, Wed 23, Thu 24, (Fri 25 Christmas, weekend), Mon 28: four working days, not five
		self.assertEqual(lead_time.working_days_between(bremen, monday, date(2026, 12, 28)), 4)
		self.assertEqual(lead_time.working_days_between(calendar_for(None), monday, date(2026, 12, 28)), 5)
		self.assertEqual(lead_time.working_days_between(bremen, monday, date(2026, 12, 29)), 5)

		def draft(**values):
			return frappe.get_doc({"doctype": BOOKING, "date": date(2026, 12, 28), **values})

		policy_holidays = lead_time.calendar().holidays
		self.assertIn(date(2026, 12, 25), policy_holidays, "the default SLA policy's calendar is Bremen's")
		with self.assertRaises(ShortNoticeError):
			lead_time.check(draft(), monday)
		ok = draft()
		lead_time.check(ok, monday - timedelta(days=1))  # from Sunday: Monday the 21st counts too
		self.assertEqual(ok.lead_working_days, 5)
		frappe.set_user(self.clerk)
		try:
			with self.assertRaises(ShortNoticeError):
				lead_time.check(draft(short_notice_reason="Eilig"), monday)
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(self.manager)
		try:
			with self.assertRaises(ShortNoticeError):
				lead_time.check(draft(), monday)  # a manager, too, gives a reason
			allowed = draft(short_notice_reason="Gespräch vor der Räumungsfrist")
			lead_time.check(allowed, monday)
			self.assertEqual(allowed.short_notice_approved_by, self.manager)
			self.assertEqual(allowed.lead_working_days, 4)
		finally:
			frappe.set_user("Administrator")
		enough = draft(date=date(2026, 12, 29))
		lead_time.check(enough, monday)
		self.assertFalse(enough.short_notice_approved_by)


class TestOffers(InterpretingWorld):
	def setUp(self) -> None:
		self.dialect = f"Sorani-{random_string(4)}"
		self.first = make_mediator("ckb", self.dialect)
		self.second = make_mediator("ckb", self.dialect)
		frappe.db.set_single_value("Interpreting Settings", "offers_per_round", 1)

	def case_with_step(self):
		category = make_category(playbook=[{"step": "Dolmetschung buchen", "action_type": "Book Interpreter", "days_after": 5}])
		household = make_household(interpreter_language="ckb")
		case = make_case(category=category.name, respondent_household=household.name, interpreter_language="ckb")
		step = next(r.name for r in case.playbook_steps if r.action_type == "Book Interpreter")
		return case, step

	def test_booking_from_the_case_step_takes_language_and_household_and_first_acceptance_wins(self):
		case, step = self.case_with_step()
		frappe.db.set_single_value("Interpreting Settings", "offers_per_round", 5)
		made = booking_api.book(
			"Mediation Case", case.name, str(next_weekday(2)), "14:00:00", 1.5, "Phone",
			call_link="+49 421 555 0199", dialect=self.dialect, step=step,
		)
		doc = frappe.get_doc(BOOKING, made["name"])
		self.assertEqual((doc.interpreter_language, doc.household, doc.purpose_type), ("ckb", case.respondent_household, "Mediation Talk"))
		self.assertEqual(doc.status, "Offered")
		self.assertEqual({r.mediator for r in doc.offers}, {self.first, self.second})
		queued = frappe.get_all("Email Queue", filters={"reference_name": doc.name}, pluck="message")
		self.assertEqual(len(queued), 2, "one offer mail per mediator")
		self.assertNotIn(case.subject, "".join(queued))

		self.assertEqual(self.answer(doc.name, self.second, "accept"), "accepted")
		self.assertEqual(self.answer(doc.name, self.first, "accept"), "taken")
		doc.reload()
		self.assertEqual((doc.status, doc.mediator), ("Confirmed", self.second))
		self.assertEqual(sorted(r.status for r in doc.offers), ["Accepted", "Taken"])
		self.assertEqual(frappe.db.get_value("Mediation Case Step", step, "status"), "Done")
		self.assertEqual(booking_api.bookings_for_case(case.name)[0].status, "Confirmed")

	def test_links_forged_reused_and_expired_show_nothing(self):
		doc = self.book(interpreter_language="ckb", dialect=self.dialect)
		self.order(doc)
		offer, sig = self.link_of(doc.name, self.first)
		self.assertEqual(offers.check_link(offer, sig)[0], offers.OPEN)
		forged = ("a" if sig[0] != "a" else "b") + sig[1:]
		self.assertEqual(offers.check_link(offer, forged), (offers.INVALID, None, None))
		self.assertEqual(offers.check_link(offer, links.signature(links.OFFER, offer, self.second))[0], offers.INVALID)
		self.assertEqual(offers.check_link("nonexistent", sig), (offers.INVALID, None, None))
		frappe.db.set_value(BOOKING, doc.name, "offer_deadline", now_datetime() - timedelta(minutes=1))
		self.assertEqual(offers.check_link(offer, sig), (offers.GONE, None, "expired"))
		frappe.db.set_value(BOOKING, doc.name, "offer_deadline", now_datetime() + timedelta(hours=1))
		self.assertEqual(self.answer(doc.name, self.first, "decline"), "declined")
		self.assertEqual(offers.check_link(offer, sig), (offers.GONE, None, "declined"))
		self.assertEqual(self.answer(doc.name, self.first, "accept"), "gone", "a reused link accepts nothing")

	def test_decline_restarts_the_search_once(self):
		doc = self.book(interpreter_language="ckb", dialect=self.dialect)
		self.assertEqual([r.round for r in doc.offers], [1])
		self.order(doc)
		self.assertEqual(self.answer(doc.name, self.first, "decline"), "declined")
		doc.reload()
		self.assertEqual((doc.status, doc.offer_round), ("Offered", 2))
		self.assertEqual([(r.mediator, r.status) for r in doc.offers], [(self.first, "Declined"), (self.second, "Offered")])
		self.assertEqual(self.answer(doc.name, self.first, "decline"), "gone")
		doc.reload()
		self.assertEqual((doc.offer_round, len(doc.offers)), (2, 2), "a second click restarts nothing")
		self.assertEqual(self.answer(doc.name, self.second, "decline"), "declined")
		doc.reload()
		self.assertEqual((doc.status, doc.offer_round), ("Unfilled", 3))

	def test_cancellation_by_the_mediator_restarts_and_reopens_the_step(self):
		case, step = self.case_with_step()
		made = booking_api.book("Mediation Case", case.name, str(next_weekday(3)), "09:00:00", 1, "In Person",
			place="Büro der Genossenschaft", dialect=self.dialect, step=step)
		self.order(frappe.get_doc(BOOKING, made["name"]))
		self.assertEqual(self.answer(made["name"], self.first, "accept"), "accepted")
		self.assertEqual(frappe.db.get_value("Mediation Case Step", step, "status"), "Done")
		self.assertEqual(self.answer(made["name"], self.first, "cancel"), "cancelled")
		doc = frappe.get_doc(BOOKING, made["name"])
		self.assertEqual((doc.status, doc.mediator, doc.offer_round), ("Offered", None, 2))
		self.assertEqual([(r.mediator, r.status) for r in doc.offers], [(self.first, "Cancelled"), (self.second, "Offered")])
		self.assertEqual(frappe.db.get_value("Mediation Case Step", step, "status"), "Open")
		self.assertEqual(self.answer(made["name"], self.first, "cancel"), "gone", "cancelled once")


	def test_after_a_cancellation_the_one_who_lost_the_race_is_asked_again(self):
		frappe.db.set_single_value("Interpreting Settings", "offers_per_round", 2)
		doc = self.book(interpreter_language="ckb", dialect=self.dialect)
		self.order(doc)
		self.assertEqual(self.answer(doc.name, self.first, "accept"), "accepted")
		self.assertEqual(self.answer(doc.name, self.second, "accept"), "taken")
		self.assertEqual(self.answer(doc.name, self.first, "cancel"), "cancelled")
		doc.reload()
		self.assertEqual((doc.status, doc.offer_round), ("Offered", 2))
		self.assertEqual(
			[(r.mediator, r.status, r.round) for r in doc.offers],
			[(self.first, "Cancelled", 1), (self.second, "Taken", 1), (self.second, "Offered", 2)],
		)
		self.assertEqual(self.answer(doc.name, self.second, "accept"), "accepted", "the new link works")


class TestSweep(InterpretingWorld):
	"""The engine's sweep runs for real (and commits)."""

	def setUp(self) -> None:
		self.dialect = f"Kurmancî-{random_string(4)}"
		self.first = make_mediator("kmr", self.dialect)
		self.second = make_mediator("kmr", self.dialect)
		frappe.db.commit()

	def pass_deadline(self, booking: str) -> None:
		"""The round's deadline passes (its timer and the booking's deadline move a minute into the past)."""
		past = now_datetime() - timedelta(minutes=1)
		frappe.db.set_value(BOOKING, booking, "offer_deadline", past)
		timer = frappe.qb.DocType("Escalation Timer")
		frappe.qb.update(timer).set(timer.due_at, past).where(
			(timer.reference_name == booking) & (timer.clock == offers.ANSWER_CLOCK) & (timer.status == "Pending")
		).run()
		frappe.db.commit()

	def logs(self, booking: str, clock: str) -> list:
		return frappe.get_all("Escalation Log", filters={"reference_name": booking, "clock": clock}, fields=["level", "recipient"], order_by="level")

	def test_the_deadline_restarts_the_search_once(self):
		doc = self.book(interpreter_language="kmr", dialect=self.dialect)
		frappe.db.commit()
		self.order(doc)
		self.pass_deadline(doc.name)
		sweep()
		sweep()
		doc.reload()
		self.assertEqual((doc.status, doc.offer_round), ("Offered", 2))
		self.assertEqual([(r.mediator, r.status) for r in doc.offers], [(self.first, "Expired"), (self.second, "Offered")])
		self.pass_deadline(doc.name)
		sweep()
		doc.reload()
		self.assertEqual(doc.status, "Unfilled")

	def test_the_ladder_escalates_an_unfilled_booking_once(self):
		doc = self.book(interpreter_language="kmr", dialect="niemand spricht das")
		self.assertEqual(doc.status, "Unfilled")
		frappe.db.commit()
		sweep(now=now_datetime() + timedelta(minutes=1))
		sweep(now=now_datetime() + timedelta(minutes=2))
		self.assertEqual([(r.level, r.recipient) for r in self.logs(doc.name, offers.UNFILLED_CLOCK)], [(1, self.clerk)])
		sweep(now=now_datetime() + timedelta(days=4))
		sweep(now=now_datetime() + timedelta(days=4, minutes=5))
		levels = [r.level for r in self.logs(doc.name, offers.UNFILLED_CLOCK)]
		self.assertEqual(levels.count(1), 1)
		self.assertGreaterEqual(levels.count(2), 1)
		self.assertEqual(len({r.recipient for r in self.logs(doc.name, offers.UNFILLED_CLOCK) if r.level == 2}), levels.count(2), "each manager once")
		self.assertIn(self.manager, {r.recipient for r in self.logs(doc.name, offers.UNFILLED_CLOCK)})

	def test_reminders_go_to_the_mediator_and_the_family_once(self):
		tenant = make_tenant()
		family_email = f"{random_string(8).lower()}@familie.example"
		frappe.db.set_value("Customer", tenant.name, "email_id", family_email)
		household = make_household(interpreter_language="kmr", tenant_doctype="Customer", tenant=tenant.name)
		doc = self.book(interpreter_language="kmr", dialect=self.dialect, household=household.name)
		self.order(doc)
		self.assertEqual(self.answer(doc.name, self.first, "accept"), "accepted")
		frappe.db.commit()
		day_before = datetime.combine(getdate(doc.date) - timedelta(days=1), datetime.min.time()) + timedelta(hours=8, minutes=1)
		sweep(now=day_before)
		sweep(now=day_before + timedelta(minutes=5))
		mediator_email = frappe.db.get_value(MEDIATOR, self.first, "email")
		recipients = frappe.get_all(
			"Email Queue Recipient",
			filters={"parent": ["in", frappe.get_all("Email Queue", filters={"reference_name": doc.name, "creation": [">=", self.since]}, pluck="name")]},
			pluck="recipient",
		)
		self.assertEqual(recipients.count(family_email), 1)
		self.assertEqual(recipients.count(mediator_email), 2, "the offer and one reminder")
		self.assertTrue(frappe.db.get_value(BOOKING, doc.name, "reminded_on"))
