"""The holiday calendar follows the German state in the settings: every state's rows are the
`holidays` package's dates from 2018 on, and changing the state moves the standard SLA policy."""

from datetime import date

import frappe
import holidays
from frappe.tests.utils import FrappeTestCase

from mitmenschen.escalation.holidays import (
	DEFAULT_STATE,
	SETTINGS,
	STATE_FIELD,
	STATES,
	ensure_state_setting,
	holiday_list,
	holiday_rows,
	public_holidays,
)
from mitmenschen.escalation.working_hours import calendar_for
from mitmenschen.install import ensure_escalation
from mitmenschen.mediation.setup import STANDARD_POLICY

FIRST, LAST = date(2018, 1, 1), date(2040, 12, 31)
WEEKENDS = {
	day
	for day in (date.fromordinal(n) for n in range(FIRST.toordinal(), LAST.toordinal() + 1))
	if day.weekday() in (5, 6)
}


class TestStateHolidays(FrappeTestCase):
	def test_every_state_lists_the_librarys_holidays_and_the_other_weekends_2018_to_2040(self) -> None:
		for state, code in STATES.items():
			library = holidays.country_holidays("DE", subdiv=code, years=range(FIRST.year, LAST.year + 1))
			rows = holiday_rows(state, FIRST, LAST)
			listed = [row["holiday_date"] for row in rows]
			self.assertEqual(len(listed), len(set(listed)), state)
			self.assertEqual(
				{row["holiday_date"] for row in rows if not row["weekly_off"]}, set(library), state
			)
			self.assertEqual(
				{row["holiday_date"] for row in rows if row["weekly_off"]},
				WEEKENDS - set(library),
				state,
			)

	def test_the_states_differ_where_the_law_does(self) -> None:
		def off(state: str, day: date) -> bool:
			return day in public_holidays(state, day.year, day.year)

		self.assertTrue(off("Bayern", date(2027, 1, 6)))  # Epiphany, a Wednesday
		self.assertFalse(off("Bremen", date(2027, 1, 6)))
		self.assertTrue(off("Berlin", date(2027, 3, 8)))  # International Women's Day since 2019
		self.assertFalse(off("Berlin", date(2018, 3, 8)))
		self.assertTrue(off("Sachsen", date(2027, 11, 17)))  # Repentance Day
		self.assertTrue(off("Thüringen", date(2027, 9, 20)))  # World Children's Day since 2019
		self.assertTrue(off("Bremen", date(2028, 10, 31)))  # Reformation Day in the north since 2018
		self.assertFalse(off("Nordrhein-Westfalen", date(2028, 10, 31)))
		self.assertEqual(
			public_holidays("Bremen", 2026, 2026)[date(2026, 10, 3)], "Tag der Deutschen Einheit"
		)
		rows = holiday_rows("Bremen", date(2026, 10, 1), date(2026, 10, 5))
		self.assertEqual(
			{row["holiday_date"]: row["description"] for row in rows},
			{
				date(2026, 10, 3): "Tag der Deutschen Einheit",  # a Saturday: listed once, as the holiday
				date(2026, 10, 4): "Sonntag",
			},
		)

	def test_the_settings_offer_the_16_states_the_library_knows(self) -> None:
		from holidays.countries.germany import Germany

		self.assertEqual(
			STATES, {name: code for name, code in Germany.subdivisions_aliases.items() if code != "Augsburg"}
		)
		self.assertEqual(len(STATES), 16)
		field = frappe.get_meta(SETTINGS).get_field(STATE_FIELD)
		self.assertEqual(field.options.split("\n"), list(STATES))
		self.assertEqual(field.default, DEFAULT_STATE)


class TestStateSetting(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_escalation()

	def tearDown(self) -> None:
		frappe.db.rollback()
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		frappe.clear_document_cache("Case SLA Policy")
		frappe.local.mitmenschen_holidays = {}

	def test_another_state_builds_its_list_and_the_standard_policy_follows(self) -> None:
		self.assertEqual(holiday_list(), DEFAULT_STATE)
		self.assertEqual(frappe.db.get_value("Case SLA Policy", STANDARD_POLICY, "holiday_list"), "Bremen")
		settings = frappe.get_single(SETTINGS)
		settings.holiday_state = "Bayern"
		settings.save()

		self.assertEqual(holiday_list(), "Bayern")
		self.assertEqual(frappe.db.get_value("Case SLA Policy", STANDARD_POLICY, "holiday_list"), "Bayern")
		year = date.today().year
		listed = frappe.db.get_value(
			"Holiday List", "Bayern", ["from_date", "to_date", "subdivision"], as_dict=True
		)
		self.assertEqual((listed.from_date, listed.to_date), (date(year - 1, 1, 1), date(year + 3, 12, 31)))
		self.assertEqual(listed.subdivision, "BY")
		epiphany = date(year + 1, 1, 6)
		calendar = calendar_for("Bayern")
		self.assertFalse(calendar.is_working_day(epiphany))
		self.assertEqual(calendar_for("Bremen").is_working_day(epiphany), epiphany.weekday() < 5)

		settings.holiday_state = "Bremen"
		settings.save()
		self.assertEqual(frappe.db.get_value("Case SLA Policy", STANDARD_POLICY, "holiday_list"), "Bremen")

	def test_a_site_made_before_the_setting_keeps_bremen(self) -> None:
		frappe.db.set_single_value(SETTINGS, STATE_FIELD, None)
		self.assertFalse(frappe.db.get_single_value(SETTINGS, STATE_FIELD))
		ensure_state_setting()
		self.assertEqual(frappe.db.get_single_value(SETTINGS, STATE_FIELD), "Bremen")
		frappe.db.set_single_value(SETTINGS, STATE_FIELD, "Sachsen")
		ensure_state_setting()
		self.assertEqual(frappe.db.get_single_value(SETTINGS, STATE_FIELD), "Sachsen", "a choice stays")

	def test_a_policy_on_a_list_of_its_own_keeps_it(self) -> None:
		policy = frappe.copy_doc(frappe.get_doc("Case SLA Policy", STANDARD_POLICY))
		policy.policy_name = "Own calendar (test)"
		own = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": "Our own days (test)",
				"from_date": "2026-01-01",
				"to_date": "2026-12-31",
			}
		)
		policy.holiday_list = own.insert(ignore_permissions=True).name
		policy.insert(ignore_permissions=True)
		settings = frappe.get_single(SETTINGS)
		settings.holiday_state = "Hamburg"
		settings.save()
		self.assertEqual(
			frappe.db.get_value("Case SLA Policy", policy.name, "holiday_list"), policy.holiday_list
		)
		self.assertEqual(frappe.db.get_value("Case SLA Policy", STANDARD_POLICY, "holiday_list"), "Hamburg")
