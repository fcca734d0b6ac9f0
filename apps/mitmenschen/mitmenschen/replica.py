"""Reads on a replica, and the primary when the replica is away.

Frappe sends a function decorated with `frappe.read_only()` to the replica when the site config says
`read_from_replica` (with `replica_host`, `replica_db_port` and, for a user that may only SELECT,
`different_credentials_for_replica`, `replica_db_name`, `replica_db_password`). Its report runs, list
views and exports are so decorated, and the app's own figures (`evidence/cards.py`) too. Two gaps:

- Frappe's number cards and dashboard charts are not: `number_card_result` and `dashboard_chart` are
  the same calls on the replica (hooks' `override_whitelisted_methods`); the chart's "last synced"
  stamp, a write, is skipped there as Frappe does in read-only mode.
- A replica that is down fails every such request. `before_request` asks whether the replica answers
  (a TCP connect of at most 0.3 s, remembered for a few seconds) and, when it does not, reads this
  request from the primary: a stopped replica costs no error page.
"""

import socket
from collections.abc import Callable

import frappe
from frappe.desk.doctype.dashboard_chart import dashboard_chart as frappe_chart
from frappe.desk.doctype.number_card import number_card as frappe_card

CACHE_KEY = "mitmenschen:replica-reachable"
REMEMBER_SECONDS = 5
CONNECT_TIMEOUT = 0.3


def replica_address() -> tuple[str, int] | None:
	conf = frappe.local.conf
	if not conf.get("read_from_replica") or not conf.get("replica_host"):
		return None
	return conf.replica_host, int(conf.get("replica_db_port") or conf.get("db_port") or 3306)


def reachable(address: tuple[str, int]) -> bool:
	try:
		socket.create_connection(address, timeout=CONNECT_TIMEOUT).close()
		return True
	except OSError:
		return False


def replica_reachable() -> bool:
	address = replica_address()
	if not address:
		return False
	known = frappe.cache.get_value(CACHE_KEY)
	if known is None:
		known = int(reachable(address))
		frappe.cache.set_value(CACHE_KEY, known, expires_in_sec=REMEMBER_SECONDS)
	return bool(known)


def before_request() -> None:
	"""This request reads from the primary when the configured replica does not answer."""
	if replica_address() and not replica_reachable():
		frappe.local.conf.read_from_replica = False


def _on_replica(call: Callable, *args, **kwargs):
	was = frappe.flags.read_only
	frappe.flags.read_only = True  # Frappe's own signal to skip bookkeeping writes (a chart's sync time)
	try:
		return frappe.read_only()(call)(*args, **kwargs)
	finally:
		frappe.flags.read_only = was


@frappe.whitelist()
def number_card_result(doc: str | dict, filters: str | list | dict | None = None, to_date: str | None = None):
	return _on_replica(frappe_card.get_result, doc, filters, to_date)


@frappe.whitelist()
def dashboard_chart(
	chart_name: str | None = None,
	chart: str | dict | None = None,
	no_cache: str | int | None = None,
	filters: str | list | dict | None = None,
	from_date: str | None = None,
	to_date: str | None = None,
	timespan: str | None = None,
	time_interval: str | None = None,
	heatmap_year: str | int | None = None,
	refresh: str | int | None = None,
):
	return _on_replica(
		frappe_chart.get,
		chart_name=chart_name,
		chart=chart,
		no_cache=no_cache,
		filters=filters,
		from_date=from_date,
		to_date=to_date,
		timespan=timespan,
		time_interval=time_interval,
		heatmap_year=heatmap_year,
		refresh=refresh,
	)
