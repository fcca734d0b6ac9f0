"""The round table's own data for the escalation engine (after install and migrate): the ladder of
overdue actions in the settings, seeded once and then the cooperative's to edit."""

import frappe

from mitmenschen.escalation.setup import rung

ACTION_LADDER = [  # clock, level, trigger, percent, hours after breach, whom, role
	("Action", 1, "Share of Target", 80, 0, "Assignee", None),
	("Action", 2, "Share of Target", 100, 0, "Assignee", None),
	("Action", 3, "After Breach", 100, 24, "Round Table Chair", None),
]


def after_migrate() -> None:
	settings = frappe.get_single("Mitmenschen Settings")
	if settings.action_ladder:
		return
	for row in ACTION_LADDER:
		settings.append("action_ladder", rung(row))
	settings.flags.ignore_permissions = True
	settings.save()
	frappe.db.commit()
