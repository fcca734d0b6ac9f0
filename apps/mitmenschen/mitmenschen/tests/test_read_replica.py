"""Every report, number card, chart, list view and export the app adds reads only: each runs with the
site pointed at a "replica" whose database user may only SELECT, and a single write would fail it. A
replica that does not answer sends the request to the primary instead of an error page.

The replica here is the primary's own server reached as a SELECT-only user: what matters for a write
is the grant, not the copy (bin/production's real replica is checked by its smoke test).
"""

import os
import socket

import frappe
import pymysql
from frappe.desk import query_report, reportview
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen import replica

APP = "mitmenschen"
FILTERS = {
	"from_date": "2026-01-01",
	"to_date": "2026-12-31",
	"company": frappe.defaults.get_defaults().get("company"),
}


def root_connection() -> pymysql.Connection:
	return pymysql.connect(
		host=frappe.conf.db_host or "127.0.0.1",
		port=int(frappe.conf.db_port or 3306),
		user="root",
		password=os.environ.get("DB_ROOT_PASSWORD", "mitmenschen"),
	)


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")


def free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


class TestReadReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.user = f"ro_{random_string(8).lower()}"
		cls.password = random_string(20)
		with root_connection() as db, db.cursor() as cursor:
			cursor.execute(
				f"CREATE USER '{cls.user}'@'%%' IDENTIFIED BY %s", (cls.password,)
			)  # %% for pymysql
			cursor.execute(f"GRANT SELECT ON `{frappe.conf.db_name}`.* TO '{cls.user}'@'%'")

	@classmethod
	def tearDownClass(cls) -> None:
		with root_connection() as db, db.cursor() as cursor:
			cursor.execute(f"DROP USER IF EXISTS '{cls.user}'@'%'")
		super().tearDownClass()

	def setUp(self) -> None:
		self.conf_before = dict(frappe.local.conf)
		frappe.local.conf.update(
			{
				"read_from_replica": 1,
				"replica_host": frappe.conf.db_host or "127.0.0.1",
				"replica_db_port": int(frappe.conf.db_port or 3306),
				"different_credentials_for_replica": 1,
				"replica_db_name": self.user,
				"replica_db_password": self.password,
			}
		)
		frappe.cache.delete_value(replica.CACHE_KEY)
		frappe.set_user("Administrator")

	def tearDown(self) -> None:
		frappe.local.conf.clear()
		frappe.local.conf.update(self.conf_before)
		frappe.cache.delete_value(replica.CACHE_KEY)
		frappe.db.rollback()

	def on_replica(self, call, *args, **kwargs):
		"""`call` as a request makes it: Frappe switches to the replica once per request (it keeps the
		connections on frappe.local afterwards), so each call here starts as a fresh request would."""
		for attr in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attr):
				delattr(frappe.local, attr)
		result = call(*args, **kwargs)
		self.assertTrue(hasattr(frappe.local, "replica_db"), f"{call.__name__} did not read from the replica")
		return result

	def test_the_replica_user_really_cannot_write(self) -> None:
		"""The control: without it every other test here would pass on the primary."""

		def write() -> None:
			frappe.db.sql("update `tabService Type` set description = description")

		with self.assertRaises(pymysql.err.OperationalError) as refused:
			self.on_replica(frappe.read_only()(write))
		self.assertEqual(refused.exception.args[0], 1142)  # command denied to user

	def test_every_report_of_the_app_runs_on_the_replica(self) -> None:
		reports = frappe.get_all(
			"Report", filters={"module": ["in", app_modules()], "disabled": 0}, pluck="name"
		)
		self.assertGreaterEqual(len(reports), 9)
		for report in reports:
			with self.subTest(report=report):
				result = self.on_replica(
					query_report.run, report, filters=FILTERS, ignore_prepared_report=True
				)
				self.assertIn("result", result)

	def test_every_number_card_and_chart_of_the_app_runs_on_the_replica(self) -> None:
		modules = app_modules()
		cards = frappe.get_all("Number Card", filters={"module": ["in", modules]}, pluck="name")
		self.assertGreaterEqual(len(cards), 8)
		for name in cards:
			card = frappe.get_doc("Number Card", name)
			with self.subTest(card=name):
				if card.type == "Custom":
					result = self.on_replica(frappe.get_attr(card.method), filters=card.filters_json)
				elif card.type == "Report":
					result = self.on_replica(query_report.run, card.report_name, filters=FILTERS)
				else:
					result = self.on_replica(
						replica.number_card_result, card.as_json(), card.filters_json or "[]"
					)
				self.assertIsNotNone(result)
		charts = frappe.get_all("Dashboard Chart", filters={"module": ["in", modules]}, pluck="name")
		self.assertGreaterEqual(len(charts), 6)
		for name in charts:
			with self.subTest(chart=name):
				chart = frappe.get_doc("Dashboard Chart", name)
				synced = chart.last_synced_on
				if chart.chart_type == "Report":
					self.on_replica(
						query_report.run, chart.report_name, filters=FILTERS, ignore_prepared_report=True
					)
				else:  # None when there is nothing to count
					self.on_replica(replica.dashboard_chart, chart_name=name, refresh=1)
				self.assertEqual(frappe.db.get_value("Dashboard Chart", name, "last_synced_on"), synced)

	def test_every_list_view_and_export_of_the_apps_doctypes_runs_on_the_replica(self) -> None:
		doctypes = frappe.get_all(
			"DocType",
			filters={"module": ["in", app_modules()], "istable": 0, "issingle": 0, "is_virtual": 0},
			pluck="name",
		)
		self.assertGreaterEqual(len(doctypes), 20)
		for doctype in doctypes:
			with self.subTest(doctype=doctype):
				frappe.local.form_dict = frappe._dict(
					doctype=doctype, fields='["name"]', limit_page_length=20
				)
				self.on_replica(reportview.get)
				frappe.local.form_dict = frappe._dict(
					doctype=doctype, fields='["name"]', file_format_type="CSV", title=doctype
				)
				self.on_replica(reportview.export_query)
				content = frappe.response.filecontent
				self.assertIn('"ID"', content.decode() if isinstance(content, bytes) else content)

	def test_a_replica_that_does_not_answer_sends_the_request_to_the_primary(self) -> None:
		frappe.local.conf.replica_db_port = free_port()  # nothing listens there
		replica.before_request()
		self.assertFalse(frappe.local.conf.read_from_replica)
		for attr in ("replica_db", "primary_db"):
			if hasattr(frappe.local, attr):
				delattr(frappe.local, attr)
		result = query_report.run("Case Statistics", filters=FILTERS, ignore_prepared_report=True)
		self.assertIn("result", result)
		self.assertFalse(hasattr(frappe.local, "replica_db"))

	def test_an_answering_replica_is_used(self) -> None:
		replica.before_request()
		self.assertTrue(frappe.local.conf.read_from_replica)
