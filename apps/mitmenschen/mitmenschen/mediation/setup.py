"""Mediation's own data for the escalation engine (after install and migrate): the standard SLA
policy with its ladder, and the settings' default policy; the example Assignment Rule and the Email
Templates of the acknowledgement, closure and follow-up notices. Left alone once the cooperative edits
them.
"""

import frappe

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.escalation.holidays import holiday_list
from mitmenschen.escalation.setup import rung
from mitmenschen.mediation import acknowledgement, follow_up
from mitmenschen.mediation.closure import ensure_email_templates

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
	# a playbook step past its due day: its assignee, a day later the managers
	("Playbook Step", 1, "Share of Target", 100, 0, "Assignee", None),
	("Playbook Step", 2, "After Breach", 100, 8, "Role", "Mit:Menschen Manager"),
]
PLAYBOOK_CLOCK = "Playbook Step"
EXAMPLE_ASSIGNMENT_RULE = "Mediation Case: Round Robin in One District (Example)"
CLERK_ROLE = "Mit:Menschen Clerk"
WORKING_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def after_migrate() -> None:
	ensure_standard_policy(holiday_list())
	ensure_playbook_rungs(STANDARD_POLICY)
	ensure_example_assignment_rule()
	ensure_closure_templates()
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


def ensure_playbook_rungs(policy_name: str) -> None:
	"""Policies made before playbooks had steps get the playbook rungs once (a policy that has any
	rung for the clock is left as it is)."""
	if not frappe.db.exists("Case SLA Policy", policy_name):
		return
	policy = frappe.get_doc("Case SLA Policy", policy_name)
	if any(row.applies_to == PLAYBOOK_CLOCK for row in policy.ladder):
		return
	for row in STANDARD_LADDER:
		if row[0] == PLAYBOOK_CLOCK:
			policy.append("ladder", rung(row))
	policy.save(ignore_permissions=True)


def ensure_example_assignment_rule() -> None:
	"""An inactive Assignment Rule that shows how cases of one district go round robin to its clerks.

	To use it: copy it once per district, put the district's name into the condition, pick that
	district's clerks, and enable it. Frappe then assigns each new case (a ToDo), and the case's
	*Assignee* follows (`mediation/assignment.py`)."""
	if frappe.db.exists("Assignment Rule", EXAMPLE_ASSIGNMENT_RULE):
		return
	district = example_district()
	clerks = frappe.get_all(
		"Has Role", filters={"role": CLERK_ROLE, "parenttype": "User"}, pluck="parent", distinct=True
	)
	clerks = frappe.get_all("User", filters={"name": ["in", clerks or [""]], "enabled": 1}, pluck="name")
	rule = frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"__newname": EXAMPLE_ASSIGNMENT_RULE,
			"document_type": "Mediation Case",
			"disabled": 1,
			"priority": 0,
			"description": (
				"Example: new cases of one district go round robin to that district's clerks. Copy once "
				"per district, set the district in the condition and the clerks below, then enable."
			),
			"assign_condition": f"status == 'New' and district == {district!r}",
			"unassign_condition": "status == 'Closed'",
			"rule": "Round Robin",
			"users": [{"user": user} for user in sorted(clerks)],
			"assignment_days": [{"day": day} for day in WORKING_DAYS],
		}
	)
	rule.insert(ignore_permissions=True)


def example_district() -> str:
	"""A district of this site for the example's condition (the first top node of the property tree)."""
	doctype = get_property_doctype()
	if frappe.get_meta(doctype).is_nested_set():
		parent = "parent_" + frappe.scrub(doctype)
		name = frappe.db.get_value(doctype, {"is_group": 1, parent: ["in", ["", None]]}, "name")
		if name:
			return name
	return "Bezirk Nord"


def ensure_closure_templates() -> None:
	ensure_email_templates()
	acknowledgement.ensure_email_templates()
	follow_up.ensure_email_templates()
