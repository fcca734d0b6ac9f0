"""Which records a request names: the guard of access/refusals.py reads them from the REST path and
from Frappe's argument conventions. (The answers themselves are tested over HTTP, as partners and
tenants, in tests/test_route_audit.py.)"""

import json

from frappe.tests.utils import FrappeTestCase
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from mitmenschen.access.refusals import named_records


def request(path: str, method: str = "GET") -> Request:
	return Request(EnvironBuilder(path=path, method=method).get_environ())


class TestNamedRecords(FrappeTestCase):
	def test_rest_paths_of_both_api_versions(self):
		for path in (
			"/api/resource/Mediation Case/MC-2026-00042",
			"/api/v1/resource/Mediation Case/MC-2026-00042",
			"/api/v2/document/Mediation Case/MC-2026-00042",
		):
			self.assertEqual(named_records(request(path), {}), [("Mediation Case", "MC-2026-00042")], path)

	def test_argument_pairs(self):
		rpc = request("/api/method/frappe.client.get", "POST")
		cases = [
			({"doctype": "Customer", "name": "Mieter 1"}, [("Customer", "Mieter 1")]),
			({"dt": "Location", "dn": "Wohnung 3"}, [("Location", "Wohnung 3")]),
			(
				{"reference_doctype": "Refugee Household", "reference_name": "HH-2026-00007"},
				[("Refugee Household", "HH-2026-00007")],
			),
			({"party_type": "Customer", "party": "Mieter 2"}, [("Customer", "Mieter 2")]),
			(
				{"doctype": "Mediation Case", "docnames": json.dumps(["MC-1", "MC-2"])},
				[("Mediation Case", "MC-1"), ("Mediation Case", "MC-2")],
			),
			(
				{"doc": "Round Table Action", "name": "RTA-2026-0001"},
				[("Round Table Action", "RTA-2026-0001")],
			),
			(
				{"doc": json.dumps({"doctype": "Mediation Case", "name": "MC-3"}), "action": "Approve"},
				[("Mediation Case", "MC-3")],
			),
			({"doctype": "Mediation Case", "filters": json.dumps({"name": "MC-4"})}, []),  # lists filter
		]
		for args, expected in cases:
			self.assertEqual(named_records(rpc, args), expected, args)

	def test_arguments_named_after_a_doctype(self):
		rpc = request("/api/method/erpnext.accounts.party.get_party_details", "POST")
		self.assertEqual(
			named_records(rpc, {"customer": "Mieter 1"}, frozenset({"Customer"})), [("Customer", "Mieter 1")]
		)
		self.assertEqual(named_records(rpc, {"party": "Mieter 2"}), [("Customer", "Mieter 2")])
