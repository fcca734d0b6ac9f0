"""The engine's kit for its clients: a notice from a timer in one call, recipient kinds registered with
their resolvers, and `notices()` that only says who is told what (nothing is written or sent)."""

import ast
import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from mitmenschen.escalation.recipients import Recipient, registered_kinds
from mitmenschen.escalation.sources import notice_for
from mitmenschen.mediation import escalation_source as cases
from mitmenschen.partners.notify import HotLine
from mitmenschen.round_table.escalation_source import Chair
from mitmenschen.tests.factories import make_case, make_staff_user

KIT = Path("escalation") / "sources.py"
MANAGER = "Mit:Menschen Manager"


def hand_built_notices(root: Path) -> list[str]:
	"""`Notice(…)` calls in the app's code (tests aside) outside the kit, as file:line."""
	found = []
	for path in sorted(root.rglob("*.py")):
		relative = path.relative_to(root)
		if relative == KIT or path.name.startswith("test_") or relative.parts[0] == "tests":
			continue
		for node in ast.walk(ast.parse(path.read_text())):
			if isinstance(node, ast.Call):
				called = node.func
				name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", None)
				if name == "Notice":
					found.append(f"{relative}:{node.lineno}")
	return found


def timer(**overrides) -> frappe._dict:
	values = dict(
		name="t-1",
		reference_doctype="Mediation Case",
		reference_name="MC-1",
		clock="Response",
		level=2,
		trigger="Share of Target",
		percent=100,
		hours_after_breach=0,
		due_at=now_datetime(),
		notify="Assignee",
		notify_value=None,
	)
	return frappe._dict(values, **overrides)


class TestNoticeFromATimer(FrappeTestCase):
	def test_a_notice_takes_what_the_timer_says_and_the_sources_overrides(self) -> None:
		due = timer()
		recipient = Recipient("a@example.com", "de")
		notice = notice_for(due, recipient, title="Lärm", link="https://x/1")
		self.assertEqual(
			(notice.timer, notice.reference_doctype, notice.reference_name, notice.clock, notice.level),
			("t-1", "Mediation Case", "MC-1", "Response", 2),
		)
		self.assertEqual((notice.percent, notice.due_at, notice.recipient), (100, due.due_at, recipient))
		named = notice_for(
			due, recipient, title="x", link="y", reference_name="MC-2", due_at=None, step="Anruf"
		)
		self.assertEqual((named.reference_name, named.due_at, named.extra), ("MC-2", None, {"step": "Anruf"}))

	def test_no_hand_built_notice_outside_the_kit(self) -> None:
		self.assertEqual(hand_built_notices(Path(frappe.get_app_path("mitmenschen"))), [])

	def test_the_scan_finds_a_hand_built_notice(self) -> None:
		with tempfile.TemporaryDirectory() as folder:
			root = Path(folder)
			(root / "escalation").mkdir()
			(root / "escalation" / "sources.py").write_text("Notice(timer='t')\n")
			(root / "client.py").write_text("x = 1\nsources.Notice(timer='t')\n")
			(root / "test_client.py").write_text("Notice(timer='t')\n")
			self.assertEqual(hand_built_notices(root), ["client.py:2"])


class TestRecipientKinds(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_clients_register_each_kind_with_its_resolver(self) -> None:
		kinds = registered_kinds()
		self.assertIs(frappe.get_attr(kinds["Round Table Chair"]), Chair)
		self.assertIs(frappe.get_attr(kinds["Partner Hot Line"]), HotLine)
		options = frappe.get_meta("Escalation Rung").get_field("notify").options.split("\n")
		self.assertEqual(options, ["Assignee", *kinds, "Role", "User"])

	def test_a_case_reaches_the_chair_of_the_next_round_table_through_the_round_tables_resolver(
		self,
	) -> None:
		chair = make_staff_user("Mit:Menschen Clerk")
		frappe.get_doc(
			{
				"doctype": "Round Table Meeting",
				"title": "Runder Tisch (Kit)",
				"starts_on": add_to_date(now_datetime(), minutes=2),
				"chair": chair,
			}
		).insert(ignore_permissions=True)
		case = make_case()
		record = cases.load_cases([case.name])[case.name]
		resolver = cases.case_resolver([record])
		found = resolver.resolve(timer(notify="Round Table Chair", reference_name=case.name), record)
		self.assertEqual([r.email for r in found], [chair])

	def test_an_action_without_a_meeting_has_no_chair(self) -> None:
		action = frappe._dict(name="RTA-1", meeting=None)
		self.assertEqual(Chair([action])(action), [])

	def test_nobody_found_reaches_the_managers(self) -> None:
		case = make_case()
		record = cases.load_cases([case.name])[case.name]
		resolver = cases.case_resolver([record])
		managers = {r.email for r in resolver.role(MANAGER)}
		found = resolver.resolve(timer(notify="Assignee"), record)  # nobody assigned
		self.assertEqual({r.email for r in found}, managers)


class TestNoticesAreFreeOfSideEffects(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_a_due_follow_up_is_told_by_notices_and_done_by_fired(self) -> None:
		clerk = make_staff_user("Mit:Menschen Clerk")
		case = make_case(assigned_to=clerk)
		# closed, the reporter without an address: the assignee is told to print the letter or call
		frappe.db.set_value(
			"Mediation Case",
			case.name,
			{"status": "Closed", "follow_up_expires_on": add_to_date(now_datetime(), days=20)},
			update_modified=False,
		)
		due = timer(clock="Follow-up", reference_name=case.name, trigger="Before", percent=0, level=1)

		def written() -> tuple[int, int]:
			where = {"reference_doctype": "Mediation Case", "reference_name": case.name}
			return frappe.db.count("Comment", where), frappe.db.count("Communication", where)

		before = written()
		[notice] = cases.notices([due])
		self.assertEqual(notice.recipient.email, clerk)
		self.assertIn("Follow-up by letter or phone", notice.title)
		self.assertEqual(written(), before, "notices() wrote nothing")
		cases.fired([due])
		self.assertEqual(written(), (before[0] + 1, before[1]), "fired() notes the letter on the timeline")


class TestCasesFollowTheirSteps(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_the_level_only_rises_a_breach_outranks_a_warning_and_met_stays_met(self) -> None:
		on_track, met, both, higher = (make_case().name for _ in range(4))
		for name, values in {
			on_track: {"sla_status": "On Track", "escalation_level": 0},
			met: {"sla_status": "Met", "escalation_level": 0},
			both: {"sla_status": "On Track", "escalation_level": 0},
			higher: {"sla_status": "Warning", "escalation_level": 3},
		}.items():
			frappe.db.set_value("Mediation Case", name, values, update_modified=False)
		warning = {"clock": "Response", "trigger": "Share of Target", "percent": 80, "level": 1}
		breach = {"clock": "Resolution", "trigger": "After Breach", "percent": 100, "level": 2}
		cases.fired(
			[
				timer(reference_name=on_track, **warning),
				timer(reference_name=met, **breach),
				timer(reference_name=both, **breach),
				timer(reference_name=both, **warning),
				timer(reference_name=higher, **warning),
			]
		)
		found = {
			row.name: (row.sla_status, row.escalation_level)
			for row in frappe.get_all(
				"Mediation Case",
				filters={"name": ["in", [on_track, met, both, higher]]},
				fields=["name", "sla_status", "escalation_level"],
			)
		}
		self.assertEqual(
			found,
			{on_track: ("Warning", 1), met: ("Met", 2), both: ("Breached", 2), higher: ("Warning", 3)},
		)
