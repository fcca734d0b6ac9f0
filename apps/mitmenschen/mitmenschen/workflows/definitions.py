"""The four approval workflows, as data, and the ways to move a record through them.

Frappe's Workflow doctype does the bookkeeping (buttons in the desk, state changes, the timeline
entry). The workflows are created on install and on every migrate from `WORKFLOWS`, so the
definition lives in code and is reviewed like code. Who may take a step is a role; the few rules
a role cannot express (the chair approves the minutes, nobody approves their own proposal) are
Workflow conditions, explained by `workflow_rules` when someone tries anyway.
"""

from dataclasses import dataclass, field

import frappe
from frappe.model.workflow import apply_workflow

CLERK = "Mit:Menschen Clerk"
MANAGER = "Mit:Menschen Manager"
STAFF = (CLERK, MANAGER)
SYSTEM_MANAGER = "System Manager"


@dataclass(frozen=True)
class Step:
	state: str
	action: str
	next_state: str
	roles: tuple[str, ...] = STAFF
	condition: str | None = None  # a Workflow condition, evaluated per role row


@dataclass(frozen=True)
class WorkflowDefinition:
	doctype: str
	workflow_name: str
	states: tuple[tuple[str, str], ...]  # (state, indicator style)
	steps: tuple[Step, ...]
	state_field: str = "status"
	messages: dict[str, str] = field(default_factory=dict)
	# state → the fields a person typed, kept as they are while the record is in that state
	read_only_states: dict[str, tuple[str, ...]] = field(default_factory=dict)
	# states the desk shows read-only to staff as a whole (only the state's workflow steps stay); a state
	# with fields that must stay editable marks its frozen fields read-only in its form script instead
	locked_states: tuple[str, ...] = ()


def _archive_from(*states: str) -> tuple[Step, ...]:
	return tuple(Step(state, "Archive", "Archived") for state in states)


NOT_SELF_PROPOSED = "doc.resolution_proposed_by != frappe.session.user"
IS_CHAIR = "doc.chair == frappe.session.user"

WORKFLOWS: tuple[WorkflowDefinition, ...] = (
	WorkflowDefinition(
		doctype="Refugee Household",
		workflow_name="Refugee Household Allocation",
		states=(
			("Announced", "Primary"),
			("Under Review", "Warning"),
			("Allocation Approved", "Info"),
			("Moved In", "Success"),
			("Settled", "Success"),
			("Moved Out", "Inverse"),
			("Archived", "Inverse"),
		),
		steps=(
			Step("Announced", "Review", "Under Review"),
			Step("Under Review", "Approve Allocation", "Allocation Approved", (MANAGER,)),
			Step("Under Review", "Send Back", "Announced"),
			Step("Allocation Approved", "Move In", "Moved In"),
			Step("Moved In", "Mark Settled", "Settled"),
			Step("Moved In", "Move Out", "Moved Out"),
			Step("Settled", "Move Out", "Moved Out"),
			*_archive_from("Announced", "Under Review", "Allocation Approved", "Moved Out"),
		),
	),
	WorkflowDefinition(
		doctype="Mediation Case",
		workflow_name="Mediation Case Resolution",
		states=(
			("New", "Primary"),
			("Triaged", "Info"),
			("In Mediation", "Warning"),
			("Resolution Proposed", "Warning"),
			("Closed", "Success"),
			("Reopened", "Danger"),
		),
		steps=(
			Step("New", "Triage", "Triaged"),
			Step("Triaged", "Start Mediation", "In Mediation"),
			Step("Reopened", "Start Mediation", "In Mediation"),
			Step("In Mediation", "Propose Resolution", "Resolution Proposed"),
			Step("Resolution Proposed", "Approve", "Closed", (MANAGER,), NOT_SELF_PROPOSED),
			Step("Resolution Proposed", "Reject", "In Mediation", (MANAGER,), NOT_SELF_PROPOSED),
			Step("Closed", "Reopen", "Reopened"),
		),
		read_only_states={
			"Closed": (
				"subject",
				"category",
				"priority",
				"channel",
				"description",
				"property_unit",
				"district",
				"respondent_household",
				"interpreter_language",
				"resolution",
			)  # the reporter's contact stays editable: the follow-up after closing needs it
		},
	),
	WorkflowDefinition(
		doctype="Round Table Meeting",
		workflow_name="Round Table Meeting Minutes",
		states=(
			("Planned", "Primary"),
			("Invited", "Info"),
			("Held", "Warning"),
			("Minutes Draft", "Warning"),
			("Minutes Approved", "Success"),
		),
		steps=(
			Step("Planned", "Invite", "Invited"),
			Step("Invited", "Mark Held", "Held"),
			Step("Held", "Draft Minutes", "Minutes Draft"),
			Step("Minutes Draft", "Approve Minutes", "Minutes Approved", (MANAGER,)),
			Step("Minutes Draft", "Approve Minutes", "Minutes Approved", (CLERK,), IS_CHAIR),
		),
		read_only_states={
			"Minutes Approved": (
				"title",
				"starts_on",
				"ends_on",
				"location",
				"meeting_link",
				"chair",
				"minutes",
				"decisions",
			)
		},
		locked_states=("Minutes Approved",),
	),
	WorkflowDefinition(
		doctype="Partner Organisation",
		workflow_name="Partner Organisation Onboarding",
		states=(
			("Proposed", "Primary"),
			("Approved", "Info"),
			("Active", "Success"),
			("Inactive", "Inverse"),
		),
		steps=(
			Step("Proposed", "Approve", "Approved", (MANAGER,)),
			Step("Proposed", "Decline", "Inactive", (MANAGER,)),
			Step("Approved", "Activate", "Active"),
			Step("Active", "Deactivate", "Inactive"),
			Step("Inactive", "Reactivate", "Active", (MANAGER,)),
		),
	),
)

BY_DOCTYPE: dict[str, WorkflowDefinition] = {definition.doctype: definition for definition in WORKFLOWS}


def ensure_workflows() -> None:
	"""Create or update the workflows, their states and actions. Safe to run on every migrate."""
	for definition in WORKFLOWS:
		for state, style in definition.states:
			if not frappe.db.exists("Workflow State", state):
				frappe.get_doc(
					{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
				).insert(ignore_permissions=True)
		for action in {step.action for step in definition.steps}:
			if not frappe.db.exists("Workflow Action Master", action):
				frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
					ignore_permissions=True
				)
		_sync_workflow(definition)


def _sync_workflow(definition: WorkflowDefinition) -> None:
	if frappe.db.exists("Workflow", definition.workflow_name):
		workflow = frappe.get_doc("Workflow", definition.workflow_name)
	else:
		workflow = frappe.new_doc("Workflow")
		workflow.workflow_name = definition.workflow_name
	workflow.update(
		{
			"document_type": definition.doctype,
			"workflow_state_field": definition.state_field,
			"is_active": 1,
			# Frappe would mail every holder of the next role; workflow_notifications mails the
			# responsible person instead.
			"send_email_alert": 0,
			"override_status": 0,
		}
	)
	workflow.set("states", [])
	for state, _style in definition.states:
		# one row per role that may edit a record in this state; a read-only state: only the System
		# Manager (Frappe's desk then shows the form read-only to staff, with the state's steps)
		editors = (SYSTEM_MANAGER,) if state in definition.locked_states else STAFF
		for role in editors:
			workflow.append("states", {"state": state, "doc_status": "0", "allow_edit": role})
	workflow.set("transitions", [])
	for step in definition.steps:
		for role in step.roles:
			workflow.append(
				"transitions",
				{
					"state": step.state,
					"action": step.action,
					"next_state": step.next_state,
					"allowed": role,
					"allow_self_approval": 1,  # our self-approval rule is about the proposer, see conditions
					"condition": step.condition,
				},
			)
	workflow.flags.ignore_permissions = True
	workflow.save()


def remove_workflows() -> None:
	for definition in WORKFLOWS:
		frappe.delete_doc("Workflow", definition.workflow_name, ignore_missing=True, force=True)


def apply_system_action(doc, action: str):
	"""Take a workflow step on behalf of the system (a reply reopens a case, a job archives).

	Runs as Administrator, who holds every role; conditions still apply."""
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		return apply_workflow(doc, action)
	finally:
		frappe.set_user(user)


def seed_state(doctype: str, name: str, state: str) -> None:
	"""Put a record into a state without walking the workflow — for demo data and test fixtures only,
	where the history is invented anyway."""
	frappe.db.set_value(doctype, name, BY_DOCTYPE[doctype].state_field, state, update_modified=False)
	frappe.cache.delete_value("mitmenschen:partner_organisation")  # an organisation's status may gate access


def insert_in_state(values: dict):
	"""Insert a record that is already past the first state (demo data, fixtures): it goes in at the
	first state, as the workflow demands, and is then seeded into its state."""
	definition = BY_DOCTYPE.get(values["doctype"])
	state = values.get(definition.state_field) if definition else None
	first_state = definition.states[0][0] if definition else None
	doc = frappe.get_doc({**values, definition.state_field: first_state} if state else values).insert()
	if state and state != first_state:
		seed_state(doc.doctype, doc.name, state)
		doc.reload()
	return doc
