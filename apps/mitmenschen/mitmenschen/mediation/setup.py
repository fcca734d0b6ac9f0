"""Mediation's own data for the escalation engine (after install and migrate): the standard SLA
policy with its ladder, and the settings' default policy. Left alone once the cooperative edits them.
"""

import frappe

from mitmenschen.escalation.holidays import BREMEN_HOLIDAY_LIST
from mitmenschen.escalation.setup import rung

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


def after_migrate() -> None:
	ensure_standard_policy(BREMEN_HOLIDAY_LIST)
	frappe.db.commit()


def ensure_standard_policy(holiday_list: str) -> None:
	if not frappe.db.exists("Case SLA Policy", STANDARD_POLICY):
		frappe.get_doc(
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
				"ladder": [rung(row) for row in STANDARD_LADDER],
			}
		).insert(ignore_permissions=True)
	if not frappe.db.get_single_value("Mitmenschen Settings", "default_sla_policy"):
		frappe.db.set_single_value("Mitmenschen Settings", "default_sla_policy", STANDARD_POLICY)
