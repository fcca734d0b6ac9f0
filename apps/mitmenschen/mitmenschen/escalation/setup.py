"""Idempotent setup of the escalation engine (after install and migrate): indexes, the digest's
Email Template, the Bremen holiday list, a standard SLA policy and the round-table action ladder.
Existing records are left as the cooperative edited them.
"""

from pathlib import Path

import frappe
from frappe.utils import getdate, nowdate

from mitmenschen.escalation.digest import DIGEST_TEMPLATE
from mitmenschen.escalation.holidays import ensure_bremen_holiday_list
from mitmenschen.escalation.timers import ensure_indexes

TEMPLATES = Path(__file__).parent.parent / "templates" / "emails"
STANDARD_POLICY = "Standard"
STANDARD_TARGETS = [  # priority, response and resolution in working hours (8 per day)
	("Urgent", 2, 16),
	("High", 8, 40),
	("Medium", 16, 80),
	("Low", 24, 160),
]
STANDARD_LADDER = [  # clock, level, trigger, percent, hours after breach, whom, role
	("Response", 1, "Share of Target", 80, 0, "Assignee", None),
	("Response", 2, "Share of Target", 100, 0, "Assignee", None),
	("Response", 3, "After Breach", 100, 8, "Role", "Mit:Menschen Manager"),
	("Resolution", 1, "Share of Target", 80, 0, "Assignee", None),
	("Resolution", 2, "Share of Target", 100, 0, "Role", "Mit:Menschen Manager"),
	("Resolution", 3, "After Breach", 100, 24, "Round Table Chair", None),
	("Referral", 1, "Share of Target", 100, 0, "Partner Hot Line", None),
	("Referral", 2, "After Breach", 100, 8, "Assignee", None),
]
ACTION_LADDER = [
	("Action", 1, "Share of Target", 80, 0, "Assignee", None),
	("Action", 2, "Share of Target", 100, 0, "Assignee", None),
	("Action", 3, "After Breach", 100, 24, "Round Table Chair", None),
]


def after_migrate() -> None:
	ensure_indexes()
	ensure_email_templates()
	year = getdate(nowdate()).year
	holiday_list = ensure_bremen_holiday_list(year - 1, year + 3)
	ensure_standard_policy(holiday_list)
	frappe.db.commit()


def before_uninstall() -> None:
	"""Our Email Template goes with the app; the Bremen holiday list stays (the ERP may use it)."""
	frappe.delete_doc("Email Template", DIGEST_TEMPLATE, ignore_missing=True, force=True)


def ensure_email_templates() -> None:
	if frappe.db.exists("Email Template", DIGEST_TEMPLATE):
		return
	frappe.get_doc(
		{
			"doctype": "Email Template",
			"name": DIGEST_TEMPLATE,
			"subject": (TEMPLATES / "escalation_digest_subject.html").read_text().strip(),
			"use_html": 1,
			"response_html": (TEMPLATES / "escalation_digest.html").read_text(),
		}
	).insert(ignore_permissions=True)


def ensure_standard_policy(holiday_list: str) -> None:
	if not frappe.db.exists("Case SLA Policy", STANDARD_POLICY):
		policy = frappe.get_doc(
			{
				"doctype": "Case SLA Policy",
				"policy_name": STANDARD_POLICY,
				"holiday_list": holiday_list,
				"workday_start": "08:00:00",
				"workday_end": "16:00:00",
				"referral_hours": 16,
				"targets": [
					{"priority": p, "response_hours": r, "resolution_hours": s}
					for p, r, s in STANDARD_TARGETS
				],
				"ladder": [_rung(row) for row in STANDARD_LADDER],
			}
		)
		policy.insert(ignore_permissions=True)
	settings = frappe.get_single("Mitmenschen Settings")
	changed = False
	if not settings.default_sla_policy:
		settings.default_sla_policy = STANDARD_POLICY
		changed = True
	if not settings.action_ladder:
		for row in ACTION_LADDER:
			settings.append("action_ladder", _rung(row))
		changed = True
	if changed:
		settings.flags.ignore_permissions = True
		settings.save()


def _rung(row: tuple) -> dict:
	clock, level, trigger, percent, hours, notify, role = row
	return {
		"applies_to": clock,
		"level": level,
		"trigger": trigger,
		"percent": percent,
		"hours_after_breach": hours,
		"notify": notify,
		"role": role,
	}
