"""The daily sweep: signals appear with their cause and are cleared when it is gone.

Every kind is recomputed from its source (the ERP's receivables, the onboarding plans, needs and
referrals, cases, consents); a household has at most one open signal per kind. A finding without an
open signal opens one; an open signal whose finding is gone is cleared, saying why (the cause is gone,
the arrears signal was switched off, the family moved out). An open signal follows its cause (the
arrears band and age change from day to day). Running twice changes nothing the second time.

Nothing here scores or ranks households: a signal is a reason for a clerk to offer support.
"""

import frappe
from frappe.utils import getdate, nowdate

from mitmenschen.early_signals.arrears import arrears_findings
from mitmenschen.early_signals.findings import ARREARS, Finding
from mitmenschen.early_signals.in_app import IN_APP, households_living_here
from mitmenschen.early_signals.settings import signal_settings
from mitmenschen.escalation.digest import language

DOCTYPE = "Early Signal"
OPEN, CLEARED = "Open", "Cleared"
CAUSE_GONE, SWITCHED_OFF, MOVED_OUT = "Cause Gone", "Switched Off", "Household Moved Out"
FOLLOWED = ("since", "cause", "arrears_band", "age_days")


def daily() -> dict[str, int]:
	"""The scheduled job. Not `run`: Frappe names a Scheduled Job Type by the last two parts of its
	path, and `sweep.run` is the escalation sweep's."""
	return sweep()


def collect(today) -> list[Finding]:
	"""Every finding of the day; the causes in the site's language (clerks read them), whoever runs it."""
	settings = signal_settings()
	with language(frappe.db.get_single_value("System Settings", "language") or "de"):
		households = households_living_here()
		findings = arrears_findings(settings, today)
		for find in IN_APP:
			findings += find(settings, today, households)
	return findings


def sweep(today=None) -> dict[str, int]:
	today = getdate(today or nowdate())
	findings = {finding.key: finding for finding in collect(today)}
	open_signals = {
		(row.household, row.kind): row
		for row in frappe.get_all(
			DOCTYPE, filters={"status": OPEN}, fields=["name", "household", "kind", *FOLLOWED]
		)
	}
	counts = {"opened": 0, "updated": 0, "cleared": 0}
	for key, finding in findings.items():
		signal = open_signals.get(key)
		if signal is None:
			open_signal(finding)
			counts["opened"] += 1
		elif changes := followed_changes(signal, finding):
			frappe.db.set_value(DOCTYPE, signal.name, changes)
			counts["updated"] += 1
	if gone := [row for key, row in open_signals.items() if key not in findings]:
		settings = signal_settings()
		living = households_living_here()
		for row in gone:
			reason = CAUSE_GONE
			if row.household not in living:
				reason = MOVED_OUT
			elif row.kind == ARREARS and not settings.arrears_enabled:
				reason = SWITCHED_OFF
			clear(row.name, reason, today)
			counts["cleared"] += 1
	return counts


def open_signal(finding: Finding) -> str:
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"household": finding.household,
			"kind": finding.kind,
			"status": OPEN,
			"since": finding.since,
			"cause": finding.cause,
			"arrears_band": finding.arrears_band,
			"age_days": finding.age_days,
		}
	)
	doc.insert(ignore_permissions=True)  # the scheduler's own record, no user acts here
	return doc.name


def followed_changes(signal, finding: Finding) -> dict:
	def same(field: str) -> bool:
		old, new = signal.get(field), getattr(finding, field)
		if field == "since":
			return getdate(old) == getdate(new)
		return (old or None) == (new or None)

	return {field: getattr(finding, field) for field in FOLLOWED if not same(field)}


def clear(name: str, reason: str, today) -> None:
	frappe.db.set_value(DOCTYPE, name, {"status": CLEARED, "cleared_on": today, "cleared_because": reason})
