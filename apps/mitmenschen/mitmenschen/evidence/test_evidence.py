# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The round table's figures on a world of known cases (tests/evidence_world.py: the table of cases
and every expected figure worked out by hand), through the reports as the desk runs them, the number
cards, the half-year report as PDF (its text read back with pdftotext, page 1 as PNG) and the job that
attaches it to the next meeting."""

import subprocess
import tempfile
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, getdate, now_datetime

from mitmenschen.escalation.holidays import BREMEN_HOLIDAY_LIST
from mitmenschen.escalation.working_hours import calendar_for
from mitmenschen.evidence import half_year
from mitmenschen.evidence.cards import response_within_target
from mitmenschen.evidence.key_figures import key_figures
from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.recurrence import _per_unit, hotspots
from mitmenschen.mediation.sla import restamp_working_hours
from mitmenschen.tests.evidence_world import REPORTER, at, make_world
from mitmenschen.tests.factories import (
	make_contact,
	make_flat,
	make_household,
	make_meeting,
	make_staff_user,
	unique,
)

ARTIFACTS = Path(frappe.get_app_path("mitmenschen")).parents[2] / "tests" / "artifacts"


def report(name: str, world: dict, **filters) -> tuple[list, list[dict], dict]:
	"""A report run as the desk runs it, on the world's district and April 2026."""
	filters = {
		"from_date": world["from_date"],
		"to_date": world["to_date"],
		"district": world["district"],
		**filters,
	}
	result = run(name, filters=filters, ignore_prepared_report=True)
	return result["columns"], result["result"], result["chart"]


class TestEvidence(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.world = make_world()

	def test_world_lies_on_the_bremen_calendar(self) -> None:
		calendar = calendar_for(BREMEN_HOLIDAY_LIST)
		self.assertFalse(calendar.is_working_day(getdate("2026-04-03")), "Good Friday")
		self.assertFalse(calendar.is_working_day(getdate("2026-04-06")), "Easter Monday")
		# Thursday 14:00 to Tuesday 10:00 across Good Friday, the weekend and Easter Monday: 2 + 2 hours
		self.assertEqual(calendar.between(at("2026-04-02 14:00"), at("2026-04-07 10:00")), 4.0)
		case = frappe.get_doc("Mediation Case", self.world["cases"]["A"])
		self.assertEqual((case.response_working_hours, case.resolution_working_hours), (4.0, 62.0))
		self.assertEqual(case.recurrence_of, self.world["cases"]["Q"], "the same problem at the same flat")

	def test_cases_stamped_before_keep_their_working_hours_after_the_patch(self) -> None:
		name = self.world["cases"]["A"]
		zero = {
			"response_working_hours": 0,
			"resolution_working_hours": 0,
			"referral_answer_working_hours": 0,
		}
		frappe.db.set_value("Mediation Case", name, zero, update_modified=False)
		self.assertEqual(restamp_working_hours([name]), 1)
		self.assertEqual(
			frappe.db.get_value("Mediation Case", name, list(zero), as_dict=True),
			{
				"response_working_hours": 4.0,
				"resolution_working_hours": 62.0,
				"referral_answer_working_hours": 4.0,
			},
		)
		self.assertEqual(restamp_working_hours([name]), 0, "nothing left to do")

	def test_sla_compliance_by_category(self) -> None:
		_columns, rows, chart = report("SLA Compliance", self.world, view="Category")
		row = next(r for r in rows if r["group"] == self.world["category"])
		self.assertEqual(row["cases"], 4)
		self.assertEqual((row["response_met"], row["response_missed"], row["response_pct"]), (3, 1, 75.0))
		self.assertEqual((row["response_median"], row["response_p90"]), (10.0, 23.0))  # of 2, 4, 16, 26 h
		self.assertEqual(
			(row["resolution_met"], row["resolution_missed"], row["resolution_pct"]), (2, 2, 50.0)
		)
		self.assertEqual((row["resolution_median"], row["resolution_p90"]), (80.0, 87.2))  # of 62, 80, 89 h
		self.assertEqual(chart["data"]["datasets"][0]["values"], [75.0])
		total = rows[-1]
		self.assertEqual((total["group"], total["bold"], total["cases"]), ("All cases", 1, 4))

	def test_sla_compliance_by_month_and_the_breaches(self) -> None:
		_columns, rows, _chart = report("SLA Compliance", self.world, view="Month")
		self.assertEqual(
			[(r["group"], r["cases"], r["response_pct"]) for r in rows[:-1]], [("04/2026", 4, 75.0)]
		)
		_columns, breaches, chart = report("SLA Compliance", self.world, view="Breaches")
		cases = self.world["cases"]
		# D answered late and is still open after its due time (level 2); C was resolved late
		self.assertEqual([r["name"] for r in breaches], [cases["D"], cases["C"]])
		self.assertEqual(breaches[0]["escalation_level"], 2)
		self.assertEqual(chart["data"]["labels"], ["Level 0", "Level 2"])

	def test_case_statistics_and_the_backlog(self) -> None:
		_columns, rows, chart = report("Case Statistics", self.world, from_date="2026-03-01")
		months = [(r["month"], r["new"], r["closed"], r["open_at_end"]) for r in rows]
		# March: P and Q in, P closed; April: A–D in, Q, A, B, C closed; D stays open
		self.assertEqual(months, [("03/2026", 2, 1, 1), ("04/2026", 4, 4, 1), ("Total", 6, 5, 1)])
		self.assertEqual(chart["data"]["datasets"][2]["values"], [1, 1])
		_columns, rows, _chart = report("Case Statistics", self.world, group_by="Category")
		self.assertEqual([(r.get("group"), r["new"]) for r in rows[:-1]], [(self.world["category"], 4)])
		_columns, rows, _chart = report("Case Statistics", self.world, category="no such category")
		self.assertEqual(rows, [])

	def test_recurrence_hotspots_for_flats_and_buildings(self) -> None:
		f1 = self.world["flats"][0]
		_columns, rows, chart = report("Recurrence Hotspots", self.world, level="Flat")
		rows = [r for r in rows if isinstance(r, dict)]  # the last row is Frappe's total row
		# F1: A and B in April, both recurrences; P and Q the month before. F2 and F3 had one case each.
		self.assertEqual(
			[(r["unit"], r["cases"], r["recurrences"], r["previous_cases"], r["building"]) for r in rows],
			[(f1, 2, 2, 2, self.world["building_1"])],
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2])
		_columns, rows, _chart = report("Recurrence Hotspots", self.world, level="Building")
		self.assertEqual(rows[-1][3:5], [3.0, 2.0], "Frappe's total row: cases and recurrences")
		rows = rows[:-1]
		self.assertEqual(
			[(r["unit"], r["cases"], r["recurrences"]) for r in rows], [(self.world["building_1"], 3, 2)]
		)
		_columns, rows, _chart = report("Recurrence Hotspots", self.world, level="Flat", min_cases=1)
		self.assertEqual(len(rows), 4, "three flats and the total row")

	def test_hotspots_from_the_pairs_that_recur_most_are_the_whole_list(self) -> None:
		"""When as many pairs recur as the list holds (at 100,000 cases: 345 of 14,000 flats ×
		categories for 200 places), the list is read from them: the same rows, figures and previous
		period as grouping every flat × category, which stays the way when fewer recur."""
		period = Period.of(self.world["from_date"], self.world["to_date"])
		scope = Scope(self.world["district"])
		for level, unit, cases in (
			("flat", self.world["flats"][0], 2),
			("building", self.world["building_1"], 3),
		):
			with patch.object(frappe.db, "sql", wraps=frappe.db.sql) as sql:
				rows = hotspots(period, scope, level, min_cases=1, limit=1)
			lookups = [c for c in sql.call_args_list if "FORCE INDEX (`evidence_unit_idx`)" in str(c.args[0])]
			self.assertEqual(len(lookups), 1, f"{level}: the pair's figures and its previous period at once")
			self.assertEqual(
				[(r["unit"], r["cases"], r["recurrences"], r["previous_cases"]) for r in rows],
				[(unit, cases, 2, 2)],  # A and B (recurrences) in April, P and Q in March
			)
			whole = _per_unit(period, scope, level, min_cases=1, limit=1)
			self.assertEqual([{k: v for k, v in r.items() if k != "previous_cases"} for r in rows], whole)
			self.assertEqual(
				len(hotspots(period, scope, level, min_cases=1, limit=5)),
				3 if level == "flat" else 2,
				"fewer pairs recur than the list holds: every flat × category grouped",
			)

	def test_partner_referrals_and_actions(self) -> None:
		_columns, rows, chart = report("Partner Referrals", self.world)
		row = next(r for r in rows if r["partner"] == self.world["partner"])
		# A accepted after 4 h (across Easter), B declined after 3 h, C accepted after 2 h and done, D waiting
		self.assertEqual(
			[row[k] for k in ("referrals", "accepted", "declined", "waiting", "done")], [4, 2, 1, 1, 1]
		)
		self.assertEqual((row["acceptance_pct"], row["done_pct"]), (66.7, 50.0))
		self.assertEqual((row["accept_median"], row["decline_median"]), (3.0, 3.0))
		# actions due in April: one done, two still open after their due date (the May one is not counted)
		self.assertEqual((row["actions_done"], row["actions_overdue"], row["actions_open"]), (1, 2, 2))
		index = chart["data"]["labels"].index(self.world["partner"])
		self.assertEqual([d["values"][index] for d in chart["data"]["datasets"]], [2, 1, 1])

	def test_reporter_satisfaction(self) -> None:
		_columns, rows, _chart = report("Reporter Satisfaction", self.world)
		row = next(r for r in rows if r["category"] == self.world["category"])
		# resolved in April: Q 4 stars, A 5, B 2, C not rated
		self.assertEqual([row[k] for k in ("resolved", "rated", "satisfied")], [4, 3, 2])
		self.assertEqual((row["average_stars"], row["rated_pct"], row["satisfied_pct"]), (3.67, 75.0, 66.7))

	def test_key_figures_beside_the_previous_period(self) -> None:
		figures = {
			f.key: (f.value, f.previous)
			for f in key_figures(
				Period.of(self.world["from_date"], self.world["to_date"]), Scope(self.world["district"])
			)
		}
		self.assertEqual(figures["new_cases"], (4, 2))
		self.assertEqual(figures["closed_cases"], (4, 1))
		# March: P and Q were closed without a first response stamped, so both missed it; both were
		# resolved within 64 working hours (Q across Easter), so both met the resolution target
		self.assertEqual(figures["response_within_target"], (75.0, 0.0))
		self.assertEqual(figures["resolution_within_target"], (50.0, 100.0))
		self.assertEqual(figures["median_resolution_hours"], (80.0, 64.0))
		self.assertEqual(figures["recurrences"], (2, 1))
		self.assertEqual(figures["referrals"], (4, 0))
		self.assertEqual(figures["referral_acceptance"], (66.7, None))
		self.assertIsNone(figures["onboarding_on_time"][0], "no onboarding step due in the district: a dash")
		self.assertEqual(figures["needs_referred"], (0, 0))

	def test_household_figures_join_the_key_figures(self) -> None:
		"""A household moved in during April with an onboarding plan: of four steps due in April (a
		fifth skipped), two were done by their due date, one late, one is open = 50 %; one need referred."""
		flat = make_flat(district=unique("Bezirk Einzug"))
		household = make_household(property_unit=flat["flat"], move_in_date="2026-04-01")
		steps = [
			("2026-04-03", "Done", "2026-04-02"),
			("2026-04-10", "Done", "2026-04-10"),
			("2026-04-14", "Done", "2026-04-20"),
			("2026-04-28", "Open", None),
			("2026-04-29", "Skipped", None),
		]
		frappe.get_doc(
			{
				"doctype": "Onboarding Plan",
				"household": household.name,
				"move_in_date": "2026-04-01",
				"steps": [
					{
						"step": unique("Schritt"),
						"due_date": due,
						"status": status,
						"done_on": done,
						"skip_reason": "x",
					}
					for due, status, done in steps
				],
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "Household Referral",
				"household": household.name,
				"partner_organisation": self.world["partner"],
				"need": "Interpreter",
				"status": "Requested",
				"requested_on": at("2026-04-02 09:00"),
			}
		).db_insert()
		figures = {
			f.key: (f.value, f.previous)
			for f in key_figures(
				Period.of(self.world["from_date"], self.world["to_date"]), Scope(flat["district"])
			)
		}
		self.assertEqual(figures["households_moved_in"], (1, 0))
		self.assertEqual(figures["onboarding_on_time"], (50.0, None))
		self.assertEqual(figures["needs_referred"], (1, 0))
		self.assertEqual(figures["needs_met"], (0, 0))
		self.assertEqual(figures["new_cases"], (0, 0), "no case in that district")

	def test_reports_are_for_staff_only(self) -> None:
		self.assertEqual(
			{r.role for r in frappe.get_doc("Report", "SLA Compliance").roles},
			{"Mit:Menschen Clerk", "Mit:Menschen Manager", "System Manager"},
		)
		for user in ("Guest", self.partner_user()):
			frappe.set_user(user)
			try:
				with self.assertRaises(frappe.PermissionError):
					half_year.download(self.world["from_date"], self.world["to_date"])
				with self.assertRaises(frappe.PermissionError):
					response_within_target()
			finally:
				frappe.set_user("Administrator")

	def partner_user(self) -> str:
		"""A portal user of the world's partner (it may read its own cases, never the evidence)."""
		user = make_staff_user("Partner User")
		make_contact(self.world["partner"], user=user, email=user)
		return user

	def test_half_year_report_as_pdf(self) -> None:
		period = Period.of(self.world["from_date"], self.world["to_date"])
		for lang, expected in (
			("de", ["Halbjahresbericht", "Erstreaktion im Zielwert", "75,0 %"]),
			("en", ["Half-Year Report", "First response within target", "75.0 %"]),
		):
			pdf = half_year.render_pdf(period, lang, Scope(self.world["district"]))
			text = pdf_text(pdf)
			for phrase in [
				*expected,
				self.world["category"],
				self.world["partner"],
				self.world["building_1"],
			]:
				self.assertIn(phrase, text, f"{lang}: {phrase}")
			self.assertIn(self.world["subjects"]["D"], text, "D is an open escalation")
			self.assertIn(self.world["overdue_action"], text, "an overdue action with its owner")
			self.assertIn(self.world["action_owner"], text)
			self.assertNotIn(REPORTER, text, "no reporter in the report")
			self.assertNotIn("@reporter.example", text)
			png = write_first_page(pdf, f"half_year_report_{lang}")
			self.assertGreater(png.stat().st_size, 10_000, "page 1 has its table and charts")

	def test_daily_job_attaches_the_report_before_a_meeting(self) -> None:
		partner = self.world["partner"]
		meeting = make_meeting(partner, starts_on=add_to_date(now_datetime(), days=3))
		far = make_meeting(partner, starts_on=add_to_date(now_datetime(), days=40))
		self.assertIn(meeting.name, half_year.attach_before_meetings())
		self.assertNotIn(far.name, half_year.attach_before_meetings(), "not yet: 40 days ahead")
		self.assertNotIn(meeting.name, half_year.attach_before_meetings(), "once, not every day")
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Round Table Meeting", "attached_to_name": meeting.name},
			fields=["file_url", "is_private", "file_name"],
		)
		self.assertEqual(len(files), 1)
		self.assertEqual(files[0].is_private, 1)
		meeting.reload()
		line = [row for row in meeting.agenda if row.notes == files[0].file_url]
		self.assertEqual(len(line), 1, "the agenda links the report")
		# the six whole months before the meeting's month, beside the six before them
		period = half_year.period_before("2026-12-10 18:00:00")
		self.assertEqual((str(period.start), str(period.end)), ("2026-06-01", "2026-11-30"))
		self.assertEqual(str(period.previous().start), "2025-12-01")


def pdf_text(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
		file.write(pdf)
		file.flush()
		text = subprocess.run(
			["pdftotext", file.name, "-"], capture_output=True, text=True, check=True
		).stdout
	return " ".join(text.split())  # table cells wrap: compare words, not lines


def write_first_page(pdf: bytes, name: str) -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
		file.write(pdf)
		file.flush()
		subprocess.run(
			[
				"pdftoppm",
				"-png",
				"-r",
				"80",
				"-f",
				"1",
				"-l",
				"1",
				"-singlefile",
				file.name,
				str(ARTIFACTS / name),
			],
			check=True,
		)
	return ARTIFACTS / f"{name}.png"
